import Foundation

/// Checks for secrets with a known structure: JWTs, Basic credentials, URL passwords and
/// private key blocks.
enum SecretFormatValidators {
    /// A JWT is `header.payload[.signature]` whose header and payload are base64url JSON
    /// objects, and whose header names an `alg` or `typ`.
    static func isJWT(_ value: [UInt8]) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 5 else { return false }
        guard let header = jsonObject(base64URL: parts[0]), let _ = jsonObject(base64URL: parts[1]) else {
            return false
        }
        return header["alg"] != nil || header["typ"] != nil || header["enc"] != nil
    }

    /// A Basic credential decodes to printable `user:password` with a non-placeholder password.
    static func isBasicCredential(_ value: [UInt8], fixtures: Bool) -> Bool {
        guard let decoded = decodeBase64(value, urlSafe: false),
              decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
              let colon = decoded.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let password = Array(decoded[(colon + 1)...])
        return password.count >= 3 && !SecretValueHeuristics.isPlaceholder(password, fixtures: fixtures)
    }

    /// A URL password that is neither empty, a placeholder, nor a template reference.
    static func isURLPassword(_ value: [UInt8], fixtures: Bool) -> Bool {
        guard value.count >= 3 else { return false }
        if SecretValueHeuristics.isPlaceholder(value, fixtures: fixtures) { return false }
        let lower = String(decoding: value.map(SecretValueHeuristics.asciiLower), as: UTF8.self)
        if lower.hasPrefix("[") || lower.hasPrefix("{") || (lower.hasPrefix("%") && lower.count < 4) { return false }
        return true
    }

    /// Finds the body of a private key block that starts in `text` at `headerEnd`.
    ///
    /// Skips line breaks (real or escaped as `\n`), quotes and string concatenation, and
    /// RFC 1421 headers (`Proc-Type:`), then collects base64 up to the END line. Returns the
    /// body's range when it holds at least 64 base64 characters and no placeholder.
    static func privateKeyBody(in text: UnsafeBufferPointer<UInt8>, headerEnd: Int, limit: Int = 16 << 10) -> Range<Int>? {
        let end = min(text.count, headerEnd + limit)
        var index = headerEnd
        var bodyStart = -1
        var base64Count = 0
        var lastBody = headerEnd
        while index < end {
            let byte = text[index]
            if isBase64(byte) {
                // A header line such as `Proc-Type: 4,ENCRYPTED` or `Comment: "…"`.
                if base64Count == 0 || text[index - 1] == 10 {
                    var probe = index
                    while probe < end, probe - index < 40,
                          SecretValueHeuristics.isIdentifierByte(text[probe]) || text[probe] == UInt8(ascii: "-") {
                        probe += 1
                    }
                    if probe < end, text[probe] == UInt8(ascii: ":"), probe - index >= 3 {
                        while index < end, text[index] != 10, !(text[index] == UInt8(ascii: "\\") && index + 1 < end && text[index + 1] == UInt8(ascii: "n")) {
                            index += 1
                        }
                        continue
                    }
                }
                if bodyStart < 0 { bodyStart = index }
                base64Count += 1
                lastBody = index + 1
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\\"), index + 1 < end, text[index + 1] == UInt8(ascii: "n") || text[index + 1] == UInt8(ascii: "r") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "-") { break }
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "*")
                || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "$") {
                break
            }
            if byte == 10 || byte == 13 || byte == 32 || byte == 9 || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            break
        }
        guard bodyStart >= 0, base64Count >= 64 else { return nil }
        let body = Array(text[bodyStart..<lastBody])
        if SecretValueHeuristics.isRepetitive(body.filter(isBase64).map(SecretValueHeuristics.asciiLower)) {
            return nil
        }
        return bodyStart..<lastBody
    }

    /// Whether a base64 string decodes to a PEM private key or DER key material.
    static func isBase64PrivateKey(_ value: [UInt8]) -> Bool {
        guard let decoded = decodeBase64(Array(value.prefix(400 / 4 * 4)), urlSafe: false, lenient: true) else {
            return false
        }
        let text = String(decoding: decoded.prefix(80), as: UTF8.self)
        if text.contains("PRIVATE KEY") { return true }
        return decoded.first == 0x30 && value.count >= 120
    }

    @inline(__always)
    static func isBase64(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    private static func jsonObject(base64URL part: ArraySlice<UInt8>) -> [String: Any]? {
        guard part.count >= 4, let data = decodeBase64(Array(part), urlSafe: true) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(data))) as? [String: Any]
    }

    /// Decodes standard or URL-safe base64, with or without padding.
    static func decodeBase64(_ value: [UInt8], urlSafe: Bool, lenient: Bool = false) -> [UInt8]? {
        var text = value
        if urlSafe {
            text = text.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "+") : $0 == UInt8(ascii: "_") ? UInt8(ascii: "/") : $0 }
        }
        while text.last == UInt8(ascii: "=") { text.removeLast() }
        if lenient { text = Array(text.prefix(text.count / 4 * 4)) }
        while text.count % 4 != 0 { text.append(UInt8(ascii: "=")) }
        guard let data = Data(base64Encoded: Data(text)) else { return nil }
        return [UInt8](data)
    }
}
