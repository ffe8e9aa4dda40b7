import Synchronization

/// One pack: its index and its `.pack` data file, read with positional reads.
///
/// The data file is opened on first use and its header validated; it is never read whole.
final class GitPack: Sendable {
    /// What an entry in the pack holds.
    enum EntryKind: Sendable {
        case object(GitObjectType)
        case offsetDelta(baseOffset: Int)
        case referenceDelta(base: GitObjectID)
    }

    /// A parsed entry header.
    struct Entry: Sendable {
        var kind: EntryKind
        /// Inflated size of the entry's data (the object, or the delta instructions).
        var size: Int
        /// Where the entry's compressed data starts.
        var dataOffset: Int
    }

    private static let trailerBytes = 20

    /// Unique within one object database, used as a cache key.
    let id: Int
    let index: GitPackIndex
    let packPath: String
    private let descriptor = Mutex<GitFileDescriptor?>(nil)

    init(id: Int, index: GitPackIndex, packPath: String) {
        self.id = id
        self.index = index
        self.packPath = packPath
    }

    /// The open data file, opening and validating it on first use.
    func file() throws(GitReadError) -> GitFileDescriptor {
        try descriptor.withLock { (slot) throws(GitReadError) -> GitFileDescriptor in
            if let open = slot { return open }
            guard let opened = try GitFileDescriptor.open(packPath) else {
                throw GitReadError(
                    code: .notFound, path: packPath,
                    message: "pack data file disappeared (a concurrent `git gc`?); read the repository again")
            }
            try Self.validateHeader(opened, objectCount: index.count)
            slot = opened
            return opened
        }
    }

    private static func validateHeader(_ file: GitFileDescriptor, objectCount: Int) throws(GitReadError) {
        var header = [UInt8](repeating: 0, count: 12)
        let count = try header.withGitMutableBytes { (buffer) throws(GitReadError) -> Int in
            try file.read(into: buffer, at: 0)
        }
        guard count == 12, file.size >= 12 + trailerBytes else {
            throw GitReadError.corrupt(file.path, "pack file is truncated (\(file.size) bytes)")
        }
        guard header[0] == UInt8(ascii: "P"), header[1] == UInt8(ascii: "A"), header[2] == UInt8(ascii: "C"),
            header[3] == UInt8(ascii: "K")
        else { throw GitReadError.corrupt(file.path, "pack file does not start with PACK") }
        let version = header[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard version == 2 || version == 3 else {
            throw GitReadError(
                code: .unsupported, path: file.path, message: "pack version \(version) is not supported; use git")
        }
        let objects = header[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard Int(objects) == objectCount else {
            throw GitReadError.corrupt(
                file.path, "pack holds \(objects) objects but its index lists \(objectCount); run `git index-pack`")
        }
    }

    /// Parses the entry header at `offset`.
    func entry(at offset: Int) throws(GitReadError) -> Entry {
        let file = try file()
        let end = file.size - Self.trailerBytes
        guard offset >= 12, offset < end else {
            throw GitReadError.corrupt(packPath, "object offset \(offset) lies outside the pack data (size \(file.size))")
        }
        var header = [UInt8](repeating: 0, count: min(32, end - offset))
        let available = try header.withGitMutableBytes { (buffer) throws(GitReadError) -> Int in
            try file.read(into: buffer, at: offset)
        }
        func truncated() -> GitReadError {
            GitReadError.corrupt(packPath, "object header at offset \(offset) is truncated or malformed")
        }
        var cursor = 0
        func next() throws(GitReadError) -> UInt8 {
            guard cursor < available else { throw truncated() }
            defer { cursor += 1 }
            return header[cursor]
        }
        var byte = try next()
        let typeCode = (byte >> 4) & 0x7
        var size = UInt64(byte & 0x0F)
        var shift: UInt64 = 4
        while byte & 0x80 != 0 {
            byte = try next()
            guard shift <= 56 else { throw truncated() }
            size |= UInt64(byte & 0x7F) << shift
            shift += 7
        }
        guard size <= UInt64(Int.max) else { throw truncated() }
        let kind: EntryKind
        switch typeCode {
        case 1, 2, 3, 4:
            kind = .object(GitObjectType(rawValue: typeCode)!)
        case 6:
            // Offset encoding: each continuation adds one before shifting (git's "offset encoding").
            byte = try next()
            var distance = UInt64(byte & 0x7F)
            while byte & 0x80 != 0 {
                byte = try next()
                guard distance < (UInt64(1) << 56) else { throw truncated() }
                distance = ((distance + 1) << 7) | UInt64(byte & 0x7F)
            }
            guard distance > 0, distance <= UInt64(offset - 12) else {
                throw GitReadError.corrupt(packPath, "delta at offset \(offset) points at an impossible base")
            }
            kind = .offsetDelta(baseOffset: offset - Int(distance))
        case 7:
            guard cursor + 20 <= available else { throw truncated() }
            let base = header.withUnsafeBytes { GitObjectID($0, at: cursor) }
            cursor += 20
            kind = .referenceDelta(base: base)
        default:
            throw GitReadError.corrupt(packPath, "object at offset \(offset) has invalid type \(typeCode)")
        }
        return Entry(kind: kind, size: Int(size), dataOffset: offset + cursor)
    }

    /// Inflates an entry's data (exactly `entry.size` bytes) with positional reads.
    func inflate(_ entry: Entry) throws(GitReadError) -> [UInt8] {
        let file = try file()
        let end = file.size - Self.trailerBytes
        var position = entry.dataOffset
        let chunk = min(max(entry.size + 64, 256), 1 << 16)
        let inflater = try GitInflater(path: packPath, chunkSize: chunk) { (buffer) throws(GitReadError) -> Int in
            let wanted = min(buffer.count, end - position)
            guard wanted > 0 else { return 0 }
            let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: position)
            position += count
            return count
        }
        return try inflater.readExactly(entry.size)
    }
}
