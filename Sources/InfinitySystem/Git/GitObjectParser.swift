/// Parses commit, tag and tree object content.
enum GitObjectParser {
    /// Parses a commit's header and message.
    static func commit(_ data: [UInt8], sha: String, path: String) throws(GitReadError) -> GitCommit {
        func corrupt(_ message: String) -> GitReadError {
            GitReadError.corrupt(path, "commit \(sha) \(message); run `git fsck`")
        }
        var tree: String?
        var parents: [String] = []
        var author: GitSignatureTime?
        var committer: GitSignatureTime?
        var cursor = 0
        var messageStart = data.count
        while cursor < data.count {
            let end = data[cursor...].firstIndex(of: 10) ?? data.count
            let line = data[cursor..<end]
            cursor = end + 1
            if line.isEmpty {
                messageStart = min(cursor, data.count)
                break
            }
            if line.first == 32 { continue }  // continuation of a multi-line header (gpgsig, mergetag)
            guard let space = line.firstIndex(of: 32) else { continue }
            let key = line[line.startIndex..<space]
            let value = line[(space + 1)...]
            switch String(decoding: key, as: UTF8.self) {
            case "tree":
                guard tree == nil, GitHex.isHex(value, count: 40) else { throw corrupt("has a malformed tree line") }
                tree = String(decoding: value, as: UTF8.self).lowercased()
            case "parent":
                guard GitHex.isHex(value, count: 40) else { throw corrupt("has a malformed parent line") }
                parents.append(String(decoding: value, as: UTF8.self).lowercased())
            case "author":
                author = try signatureTime(value, field: "author", corrupt: corrupt)
            case "committer":
                committer = try signatureTime(value, field: "committer", corrupt: corrupt)
            default:
                continue
            }
        }
        guard let tree else { throw corrupt("has no tree line") }
        guard let committer else { throw corrupt("has no committer line") }
        let message = String(decoding: data[messageStart...], as: UTF8.self)
        return GitCommit(
            sha: sha, tree: tree, parents: parents, author: author ?? committer, committer: committer, message: message)
    }

    /// Reads `<name> <email> <seconds> <+hhmm>` from the end of an author or committer line.
    private static func signatureTime(
        _ value: ArraySlice<UInt8>, field: String, corrupt: (String) -> GitReadError
    ) throws(GitReadError) -> GitSignatureTime {
        let afterEmail = (value.lastIndex(of: UInt8(ascii: ">")).map { $0 + 1 }) ?? value.startIndex
        let parts = value[afterEmail...].split(separator: 32)
        guard parts.count >= 2, let seconds = Int64(String(decoding: parts[0], as: UTF8.self)) else {
            throw corrupt("has a malformed \(field) date")
        }
        let zone = Array(parts[1])
        guard zone.count == 5, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
            zone[1...].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { throw corrupt("has a malformed \(field) time zone") }
        let hours = Int(zone[1] - 48) * 10 + Int(zone[2] - 48)
        let minutes = Int(zone[3] - 48) * 10 + Int(zone[4] - 48)
        let offset = hours * 60 + minutes
        return GitSignatureTime(secondsSince1970: seconds, utcOffsetMinutes: zone[0] == UInt8(ascii: "-") ? -offset : offset)
    }

    /// The object an annotated tag points at.
    static func tagTarget(_ data: [UInt8], sha: String, path: String) throws(GitReadError) -> GitObjectID {
        let prefix = Array("object ".utf8)
        guard data.count >= 47, data.starts(with: prefix),
            let target = GitObjectID(hex: String(decoding: data[7..<47], as: UTF8.self))
        else { throw GitReadError.corrupt(path, "tag \(sha) has no valid object line; run `git fsck`") }
        return target
    }

    /// Parses a tree's entries in stored (git) order.
    static func tree(_ data: [UInt8], sha: String, path: String) throws(GitReadError) -> [GitTreeEntry] {
        func corrupt(_ message: String) -> GitReadError {
            GitReadError.corrupt(path, "tree \(sha) \(message); run `git fsck`")
        }
        var entries: [GitTreeEntry] = []
        var cursor = 0
        try data.withGitBytes { (bytes) throws(GitReadError) in
            while cursor < bytes.count {
                guard let space = bytes[cursor...].firstIndex(of: 32) else { throw corrupt("has an entry without a mode") }
                guard let nul = bytes[(space + 1)...].firstIndex(of: 0) else { throw corrupt("has an entry without a name end") }
                guard nul + 21 <= bytes.count else { throw corrupt("is truncated") }
                let mode = bytes[cursor..<space].reduce(into: UInt32(0)) { result, digit in
                    result = result &* 8 &+ UInt32(digit &- 48)
                }
                guard space > cursor, space - cursor <= 7, bytes[cursor..<space].allSatisfy({ $0 >= 48 && $0 <= 55 }) else {
                    throw corrupt("has a malformed mode")
                }
                let kind: GitTreeEntry.Kind
                switch mode {
                case 0o040000: kind = .tree
                case 0o120000: kind = .symlink
                case 0o160000: kind = .submodule
                case 0o100000...0o100777: kind = mode & 0o111 != 0 ? .executable : .blob
                default: throw corrupt("has an entry with unknown mode \(String(mode, radix: 8))")
                }
                guard nul > space + 1 else { throw corrupt("has an entry with an empty name") }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(space + 1)..<nul]), as: UTF8.self)
                let id = GitObjectID(bytes, at: nul + 1)
                entries.append(GitTreeEntry(name: name, kind: kind, sha: id.hex))
                cursor = nul + 21
            }
        }
        return entries
    }
}
