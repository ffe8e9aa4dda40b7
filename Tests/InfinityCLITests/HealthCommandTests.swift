import ArgumentParser
@testable import InfinityCLI
import Testing

@Suite("infinity health")
struct HealthCommandTests {
    @Test("--history needs exactly one --repo; the options parse")
    func options() throws {
        #expect(throws: (any Error).self) { try HealthCommand.parse(["--history"]) }
        #expect(throws: (any Error).self) { try HealthCommand.parse(["--history", "--repo", "a", "--repo", "b"]) }
        let c = try HealthCommand.parse(["--repo", "a", "--history", "--json", "--limit", "5"])
        #expect(c.repo == ["a"] && c.history && c.json && c.limit == 5)
        let d = try HealthCommand.parse(["--dry-run"])
        #expect(d.dryRun && d.repo.isEmpty)
    }
}
