import Foundation

/// What a folder is, as far as git goes.
public enum GitProbe: Sendable, Hashable {
    case notRepository
    /// A work tree (`.git` folder or file) or a bare repository.
    case repository(bare: Bool)
    /// It looks like a repository but cannot be read.
    case unreadable(reason: String)
}

/// Reads local repositories for discovery: whether a folder is one, its head, and its files.
/// The live value reads `.git` files directly where it can and falls back to the git CLI.
public struct GitInspector: Sendable {
    public var probe: @Sendable (_ path: String) -> GitProbe
    public var head: @Sendable (_ path: String) async throws -> RepositoryHeadInfo
    public var content: @Sendable (_ path: String, _ commit: String) -> any RepositoryContent

    public init(
        probe: @escaping @Sendable (String) -> GitProbe,
        head: @escaping @Sendable (String) async throws -> RepositoryHeadInfo,
        content: @escaping @Sendable (String, String) -> any RepositoryContent
    ) {
        self.probe = probe
        self.head = head
        self.content = content
    }

    /// Probes by looking at the folder's entries: `.git` (folder or `gitdir:` file) or HEAD + objects/ + refs/.
    public static func probeByLayout(_ path: String) -> GitProbe {
        let dotGit = path + "/.git"
        switch FileSystem.lstatKind(dotGit) {
        case .directory:
            return FileSystem.lstatKind(dotGit + "/HEAD") == .file ? .repository(bare: false) : .unreadable(reason: ".git has no HEAD file")
        case .file:
            return .repository(bare: false)
        case .symlink, .other:
            return .unreadable(reason: ".git is neither a folder nor a gitdir file")
        case nil:
            break
        }
        if FileSystem.lstatKind(path + "/HEAD") == .file,
           FileSystem.lstatKind(path + "/objects") == .directory,
           FileSystem.lstatKind(path + "/refs") == .directory {
            return .repository(bare: true)
        }
        return .notRepository
    }

    /// Everything through the git command-line tool.
    public static func cli(_ git: GitCLI = GitCLI()) -> GitInspector {
        GitInspector(
            probe: probeByLayout,
            head: { path in try await git.head(of: path) },
            content: { path, commit in git.content(of: path, commit: commit) }
        )
    }
}
