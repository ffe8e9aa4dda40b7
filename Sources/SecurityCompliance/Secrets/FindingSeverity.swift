/// How serious a security finding is, from `low` to `critical`.
///
/// Severities order by seriousness (`low < medium < high < critical`) and encode as
/// their lowercase names, so they read the same in YAML rules, JSON reports and SARIF.
public enum FindingSeverity: String, Codable, Comparable, CaseIterable, Sendable {
    case low
    case medium
    case high
    case critical

    /// The position of the severity in the order `low < medium < high < critical`.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool {
        lhs.rank < rhs.rank
    }
}
