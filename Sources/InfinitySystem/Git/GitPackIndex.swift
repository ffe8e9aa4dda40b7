/// A pack's memory-mapped `.idx` file (version 2, or the older version 1), validated on open.
///
/// Every read is bounds-checked against the mapping, so a truncated or corrupt index yields a
/// `.corrupt` ``GitReadError`` instead of a crash.
final class GitPackIndex: Sendable {
    private static let headerMagic: UInt32 = 0xFF74_4F63  // "\377tOc"
    private static let trailerBytes = 40  // pack checksum + index checksum

    let path: String
    /// Number of objects in the pack.
    let count: Int
    /// 1 or 2.
    let version: Int
    private let file: GitMappedFile
    private let fanoutStart: Int
    private let namesStart: Int
    private let nameStride: Int
    private let offsetsStart: Int
    private let largeOffsetsStart: Int
    private let largeOffsetsCount: Int

    /// Maps and validates the index at `path`; nil when the file does not exist.
    static func open(_ path: String) throws(GitReadError) -> GitPackIndex? {
        guard let file = try GitMappedFile.map(path) else { return nil }
        return try GitPackIndex(file: file)
    }

    private init(file: GitMappedFile) throws(GitReadError) {
        self.file = file
        path = file.path
        let bytes = file.bytes
        let size = bytes.count
        func corrupt(_ message: String) -> GitReadError {
            GitReadError.corrupt(file.path, "\(message); delete the pack's .idx and run `git index-pack` on the .pack, or re-clone")
        }
        guard size >= 1024 + Self.trailerBytes else { throw corrupt("pack index is truncated (\(size) bytes)") }
        if Self.be32(bytes, 0) == Self.headerMagic {
            let declaredVersion = Self.be32(bytes, 4)
            guard declaredVersion == 2 else {
                throw GitReadError(
                    code: .unsupported, path: file.path,
                    message: "pack index version \(declaredVersion) is not supported; use the git command line")
            }
            guard size >= 8 + 1024 + Self.trailerBytes else { throw corrupt("pack index is truncated (\(size) bytes)") }
            version = 2
            fanoutStart = 8
        } else {
            version = 1
            fanoutStart = 0
        }
        // The fan-out table must never decrease; its last entry is the object count.
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let value = Self.be32(bytes, fanoutStart + slot * 4)
            guard value >= previous else { throw corrupt("pack index fan-out table decreases at slot \(slot)") }
            previous = value
        }
        count = Int(previous)
        if version == 2 {
            namesStart = fanoutStart + 1024
            nameStride = 20
            let crcStart = namesStart + count * 20
            offsetsStart = crcStart + count * 4
            largeOffsetsStart = offsetsStart + count * 4
            let minimum = largeOffsetsStart + Self.trailerBytes
            guard size >= minimum else {
                throw corrupt("pack index is truncated: \(size) bytes for \(count) objects (needs at least \(minimum))")
            }
            let extra = size - minimum
            guard extra % 8 == 0 else { throw corrupt("pack index has a malformed 64-bit offset table") }
            largeOffsetsCount = extra / 8
        } else {
            namesStart = 1024 + 4
            nameStride = 24
            offsetsStart = 1024
            largeOffsetsStart = 0
            largeOffsetsCount = 0
            let expected = 1024 + count * 24 + Self.trailerBytes
            guard size == expected else {
                throw corrupt("version 1 pack index has \(size) bytes for \(count) objects (expected \(expected))")
            }
        }
    }

    /// The pack offset of object `id`, or nil when this pack does not hold it.
    func offset(of id: GitObjectID) throws(GitReadError) -> Int? {
        guard let position = position(of: id) else { return nil }
        return try offset(at: position)
    }

    /// The object id at sorted position `position` (0 ..< count).
    func objectID(at position: Int) -> GitObjectID {
        GitObjectID(file.bytes, at: namesStart + position * nameStride)
    }

    private func position(of id: GitObjectID) -> Int? {
        let bytes = file.bytes
        let slot = Int(id.firstByte)
        var low = slot == 0 ? 0 : Int(Self.be32(bytes, fanoutStart + (slot - 1) * 4))
        var high = Int(Self.be32(bytes, fanoutStart + slot * 4))
        let base = bytes.baseAddress!
        while low < high {
            let middle = low + (high - low) / 2
            let order = id.compare(toBytesAt: base + namesStart + middle * nameStride)
            if order == 0 { return middle }
            if order > 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func offset(at position: Int) throws(GitReadError) -> Int {
        let bytes = file.bytes
        if version == 1 {
            return Int(Self.be32(bytes, offsetsStart + position * 24))
        }
        let small = Self.be32(bytes, offsetsStart + position * 4)
        guard small & 0x8000_0000 != 0 else { return Int(small) }
        let slot = Int(small & 0x7FFF_FFFF)
        guard slot < largeOffsetsCount else {
            throw GitReadError.corrupt(path, "pack index points past its 64-bit offset table (entry \(slot) of \(largeOffsetsCount))")
        }
        let large = Self.be64(bytes, largeOffsetsStart + slot * 8)
        guard large <= UInt64(Int64.max) else {
            throw GitReadError.corrupt(path, "pack index holds an impossible 64-bit offset")
        }
        return Int(large)
    }

    private static func be32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func be64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
