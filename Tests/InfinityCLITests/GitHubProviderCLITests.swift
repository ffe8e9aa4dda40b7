import Foundation
import InfinityModel
import InfinitySystem
import InfinityTestSupport
import Testing

/// The `infinity` binary next to this test bundle (SwiftPM builds every product with the tests).
private let infinityBinary: String? = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
    var directory = bundle.deletingLastPathComponent()
    // `swift test` may start the runner from inside the `.xctest` bundle.
    if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
    let candidate = directory.appendingPathComponent("infinity").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}()

/// A project folder configured for `provider: github` against a GitHub test server that serves
/// real git repositories, and a way to run the real binary on it as a separate process.
private struct GitHubProject {
    /// A token-shaped canary, assembled at run time so no literal sits in this file.
    static let canary = "ghp_" + "CLIcanary" + String(repeating: "7", count: 27)
    static let tokenVariable = "INFINITY_CLI_TEST_TOKEN"

    let server: GitHubTestServer
    let dir: TemporaryDirectory
    let git = GitFixture()

    static func start() async throws -> GitHubProject {
        var configuration = GitHubTestServerConfiguration()
        configuration.repositoryCount = 0
        configuration.validTokens = [canary]
        let project = GitHubProject(server: try await GitHubTestServer.start(configuration), dir: try TemporaryDirectory())
        try FileManager.default.createDirectory(atPath: project.dir.url("config"), withIntermediateDirectories: true)
        try Data("""
            organization: acme
            provider: github
            github:
              org: acme
              api_url: \(project.server.apiURL.absoluteString)
              token_env: \(tokenVariable)
            build:
              max_parallel: 2

            """.utf8).write(to: URL(fileURLWithPath: project.dir.url("config/orchestrator.yml")))
        return project
    }

    func stop() async {
        try? await server.shutdown()
        dir.remove()
    }

    /// Makes a repository with `files`, and publishes it on the server as `acme/<name>`.
    func publish(_ name: String, files: [String: String]) async throws {
        let work = dir.url("upstream/work/\(name)")
        try await git.makeRepository(at: work, files: files)
        try FileManager.default.createDirectory(atPath: dir.url("upstream/acme"), withIntermediateDirectories: true)
        try await git.bareClone(work, to: dir.url("upstream/acme/\(name).git"))
        try await server.publishGitRepository("acme/\(name)", bareRepository: dir.url("upstream/acme/\(name).git"))
    }

    /// Runs `infinity ARGS… --config …` as its own process; the token only in its environment.
    func infinity(_ arguments: [String], token: String? = canary) async throws -> (status: Int32, output: String) {
        let binary = try #require(infinityBinary)
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": dir.path, "LANG": "C.UTF-8"]
        if let token { environment[Self.tokenVariable] = token }
        let outcome = await ProcessGroupRunner.live.run(ProcessGroupRequest(
            executable: binary, arguments: arguments + ["--config", dir.url("config/orchestrator.yml")], directory: dir.path,
            environment: environment, output: .memory(maxBytes: 8 << 20), timeout: .seconds(600)))
        return (outcome.exitCode ?? -1, outcome.outputText)
    }

    /// Every file under the project folder that holds `needle` (state store, manifest, mirrors' `.git/config`, logs, reports).
    func filesContaining(_ needle: String, outside excluded: [String] = []) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var hits: [String] = []
        let bytes = Data(needle.utf8)
        for case let relative as String in walker where !relative.hasPrefix("upstream/") && !excluded.contains(where: { relative.hasPrefix($0) }) {
            let path = dir.url(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: bytes) != nil { hits.append(relative) }
        }
        return hits
    }

    /// A fake AWS key pair assembled at run time (no credential-shaped literal in this file).
    static func fakeCredential() -> (id: String, line: String) {
        var state: UInt64 = 0x5EED_0F_C11_7E57
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let id = "AK" + "IA" + String((0..<16).map { _ in upper[Int(next() % UInt64(upper.count))] })
        let secret = String((0..<40).map { _ in mixed[Int(next() % UInt64(mixed.count))] })
        return (id, "AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)\n")
    }
}

@Suite("infinity with provider: github (the real binary against the GitHub test server)", .serialized,
       .enabled(if: infinityBinary != nil, "needs the `infinity` executable next to the test bundle (built by `swift build --build-tests`)"))
