import Foundation
import InfinityModel

/// An alert as its channel holds it: an issue on a code host, or a markdown file locally.
public struct AlertIssue: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case open, closed
    }

    /// The stable key the alert is found by; also in the body's hidden marker.
    public var key: String
    public var title: String
    /// The body without the hidden marker.
    public var body: String
    public var state: State
    /// Where it lives: a file path, or an issue number or URL.
    public var reference: String
    /// Comments (reminders) posted on it so far.
    public var commentCount: Int

    public init(key: String, title: String, body: String, state: State, reference: String, commentCount: Int = 0) {
        self.key = key
        self.title = title
        self.body = body
        self.state = state
        self.reference = reference
        self.commentCount = commentCount
    }
}

/// Where alerts about unhealthy repositories go. One alert per key; the key rides in the body
/// as a hidden marker (`<!-- infinity:alert:KEY -->`) so an alert can be found again after a
/// restart, even if the store was lost. Implementations: `LocalAlertChannel` (markdown files
/// under `<state>/alerts/`) and, for GitHub, issues through the same protocol.
public protocol AlertChannel: Sendable {
    /// A short description of where alerts go, for messages.
    var destination: String { get }
    /// The alert with `key`, open or closed; nil when there is none.
    func find(key: String) async throws -> AlertIssue?
    /// Opens a new alert.
    func open(key: String, title: String, body: String) async throws -> AlertIssue
    /// Replaces an alert's title and body in place; reopens it when `reopen` is set.
    func update(_ alert: AlertIssue, title: String, body: String, reopen: Bool) async throws -> AlertIssue
    /// Adds a comment (a reminder) to an alert.
    func comment(on alert: AlertIssue, text: String) async throws -> AlertIssue
    /// Closes an alert, with a last comment when given.
    func close(_ alert: AlertIssue, comment: String?) async throws -> AlertIssue
}

/// The hidden marker that ties an alert body to its key.
public enum AlertMarker {
    /// `<!-- infinity:alert:KEY -->`.
    public static func marker(for key: String) -> String { "<!-- infinity:alert:\(key) -->" }

    /// `body` with the marker as its first line.
    public static func body(_ body: String, key: String) -> String { marker(for: key) + "\n" + body }

    /// The key of the first marker in `text`, if any.
    public static func key(in text: String) -> String? {
        guard let start = text.range(of: "<!-- infinity:alert:"), let end = text.range(of: " -->", range: start.upperBound..<text.endIndex) else { return nil }
        let key = String(text[start.upperBound..<end.lowerBound])
        return key.isEmpty ? nil : key
    }

    /// `text` without the marker line.
    public static func stripped(_ text: String, key: String) -> String {
        let m = marker(for: key)
        if text.hasPrefix(m + "\n") { return String(text.dropFirst(m.count + 1)) }
        return text.replacingOccurrences(of: m, with: "")
    }

    /// A key made safe for the marker and file names: characters outside `[A-Za-z0-9._:/-]`
    /// become `%XX` escapes, so a hostile repository name cannot end the comment or forge lines.
    public static func escape(_ raw: String) -> String {
        var out = ""
        for byte in raw.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || ".:_/-".contains(c) { out.append(c) } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// An alert channel failed; says which alert and what to do.
public struct AlertChannelError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var key: String
    public var message: String
    public var remedy: String?

    public init(key: String, _ message: String, remedy: String? = nil) {
        self.key = key
        self.message = message
        self.remedy = remedy
    }

    public var description: String { "alert \(key): \(message)" + (remedy.map { " (\($0))" } ?? "") }
    public var errorDescription: String? { description }
}
