import Foundation
@testable import HealthMonitor
import InfinityModel
import InfinitySystem
import InfinityTestSupport
import Testing

/// Content checks over real git repositories in temp folders, read through `RepositoryContent`.
@Suite("Content checks")
struct ContentCheckTests {
    /// Commits `files` (and runs `prepare` in the work tree before committing) and evaluates the head.
    func evaluate(_ files: [String: String], prepare: ((String) throws -> Void)? = nil) async throws -> [String: CheckResult] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let git = GitFixture()
        let path = dir.url("repo")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try await git.git.run(in: path, GitFixture.identity + ["init", "-q", "-b", "main"])
        try prepare?(path)
        let sha = try await git.commit(in: path, files: files)
        let tree = try await RepositoryTree.load(GitCLI().content(of: path, commit: sha))
        let results = await ContentChecks.evaluate(tree)
        return Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    }

    @Test("a well-kept repository passes every content check")
    func healthyPasses() async throws {
        let r = try await evaluate(HealthFixture.healthyFiles)
        for (id, result) in r { #expect(result.outcome == .pass, "\(id): \(result.evidence)") }
        #expect(r.count == HealthCheckCatalog.all.filter { $0.source == .content }.count)
    }

    @Test("missing hygiene files fail with a remedy; other CI systems and Renovate count")
    func missingFiles() async throws {
        let r = try await evaluate(["main.c": "int main(void){return 0;}\n", ".gitlab-ci.yml": "test:\n  script: make\n", "renovate.json": "{}\n"])
        for id in ["readme", "license", "security-policy", "codeowners", "gitignore"] {
            #expect(r[id]?.outcome == .fail)
            #expect(r[id]?.remedy?.isEmpty == false)
        }
        #expect(r["ci-workflows"]?.outcome == .pass)
        #expect(r["ci-workflows"]?.evidence.contains(".gitlab-ci.yml") == true)
        #expect(r["dependency-updates"]?.evidence.contains("renovate.json") == true)
        #expect(r["workflow-permissions"]?.outcome == .notApplicable)
    }

    @Test("a README that links outside the repository warns and is not followed; an empty one warns")
    func symlinkOutside() async throws {
        let r = try await evaluate(["LICENSE": "", "src/a.txt": "a\n"]) { path in
            try FileManager.default.createSymbolicLink(atPath: path + "/README.md", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: path + "/SECURITY.md", withDestinationPath: "../../outside.md")
            try FileManager.default.createSymbolicLink(atPath: path + "/.gitignore", withDestinationPath: "src/a.txt")
        }
        #expect(r["readme"]?.outcome == .warn)
        #expect(r["readme"]?.evidence.contains("/etc/passwd") == true)
        #expect(r["security-policy"]?.outcome == .warn)
        #expect(r["security-policy"]?.evidence.contains("outside the repository") == true)
        #expect(r["gitignore"]?.outcome == .pass)
        #expect(r["license"]?.outcome == .warn)
        #expect(r["license"]?.evidence.contains("empty") == true)
    }

    @Test("binary artifacts are found by extension and by an ELF header on an executable")
    func binaryArtifacts() async throws {
        let r = try await evaluate(["lib/vendor.jar": "PK", "build.sh": "#!/bin/sh\necho hi\n"]) { path in
            let elf = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 56))
            try elf.write(to: URL(fileURLWithPath: path + "/tool"))
            chmod(path + "/tool", 0o755)
            try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: path + "/run"))
            chmod(path + "/run", 0o755)
        }
        let b = try #require(r["binary-artifacts"])
        #expect(b.outcome == .fail)
        #expect(b.evidence.contains("lib/vendor.jar"))
        #expect(b.evidence.contains("tool"))
        #expect(!b.evidence.contains("build.sh"))
        #expect(!b.evidence.contains("run,") && !b.evidence.hasSuffix("run"))
    }

    @Test("a Gradle wrapper jar only warns")
    func gradleWrapper() async throws {
        let r = try await evaluate(["gradle/wrapper/gradle-wrapper.jar": "PK"])
        #expect(r["binary-artifacts"]?.outcome == .warn)
    }

    @Test("versioned shared libraries count as binaries")
    func soVersions() {
        #expect(BinaryArtifacts.fileExtension("lib/libfoo.so.1.2") == "so")
        #expect(BinaryArtifacts.fileExtension("docs/so.what.md") == "md")
        #expect(BinaryArtifacts.fileExtension(".gitignore") == nil)
    }
}
