import ArgumentParser
import Foundation
import InfinityCLI
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing

/// Runs the command line in-process, as `infinity ARGS…` would.
func runCLI(_ arguments: [String]) async throws {
    var command = try InfinityCommand.parseAsRoot(arguments)
    if var async = command as? any AsyncParsableCommand {
        try await async.run()
    } else {
        try command.run()
    }
}

/// The exit code a command ends with (0 when it returns normally).
func exitCode(_ arguments: [String]) async -> Int32 {
    do {
        try await runCLI(arguments)
        return 0
    } catch let code as ExitCode {
        return code.rawValue
    } catch {
        return InfinityCommand.exitCode(for: error).rawValue
    }
}

@Suite("Command line", .serialized)
struct CLITests {
    @Test("an invalid configuration exits 2 and writes nothing")
    func invalidConfigExits2() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = dir.url("config/orchestrator.yml")
        try FileManager.default.createDirectory(atPath: dir.url("config"), withIntermediateDirectories: true)
        try Data("organization: x\nlocal:\n  path: org\nbuild:\n  max_paralel: 2\n".utf8).write(to: URL(fileURLWithPath: config))
        #expect(await exitCode(["config", "validate", "--config", config]) == 2)
        #expect(await exitCode(["discover", "--config", config]) == 2)
        #expect(await exitCode(["run", "--config", config]) == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.url("config/repositories.json")))
        #expect(!FileManager.default.fileExists(atPath: dir.url(".infinity")))
    }

    @Test("a missing configuration exits 2 and names the remedy")
    func missingConfig() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(await exitCode(["discover", "--config", dir.url("nope.yml")]) == 2)
    }

    @Test("init writes a valid starter and refuses to overwrite without --force")
    func initCommand() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = dir.url("config/orchestrator.yml")
        #expect(await exitCode(["init", "--config", config, "--path", "org"]) == 0)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("path: org"))
        #expect(await exitCode(["config", "validate", "--config", config]) == 0)
        #expect(await exitCode(["init", "--config", config]) == 2)
        #expect(await exitCode(["init", "--config", config, "--force", "--path", "elsewhere"]) == 0)
        #expect(try String(contentsOfFile: config, encoding: .utf8).contains("path: elsewhere"))
    }

    @Test("a bad flag value is a usage error naming the value")
    func badFlag() async throws {
        #expect(throws: (any Error).self) { try InfinityCommand.parseAsRoot(["discover", "--max-parallel", "0"]) }
    }

    @Test("discover, run, history and audit work end to end on a folder of repositories")
    func endToEnd() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = GitFixture()
        try await fixture.makeRepository(at: dir.url("org/a"), files: ["Makefile": "all:\n\ttrue\n"])
        try await fixture.makeRepository(at: dir.url("org/b"), files: ["go.mod": "module b\n"])
        let config = dir.url("config/orchestrator.yml")
        #expect(await exitCode(["init", "--config", config, "--path", "org"]) == 0)
        #expect(await exitCode(["discover", "--config", config]) == 0)
        let manifest = try ManifestCoding.decode(Data(contentsOf: URL(fileURLWithPath: dir.url("config/repositories.json"))), file: "m")
        #expect(manifest.repositories.map(\.name) == ["a", "b"])
        #expect(await exitCode(["run", "--config", config]) == 0)
        #expect(await exitCode(["history", "--config", config, "--json"]) == 0)
        #expect(await exitCode(["audit", "--config", config]) == 0)
        let store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        let runs = try store.runs()
        #expect(runs.map(\.workflow) == ["cycle", "discover"])
        #expect(runs.allSatisfy { $0.status == .succeeded })
        #expect(try store.audit(actionPrefix: "manifest.").count == 2)
    }

    @Test("the demo creates its organization and completes a cycle")
    func demo() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let demo = dir.url("demo")
        #expect(await exitCode(["demo", "--dir", demo, "--quiet"]) == 0)
        let manifest = try ManifestCoding.decode(Data(contentsOf: URL(fileURLWithPath: demo + "/config/repositories.json")), file: "m")
        #expect(manifest.repositories.count >= 10)
        #expect(manifest.repository(named: "greeter-app")?.dependencies.map(\.repository) == ["greeter-core"])
        #expect(manifest.repository(named: "legacy-tool")?.lastCommitAt.map { $0 < Date().addingTimeInterval(-365 * 86_400) } == true)
        // Running again replaces the demo it made; a foreign folder is refused.
        #expect(await exitCode(["demo", "--dir", demo, "--quiet"]) == 0)
        try FileManager.default.createDirectory(atPath: dir.url("mine"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: dir.url("mine/notes.txt")))
        #expect(await exitCode(["demo", "--dir", dir.url("mine"), "--quiet"]) == 2)
        #expect(FileManager.default.fileExists(atPath: dir.url("mine/notes.txt")))
    }
}
