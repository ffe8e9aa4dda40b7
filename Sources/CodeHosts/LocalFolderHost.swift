import Foundation
import InfinityModel
import InfinitySystem
import Logging

/// The embedded default code host: a folder whose direct children that are git repositories
/// (work trees or bare) form the organization, plus listed repositories cloned into the workspace.
///
/// Hostile folder contents are handled, never followed or executed: symlinks that leave the
/// folder or loop are skipped with a warning, names with spaces, quotes, `$(…)`, newlines or
/// non-ASCII characters are kept as plain data, and unreadable or corrupt repositories are
/// skipped with a warning that names them.
public struct LocalFolderHost: CodeHost {
    public let provider = ProviderKind.local
    public var organization: String
    /// Absolute folder of repositories, if configured.
    public var folder: String?
    /// Git URLs or absolute paths to clone.
    public var listed: [String]
    /// Where listed repositories are cloned (`<state>/workspace/sources`).
    public var cloneDirectory: String
    public var inspector: GitInspector
    public var git: GitCLI
    public var fileSystem: FileSystem
    public var maxParallel: Int
    public var logger: Logger

    public init(organization: String, folder: String?, listed: [String], cloneDirectory: String,
                inspector: GitInspector, git: GitCLI = GitCLI(), fileSystem: FileSystem = .live,
                maxParallel: Int = 8, logger: Logger = Logger(label: "infinity.codehost.local")) {
        self.organization = organization
        self.folder = folder
        self.listed = listed
        self.cloneDirectory = cloneDirectory
        self.inspector = inspector
        self.git = git
        self.fileSystem = fileSystem
        self.maxParallel = maxParallel
        self.logger = logger
    }

    public func content(of repository: HostedRepository) -> (any RepositoryContent)? {
        guard let path = repository.localPath, let sha = repository.headSHA else { return nil }
        return inspector.content(path, sha)
    }

    /// A manifest entry as a hosted repository: folder repositories are read where they are,
    /// listed (cloned) ones from their bare clone in the clone directory.
    public func repository(from entry: ManifestRepository) -> HostedRepository {
        let clone = cloneDirectory + "/" + entry.name + ".git"
        let path = RepositoryURL.isRemote(entry.location) || !entry.location.hasPrefix("/") || fileSystem.kindOfItem(clone) != nil
            ? clone
            : entry.location
        return HostedRepository(name: entry.name, fullName: entry.fullName, location: entry.location, localPath: path,
                                defaultBranch: entry.defaultBranch, headSHA: entry.headSHA, lastCommitAt: entry.lastCommitAt,
                                archived: entry.archived, fork: entry.fork)
    }

    public func listRepositories() async throws -> RepositoryListing {
        var candidates: [(name: String, path: String, location: String)] = []
        var diagnostics: [Diagnostic] = []
        if let folder {
            let (found, diags) = try scanFolder(folder)
            candidates += found
            diagnostics += diags
        }
        if !listed.isEmpty {
            let (cloned, diags) = await cloneListed()
            candidates += cloned
            diagnostics += diags
        }
        // One repository per name: the first wins, later ones are reported.
        var seen = Set<String>()
        var unique: [(name: String, path: String, location: String)] = []
        for c in candidates {
            if seen.insert(c.name).inserted { unique.append(c) } else {
                diagnostics.append(Diagnostic(.warning, repository: c.name, location: c.path, "a repository with this name is already in the organization; skipped", remedy: "rename one of them or exclude it"))
            }
        }
        let inspector = self.inspector
        let org = organization
        let results = await BoundedConcurrency.map(unique, limit: maxParallel) { c -> Result<HostedRepository, Diagnostic> in
            do {
                let head = try await inspector.head(c.path)
                return .success(HostedRepository(
                    name: c.name, fullName: "\(org)/\(c.name)", location: c.location, localPath: c.path,
                    defaultBranch: head.branch, headSHA: head.sha, lastCommitAt: head.committedAt
                ))
            } catch {
                return .failure(Diagnostic(.warning, repository: c.name, location: c.path, "cannot read the repository: \(error); skipped", remedy: "check it with `git -C <path> fsck`"))
            }
        }
        var repositories: [HostedRepository] = []
        for r in results {
            switch r {
            case .success(let repo): repositories.append(repo)
            case .failure(let d): diagnostics.append(d)
            }
        }
        return RepositoryListing(repositories: repositories.sorted { $0.name < $1.name }, diagnostics: diagnostics)
    }

