/// A coarse severity level for an advisory, ordered `low < medium < high < critical`.
public enum AdvisorySeverity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case low
    case medium
    case high
    case critical

    /// The level for a CVSS v3/v4 base score: 0.0–3.9 low (0.0, "none", counts as low),
    /// 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
    public init(cvssScore score: Double) {
        switch score {
        case 9.0...: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        default: self = .low
        }
    }

    /// Reads a severity word as databases write it: `LOW`, `MODERATE`/`medium`, `HIGH`/`important`,
    /// `CRITICAL`, `negligible`/`minor`/`unimportant` (low). Case is ignored; other words give `nil`.
    public init?(word: String) {
        switch word.trimmingASCIIWhitespace().lowercased() {
        case "low", "negligible", "minor", "unimportant", "info", "informational": self = .low
        case "medium", "moderate": self = .medium
        case "high", "important", "severe": self = .high
        case "critical": self = .critical
        default: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    public static func < (lhs: AdvisorySeverity, rhs: AdvisorySeverity) -> Bool { lhs.rank < rhs.rank }
}
