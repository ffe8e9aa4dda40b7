import Foundation
import InfinitySystem
import Testing
@testable import SecurityCompliance

@Suite("Git history scans")
struct SecretHistoryTests {
    /// Runs git in `folder` for test setup and returns its standard output, trimmed (standard
    /// error is dropped). Through `ProcessRunner.live`, so no cooperative thread waits on git.
    @discardableResult
    func git(_ folder: String, _ arguments: String...) async throws -> String {
        let output = try await ProcessRunner.live.run(
            "/usr/bin/env", ["git", "-C", folder, "-c", "user.name=T", "-c", "user.email=t@example.org",
                             "-c", "commit.gpgsign=false"] + arguments, nil, nil)
        return output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a secret removed from the working tree is still found in history, at the commit that added it")
    func removedSecret() async throws {
        let folder = try SecretTemporaryFolder()
        let github = try #require(SecretRuleCase.all.first { $0.ruleID == "github-token" })
        let stripe = try #require(SecretRuleCase.all.first { $0.ruleID == "stripe-secret-key" })
        try await git(folder.path, "init", "-q", "-b", "main")
        try folder.write("README.md", "# demo\n")
        try folder.write("config/ci.yml", "name: ci\nsteps: []\n" + github.positive + "\n")
        try await git(folder.path, "add", "-A")
        try await git(folder.path, "commit", "-q", "-m", "add ci")
        let added = try await git(folder.path, "rev-parse", "HEAD")
        try folder.write("config/ci.yml", "name: ci\nsteps: []\n")
        try await git(folder.path, "commit", "-q", "-am", "remove token")
        try await git(folder.path, "checkout", "-q", "-b", "feature")
        try folder.write("pay.rb", "# pay\n" + stripe.positive + "\n")
        try folder.write("package-lock.json", github.positive + "\n")
        try await git(folder.path, "add", "-A")
        try await git(folder.path, "commit", "-q", "-m", "payments")
        let feature = try await git(folder.path, "rev-parse", "HEAD")
        try await git(folder.path, "checkout", "-q", "main")

        let working = try await SecretScanner().scan(paths: [folder.path])
        #expect(working.findings.isEmpty)
        let history = try await SecretScanner().scanHistory(repoPath: folder.path)
        #expect(history.findings.map(\.ruleID) == ["github-token", "stripe-secret-key"])
        #expect(history.findings.map(\.file) == ["config/ci.yml", "pay.rb"])
        #expect(history.findings.map(\.line) == [3, 2])
        #expect(history.findings.map(\.commit) == [added, feature])
        for output in try everyOutputString(of: history) {
            #expect(!output.contains(github.secret) && !output.contains(stripe.secret))
        }
    }

    @Test("a secret added twice is reported once, at the older commit")
    func duplicateAcrossCommits() async throws {
        let folder = try SecretTemporaryFolder()
        let rule = try #require(SecretRuleCase.all.first { $0.ruleID == "npm-token" })
        try await git(folder.path, "init", "-q", "-b", "main")
        try folder.write(".npmrc", rule.positive + "\n")
        try await git(folder.path, "add", "-A")
        try await git(folder.path, "commit", "-q", "-m", "one")
        let first = try await git(folder.path, "rev-parse", "HEAD")
        try folder.write(".npmrc", "registry=https://registry.npmjs.org/\n" + rule.positive + "\n")
        try await git(folder.path, "commit", "-q", "-am", "two")
        let report = try await SecretScanner().scanHistory(repoPath: folder.path)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.commit == first)
    }

    @Test("git runs through the injected runner, and a git failure is a typed error")
    func injectedRunner() async throws {
        let calls = Calls()
        let failing = SecretGitRunner { arguments, directory in
            await calls.record(arguments, directory)
            return .init(stdout: [], stderr: "fatal: not a git repository", exitCode: 128)
        }
        let error = await #expect(throws: SecretScanError.self) {
            try await SecretScanner().scanHistory(repoPath: "/nowhere", git: failing)
        }
        #expect(error?.code == .gitFailed)
        #expect(error?.description.contains("not a git repository") == true)
        let recorded = await calls.values
        #expect(recorded.count == 1)
        #expect(recorded.first?.0.prefix(2) == ["log", "-p"])
        #expect(recorded.first?.0.contains("--all") == true)
        #expect(recorded.first?.1 == "/nowhere")
    }

    @Test("patch parsing keeps new-file line numbers and quoted paths")
    func patchParsing() {
        let commit = String(repeating: "a", count: 40)
        let diff = """
            commit \(commit)

            diff --git "a/dir/with space.txt" "b/dir/with space.txt"
            new file mode 100644
            --- /dev/null
            +++ "b/dir/with space.txt"
            @@ -0,0 +10,2 @@
            +first
            ++++ not a header
            diff --git a/gone.txt b/gone.txt
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye

            """
        let patches = GitPatchParser.addedLines(in: Array(diff.utf8))
        #expect(patches.count == 1)
        #expect(patches.first?.path == "dir/with space.txt")
        #expect(patches.first?.lineNumbers == [10, 11])
        #expect(patches.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "first\n+++ not a header\n")
        #expect(patches.first?.commit == commit)
    }
}

actor Calls {
    var values: [([String], String)] = []
    func record(_ arguments: [String], _ directory: String) { values.append((arguments, directory)) }
}