    /// The folder's direct children that are git repositories.
    func scanFolder(_ folder: String) throws -> ([(name: String, path: String, location: String)], [Diagnostic]) {
        let root = fileSystem.resolveSymlinks(folder)
        guard fileSystem.kindOfItem(root) == .directory else {
            throw CodeHostError("the repositories folder \(folder) does not exist or is not a folder", remedy: "set `local.path` to a folder of git repositories")
        }
        let entries: [FileSystem.Entry]
        do { entries = try fileSystem.listDirectory(root) } catch {
            throw CodeHostError("cannot list the repositories folder: \(error)", remedy: "check its permissions")
        }
        var found: [(String, String, String)] = []
        var diagnostics: [Diagnostic] = []
        var resolvedSeen: [String: String] = [:]
        // Real folders first, so a symbolic link to a repository never takes its name.
        let ordered = entries.filter { $0.kind != .symlink } + entries.filter { $0.kind == .symlink }
        for entry in ordered {
            let path = root + "/" + entry.name
            var target = path
            switch entry.kind {
            case .file, .other:
                continue
            case .symlink:
                let resolved = fileSystem.resolveSymlinks(path)
                if resolved == path || fileSystem.kindOfItem(resolved) == nil {
                    diagnostics.append(Diagnostic(.warning, repository: entry.name, location: path, "symbolic link is dangling or loops; skipped"))
                    continue
                }
                guard Paths.isInside(resolved, root: root) else {
                    diagnostics.append(Diagnostic(.warning, repository: entry.name, location: path, "symbolic link points outside the repositories folder; not followed", remedy: "move the repository into the folder or list it under `local.repositories`"))
                    continue
                }
                guard fileSystem.kindOfItem(resolved) == .directory else { continue }
                target = resolved
            case .directory:
                break
            }
            if access(target, R_OK | X_OK) != 0 {
                diagnostics.append(Diagnostic(.warning, repository: entry.name, location: path, "folder is not readable; skipped", remedy: "fix its permissions"))
                continue
            }
            var name = entry.name
            switch inspector.probe(target) {
            case .notRepository:
                if !entry.name.hasPrefix(".") {
                    diagnostics.append(Diagnostic(.warning, repository: entry.name, location: path, "not a git repository; skipped"))
                }
                continue
            case .unreadable(let reason):
                diagnostics.append(Diagnostic(.warning, repository: entry.name, location: path, "corrupt git repository (\(reason)); skipped", remedy: "repair it or move it out of the folder"))
                continue
            case .repository(let bare):
                if bare, name.hasSuffix(".git"), name.count > 4 { name.removeLast(4) }
            }
            if let other = resolvedSeen[target] {
                diagnostics.append(Diagnostic(.note, repository: entry.name, location: path, "same repository as \(other) (symbolic link); listed once"))
                continue
            }
            resolvedSeen[target] = entry.name
            found.append((name, target, path))
        }
        return (found.map { (name: $0.0, path: $0.1, location: $0.2) }, diagnostics)
    }

    /// Clones (or fetches) each listed repository into the clone directory as a bare
    /// repository (``BareMirror``). The URL is passed on git's command line and never written
    /// into the clone's `.git/config`, so credentials in it are not stored.
    func cloneListed() async -> ([(name: String, path: String, location: String)], [Diagnostic]) {
        let git = self.git
        let fs = fileSystem
        let cloneDirectory = self.cloneDirectory
        let results = await BoundedConcurrency.map(listed, limit: maxParallel) { spec -> Result<(String, String, String), Diagnostic> in
            let name = RepositoryURL.repositoryName(spec)
            let display = RepositoryURL.stripCredentials(spec)
            guard !name.isEmpty, name != ".", name != ".." else {
                return .failure(Diagnostic(.warning, location: display, "cannot tell the repository's name from this entry; skipped"))
            }
            let source = RepositoryURL.isRemote(spec) ? spec : fs.absolute(spec)
            let dest = cloneDirectory + "/" + name + ".git"
            do {
                try await BareMirror(git: git, fileSystem: fs).update(dest, from: source)
                return .success((name, dest, RepositoryURL.isRemote(spec) ? display : source))
            } catch {
                return .failure(Diagnostic(.warning, repository: name, location: display, "cannot clone or fetch: \(Self.redact(error, spec: spec)); skipped"))
            }
        }
        var ok: [(name: String, path: String, location: String)] = []
        var diags: [Diagnostic] = []
        for r in results {
            switch r {
            case .success(let t): ok.append((name: t.0, path: t.1, location: t.2))
            case .failure(let d): diags.append(d)
            }
        }
        return (ok, diags)
    }

    /// An error's text with any credentials of the URL removed.
    static func redact(_ error: any Error, spec: String) -> String {
        var text = "\(error)"
        if RepositoryURL.hasCredentials(spec) { text = text.replacingOccurrences(of: spec, with: RepositoryURL.stripCredentials(spec)) }
        return text
    }
}
