/// String lexing for ``TOMLReader``: basic, literal and multi-line strings.
extension TOMLReader {
    mutating func basicString() throws(TOMLSubsetParser.SyntaxError) -> String {
        let multiline = bytes[index...].starts(with: [0x22, 0x22, 0x22])
        index += multiline ? 3 : 1
        if multiline { trimLeadingNewline() }
        var buffer: [UInt8] = []
        while let byte = current {
            if byte == 0x22 {
                if !multiline {
                    index += 1
                    return String(decoding: buffer, as: UTF8.self)
                }
                if bytes[index...].starts(with: [0x22, 0x22, 0x22]) {
                    // A run of 4 or 5 quotes ends the string with 1 or 2 quotes of content.
                    var run = 0
                    while index + run < bytes.count, bytes[index + run] == 0x22, run < 5 { run += 1 }
                    buffer.append(contentsOf: repeatElement(0x22, count: run - 3))
                    index += run
                    return String(decoding: buffer, as: UTF8.self)
                }
                buffer.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "\\") {
                index += 1
                guard let escape = current else { break }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "e"): buffer.append(0x1B)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escape == UInt8(ascii: "u") ? 4 : 8
                    guard index + count <= bytes.count,
                        let code = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16)
                    else { throw error("invalid unicode escape in a string") }
                    index += count
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    buffer.append(contentsOf: Array(String(scalar).utf8))
                case 0x20, 0x09, 0x0D, 0x0A:
                    guard multiline else { throw error("invalid escape in a string") }
                    // Line-ending backslash: drop the newline and the whitespace after it.
                    index -= 1
                    while let next = current, next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A {
                        if next == 0x0A { newline() } else { index += 1 }
                    }
                default:
                    throw error("invalid escape in a string")
                }
            } else if byte == 0x0A {
                guard multiline else { throw error("a string is not closed on its line") }
                buffer.append(byte)
                newline()
            } else {
                buffer.append(byte)
                index += 1
            }
        }
        throw error("unexpected end of file; a string is not closed")
    }

    mutating func literalString() throws(TOMLSubsetParser.SyntaxError) -> String {
        let multiline = bytes[index...].starts(with: [0x27, 0x27, 0x27])
        index += multiline ? 3 : 1
        if multiline { trimLeadingNewline() }
        let start = index
        while let byte = current {
            if byte == 0x27 && (!multiline || bytes[index...].starts(with: [0x27, 0x27, 0x27])) {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += multiline ? 3 : 1
                return text
            }
            if byte == 0x0A {
                guard multiline else { throw error("a string is not closed on its line") }
                newline()
            } else {
                index += 1
            }
        }
        throw error("unexpected end of file; a string is not closed")
    }

    mutating func trimLeadingNewline() {
        if current == 0x0D { index += 1 }
        if current == 0x0A { newline() }
    }
}
