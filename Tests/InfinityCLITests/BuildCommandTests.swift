import ArgumentParser
import InfinityCLI
import Testing

@Suite("build and cache commands")
struct BuildCommandTests {
    @Test("conflicting or invalid build flags are refused before anything runs")
    func validation() throws {
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["build", "--merge", "d", "--plan"]) }
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["build", "--plan", "--matrix"]) }
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["build", "--step", "deploy"]) }
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["build", "--max-parallel", "0"]) }
        _ = try InfinityCommand.parseAsRoot(["build", "--all", "--repo", "a", "--repo", "b c", "--step", "test", "--json"])
        _ = try InfinityCommand.parseAsRoot(["build", "--merge", "d1", "d2"])
        _ = try InfinityCommand.parseAsRoot(["cache", "clear", "--repo", "cache-demo"])
        _ = try InfinityCommand.parseAsRoot(["cache", "status", "--json"])
    }

    @Test("validation messages name the value and the remedy")
    func messages() {
        let message = InfinityCommand.message(for: ValidationError("x"))
        #expect(!message.isEmpty)
        do {
            _ = try InfinityCommand.parseAsRoot(["build", "--step", "deploy"])
            Issue.record("expected a validation error")
        } catch {
            #expect(InfinityCommand.message(for: error).contains("--step deploy is not a step"))
        }
    }
}
