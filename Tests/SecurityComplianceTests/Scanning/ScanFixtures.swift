import Foundation
import InfinitySystem
import InfinityTestSupport
import SecurityCompliance

/// Shared material for the scanning tests: a fake AWS key pair made at run time (so no
/// secret-shaped literal sits in the source), the urllib3 advisory, and git helpers.
enum ScanFixtures {
    /// A fake but well-formed AWS key pair, deterministic per seed.
    static func awsPair(seed: UInt64 = 0x5EED_1234_ABCD_0001) -> (id: String, secret: String, lines: String) {
        var state = seed
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let id = "AK" + "IA" + String((0..<16).map { _ in upper[Int(next() % UInt64(upper.count))] })
        let secret = String((0..<40).map { _ in mixed[Int(next() % UInt64(mixed.count))] })
        return (id, secret, "AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n")
    }

    static let advisory = """
        {"schema_version": "1.6.0", "id": "GHSA-q2q7-5pp4-w6pg", "modified": "2024-01-01T00:00:00Z",
         "aliases": ["CVE-2021-33503"], "summary": "Catastrophic backtracking in urllib3's URL authority parser",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "urllib3"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.25.4"}, {"fixed": "1.26.5"}]}]}]}
        """

    /// Writes the advisory into `<folder>/PyPI/` and loads the database.
    static func osvDatabase(in folder: String) throws -> OSVDatabase {
        try FileManager.default.createDirectory(atPath: folder + "/PyPI", withIntermediateDirectories: true)
        try Data(advisory.utf8).write(to: URL(fileURLWithPath: folder + "/PyPI/GHSA-q2q7-5pp4-w6pg.json"))
        return try OSVDatabase.load(from: folder).0
    }

    /// Scans the head commit of the repository at `path` through the live git inspector.
    static func scanHead(_ path: String, scanner: RepositorySecurityScanner, name: String = "repo") async throws -> RepositoryScanResult {
        let head = try await GitFixture().head(of: path)
        let content = GitInspector.live().content(path, head)
        return await scanner.scan(content: content, repository: name, commit: head)
    }
}