struct GitHubProviderCLITests {
    @Test("discover, run, scan, health and github rate-limit work end to end, and the token is nowhere")
    func endToEnd() async throws {
        let project = try await GitHubProject.start()
        defer { Task { await project.stop() } }
        let credential = GitHubProject.fakeCredential()
        try await project.publish("app", files: ["Makefile": "all:\n\techo built > out.txt\ntest:\n\ttest -f Makefile\n", "README.md": "# app\n"])
        try await project.publish("leaky", files: ["Makefile": "all:\n\ttrue\n", "settings.env": "APP_ENV=prod\n" + credential.line])

        let discover = try await project.infinity(["discover"])
        #expect(discover.status == 0, "\(discover.output)")
        let manifest = try ManifestCoding.decode(Data(contentsOf: URL(fileURLWithPath: project.dir.url("config/repositories.json"))), file: "manifest")
        #expect(manifest.repositories.map(\.name) == ["app", "leaky"])
        #expect(manifest.repositories.allSatisfy { $0.buildSystems == ["make"] && $0.location.hasPrefix("http://127.0.0.1:") && !$0.location.contains("@") })
        // Build files came inside the GraphQL listing: no REST reads of trees or blobs.
        #expect(!project.server.requests.contains { $0.path.contains("/git/") })

        let run = try await project.infinity(["run"])
        #expect(run.status == 0, "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: project.dir.url(".infinity/workspace/sources/app.git")))

        let scan = try await project.infinity(["scan", "secrets", "--format", "json"])
        #expect(scan.output.contains("settings.env"), "\(scan.output)")
        #expect(!scan.output.contains(credential.id))

        let health = try await project.infinity(["health"])
        #expect([0, 1].contains(health.status), "\(health.output)")
        #expect(health.output.contains("app") && health.output.contains("leaky"))
        let issuesAfterFirst = project.server.issues(in: "acme/leaky").count
        _ = try await project.infinity(["health"])
        #expect(project.server.issues(in: "acme/leaky").count == issuesAfterFirst, "a second pass must not duplicate alert issues")

        let rate = try await project.infinity(["github", "rate-limit"])
        #expect(rate.status == 0, "\(rate.output)")
        #expect(rate.output.contains("core") && rate.output.contains("graphql"))

        for output in [discover.output, run.output, scan.output, health.output, rate.output] {
            #expect(!output.contains(GitHubProject.canary))
        }
        #expect(project.filesContaining(GitHubProject.canary).isEmpty, "token found in \(project.filesContaining(GitHubProject.canary))")
        // The repository's own files (mirror, work tree) hold the key, of course; nothing we write may.
        let written = project.filesContaining(credential.id, outside: [".infinity/workspace/"])
        #expect(written.isEmpty, "leaked key stored unredacted in \(written)")
    }

    @Test("renamed, deleted and refused repositories are per-repository diagnostics; the others are still checked")
    func perRepositoryFailures() async throws {
        let project = try await GitHubProject.start()
        defer { Task { await project.stop() } }
        for name in ["alpha", "beta", "gamma"] {
            try await project.publish(name, files: ["Makefile": "all:\n\ttrue\n"])
        }
        // delta's build fails, so health wants to open an alert issue there — which GitHub refuses with a 422.
        try await project.publish("delta", files: ["Makefile": "all:\n\tfalse\n"])
        #expect(try await project.infinity(["discover"]).status == 0)
        project.server.rename("acme/beta", to: "beta-renamed")
        project.server.delete("acme/gamma")
        project.server.inject(.validationFailed(message: "Validation Failed", errors: [.init(resource: "Issue", field: "title", code: "invalid")]),
                              pathContains: "/repos/acme/delta/issues", method: "POST", count: 100)

        let build = try await project.infinity(["build", "--all"])
        #expect(build.status == 1, "\(build.output)")
        #expect(build.output.contains("gamma") && build.output.contains("delta"), "\(build.output)")
        #expect(FileManager.default.fileExists(atPath: project.dir.url(".infinity/workspace/sources/alpha.git")))

        let health = try await project.infinity(["health"])
        #expect(health.output.contains("gamma"), "\(health.output)")
        #expect(health.output.contains("alpha"))
        #expect(project.server.issues(in: "acme/delta").isEmpty)
        let refusal = health.output.split(separator: "\n").filter { $0.contains("delta") && ($0.contains("422") || $0.contains("Validation Failed")) }
        #expect(!refusal.isEmpty, "\(health.output)")
        let heal = try await project.infinity(["heal", "run", "--dry-run"])
        #expect(heal.output.contains("delta"), "\(heal.output)")
        // A repository git cannot find is a human's job (token access or a rediscovery), never a re-run.
        let gammaPlan = heal.output.split(separator: "\n").first { $0.hasPrefix("gamma:") }.map(String.init) ?? ""
        #expect(gammaPlan.contains("auth") && gammaPlan.contains("alert"), "\(heal.output)")
        #expect(!health.output.contains(GitHubProject.canary) && !build.output.contains(GitHubProject.canary) && !heal.output.contains(GitHubProject.canary))
    }

    @Test("an expired token, a truncated answer and a missing token each stop with a clear error and leave the manifest as it was")
    func wholeRunFailures() async throws {
        let project = try await GitHubProject.start()
        defer { Task { await project.stop() } }
        try await project.publish("app", files: ["Makefile": "all:\n\ttrue\n"])
        #expect(try await project.infinity(["discover"]).status == 0)
        let manifestPath = project.dir.url("config/repositories.json")
        let before = try Data(contentsOf: URL(fileURLWithPath: manifestPath))
        try await project.publish("second", files: ["go.mod": "module second\n"])

        let missing = try await project.infinity(["discover"], token: nil)
        #expect(missing.status != 0)
        #expect(missing.output.contains(GitHubProject.tokenVariable), "\(missing.output)")

        project.server.inject(.truncatedJSON, pathContains: "/graphql", count: 1)
        let truncated = try await project.infinity(["discover"])
        #expect(truncated.status == 1, "\(truncated.output)")
        #expect(truncated.output.lowercased().contains("graphql") || truncated.output.lowercased().contains("json"), "\(truncated.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: manifestPath)) == before)

        project.server.expireToken(GitHubProject.canary)
        let expired = try await project.infinity(["discover"])
        #expect(expired.status == 1, "\(expired.output)")
        #expect(expired.output.contains("expired") || expired.output.contains("revoked"), "\(expired.output)")
        #expect(!expired.output.contains(GitHubProject.canary))
        #expect(try Data(contentsOf: URL(fileURLWithPath: manifestPath)) == before)
    }
}
