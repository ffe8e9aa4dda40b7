/// A SHA-1 object id held as three big-endian integers (no heap allocation); comparing the
/// integers in order compares the 20 bytes lexicographically.
struct GitObjectID: Hashable, Sendable, CustomStringConvertible {
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// Reads 20 bytes starting at `pointer`.
    init(bytes pointer: UnsafeRawPointer) {
        high = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        middle = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        low = UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    /// Reads 20 bytes of `bytes` starting at `offset`; the caller checks the bounds.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        self.init(bytes: bytes.baseAddress! + offset)
    }

    /// Parses 40 hex digits (either case); nil for anything else.
    init?(hex: some StringProtocol) {
        var words: [UInt64] = [0, 0, 0]
        var count = 0
        for unit in hex.utf8 {
            guard count < 40, let nibble = GitHex.nibble(unit) else { return nil }
            words[count / 16] = words[count / 16] << 4 | UInt64(nibble)
            count += 1
        }
        guard count == 40 else { return nil }
        high = words[0]
        middle = words[1]
        low = UInt32(truncatingIfNeeded: words[2])
    }

    /// The 20 raw bytes.
    var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: middle >> (56 - 8 * $0)) }
            + (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * $0)) }
    }

    /// The first byte, used to index a pack index's fan-out table.
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: high >> 56) }

    /// Orders this id against the 20 bytes at `pointer`: negative, zero or positive.
    func compare(toBytesAt pointer: UnsafeRawPointer) -> Int {
        let otherHigh = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        if high != otherHigh { return high < otherHigh ? -1 : 1 }
        let otherMiddle = UInt64(bigEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if middle != otherMiddle { return middle < otherMiddle ? -1 : 1 }
        let otherLow = UInt32(bigEndian: pointer.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        if low != otherLow { return low < otherLow ? -1 : 1 }
        return 0
    }

    /// 40 lowercase hex digits.
    var hex: String {
        String(unsafeUninitializedCapacity: 40) { out in
            var index = 0
            func put(_ value: UInt64, digits: Int) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    out[index] = GitHex.digit(UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF)
                    index += 1
                }
            }
            put(high, digits: 16)
            put(middle, digits: 16)
            put(UInt64(low), digits: 8)
            return index
        }
    }

    var description: String { hex }
}

/// Hex encoding helpers.
enum GitHex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func digit(_ value: UInt8) -> UInt8 { digits[Int(value)] }

    static func nibble(_ unit: UInt8) -> UInt8? {
        switch unit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return unit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return unit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return unit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for byte in bytes {
                out[i] = digits[Int(byte >> 4)]
                out[i + 1] = digits[Int(byte & 0xF)]
                i += 2
            }
            return i
        }
    }

    /// True when `text` is exactly `count` hex digits.
    static func isHex(_ text: some Collection<UInt8>, count: Int) -> Bool {
        var n = 0
        for unit in text {
            guard nibble(unit) != nil else { return false }
            n += 1
        }
        return n == count
    }
}
