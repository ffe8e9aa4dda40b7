import Foundation
import InfinityJSON
import SecurityCompliance

/// A fresh folder under the system temporary directory, removed when released.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("osv-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `relativePath` (parents created) and returns the full path.
    @discardableResult
    func write(_ text: String, to relativePath: String) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Names of the entries directly inside `relativePath` (hidden ones included), sorted.
    func contents(of relativePath: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(relativePath).path).sorted()
    }
}

/// Builders for OSV records used across the tests.
enum OSVSample {
    /// An advisory for one package with the given ranges and explicit versions.
    static func advisory(
        _ id: String, ecosystem: String, name: String, ranges: [OSVRange] = [], versions: [String] = [],
        withdrawn: String? = nil, severity: [OSVSeverityScore] = [], modified: String = "2024-01-01T00:00:00Z",
        databaseSpecific: OSVJSONValue? = nil
    ) -> OSVVulnerability {
        OSVVulnerability(
            id: id, modified: modified, withdrawn: withdrawn, aliases: ["CVE-\(id)"], summary: "summary of \(id)",
            severity: severity,
            affected: [OSVAffected(package: OSVPackage(ecosystem: ecosystem, name: name), ranges: ranges,
                                   versions: versions)],
            databaseSpecific: databaseSpecific)
    }

    static func range(_ type: OSVRange.RangeType = .ecosystem, _ events: OSVEvent...) -> OSVRange {
        OSVRange(type: type, events: events)
    }

    /// The JSON text of an advisory as osv.dev writes it.
    static func json(_ id: String, ecosystem: String, name: String, introduced: String = "0",
                     fixed: String = "2.0.0") -> String {
        """
        {
          "schema_version": "1.6.0",
          "id": "\(id)",
          "modified": "2024-05-01T10:00:00Z",
          "published": "2024-04-01T10:00:00Z",
          "aliases": ["CVE-2024-\(abs(id.hashValue) % 100000)"],
          "summary": "Problem in \(name)",
          "details": "Long text.",
          "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
          "affected": [{
            "package": {"ecosystem": "\(ecosystem)", "name": "\(name)", "purl": "pkg:generic/\(name)"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "\(introduced)"}, {"fixed": "\(fixed)"}]}],
            "versions": [],
            "ecosystem_specific": {"affected_functions": ["a.b"]},
            "database_specific": {"source": "test"}
          }],
          "references": [{"type": "ADVISORY", "url": "https://example.invalid/\(id)"}],
          "database_specific": {"severity": "CRITICAL", "cwe_ids": ["CWE-79"], "github_reviewed": true}
        }
        """
    }
}
