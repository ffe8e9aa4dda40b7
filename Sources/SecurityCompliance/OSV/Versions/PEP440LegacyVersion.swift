extension PEP440Version {
    /// The sort key setuptools (and `packaging` before 22) gave a version that is not PEP 440.
    ///
    /// The lower-cased string is split into runs of digits, runs of letters, `.` and `-`
    /// (other characters form pieces of their own); numbers are zero-padded to 8 digits,
    /// everything else is prefixed with `*`; `pre`, `preview` and `rc` become `c`, `dev`
    /// becomes `@` and `-` becomes `final-`; trailing zero numbers before a label and a
    /// `final-` before a pre-release label are dropped; `*final` closes the key.
    static func legacyKey(_ lowered: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        let final: [UInt8] = Array("*final".utf8)
        let finalDash: [UInt8] = Array("*final-".utf8)
        let zeros: [UInt8] = Array("00000000".utf8)
        for piece in legacyPieces(lowered) + [final] {
            if piece.first == UInt8(ascii: "*") {
                if Ordering.compareBytes(piece, final) < 0 {
                    while parts.last == finalDash { parts.removeLast() }
                }
                while parts.last == zeros { parts.removeLast() }
            }
            parts.append(piece)
        }
        return parts
    }

    /// The pieces of a legacy version before the trailing-zero clean-up.
    private static func legacyPieces(_ bytes: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var index = 0
        var pending: [UInt8] = []
        func flushPending() {
            if !pending.isEmpty { pieces.append(mapped(pending, isMatch: false)) }
            pending.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isASCIIDigit || (byte >= 97 && byte <= 122) {
                flushPending()
                let isDigit = byte.isASCIIDigit
                let start = index
                while index < bytes.count,
                      isDigit ? bytes[index].isASCIIDigit : (bytes[index] >= 97 && bytes[index] <= 122) {
                    index += 1
                }
                pieces.append(mapped(Array(bytes[start..<index]), isMatch: true))
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") {
                flushPending()
                if byte == UInt8(ascii: "-") { pieces.append(Array("*final-".utf8)) }
                index += 1
            } else {
                pending.append(byte)
                index += 1
            }
        }
        flushPending()
        return pieces
    }

    /// Applies the replacement map and the number padding to one piece.
    private static func mapped(_ piece: [UInt8], isMatch: Bool) -> [UInt8] {
        var text = piece
        if isMatch {
            switch String(decoding: piece, as: UTF8.self) {
            case "pre", "preview", "rc": text = Array("c".utf8)
            case "dev": text = Array("@".utf8)
            default: break
            }
        }
        if let first = text.first, first.isASCIIDigit {
            if text.count < 8 { text = Array(repeating: UInt8(ascii: "0"), count: 8 - text.count) + text }
            return text
        }
        return [UInt8(ascii: "*")] + text
    }

    /// Compares two legacy keys as Python compares tuples of strings.
    static func compareLegacy(_ a: [[UInt8]], _ b: [[UInt8]]) -> Int {
        for (x, y) in zip(a, b) {
            let result = Ordering.compareBytes(x, y)
            if result != 0 { return result }
        }
        return Ordering.compare(a.count, b.count)
    }
}
