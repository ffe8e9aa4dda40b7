import CodeHosts
import Foundation
import InfinityModel
import InfinitySystem

/// A work tree that could not be made, with git's reason.
public struct WorkTreeError: Error, Sendable, CustomStringConvertible {
    public var repository: String
    public var path: String
    public var message: String

    public var description: String { "cannot prepare the work tree of \(DisplayName.quote(repository)) at \(path): \(message)" }
}

/// The isolated work trees builds run in: `<state>/workspace/trees/<repo>`, side by side so
/// relative references between repositories (`.package(path: "../greeter-core")`) resolve.
///
/// A tree is a git repository of its own that borrows the source's objects through
/// `objects/info/alternates` (the source of a hosted repository is its mirror, which
/// ``RepositorySources`` fetches before the tree is made when it lacks the head SHA) and is checked out, detached, at the exact head SHA. The source
/// (the user's checkout or the clone discovery made) is only read: no worktree entries, no
/// refs, no files are added to it. Trees are kept between runs and refreshed with a forced
/// checkout, so ignored build products (`.build/`, `node_modules/`) survive for incremental
/// builds; `infinity cache clear --repo NAME` removes a tree to start clean.
///
/// After a build of a repository nothing else reads, `reset(_:)` restores its tracked files
/// in the background and leaves a marker (`.git/infinity-clean` holding the SHA); the next
/// `prepare` of that SHA then needs no git process. The marker is removed before any build
/// uses the tree, so a tree a build may have touched is always checked out again.
///
/// Each tree is prepared at most once per instance (one instance per run), however many
/// dependents ask for it. git runs through the process-group runner (`posix_spawn`, a few
/// milliseconds) with the fixed environment of `GitCLI`, never through a shell.
public actor WorkTrees {
    public nonisolated let root: String
    /// Where discovery clones listed repositories (`<state>/workspace/sources`).
    public nonisolated let sourcesDirectory: String
    let git: TreeGit
    let fileSystem: FileSystem
    /// Hosted repositories' sources, fetched when a tree needs them (nil: local ones only).
    let sources: (any RepositorySources)?
    private var prepared: [String: Task<Result<String, WorkTreeError>, Never>] = [:]

    public init(root: String, sourcesDirectory: String, git: GitCLI = GitCLI(), processes: ProcessGroupRunner = .live,
                fileSystem: FileSystem = .live, sources: (any RepositorySources)? = nil) {
        self.root = root
        self.sourcesDirectory = sourcesDirectory
        self.git = TreeGit(executable: git.executable, processes: processes)
        self.fileSystem = fileSystem
        self.sources = sources
    }

    /// The tree's path for a repository name.
    public nonisolated func path(for repository: String) -> String { Paths.join(root, PathComponent.safe(repository)) }

    /// Makes or refreshes the tree of `repository` at its head SHA; returns its path.
    public func prepare(_ repository: ManifestRepository) async -> Result<String, WorkTreeError> {
        if let task = prepared[repository.name] { return await task.value }
        let task = Task { [git, fileSystem, root, sourcesDirectory, sources] in
            await Self.make(repository, at: Paths.join(root, PathComponent.safe(repository.name)), sources: sourcesDirectory,
                            hosted: sources, git: git, fileSystem: fileSystem)
        }
        prepared[repository.name] = task
        return await task.value
    }

    static func make(_ repo: ManifestRepository, at tree: String, sources: String, hosted: (any RepositorySources)? = nil,
                     git: TreeGit, fileSystem: FileSystem) async -> Result<String, WorkTreeError> {
        func failure(_ message: String) -> Result<String, WorkTreeError> {
            .failure(WorkTreeError(repository: repo.name, path: tree, message: message))
        }
        guard let sha = repo.headSHA else { return failure("the manifest has no head SHA for it (run `infinity discover`)") }
        let located: String?
        if let hosted {
            // A hosted repository: its mirror, fetched now if it lacks the head SHA.
            do { located = try await hosted.prepare(repo) } catch { return failure(error.description) }
        } else {
            located = locateSource(repo, sources: sources, fileSystem: fileSystem)
        }
        guard let source = located else {
            return failure("no local copy of \(DisplayName.quote(repo.location)) to build from (run `infinity discover`)")
        }
        guard let objects = objectsDirectory(of: source, fileSystem: fileSystem) else {
            return failure("\(source) is not a readable git repository")
        }
        // Reuse: an existing tree borrowing from the same objects.
        if fileSystem.kindOfItem(Paths.join(tree, ".git")) == .directory {
            let alternates = (try? fileSystem.readFile(Paths.join(tree, ".git/objects/info/alternates"))).map { String(decoding: $0, as: UTF8.self) }
            if alternates?.trimmingCharacters(in: .whitespacesAndNewlines) == objects {
                if takeCleanMarker(tree: tree, sha: sha, fileSystem: fileSystem) { return .success(tree) }
                if (try? await git.run(in: tree, TreeGit.checkout(sha))) != nil { return .success(tree) }
            }
        }
        do {
            try fileSystem.removeItem(tree)
            try fileSystem.createDirectory(tree)
            try await git.run(in: tree, ["init", "-q", "--template="])
            try fileSystem.writeFileAtomically(Paths.join(tree, ".git/objects/info/alternates"), Data((objects + "\n").utf8))
            try await git.run(in: tree, TreeGit.checkout(sha))
            return .success(tree)
        } catch {
            try? fileSystem.removeItem(tree)
            return failure("\(error)")
        }
    }

    /// Restores the tracked files of `repository`'s tree after a build and marks it clean at
    /// its SHA. Best effort: on any problem there is no marker and the next build checks out.
    public func reset(_ repository: ManifestRepository) async {
        guard let sha = repository.headSHA else { return }
        let tree = path(for: repository.name)
        guard fileSystem.kindOfItem(Paths.join(tree, ".git")) == .directory,
              (try? await git.run(in: tree, TreeGit.checkout(sha))) != nil, !Task.isCancelled else { return }
        try? fileSystem.writeText(sha + "\n", to: Paths.join(tree, ".git", Self.cleanMarker))
    }

    /// `.git/infinity-clean`: the SHA the tree was last restored to after a build.
    static let cleanMarker = "infinity-clean"

    /// Whether the tree is marked clean at `sha` with `HEAD` detached there; the marker is
    /// removed either way, since the caller is about to hand the tree to a build.
    static func takeCleanMarker(tree: String, sha: String, fileSystem: FileSystem) -> Bool {
        let marker = Paths.join(tree, ".git", cleanMarker)
        guard let text = try? fileSystem.readFile(marker) else { return false }
        do { try fileSystem.removeItem(marker) } catch { return false }
        let head = (try? fileSystem.readFile(Paths.join(tree, ".git/HEAD"))).map { String(decoding: $0, as: UTF8.self) }
        let trimmed = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed == sha && head?.trimmingCharacters(in: .whitespacesAndNewlines) == sha
    }

    /// The git directory to borrow from: discovery's clone in the workspace if there is one,
    /// else the manifest's local path.
    static func locateSource(_ repo: ManifestRepository, sources: String, fileSystem: FileSystem) -> String? {
        let clone = Paths.join(sources, PathComponent.safe(repo.name) + ".git")
        if fileSystem.kindOfItem(clone) == .directory { return clone }
        if repo.location.hasPrefix("/"), fileSystem.kindOfItem(fileSystem.resolveSymlinks(repo.location)) == .directory {
            return fileSystem.resolveSymlinks(repo.location)
        }
        return nil
    }

    /// The objects folder of a work tree (`.git` folder or `gitdir:` file) or a bare repository.
    static func objectsDirectory(of source: String, fileSystem: FileSystem) -> String? {
        let dotGit = Paths.join(source, ".git")
        var gitDir: String
        switch fileSystem.kindOfItem(dotGit) {
        case .directory:
            gitDir = dotGit
        case .file:
            guard let text = (try? fileSystem.readFile(dotGit)).map({ String(decoding: $0, as: UTF8.self) }),
                  let line = text.split(separator: "\n").first, line.hasPrefix("gitdir:") else { return nil }
            let target = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDir = target.hasPrefix("/") ? target : Paths.normalize(Paths.join(source, target))
        default:
            gitDir = source
        }
        // A linked worktree's git dir names the common one.
        if let common = (try? fileSystem.readFile(Paths.join(gitDir, "commondir"))).map({ String(decoding: $0, as: UTF8.self) }) {
            let c = common.trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = c.hasPrefix("/") ? c : Paths.normalize(Paths.join(gitDir, c))
        }
        let objects = Paths.join(gitDir, "objects")
        return fileSystem.kindOfItem(objects) == .directory ? fileSystem.resolveSymlinks(objects) : nil
    }
}

