/// FNV-1a, 64-bit: a small, stable, non-cryptographic hash.
///
/// Used for fingerprints of ingested results that carry none and for spreading results
/// over shards. It is not collision-resistant against an adversary; it does not need to
/// be (the package has no crypto dependency, by choice).
enum StableHash {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hashes `parts` unambiguously: each part is prefixed with its UTF-8 length.
    static func fnv1a64(_ parts: [String]) -> UInt64 {
        var hash = offsetBasis
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        for part in parts {
            let bytes = Array(part.utf8)
            for byte in String(bytes.count).utf8 { mix(byte) }
            mix(0x3A)  // ":"
            for byte in bytes { mix(byte) }
        }
        return hash
    }

    /// ``fnv1a64(_:)`` as 16 lowercase hex digits.
    static func hex(_ parts: [String]) -> String {
        let text = String(fnv1a64(parts), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
