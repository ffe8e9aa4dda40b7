import Foundation
import GitHubKit

/// A small gzip/DEFLATE decoder (stored, fixed and dynamic Huffman blocks), used by the test
/// server to check SARIF uploads. Bounded: never produces more than `limit` bytes.
public enum Inflate {
    /// Why decoding failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What was wrong.
        public var description: String
    }

    /// Decodes one gzip member and checks its CRC-32 and length.
    public static func gunzip(_ data: Data, limit: Int) throws -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8 else {
            throw Failure(description: "not a gzip member")
        }
        let flags = bytes[3]
        var position = 10
        if flags & 4 != 0 {
            guard position + 2 <= bytes.count else { throw Failure(description: "truncated header") }
            position += 2 + (Int(bytes[position]) | (Int(bytes[position + 1]) << 8))
        }
        for flag in [UInt8(8), 16] where flags & flag != 0 {
            while position < bytes.count, bytes[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 2 != 0 { position += 2 }
        guard position < bytes.count else { throw Failure(description: "truncated header") }
        var reader = BitReader(bytes: bytes, position: position)
        let output = try inflate(&reader, limit: limit)
        let trailer = reader.alignedPosition
        guard trailer + 8 <= bytes.count else { throw Failure(description: "truncated trailer") }
        func word(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
        }
        guard word(trailer) == CRC32.checksum(output) else { throw Failure(description: "CRC mismatch") }
        guard word(trailer + 4) == UInt32(truncatingIfNeeded: output.count) else { throw Failure(description: "length mismatch") }
        return Data(output)
    }

    struct BitReader {
        let bytes: [UInt8]
        var position: Int
        var buffer: UInt32 = 0
        var count = 0

        mutating func bits(_ needed: Int) throws -> Int {
            while count < needed {
                guard position < bytes.count else { throw Failure(description: "unexpected end of data") }
                buffer |= UInt32(bytes[position]) << UInt32(count)
                position += 1
                count += 8
            }
            let value = Int(buffer & ((UInt32(1) << UInt32(needed)) - 1))
            buffer = needed == 32 ? 0 : buffer >> UInt32(needed)
            count -= needed
            return value
        }

        mutating func align() {
            buffer = 0
            count = 0
        }

        var alignedPosition: Int { position }
    }

    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws {
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure(description: "invalid Huffman code")
        }
    }

    static func inflate(_ reader: inout BitReader, limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.align()
                let length = try reader.bits(16)
                let complement = try reader.bits(16)
                guard length == (~complement & 0xFFFF) else { throw Failure(description: "stored block length mismatch") }
                for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for index in 144..<256 { lengths[index] = 9 }
                for index in 256..<280 { lengths[index] = 7 }
                try codes(&reader, &output, literal: Huffman(lengths: lengths), distance: Huffman(lengths: [Int](repeating: 5, count: 30)), limit: limit)
            case 2:
                let (literal, distance) = try dynamicTables(&reader)
                try codes(&reader, &output, literal: literal, distance: distance, limit: limit)
            default:
                throw Failure(description: "invalid block type")
            }
            guard output.count <= limit else { throw Failure(description: "output larger than \(limit) bytes") }
        }
        return output
    }

    static func dynamicTables(_ reader: inout BitReader) throws -> (Huffman, Huffman) {
        let literals = try reader.bits(5) + 257
        let distances = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[order[index]] = try reader.bits(3) }
        let lengthCode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literals + distances {
            let symbol = try lengthCode.decode(&reader)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Failure(description: "repeat with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try reader.bits(2))))
            case 17: lengths.append(contentsOf: repeatElement(0, count: 3 + (try reader.bits(3))))
            default: lengths.append(contentsOf: repeatElement(0, count: 11 + (try reader.bits(7))))
            }
        }
        guard lengths.count == literals + distances else { throw Failure(description: "too many code lengths") }
        return (try Huffman(lengths: Array(lengths[0..<literals])), try Huffman(lengths: Array(lengths[literals...])))
    }

    static func codes(
        _ reader: inout BitReader, _ output: inout [UInt8], literal: Huffman, distance: Huffman, limit: Int
    ) throws {
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        while true {
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw Failure(description: "invalid length symbol") }
                let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
                let distanceSymbol = try distance.decode(&reader)
                guard distanceSymbol < distanceBase.count else { throw Failure(description: "invalid distance symbol") }
                let back = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
                guard back <= output.count else { throw Failure(description: "distance too far back") }
                let start = output.count - back
                for offset in 0..<length { output.append(output[start + offset]) }
            }
            guard output.count <= limit else { throw Failure(description: "output larger than \(limit) bytes") }
        }
    }
}
