import Foundation

/// A problem found while working on one repository or input: collected, reported at the end,
/// and never allowed to sink the rest of the run (STYLE.md rule 6).
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case note, warning, error
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.note, .warning, .error]
            return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
        }
    }

    public var severity: Severity
    /// The repository concerned, when there is one.
    public var repository: String?
    /// A file (`path` or `path:line`) concerned, when there is one.
    public var location: String?
    public var message: String
    public var remedy: String?

    public init(_ severity: Severity, repository: String? = nil, location: String? = nil, _ message: String, remedy: String? = nil) {
        self.severity = severity
        self.repository = repository
        self.location = location
        self.message = message
        self.remedy = remedy
    }

    public var description: String {
        var prefix = "\(severity.rawValue):"
        if let location { prefix = "\(DisplayName.quote(location)): " + prefix }
        var text = prefix
        if let repository { text += " [\(DisplayName.quote(repository))]" }
        text += " " + message
        if let remedy { text += " (\(remedy))" }
        return text
    }
}

/// Makes names safe to print: control characters (newlines, escapes) become visible escapes,
/// so a hostile repository name cannot forge log lines or terminal sequences.
public enum DisplayName {
    public static func quote(_ name: String) -> String {
        var needs = false
        for s in name.unicodeScalars where s.value < 0x20 || s.value == 0x7F || (0x80..<0xA0).contains(s.value) { needs = true; break }
        guard needs else { return name }
        var out = ""
        for s in name.unicodeScalars {
            switch s {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 || s.value == 0x7F || (0x80..<0xA0).contains(s.value) {
                    out += "\\u{" + String(s.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }
}
