import Foundation
import InfinityModel
import InfinitySystem

/// Creates the demo organization: a folder of local git repositories in the ecosystems
/// this machine builds offline (SwiftPM, Python with unittest, C with make, shell), with a
/// dependency between two of them, a failing test, a flaky test, a build broken by a
/// corrupted cache, a leaked (fake) credential, a known-vulnerable pin with a tiny OSV
/// advisory, a stale repository, a bare repository, and healthy ones.
public struct DemoOrganization: Sendable {
    /// The folder the demo lives in; it becomes the project root.
    public var directory: String
    public var git: GitCLI
    public var fileSystem: FileSystem
    public var clock: WallClock

    /// Marks a folder as made by the demo, so it may be replaced without asking.
    public static let markerFile = ".infinity-demo"

    public init(directory: String, git: GitCLI = GitCLI(), fileSystem: FileSystem = .live, clock: WallClock = .live) {
        self.directory = directory
        self.git = git
        self.fileSystem = fileSystem
        self.clock = clock
    }

    /// What was created.
    public struct Created: Sendable {
        public var repositories: [(name: String, purpose: String)]
        public var configPath: String
    }

    /// Creates (or re-creates) the demo folder. Refuses a non-empty folder the demo did not make.
    public func create() async throws -> Created {
        let root = fileSystem.absolute(directory)
        if fileSystem.exists(root) {
            let entries = (try? fileSystem.listDirectory(root)) ?? []
            if !entries.isEmpty && !fileSystem.exists(Paths.join(root, Self.markerFile)) {
                throw DemoError("\(root) exists and was not made by `infinity demo`; refusing to replace it", remedy: "pass --dir with an empty or new folder")
            }
            try fileSystem.removeItem(root)
        }
        try fileSystem.createDirectory(root)
        try fileSystem.writeText("This folder was made by `infinity demo` and is replaced by the next demo run.\n", to: Paths.join(root, Self.markerFile))

        let org = Paths.join(root, "org")
        try fileSystem.createDirectory(org)
        let now = clock.now()
        var created: [(String, String)] = []
        for repo in DemoRepositories.all(secretLine: Self.fakeCredentialLines()) {
            let date = now.addingTimeInterval(-Double(repo.ageDays) * 86_400)
            try await make(repo, in: org, date: date)
            created.append((repo.name, repo.purpose))
        }

        // The OSV advisory for vuln-deps, and the corrupted cache for cache-demo.
        try fileSystem.writeText(DemoRepositories.advisory, to: Paths.join(root, "osv/PyPI/GHSA-q2q7-5pp4-w6pg.json"))
        let cache = Paths.join(root, ".infinity/cache/shell/cache-demo/intermediate.bin")
        try fileSystem.writeText("intermediate build product\n", to: cache)
        try fileSystem.writeText("0000000000000000000000000000000000000000000000000000000000000000\n", to: cache + ".sha256")

        let configPath = Paths.join(root, "config/orchestrator.yml")
        try fileSystem.writeText(Self.configuration, to: configPath)
        return Created(repositories: created.map { (name: $0.0, purpose: $0.1) }, configPath: configPath)
    }

    /// Writes a repository's files and commits them at `date`; legacy-tool becomes a bare repository.
    private func make(_ repo: DemoRepositories.Repo, in org: String, date: Date) async throws {
        let bare = repo.name == "legacy-tool"
        let work = bare ? Paths.join(directory.hasPrefix("/") ? directory : fileSystem.absolute(directory), ".work-\(repo.name)") : Paths.join(org, repo.name)
        try fileSystem.createDirectory(work)
        for (path, text) in repo.files.sorted(by: { $0.key < $1.key }) {
            let full = Paths.join(work, path)
            try fileSystem.writeText(text, to: full)
            if repo.executables.contains(path) { chmod(full, 0o755) }
        }
        let stamp = "@\(Int(date.timeIntervalSince1970)) +0000"
        let env = ["GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp]
        let identity = ["-c", "user.name=Infinity Demo", "-c", "user.email=demo@infinity.invalid", "-c", "commit.gpgsign=false"]
        try await git.run(in: work, ["init", "-q", "-b", "main"])
        try await git.run(in: work, ["add", "-A"])
        try await git.run(in: work, identity + ["commit", "-q", "-m", "Initial commit of \(repo.name)"], environment: env)
        if bare {
            try await git.run(in: org, ["clone", "-q", "--bare", work, repo.name + ".git"])
            try fileSystem.removeItem(work)
        }
    }

    /// A fake AWS key pair, assembled at run time from a fixed seed so no credential-shaped
    /// literal sits in this source file.
    static func fakeCredentialLines() -> String {
        var state: UInt64 = 0x1F2E_3D4C_5B6A_7988
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        let mixed = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let id = "AK" + "IA" + String((0..<16).map { _ in upper[Int(next() % UInt64(upper.count))] })
        let secret = String((0..<40).map { _ in mixed[Int(next() % UInt64(mixed.count))] })
        return "AWS_ACCESS_KEY_ID=\(id)\nAWS_SECRET_ACCESS_KEY=\(secret)"
    }

    /// The demo's `config/orchestrator.yml`.
    static let configuration = """
        # Made by `infinity demo`. See docs/configuration.md for every key.
        organization: infinity-demo
        provider: local
        local:
          path: org
        build:
          max_parallel: 4
          timeout: 10m
        healing:
          # A small organization: let half of the builds in the window be retries, so the
          # demo's three failures can each get their re-run or rebuild in one cycle.
          org_retry_budget_percent: 50
        security:
          osv_db: osv
        overrides:
          legacy-tool:
            test: make test

        """
}

/// The demo folder could not be made.
public struct DemoError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    public var remedy: String

    public init(_ message: String, remedy: String) {
        self.message = message
        self.remedy = remedy
    }

    public var description: String { "\(message) (\(remedy))" }
    public var errorDescription: String? { description }
}
