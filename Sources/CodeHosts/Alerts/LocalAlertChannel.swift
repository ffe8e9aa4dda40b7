import Foundation
import InfinityModel
import InfinitySystem

/// Alerts as markdown files under a folder (`<state>/alerts/`), one file per key, for the
/// local provider. The front matter holds the key, state and dates; the body starts with the
/// hidden marker; reminders are appended under a comments separator. Every write replaces
/// the file atomically.
///
/// ```
/// ---
/// key: "health:orders-py"
/// state: "open"
/// title: "orders-py is unhealthy (score 42)"
/// opened_at: "2026-11-30T10:00:00Z"
/// updated_at: "2026-11-30T10:00:00Z"
/// closed_at: null
/// ---
/// <!-- infinity:alert:health:orders-py -->
/// …body…
/// <!-- infinity:comments -->
/// **2026-12-01T10:00:00Z**: still unhealthy …
/// ```
public struct LocalAlertChannel: AlertChannel {
    public var directory: String
    public var fileSystem: FileSystem
    public var clock: WallClock

    /// Separates the body from appended comments.
    static let commentsMarker = "<!-- infinity:comments -->"

    public init(directory: String, fileSystem: FileSystem = .live, clock: WallClock = .live) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.clock = clock
    }

    public var destination: String { directory }

    /// The file of the alert with `key`: readable for simple keys (`health:name` → `health-name.md`),
    /// with a hash suffix otherwise so that distinct keys never share a file.
    public func path(for key: String) -> String {
        Paths.join(directory, Self.fileName(for: key))
    }

    static func fileName(for key: String) -> String {
        let parts = key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let safe: (Substring) -> Bool = { s in !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) } }
        if parts.count == 2, parts[0].allSatisfy({ $0.isASCII && $0.isLetter }), !parts[0].isEmpty, safe(parts[1]), !parts[1].hasPrefix(".") {
            return "\(parts[0])-\(parts[1]).md"
        }
        let cleaned = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) ? $0 : "_" }.prefix(80))
        return cleaned + "-" + String(SHA256Hex.digest(key).prefix(12)) + ".md"
    }

    public func find(key: String) async throws -> AlertIssue? {
        let file = path(for: key)
        guard fileSystem.exists(file) else { return nil }
        let text = String(decoding: try fileSystem.readFile(file), as: UTF8.self)
        guard let parsed = Self.parse(text), parsed.front["key"] == key else {
            throw AlertChannelError(key: key, "\(file) is not an alert file for this key", remedy: "move the file aside; it is written anew")
        }
        return parsed.issue(reference: file)
    }

    public func open(key: String, title: String, body: String) async throws -> AlertIssue {
        let now = Self.stamp(clock.now())
        let file = path(for: key)
        try write(file, front: ["key": key, "state": "open", "title": title, "opened_at": now, "updated_at": now], body: AlertMarker.body(body, key: key), comments: "")
        return AlertIssue(key: key, title: title, body: body, state: .open, reference: file)
    }

    public func update(_ alert: AlertIssue, title: String, body: String, reopen: Bool) async throws -> AlertIssue {
        let file = path(for: alert.key)
        let existing = try current(alert.key, file)
        var front = existing.front
        front["title"] = title
        front["updated_at"] = Self.stamp(clock.now())
        if reopen {
            front["state"] = "open"
            front["closed_at"] = nil
        }
        try write(file, front: front, body: AlertMarker.body(body, key: alert.key), comments: existing.comments)
        var out = existing.issue(reference: file)
        out.title = title
        out.body = body
        if reopen { out.state = .open }
        return out
    }

    public func comment(on alert: AlertIssue, text: String) async throws -> AlertIssue {
        let file = path(for: alert.key)
        let existing = try current(alert.key, file)
        let now = Self.stamp(clock.now())
        var front = existing.front
        front["updated_at"] = now
        let comments = existing.comments + "\n**\(now)**: \(text)\n"
        try write(file, front: front, body: existing.body, comments: comments)
        var out = existing.issue(reference: file)
        out.commentCount += 1
        return out
    }

    public func close(_ alert: AlertIssue, comment: String?) async throws -> AlertIssue {
        let file = path(for: alert.key)
        let existing = try current(alert.key, file)
        let now = Self.stamp(clock.now())
        var front = existing.front
        front["state"] = "closed"
        front["updated_at"] = now
        front["closed_at"] = now
        var comments = existing.comments
        if let comment { comments += "\n**\(now)**: \(comment)\n" }
        try write(file, front: front, body: existing.body, comments: comments)
        var out = existing.issue(reference: file)
        out.state = .closed
        if comment != nil { out.commentCount += 1 }
        return out
    }

    // MARK: file format

    struct Parsed {
        var front: [String: String]
        /// The body with its marker.
        var body: String
        var comments: String

        func issue(reference: String) -> AlertIssue {
            let key = front["key"] ?? ""
            let count = comments.split(separator: "\n").filter { $0.hasPrefix("**") }.count
            return AlertIssue(key: key, title: front["title"] ?? "", body: AlertMarker.stripped(body, key: key),
                              state: front["state"] == "closed" ? .closed : .open, reference: reference, commentCount: count)
        }
    }

    private func current(_ key: String, _ file: String) throws -> Parsed {
        guard fileSystem.exists(file) else {
            throw AlertChannelError(key: key, "\(file) is missing", remedy: "it is opened anew on the next pass")
        }
        let text = String(decoding: try fileSystem.readFile(file), as: UTF8.self)
        guard let parsed = Self.parse(text), parsed.front["key"] == key else {
            throw AlertChannelError(key: key, "\(file) is not an alert file for this key", remedy: "move the file aside; it is written anew")
        }
        return parsed
    }

    private func write(_ file: String, front: [String: String], body: String, comments: String) throws {
        var text = "---\n"
        for k in ["key", "state", "title", "opened_at", "updated_at", "closed_at"] {
            text += "\(k): \(front[k].map(Self.quote) ?? "null")\n"
        }
        text += "---\n" + body
        if !text.hasSuffix("\n") { text += "\n" }
        text += Self.commentsMarker + "\n" + String(comments.drop(while: { $0 == "\n" }))
        try fileSystem.writeFileAtomically(file, Data(text.utf8))
    }

    /// Splits a file into front matter, body and comments; nil when it has no front matter.
    static func parse(_ text: String) -> Parsed? {
        guard text.hasPrefix("---\n") else { return nil }
        let rest = text.dropFirst(4)
        guard let end = rest.range(of: "\n---\n") else { return nil }
        var front: [String: String] = [:]
        for line in rest[rest.startIndex..<end.lowerBound].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let k = String(line[line.startIndex..<colon])
            let raw = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if raw == "null" { continue }
            front[k] = unquote(raw)
        }
        let after = rest[end.upperBound...]
        if let split = after.range(of: commentsMarker + "\n") ?? after.range(of: commentsMarker) {
            return Parsed(front: front, body: String(after[after.startIndex..<split.lowerBound]), comments: String(after[split.upperBound...]))
        }
        return Parsed(front: front, body: String(after), comments: "")
    }

    /// A JSON string literal, which YAML reads as the same string.
    static func quote(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(s), as: UTF8.self)) ?? "\"\""
    }

    static func unquote(_ s: String) -> String {
        guard s.hasPrefix("\""), let decoded = try? JSONDecoder().decode(String.self, from: Data(s.utf8)) else { return s }
        return decoded
    }

    static func stamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