/// git for work trees: an argument vector through the process-group runner, with a time
/// limit, the combined output kept for error messages.
struct TreeGit: Sendable {
    var executable: String
    var processes: ProcessGroupRunner

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A forced, detached checkout that runs no hooks (not even ones the user's git config names).
    static func checkout(_ sha: String) -> [String] {
        ["-c", "core.hooksPath=/dev/null", "checkout", "-q", "--force", "--detach", sha]
    }

    func run(in directory: String, _ arguments: [String]) async throws {
        let path: String
        do { path = try ProcessRunner.resolveExecutable(executable) } catch { throw Failure(description: "\(error)") }
        let outcome = await processes.run(ProcessGroupRequest(
            executable: path, arguments: ["-C", directory] + arguments, directory: directory, environment: GitCLI.environment(),
            output: .memory(maxBytes: 16 * 1024), timeout: .seconds(600), killGrace: .seconds(2)))
        guard outcome.succeeded else {
            let text = outcome.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
            let why: String
            switch outcome.termination {
            case .failedToStart(let reason): why = reason
            case .signaled(let s): why = "killed by signal \(s)"
            case .exited(let code): why = text.isEmpty ? "exit \(code)" : String(text.prefix(400))
            }
            throw Failure(description: "`git \(arguments.first { !$0.hasPrefix("-") && !$0.contains("=") } ?? "")` failed: \(why)")
        }
    }
}
