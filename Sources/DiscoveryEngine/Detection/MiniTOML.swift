import Foundation
/// Just enough TOML for build manifests (Cargo.toml, pyproject.toml): section headers,
/// `key = value` lines and values spanning lines inside brackets. Values stay raw text.
struct MiniTOML {
    private(set) var sections: [String] = [""]
    private var table: [String: [(String, String)]] = [:]

    init(_ text: String) {
        var current = ""
        var pendingKey: String?
        var pendingValue = ""
        var depth = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Self.stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if let key = pendingKey {
                pendingValue += "\n" + line
                depth += Self.bracketDelta(line)
                if depth <= 0 { table[current, default: []].append((key, pendingValue)); pendingKey = nil }
                continue
            }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                var name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                name = name.trimmingCharacters(in: .whitespaces)
                current = name.replacingOccurrences(of: "\"", with: "")
                if !sections.contains(current) { sections.append(current) }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            depth = Self.bracketDelta(value)
            if depth > 0 { pendingKey = key; pendingValue = value } else { table[current, default: []].append((key, value)) }
        }
    }

    func entries(section: String) -> [(String, String)] { table[section] ?? [] }

    func raw(section: String, key: String) -> String? { table[section]?.first { $0.0 == key }?.1 }

    func string(section: String, key: String) -> String? {
        guard var v = raw(section: section, key: key) else { return nil }
        v = v.trimmingCharacters(in: .whitespaces)
        guard v.count >= 2, let q = v.first, q == "\"" || q == "'", v.last == q else { return nil }
        return String(v.dropFirst().dropLast())
    }

    private static func bracketDelta(_ s: String) -> Int {
        var d = 0
        var inString: Character?
        for ch in s {
            if let q = inString { if ch == q { inString = nil }; continue }
            switch ch {
            case "\"", "'": inString = ch
            case "[", "{": d += 1
            case "]", "}": d -= 1
            default: break
            }
        }
        return d
    }

    private static func stripComment(_ s: String) -> String {
        var inString: Character?
        for (i, ch) in zip(s.indices, s) {
            if let q = inString { if ch == q { inString = nil }; continue }
            if ch == "\"" || ch == "'" { inString = ch } else if ch == "#" { return String(s[..<i]) }
        }
        return s
    }
}
