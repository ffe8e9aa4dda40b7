/// Where a repository's git data lives.
public struct GitRepositoryLayout: Sendable, Hashable {
    /// The repository's own git directory (for a linked worktree: `.git/worktrees/NAME`).
    /// It holds `HEAD` and per-worktree refs.
    public var gitDir: String
    /// The directory holding `objects/`, `packed-refs` and shared `refs/`; equal to `gitDir`
    /// except for linked worktrees (taken from the `commondir` file).
    public var commonDir: String
    /// The work tree; nil for bare repositories.
    public var workTree: String?

    /// True for a repository without a work tree.
    public var isBare: Bool { workTree == nil }

    /// Creates a layout from known directories.
    public init(gitDir: String, commonDir: String, workTree: String?) {
        self.gitDir = gitDir
        self.commonDir = commonDir
        self.workTree = workTree
    }

    /// Detects a repository at `path`: a work tree with a `.git` directory, a `.git` file
    /// (`gitdir: <path>`, relative or absolute), or a bare repository (`HEAD`, `objects/` and
    /// `refs/` directly in `path`).
    ///
    /// Returns nil when `path` is not a git repository. Throws ``GitReadError`` when it looks like
    /// one but is corrupt or unreadable (a `.git` file that points nowhere, a `.git` directory
    /// without `HEAD`). Paths are normalised lexically; symlinks are not resolved.
    public static func detect(at path: String) throws(GitReadError) -> GitRepositoryLayout? {
        try detect(at: path, limits: .default)
    }

    /// ``detect(at:)`` with explicit limits for the small files it reads.
    public static func detect(at path: String, limits: GitReadLimits) throws(GitReadError) -> GitRepositoryLayout? {
        let root = GitPath.normalize(path)
        guard GitFileSystem.kind(root) == .directory else { return nil }
        let dotGit = GitPath.join(root, ".git")
        switch GitFileSystem.kind(dotGit) {
        case .directory:
            return try layout(gitDir: dotGit, workTree: root, limits: limits, via: dotGit)
        case .regular:
            let gitDir = try readGitFile(dotGit, limits: limits)
            return try layout(gitDir: gitDir, workTree: root, limits: limits, via: dotGit)
        case .other:
            throw GitReadError(
                code: .corrupt, path: dotGit, message: ".git is neither a directory nor a file; remove or repair it")
        case nil:
            guard GitFileSystem.kind(GitPath.join(root, "HEAD")) == .regular,
                GitFileSystem.kind(GitPath.join(root, "objects")) == .directory,
                GitFileSystem.kind(GitPath.join(root, "refs")) == .directory
            else { return nil }
            // A `.git` directory opened directly is not bare unless its config says so.
            var workTree: String? = nil
            if GitPath.lastComponent(root) == ".git" {
                let config = try GitConfigFile.load(GitPath.join(root, "config"), limits: limits)
                if config.bool("core.bare") != true { workTree = GitPath.parent(root) }
            }
            let commonDir = try commonDirectory(of: root, limits: limits)
            return GitRepositoryLayout(gitDir: root, commonDir: commonDir, workTree: workTree)
        }
    }

    /// Reads a `.git` file (`gitdir: <path>`) and returns the directory it names.
    private static func readGitFile(_ file: String, limits: GitReadLimits) throws(GitReadError) -> String {
        guard let bytes = try GitFileSystem.readFile(file, maxBytes: 64 << 10) else {
            throw GitReadError(code: .notFound, path: file, message: ".git file vanished while reading it")
        }
        var text = String(decoding: bytes, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" || last == " " || last == "\t" { text.removeLast() }
        let prefix = "gitdir:"
        guard text.hasPrefix(prefix) else {
            throw GitReadError(
                code: .corrupt, path: file, message: ".git file does not start with `gitdir:`; repair or remove it")
        }
        let target = text.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == "\t" })
        guard !target.isEmpty, !target.contains("\n") else {
            throw GitReadError(code: .corrupt, path: file, message: ".git file names no git directory; repair or remove it")
        }
        return GitPath.normalize(GitPath.join(GitPath.parent(file), String(target)))
    }

    private static func layout(
        gitDir: String, workTree: String, limits: GitReadLimits, via origin: String
    ) throws(GitReadError) -> GitRepositoryLayout {
        guard GitFileSystem.kind(gitDir) == .directory else {
            throw GitReadError(
                code: .corrupt, path: origin,
                message: "git directory \(gitDir) does not exist; the repository was moved or deleted — run `git worktree prune` or re-clone")
        }
        guard GitFileSystem.kind(GitPath.join(gitDir, "HEAD")) == .regular else {
            throw GitReadError(
                code: .corrupt, path: GitPath.join(gitDir, "HEAD"),
                message: "git directory has no HEAD file; the repository is damaged — re-clone it")
        }
        let commonDir = try commonDirectory(of: gitDir, limits: limits)
        guard GitFileSystem.kind(GitPath.join(commonDir, "objects")) == .directory else {
            throw GitReadError(
                code: .corrupt, path: GitPath.join(commonDir, "objects"),
                message: "git directory has no objects directory; the repository is damaged — re-clone it")
        }
        return GitRepositoryLayout(gitDir: gitDir, commonDir: commonDir, workTree: workTree)
    }

    /// The directory named by `gitDir/commondir`, or `gitDir` itself.
    private static func commonDirectory(of gitDir: String, limits: GitReadLimits) throws(GitReadError) -> String {
        let file = GitPath.join(gitDir, "commondir")
        guard let bytes = try GitFileSystem.readFile(file, maxBytes: 64 << 10) else { return gitDir }
        var text = String(decoding: bytes, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        guard !text.isEmpty else {
            throw GitReadError(code: .corrupt, path: file, message: "commondir file is empty; run `git worktree repair`")
        }
        let common = GitPath.normalize(GitPath.join(gitDir, text))
        guard GitFileSystem.kind(common) == .directory else {
            throw GitReadError(
                code: .corrupt, path: file,
                message: "commondir names \(common), which is not a directory; run `git worktree prune` or `git worktree repair`")
        }
        return common
    }
}
