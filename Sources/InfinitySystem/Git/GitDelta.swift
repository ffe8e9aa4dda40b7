/// Git's delta format: a base size, a result size, then copy and insert instructions.
enum GitDelta {
    /// The sizes at the start of a delta and where its instructions begin.
    struct Header {
        var baseSize: Int
        var resultSize: Int
        var instructionsStart: Int
    }

    /// Parses the two size varints at the start of `delta`.
    static func header(_ delta: [UInt8], path: String) throws(GitReadError) -> Header {
        var cursor = 0
        let baseSize = try varint(delta, &cursor, path: path)
        let resultSize = try varint(delta, &cursor, path: path)
        return Header(baseSize: baseSize, resultSize: resultSize, instructionsStart: cursor)
    }

    /// Applies `delta` to `base`; every copy and insert is checked against both buffers.
    static func apply(_ delta: [UInt8], to base: [UInt8], path: String, maxResultBytes: Int) throws(GitReadError) -> [UInt8] {
        let header = try header(delta, path: path)
        func corrupt(_ message: String) -> GitReadError {
            GitReadError.corrupt(path, "delta is malformed: \(message); run `git fsck` and re-clone if it fails")
        }
        guard header.baseSize == base.count else {
            throw corrupt("expects a \(header.baseSize)-byte base but the base has \(base.count) bytes")
        }
        guard header.resultSize <= maxResultBytes else {
            throw GitReadError(
                code: .tooLarge, path: path,
                message: "delta result of \(header.resultSize) bytes exceeds the \(maxResultBytes)-byte limit")
        }
        var result: [UInt8] = []
        result.reserveCapacity(header.resultSize)
        var cursor = header.instructionsStart
        let count = delta.count
        while cursor < count {
            let op = delta[cursor]
            cursor += 1
            if op & 0x80 != 0 {
                var offset = 0
                var size = 0
                for bit in 0..<4 where op & (1 << bit) != 0 {
                    guard cursor < count else { throw corrupt("copy instruction is truncated") }
                    offset |= Int(delta[cursor]) << (8 * bit)
                    cursor += 1
                }
                for bit in 0..<3 where op & (0x10 << bit) != 0 {
                    guard cursor < count else { throw corrupt("copy instruction is truncated") }
                    size |= Int(delta[cursor]) << (8 * bit)
                    cursor += 1
                }
                if size == 0 { size = 0x10000 }
                guard offset + size <= base.count else { throw corrupt("copy reaches past the end of the base") }
                guard result.count + size <= header.resultSize else { throw corrupt("result grows past its declared size") }
                result.append(contentsOf: base[offset..<(offset + size)])
            } else if op != 0 {
                let size = Int(op)
                guard cursor + size <= count else { throw corrupt("insert instruction is truncated") }
                guard result.count + size <= header.resultSize else { throw corrupt("result grows past its declared size") }
                result.append(contentsOf: delta[cursor..<(cursor + size)])
                cursor += size
            } else {
                throw corrupt("uses the reserved instruction 0")
            }
        }
        guard result.count == header.resultSize else {
            throw corrupt("produces \(result.count) bytes instead of the declared \(header.resultSize)")
        }
        return result
    }

    private static func varint(_ bytes: [UInt8], _ cursor: inout Int, path: String) throws(GitReadError) -> Int {
        var value = 0
        var shift = 0
        while true {
            guard cursor < bytes.count, shift <= 56 else {
                throw GitReadError.corrupt(path, "delta size header is truncated or too large")
            }
            let byte = bytes[cursor]
            cursor += 1
            value |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
    }
}
