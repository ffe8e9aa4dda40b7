import Foundation
import InfinityModel
import InfinitySystem
import Logging

/// The sources of GitHub repositories on this machine: one bare mirror per repository at
/// `<directory>/<name>.git` (`<state>/workspace/sources/`), the place build work trees borrow
/// objects from, history scans read and healing clones.
///
/// ``prepare(_:)`` looks for the manifest's head SHA in the mirror first (reading the object
/// files, no process and no network) and fetches only when it is missing; so an unchanged
/// repository costs nothing, and a moved one one fetch of its branches. Every network git call
/// goes through ``AuthenticatedGit`` — the token reaches git only in the environment; the clone
/// records the credential-free web URL as `origin`. At most `maxParallel` fetches run at once;
/// each repository is synced at most once per instance (one instance per command), however many
/// stages or dependents ask. A failure is that repository's ``SourceSyncError`` with a remedy.
public actor GitHubSourceMirrors: RepositorySources {
    /// The folder of the mirrors.
    public nonisolated let directory: String
    nonisolated let git: AuthenticatedGit
    nonisolated let mirror: BareMirror
    nonisolated let fileSystem: FileSystem
    nonisolated let webURL: @Sendable (String) -> String
    nonisolated let logger: Logger
    let maxParallel: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var synced: [String: Task<Result<String, SourceSyncError>, Never>] = [:]
    /// Fetches started by this instance (each is one network round of git).
    public private(set) var fetches = 0

    /// Creates the mirrors.
    /// - Parameters:
    ///   - webURL: the credential-free clone URL of `owner/name` (``GitHubSession/webURL(_:)``).
    public init(directory: String, git: AuthenticatedGit, webURL: @escaping @Sendable (String) -> String,
                fileSystem: FileSystem = .live, maxParallel: Int = 8, logger: Logger = Logger(label: "infinity.sources")) {
        self.directory = directory
        self.git = git
        self.mirror = git.bareMirror(fileSystem: fileSystem)
        self.fileSystem = fileSystem
        self.webURL = webURL
        self.maxParallel = max(1, maxParallel)
        self.logger = logger
    }

    /// The mirror's path for a repository name.
    public nonisolated func path(for name: String) -> String { Paths.join(directory, name + ".git") }

    public func prepare(_ repository: ManifestRepository) async throws(SourceSyncError) -> String {
        guard let sha = repository.headSHA else {
            throw SourceSyncError(.invalid, repository: repository.name, "the manifest has no head SHA for \(repository.fullName)",
                                  remedy: "run `infinity discover`")
        }
        let key = repository.name + "@" + sha
        if let task = synced[key] { return try await task.value.get() }
        let task = Task { await self.sync(repository, sha: sha) }
        synced[key] = task
        return try await task.value.get()
    }

    public func existingCopy(of repository: ManifestRepository) async -> String? {
        guard let sha = repository.headSHA, Self.isPlainName(repository.name) else { return nil }
        let path = path(for: repository.name)
        return await mirror.contains(sha, in: path) ? path : nil
    }

    /// Makes the mirror hold `sha`: nothing when it already does, else one fetch of the branches
    /// (and of the commit itself if it is on no branch), within the parallel limit.
    nonisolated func sync(_ repository: ManifestRepository, sha: String) async -> Result<String, SourceSyncError> {
        let name = repository.name
        guard Self.isPlainName(name) else {
            return .failure(SourceSyncError(.invalid, repository: name, "\(DisplayName.quote(name)) cannot name a folder",
                                            remedy: "rename the repository"))
        }
        let path = path(for: name)
        if await mirror.contains(sha, in: path) { return .success(path) }
        let url = webURL(repository.fullName)
        await acquire()
        logger.info("fetching sources", metadata: ["repo.name": "\(name)", "repo.head": "\(sha)", "git.url": "\(url)"])
        let outcome: Result<String, SourceSyncError>
        do {
            try fileSystem.createDirectory(directory)
            try await mirror.update(path, from: url, defaultBranch: repository.defaultBranch, remoteURL: url)
            if !(await mirror.contains(sha, in: path)) {
                try? await mirror.fetch(commit: sha, into: path, from: url)
            }
            outcome = await mirror.contains(sha, in: path)
                ? .success(path)
                : .failure(SourceSyncError(.missingCommit, repository: name,
                                           "\(url) does not have the manifest's head \(sha.prefix(12)) (force-pushed since discovery?)",
                                           remedy: "run `infinity discover` to refresh the manifest"))
        } catch {
            outcome = .failure(git.syncError(error, repository: name, fullName: repository.fullName, url: url))
        }
        if case .failure(let error) = outcome {
            logger.info("cannot fetch sources", metadata: ["repo.name": "\(name)", "error": "\(error)"])
        }
        await release()
        return outcome
    }

    private func acquire() async {
        fetches += 1
        if running < maxParallel {
            running += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { running -= 1 } else { waiters.removeFirst().resume() }
    }

    /// Whether `name` is one ordinary path component (GitHub names always are).
    public static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
