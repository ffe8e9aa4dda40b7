import Foundation

/// Builds pack files, pack indexes, loose objects and deltas by hand, for cases git never
/// writes (cross-pack reference deltas, delta cycles, malformed deltas).
///
/// Compression uses zlib "stored" blocks, so no compressor is needed; git reads them as usual.
enum GitPackCrafter {
    enum Entry {
        case full(type: UInt8, data: [UInt8])
        case referenceDelta(base: [UInt8], delta: [UInt8])
        case offsetDelta(baseEntry: Int, delta: [UInt8])
    }

    /// A zlib stream holding `data` in stored (uncompressed) blocks.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var position = 0
        repeat {
            let length = min(65_535, data.count - position)
            let final: UInt8 = position + length == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[position..<(position + length)]
            position += length
        } while position < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = b << 16 | a
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    /// A loose object file's bytes: zlib("type size\0data").
    static func looseObject(type: String, data: [UInt8], declaredSize: Int? = nil) -> [UInt8] {
        zlibStored(Array("\(type) \(declaredSize ?? data.count)\0".utf8) + data)
    }

    /// Git's size varint used at the start of a delta.
    static func deltaSize(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            out.append(byte)
        } while value > 0
        return out
    }

    /// A delta that copies `copy` (offset, length) from the base, then inserts `insert`.
    static func delta(baseSize: Int, resultSize: Int, copy: (offset: Int, length: Int)?, insert: [UInt8]) -> [UInt8] {
        var out = deltaSize(baseSize) + deltaSize(resultSize)
        if let copy {
            var op: UInt8 = 0x80
            var args: [UInt8] = []
            for i in 0..<4 where (copy.offset >> (8 * i)) & 0xFF != 0 {
                op |= 1 << i
                args.append(UInt8((copy.offset >> (8 * i)) & 0xFF))
            }
            for i in 0..<3 where (copy.length >> (8 * i)) & 0xFF != 0 {
                op |= 0x10 << i
                args.append(UInt8((copy.length >> (8 * i)) & 0xFF))
            }
            out += [op] + args
        }
        var rest = insert[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(127)
            out.append(UInt8(chunk.count))
            out += chunk
            rest = rest.dropFirst(chunk.count)
        }
        return out
    }

    /// Writes `name.pack` and `name.idx` (version 2) into `directory`.
    /// `ids` are the 20-byte object ids of the entries, in entry order.
    static func writePack(_ entries: [Entry], ids: [[UInt8]], directory: String, name: String) throws {
        var pack: [UInt8] = Array("PACK".utf8) + be32(2) + be32(UInt32(entries.count))
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(pack.count)
            switch entry {
            case .full(let type, let data):
                pack += entryHeader(type: type, size: data.count) + zlibStored(data)
            case .referenceDelta(let base, let delta):
                pack += entryHeader(type: 7, size: delta.count) + base + zlibStored(delta)
            case .offsetDelta(let baseEntry, let delta):
                pack += entryHeader(type: 6, size: delta.count) + offsetEncoding(offsets.last! - offsets[baseEntry])
                    + zlibStored(delta)
            }
        }
        let checksum = [UInt8](repeating: 0xAB, count: 20)
        pack += checksum
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + be32(2)
        let order = ids.indices.sorted { ids[$0].lexicographicallyPrecedes(ids[$1]) }
        for slot in 0..<256 { index += be32(UInt32(order.filter { ids[$0][0] <= UInt8(slot) }.count)) }
        for position in order { index += ids[position] }
        for _ in order { index += be32(0) }  // CRC32s: git does not check them when reading
        for position in order { index += be32(UInt32(offsets[position])) }
        index += checksum + [UInt8](repeating: 0, count: 20)
        try Data(pack).write(to: URL(fileURLWithPath: "\(directory)/\(name).pack"))
        try Data(index).write(to: URL(fileURLWithPath: "\(directory)/\(name).idx"))
    }

    private static func entryHeader(type: UInt8, size: Int) -> [UInt8] {
        var size = size
        var byte = (type << 4) | UInt8(size & 0x0F)
        size >>= 4
        var out: [UInt8] = []
        while size > 0 {
            out.append(byte | 0x80)
            byte = UInt8(size & 0x7F)
            size >>= 7
        }
        out.append(byte)
        return out
    }

    private static func offsetEncoding(_ distance: Int) -> [UInt8] {
        var value = distance
        var out = [UInt8(value & 0x7F)]
        value >>= 7
        while value > 0 {
            value -= 1
            out.insert(0x80 | UInt8(value & 0x7F), at: 0)
            value >>= 7
        }
        return out
    }

    private static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// 40 hex digits to 20 bytes.
    static func rawID(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }
}
