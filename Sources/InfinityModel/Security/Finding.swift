import Foundation

/// One security finding as a scanner reports it: a leaked secret, a vulnerable dependency,
/// or a result imported from SARIF. The store tracks when it was first and last seen.
public struct Finding: Sendable, Hashable, Codable {
    /// What kind of scan found it; the store keeps findings per repository and kind.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case secret
        case vulnerability
        case sarif
    }

    /// How bad it is, lowest first.
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case low, medium, high, critical

        public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// The rule or advisory that matched (`aws-access-key`, `GHSA-…`).
    public var ruleID: String
    public var severity: Severity
    /// The file, relative to the repository root, when there is one.
    public var file: String?
    public var line: Int?
    /// Identifies the same finding across scans (never the secret itself).
    public var fingerprint: String
    /// Scanner-specific JSON or text; must already be redacted.
    public var detail: String?

    public init(ruleID: String, severity: Severity, file: String? = nil, line: Int? = nil, fingerprint: String, detail: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.file = file
        self.line = line
        self.fingerprint = fingerprint
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id"
        case severity, file, line, fingerprint, detail
    }
}
