/// Lexical path helpers (no file system access, no symlink resolution).
enum GitPath {
    /// `base/relative`, or `relative` itself when it is absolute.
    static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        if base.isEmpty { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    /// Removes `.` components, resolves `..` against earlier components and drops repeated or
    /// trailing slashes. A relative path stays relative.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The directory part of `path` (`.` when there is none).
    static func parent(_ path: String) -> String {
        let trimmed = normalize(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed == ".." ? "../.." : "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The last component of `path`.
    static func lastComponent(_ path: String) -> String {
        let trimmed = normalize(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// Undoes git's C-style quoting (`"a\tb\"c\303\251"`); nil when malformed.
    static func unquoteC(_ quoted: String) -> String? {
        var bytes = Array(quoted.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return nil }
        bytes = Array(bytes[1..<(bytes.count - 1)])
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            guard byte == UInt8(ascii: "\\") else { out.append(byte); continue }
            guard i < bytes.count else { return nil }
            let escaped = bytes[i]
            i += 1
            switch escaped {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(escaped)
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                guard i + 1 < bytes.count else { return nil }
                let digits = [escaped, bytes[i], bytes[i + 1]]
                guard digits.allSatisfy({ $0 >= 48 && $0 <= 55 }) else { return nil }
                out.append(digits.reduce(0) { $0 * 8 + ($1 - 48) })
                i += 2
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
