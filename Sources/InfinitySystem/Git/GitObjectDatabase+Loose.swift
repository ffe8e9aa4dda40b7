extension GitObjectDatabase {
    /// Reads a loose object from any objects directory (main or alternate).
    func readLooseAnywhere(_ id: GitObjectID) throws(GitReadError) -> GitObject? {
        for directory in try directories() {
            if let found = try readLoose(id, in: directory, maxBytes: nil) { return found }
        }
        return nil
    }

    /// Reads the loose object `id` from `directory`, streaming the file; nil when absent.
    func readLoose(_ id: GitObjectID, in directory: String, maxBytes: Int?) throws(GitReadError) -> GitObject? {
        let hex = id.hex
        let path = directory + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
        guard let file = try GitFileDescriptor.open(path, withSize: false) else { return nil }
        let inflater = try GitInflater(path: path, chunkSize: 8192) {
            (buffer) throws(GitReadError) -> Int in try file.readNext(into: buffer)
        }
        // "<type> <decimal size>\0" fits in 32 bytes; the rest of those bytes is content.
        var head = [UInt8](repeating: 0, count: 32)
        let headCount = try head.withGitMutableBytes { (buffer) throws(GitReadError) -> Int in try inflater.read(into: buffer) }
        func corrupt(_ message: String) -> GitReadError {
            GitReadError.corrupt(path, "loose object \(message); delete it and fetch again, or run `git fsck`")
        }
        guard let nul = head[0..<headCount].firstIndex(of: 0), let space = head[0..<nul].firstIndex(of: UInt8(ascii: " "))
        else { throw corrupt("has no valid header") }
        guard let type = GitObjectType(name: head[0..<space]) else { throw corrupt("has an unknown type") }
        let digits = head[(space + 1)..<nul]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw corrupt("has a malformed size")
        }
        let size = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        guard size <= limits.maxObjectBytes else {
            throw GitReadError(
                code: .tooLarge, path: path,
                message: "object \(hex) has \(size) bytes, over GitReadLimits.maxObjectBytes (\(limits.maxObjectBytes))")
        }
        if let maxBytes { try Self.checkSize(size, maxBytes, id: id, path: path) }
        let already = headCount - (nul + 1)
        guard already <= size else { throw corrupt("is longer than its header declares") }
        var data = [UInt8](repeating: 0, count: size)
        data.replaceSubrange(0..<already, with: head[(nul + 1)..<headCount])
        let rest = try data.withGitMutableBytes { (buffer) throws(GitReadError) -> Int in
            try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[already...]))
        }
        guard already + rest == size else { throw corrupt("is truncated (\(already + rest) of \(size) bytes)") }
        try inflater.finish()
        return GitObject(type: type, data: data)
    }
}
