import Foundation

/// A small gzip (RFC 1952) writer: LZ77 matching with fixed-Huffman DEFLATE blocks.
///
/// Used for the SARIF upload, whose `sarif` field must be gzip-compressed then base64-encoded.
/// Plain Swift, so the module needs no C zlib; JSON compresses well with fixed codes.
public enum Gzip {
    /// Returns `data` as a gzip member.
    public static func compress(_ data: Data) -> Data {
        let input = [UInt8](data)
        var writer = BitWriter()
        // Header: magic, CM=deflate, no flags, mtime 0, XFL 0, OS unknown.
        writer.bytes.append(contentsOf: [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF])
        Deflate.compressFixed(input, into: &writer)
        writer.flush()
        let crc = CRC32.checksum(input)
        let size = UInt32(truncatingIfNeeded: input.count)
        for shift in stride(from: 0, to: 32, by: 8) { writer.bytes.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { writer.bytes.append(UInt8((size >> UInt32(shift)) & 0xFF)) }
        return Data(writer.bytes)
    }
}

/// CRC-32 (IEEE 802.3), as gzip needs.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var value = UInt32(index)
        for _ in 0..<8 { value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1) }
        return value
    }

    /// The CRC-32 of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// LSB-first bit packing as DEFLATE requires.
struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: UInt32, bits: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }

    /// Writes a Huffman code, which DEFLATE stores most significant bit first.
    mutating func writeCode(_ code: UInt32, bits: Int) {
        var reversed: UInt32 = 0
        var value = code
        for _ in 0..<bits {
            reversed = (reversed << 1) | (value & 1)
            value >>= 1
        }
        write(reversed, bits: bits)
    }

    mutating func flush() {
        if count > 0 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer = 0
            count = 0
        }
    }
}

/// DEFLATE (RFC 1951) compression with one fixed-Huffman block.
enum Deflate {
    static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
        195, 227, 258,
    ]
    static let lengthExtra: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
        4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    private static let windowSize = 32_768
    private static let hashBits = 15
    private static let maxChain = 48
    private static let minMatch = 3
    private static let maxMatch = 258

    static func compressFixed(_ input: [UInt8], into writer: inout BitWriter) {
        writer.write(1, bits: 1)  // BFINAL
        writer.write(1, bits: 2)  // BTYPE = fixed Huffman
        let count = input.count
        var head = [Int32](repeating: -1, count: 1 << hashBits)
        var previous = [Int32](repeating: -1, count: windowSize)
        func hash(_ position: Int) -> Int {
            let value = (Int(input[position]) << 10) ^ (Int(input[position + 1]) << 5) ^ Int(input[position + 2])
            return ((value &* 2_654_435_761) >> 7) & ((1 << hashBits) - 1)
        }
        func insert(_ position: Int) {
            guard position + minMatch <= count else { return }
            let key = hash(position)
            previous[position & (windowSize - 1)] = head[key]
            head[key] = Int32(position)
        }
        var position = 0
        while position < count {
            var bestLength = 0
            var bestDistance = 0
            if position + minMatch <= count {
                var candidate = Int(head[hash(position)])
                var chain = 0
                let limit = min(maxMatch, count - position)
                while candidate >= 0, position - candidate <= windowSize, chain < maxChain {
                    if input[candidate + bestLength] == input[position + bestLength] || bestLength == 0 {
                        var length = 0
                        while length < limit, input[candidate + length] == input[position + length] { length += 1 }
                        if length > bestLength {
                            bestLength = length
                            bestDistance = position - candidate
                            if length == limit { break }
                        }
                    }
                    let next = Int(previous[candidate & (windowSize - 1)])
                    if next >= candidate { break }
                    candidate = next
                    chain += 1
                }
            }
            if bestLength >= minMatch {
                writeLength(bestLength, into: &writer)
                writeDistance(bestDistance, into: &writer)
                for offset in 0..<bestLength { insert(position + offset) }
                position += bestLength
            } else {
                writeLiteral(Int(input[position]), into: &writer)
                insert(position)
                position += 1
            }
        }
        writeLiteral(256, into: &writer)
    }

    private static func writeLiteral(_ symbol: Int, into writer: inout BitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(UInt32(0x30 + symbol), bits: 8)
        case 144...255: writer.writeCode(UInt32(0x190 + symbol - 144), bits: 9)
        case 256...279: writer.writeCode(UInt32(symbol - 256), bits: 7)
        default: writer.writeCode(UInt32(0xC0 + symbol - 280), bits: 8)
        }
    }

    private static func writeLength(_ length: Int, into writer: inout BitWriter) {
        var index = lengthBase.count - 1
        while lengthBase[index] > length { index -= 1 }
        writeLiteral(257 + index, into: &writer)
        if lengthExtra[index] > 0 {
            writer.write(UInt32(length - lengthBase[index]), bits: lengthExtra[index])
        }
    }

    private static func writeDistance(_ distance: Int, into writer: inout BitWriter) {
        var index = distanceBase.count - 1
        while distanceBase[index] > distance { index -= 1 }
        writer.writeCode(UInt32(index), bits: 5)
        if distanceExtra[index] > 0 {
            writer.write(UInt32(distance - distanceBase[index]), bits: distanceExtra[index])
        }
    }
}
