import ArgumentParser
@testable import InfinityCLI
import Testing

@Suite("infinity heal")
struct HealCommandTests {
    @Test("`heal` with options runs the loop by default; status, reset and classify parse")
    func options() throws {
        let parsed = try InfinityCommand.parseAsRoot(["heal", "--repo", "a", "--repo", "b", "--dry-run", "--json"])
        let run = try #require(parsed as? HealCommand.Run)
        #expect(run.repo == ["a", "b"] && run.dryRun && run.json)
        #expect(try InfinityCommand.parseAsRoot(["heal", "status", "--json"]) is HealCommand.Status)
        let reset = try #require(try InfinityCommand.parseAsRoot(["heal", "reset", "orders-py"]) as? HealCommand.Reset)
        #expect(reset.repository == "orders-py")
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["heal", "reset"]) }
        #expect(try InfinityCommand.parseAsRoot(["heal", "classify", "x.log"]) is HealCommand.Classify)
    }
}
