import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import InfinitySystem
import Testing

@Suite("Distributed builds: matrix, results folders, merge")
struct BuildDistributedTests {
    @Test("the matrix lists what needs building, in chunks of at most 256")
    func matrixChunks() async throws {
        let f = try BuildFixture()
        try await f.add("a", steps: [.build: "true"])
        try await f.add("b", steps: [.build: "true"], dependsOn: ["a"])
        try await f.add("c", steps: [:])
        let plan = try await f.plan()
        let lines = BuildMatrix.chunks(plan)
        #expect(lines == ["{\"include\":[{\"repo\":\"a\"},{\"repo\":\"b\"}]}"])

        let repo = ManifestRepository(name: "x", fullName: "t/x", location: "/x")
        let many = BuildPlan(entries: (0..<600).map {
            BuildPlanEntry(repository: String(format: "r%03d", $0), action: .build, reason: .neverBuilt, explanation: "", cacheKey: "k",
                           ownKey: "o", headSHA: "s", ecosystem: "shell", dependencies: [], manifestEntry: repo)
        }, toolchains: [:], forced: false)
        let chunks = BuildMatrix.chunks(many)
        let sizes = try chunks.map { line -> Int in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: [[String: String]]]
            return object?["include"]?.count ?? -1
        }
        #expect(sizes == [256, 256, 88])
        #expect(BuildMatrix.chunks(BuildPlan(entries: [], toolchains: [:], forced: false)) == ["{\"include\":[]}"])
    }

    @Test("results built on separate machines merge into one summary and into the store")
    func resultsRoundTrip() async throws {
        let org = try BuildFixture()
        try await org.add("alpha", steps: [.build: "echo alpha built"])
        try await org.add("beta", steps: [.build: "echo beta broke >&2; exit 1", .test: "true"])
        let manifest = org.manifest

        // Two "machines": separate state folders, one repository each.
        var folders: [String] = []
        for repo in ["alpha", "beta"] {
            let machine = try BuildFixture()
            machine.repositories = org.repositories
            let out = org.dir.url("artifacts/\(repo)-results")
            _ = try await machine.pipeline().build(manifest: manifest, options: BuildOptions(repositories: [repo], resultsDirectory: out, appendStepSummary: false))
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(repo)/result.json"))
            folders.append(out)
        }

        let aggregator = try BuildFixture()
        let summaryFile = aggregator.dir.url("step-summary.md")
        aggregator.environment["GITHUB_STEP_SUMMARY"] = summaryFile
        let merged = try await aggregator.pipeline().merge(resultsDirectories: [org.dir.url("artifacts")])
        #expect(merged.results.map(\.repository) == ["alpha", "beta"])
        #expect(merged.result("alpha")?.status == .succeeded)
        #expect(merged.result("beta")?.status == .failed && merged.result("beta")?.detail.failedStep == "build")
        #expect(!merged.succeeded)
        let betaLog = try #require(merged.result("beta")?.detail.steps.first?.log)
        #expect(betaLog.hasPrefix(merged.runDirectory))
        #expect(aggregator.text(betaLog) == "beta broke\n")
        #expect(try aggregator.store.latestBuildResults().map(\.status) == ["succeeded", "failed"])
        #expect(try aggregator.store.runs(workflow: "build").first?.trigger == "merge")
        #expect(aggregator.text(summaryFile).contains("beta broke"))
        #expect(aggregator.text(Paths.join(merged.runDirectory, "summary.md")).contains("| beta |"))
        let error = await #expect(throws: BuildError.self) { try await aggregator.pipeline().merge(resultsDirectories: [aggregator.dir.url("nothing")]) }
        #expect(error?.code == .merge)
    }

    @Test("a crafted result cannot make merge copy files from outside its folder")
    func mergeRejectsPathsOutside() async throws {
        let f = try BuildFixture()
        let folder = f.dir.url("evil/repo")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "top secret".write(toFile: f.dir.url("secret.txt"), atomically: true, encoding: .utf8)
        let json = """
            {"format":"infinity-build-result","version":1,"run_id":"x","result":{"repository":"repo","status":"failed",
            "detail":{"cache_key":"k","log_dir":".","steps":[{"name":"build","status":"failed","command":"x","timed_out":false,
            "duration_seconds":1,"log":"../../secret.txt","log_truncated":false}]}}}
            """
        try json.write(toFile: Paths.join(folder, "result.json"), atomically: true, encoding: .utf8)
        let merged = try await f.pipeline().merge(resultsDirectories: [f.dir.url("evil")])
        #expect(merged.result("repo")?.detail.steps.first?.log == nil)
    }
}
