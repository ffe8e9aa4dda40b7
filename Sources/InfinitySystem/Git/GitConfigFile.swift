/// A minimal reader for git's config format, enough for `core.*` and `extensions.*` keys.
///
/// Keys are `section.key` or `section.subsection.key`, with section and key lower-cased (the
/// subsection keeps its case). When a key repeats, the last value wins. Includes are not followed.
struct GitConfigFile: Sendable {
    private(set) var values: [String: String] = [:]

    /// Reads `path`; an absent file gives an empty config.
    static func load(_ path: String, limits: GitReadLimits) throws(GitReadError) -> GitConfigFile {
        guard let bytes = try GitFileSystem.readFile(path, maxBytes: limits.maxMetadataFileBytes) else {
            return GitConfigFile()
        }
        return try GitConfigFile(parsing: bytes, path: path)
    }

    init() {}

    init(parsing bytes: [UInt8], path: String) throws(GitReadError) {
        var section = ""
        var lineNumber = 0
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        while let rawLine = lines.popFirst() {
            lineNumber += 1
            var line = Array(rawLine)
            // A trailing backslash continues the value on the next line.
            while line.last == UInt8(ascii: "\\") || (line.last == 13 && line.dropLast().last == UInt8(ascii: "\\")) {
                if line.last == 13 { line.removeLast() }
                line.removeLast()
                guard let continuation = lines.popFirst() else { break }
                lineNumber += 1
                line += continuation
            }
            var text = Substring(String(decoding: line, as: UTF8.self))
            text = text.drop(while: { $0 == " " || $0 == "\t" })
            if text.isEmpty || text.first == "#" || text.first == ";" { continue }
            if text.first == "[" {
                guard let close = text.firstIndex(of: "]") else {
                    throw GitReadError.corrupt(path, "line \(lineNumber): section header has no closing ]")
                }
                section = Self.sectionName(text[text.index(after: text.startIndex)..<close])
                text = text[text.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" })
                if text.isEmpty || text.first == "#" || text.first == ";" { continue }
            }
            let nameEnd = text.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "\t" || $0 == "#" || $0 == ";" }) ?? text.endIndex
            let name = text[..<nameEnd].lowercased()
            guard !name.isEmpty, !section.isEmpty else {
                throw GitReadError.corrupt(path, "line \(lineNumber): expected `key = value` inside a [section]")
            }
            var rest = text[nameEnd...].drop(while: { $0 == " " || $0 == "\t" })
            let value: String
            if rest.first == "=" {
                rest = rest.dropFirst()
                value = Self.parseValue(rest)
            } else {
                value = "true"
            }
            values[section + "." + name] = value
        }
    }

    /// The value of `key` (`section.key`, case-insensitive section and key).
    func value(_ key: String) -> String? { values[key] }

    /// Interprets `key` as a git boolean; nil when absent or not a boolean.
    func bool(_ key: String) -> Bool? {
        guard let value = values[key]?.lowercased() else { return nil }
        switch value {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0", "": return false
        default: return nil
        }
    }

    private static func sectionName(_ header: Substring) -> String {
        let trimmed = header.trimmed(of: " \t")
        if let quote = trimmed.firstIndex(of: "\"") {
            let name = trimmed[..<quote].trimmed(of: " \t").lowercased()
            var sub = ""
            var escaped = false
            for char in trimmed[trimmed.index(after: quote)...] {
                if escaped {
                    sub.append(char)
                    escaped = false
                } else if char == "\\" {
                    escaped = true
                } else if char == "\"" {
                    break
                } else {
                    sub.append(char)
                }
            }
            return name + "." + sub
        }
        // Legacy [section.subsection] form: the subsection is lower-cased by git too.
        return trimmed.lowercased()
    }

    private static func parseValue(_ raw: Substring) -> String {
        var out = ""
        var inQuotes = false
        var pendingSpace = ""
        var iterator = raw.makeIterator()
        while let char = iterator.next() {
            switch char {
            case "\"":
                inQuotes.toggle()
                out += pendingSpace
                pendingSpace = ""
            case "\\":
                out += pendingSpace
                pendingSpace = ""
                switch iterator.next() {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "b": if !out.isEmpty { out.removeLast() }
                case .some(let other): out.append(other)
                case .none: break
                }
            case "#", ";":
                if !inQuotes { return out }
                out += pendingSpace
                pendingSpace = ""
                out.append(char)
            case " ", "\t", "\r":
                if inQuotes {
                    out += pendingSpace
                    pendingSpace = ""
                    out.append(char)
                } else if !out.isEmpty {
                    pendingSpace.append(char)
                }
            default:
                out += pendingSpace
                pendingSpace = ""
                out.append(char)
            }
        }
        return out
    }
}

extension StringProtocol {
    fileprivate func trimmed(of set: String) -> String {
        let chars = Set(set)
        var slice = self[...]
        while let first = slice.first, chars.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, chars.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
