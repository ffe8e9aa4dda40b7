import Foundation
import InfinityModel

/// The org-wide security summary of one scan: per repository, open findings by severity,
/// what is new and what was fixed since the last scan. Renders as markdown (GitHub job
/// summary shape) and JSON. Holds redacted data only.
public struct SecurityReport: Sendable, Codable {
    public var runID: String
    public var generatedAt: Date
    public var repositories: [RepositorySecuritySummary]

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case generatedAt = "generated_at"
        case repositories
    }

    public init(runID: String, generatedAt: Date, repositories: [RepositorySecuritySummary]) {
        self.runID = runID
        self.generatedAt = generatedAt
        self.repositories = repositories.sorted { $0.repository < $1.repository }
    }

    /// Totals over every repository.
    public var totals: (open: Int, new: Int, fixed: Int) {
        repositories.reduce((0, 0, 0)) { ($0.0 + $1.openTotal, $0.1 + $1.new.count, $0.2 + $1.fixed.count) }
    }

    /// The JSON document (sorted keys, ISO-8601 dates).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// The markdown summary: a table of repositories, then the new and fixed findings.
    public func markdown(maxItems: Int = 50) -> String {
        let t = totals
        var lines = ["## Security scan", "",
                     "\(repositories.count) repositor\(repositories.count == 1 ? "y" : "ies"): \(t.open) open finding(s), \(t.new) new, \(t.fixed) fixed since the last scan.", "",
                     "| repository | critical | high | medium | low | new | fixed |",
                     "|---|---:|---:|---:|---:|---:|---:|"]
        for r in repositories {
            let name = Self.cell(r.repository) + (r.error != nil ? " ⚠️" : "")
            lines.append("| \(name) | \(r.openCount(.critical)) | \(r.openCount(.high)) | \(r.openCount(.medium)) | \(r.openCount(.low)) | \(r.new.count) | \(r.fixed.count) |")
        }
        let newItems = repositories.flatMap { r in r.new.map { (repo: r.repository, item: $0) } }
        let fixedItems = repositories.flatMap { r in r.fixed.map { (repo: r.repository, item: $0) } }
        for (title, items) in [("New findings", newItems), ("Fixed findings", fixedItems)] {
            guard !items.isEmpty else { continue }
            lines += ["", "### \(title)", ""]
            for (repo, item) in items.prefix(maxItems) {
                lines.append("- **\(item.severity)** \(Self.cell(repo)): \(item.kind)\(item.source.map { " (\($0))" } ?? "") `\(Self.code(item.ruleID))` at `\(Self.code(item.location))`")
            }
            if items.count > maxItems { lines.append("- … and \(items.count - maxItems) more") }
        }
        let failed = repositories.filter { $0.error != nil }
        if !failed.isEmpty {
            lines += ["", "### Not scanned", ""]
            for r in failed { lines.append("- \(Self.cell(r.repository)): \(Self.cell(r.error ?? ""))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String {
        DisplayName.quote(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func code(_ text: String) -> String {
        DisplayName.quote(text).replacingOccurrences(of: "`", with: "'")
    }
}
