import Foundation

/// Deterministic synthetic repositories with a varied but reproducible mix of properties.
enum SyntheticData {
    static let epoch = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01T00:00:00Z

    private static let stacks: [(language: String, files: [String])] = [
        ("Swift", ["Package.swift", "Sources/App/main.swift", "Tests/AppTests/AppTests.swift", "README.md"]),
        ("Go", ["go.mod", "main.go", "README.md"]),
        ("Python", ["pyproject.toml", "src/app/__init__.py", "README.md"]),
        ("TypeScript", ["package.json", "tsconfig.json", "src/index.ts"]),
        ("Rust", ["Cargo.toml", "src/main.rs", "README.md"]),
    ]

    /// `count` repositories named `prefix-0000` … owned by `owner`.
    static func repositories(
        owner: String, ownerType: String, prefix: String, count: Int, idBase: Int64, seed: UInt64
    ) -> [ServerRepository] {
        (0..<max(0, count)).map { index in
            repository(owner: owner, ownerType: ownerType, prefix: prefix, index: index, idBase: idBase, seed: seed)
        }
    }

    static func repository(
        owner: String, ownerType: String, prefix: String, index: Int, idBase: Int64, seed: UInt64
    ) -> ServerRepository {
        let stack = stacks[index % stacks.count]
        let name = prefix + "-" + String(format: "%04d", index)
        let visibility = index % 10 == 0 ? "private" : (index % 25 == 3 ? "internal" : "public")
        let created = epoch.addingTimeInterval(Double(index) * 86_400)
        let jitter = Double((UInt64(index) &* 2_654_435_761 &+ seed) % 1000)
        let pushed = created.addingTimeInterval(Double((index * 37) % 1000) * 86_400 + jitter)
        var topics = ["infinity", stack.language.lowercased()]
        if index % 3 == 0 { topics.append("service") }
        let ciState: String? =
            index % 9 == 0 ? "FAILURE" : (index % 11 == 0 ? "PENDING" : (index % 20 == 19 ? nil : "SUCCESS"))
        var repository = ServerRepository(
            id: idBase + Int64(index), owner: owner, ownerType: ownerType, name: name, visibility: visibility,
            archived: index % 17 == 5, fork: index % 13 == 7, topics: topics,
            description: "Synthetic \(stack.language) repository \(index)",
            languages: [(stack.language, 10_000 + index * 7), ("Shell", 500 + index)],
            createdAt: created, updatedAt: pushed, pushedAt: pushed, ciState: ciState, protected: index % 2 == 0)
        var files = stack.files
        if index % 7 == 0 { files.append(".github/workflows/ci.yml") }
        var tree: [String: TreeItem] = [:]
        for path in files {
            let content = Data("// \(path) of \(owner)/\(name)\n".utf8)
            let sha = GitObjectID.blob(content)
            repository.blobs[sha] = content
            tree[path] = TreeItem(mode: "100644", type: "blob", sha: sha, size: content.count)
        }
        let treeSHA = GitObjectID.tree(tree)
        repository.trees[treeSHA] = tree
        let commitSHA = GitObjectID.commit(tree: treeSHA, parents: [], message: "Initial commit", date: pushed)
        repository.commits[commitSHA] = ServerCommit(
            sha: commitSHA, tree: treeSHA, parents: [], message: "Initial commit", date: pushed)
        repository.refs["refs/heads/main"] = commitSHA
        repository.codeScanningAlerts = index % 4 == 0 ? 2 : 0
        repository.secretScanningAlerts = index % 15 == 0 ? 1 : 0
        repository.dependabotAlerts = index % 6 == 0 ? 3 : 0
        let runBase = (Int64(index) + 1) * 1000
        for runIndex in 0..<3 {
            let runID = runBase + Int64(runIndex)
            let conclusion = runIndex == 0 ? (ciState == "FAILURE" ? "failure" : "success") : "success"
            let jobIDs = [runID * 10, runID * 10 + 1]
            repository.runs.append(
                ServerRun(
                    id: runID, runNumber: 3 - runIndex, branch: "main", headSHA: commitSHA, status: "completed",
                    conclusion: conclusion, event: runIndex == 1 ? "schedule" : "push",
                    createdAt: pushed.addingTimeInterval(Double(-runIndex) * 3600), jobIDs: jobIDs, reruns: 0))
            for (jobIndex, jobID) in jobIDs.enumerated() {
                let failed = conclusion == "failure" && jobIndex == 1
                repository.jobs[jobID] = ServerJob(
                    id: jobID, runID: runID, name: jobIndex == 0 ? "build" : "test", status: "completed",
                    conclusion: failed ? "failure" : "success",
                    startedAt: pushed.addingTimeInterval(Double(-runIndex) * 3600 + 5),
                    completedAt: pushed.addingTimeInterval(Double(-runIndex) * 3600 + 65),
                    log: "2024-01-01T00:00:00.0000000Z ##[group]Run \(jobIndex == 0 ? "swift build" : "swift test")\n"
                        + (failed ? "error: test failed: AppTests.testExample\n##[error]Process completed with exit code 1.\n"
                            : "Build complete!\n"))
            }
        }
        return repository
    }
}
