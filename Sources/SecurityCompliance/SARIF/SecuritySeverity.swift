import Foundation

/// The four severities of a ``SecurityFinding`` and how they map to and from SARIF.
///
/// Writing (our choice, documented for GitHub code scanning, which reads
/// `properties.security-severity` of a rule as a CVSS-like score and buckets it as
/// critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9):
///
/// | severity | SARIF `level` | `security-severity` |
/// |---|---|---|
/// | critical | error | 9.5 |
/// | high | error | 8.0 |
/// | medium | warning | 5.5 |
/// | low | note | 2.0 |
///
/// Each score sits inside its GitHub bucket with margin, so GitHub shows the same
/// severity we computed. Reading uses the same buckets (see ``init(securitySeverityScore:)``).
public enum SecuritySeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high
    case critical

    /// Parses `"low"`, `"medium"`, `"high"`, `"critical"` (case and surrounding spaces ignored).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        self.init(rawValue: trimmed)
    }

    /// Buckets a `security-severity` score: ≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low.
    public init(securitySeverityScore score: Double) {
        switch score {
        case 9...: self = .critical
        case 7..<9: self = .high
        case 4..<7: self = .medium
        default: self = .low
        }
    }

    /// Maps a SARIF `level`: error → high, warning → medium, note and none → low.
    /// Returns `nil` for a value SARIF does not define.
    public init?(level: SARIFLevel) {
        switch level {
        case .error: self = .high
        case .warning: self = .medium
        case .note, .none: self = .low
        default: return nil
        }
    }

    /// The SARIF `level` we write: critical and high → error, medium → warning, low → note.
    public var level: SARIFLevel {
        switch self {
        case .critical, .high: .error
        case .medium: .warning
        case .low: .note
        }
    }

    /// The `security-severity` score we write (see the table above).
    public var securitySeverityScore: Double {
        switch self {
        case .critical: 9.5
        case .high: 8.0
        case .medium: 5.5
        case .low: 2.0
        }
    }

    /// The score as the string GitHub expects, for example `"9.5"`.
    public var securitySeverityText: String {
        switch self {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "2.0"
        }
    }

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: SecuritySeverity, rhs: SecuritySeverity) -> Bool {
        lhs.rank < rhs.rank
    }
}
