import Synchronization

/// Reads refs and objects of one repository straight from disk, without running git.
///
/// Supports loose objects, packs (index v1/v2, 64-bit offsets, offset and reference deltas,
/// bases in other packs or loose), `objects/info/alternates`, loose and packed refs and linked
/// worktrees. SHA-256 and reftable repositories give `.unsupported`, so callers can fall back to
/// the git command line. Thread-safe; caches the pack indexes it opened and `packed-refs`.
public final class GitRepositoryReader: Sendable {
    /// The repository this reader reads.
    public let layout: GitRepositoryLayout
    /// The bounds applied to every read.
    public let limits: GitReadLimits
    private let refs: GitRefStore
    private let objects: GitObjectDatabase
    private let formatCheck = Mutex<GitReadError??>(nil)

    /// Creates a reader with the default limits; nothing is read until the first call.
    public convenience init(layout: GitRepositoryLayout) {
        self.init(layout: layout, limits: .default)
    }

    /// Creates a reader with explicit limits.
    public init(layout: GitRepositoryLayout, limits: GitReadLimits) {
        self.layout = layout
        self.limits = limits
        refs = GitRefStore(layout: layout, limits: limits)
        objects = GitObjectDatabase(objectsDirectory: GitPath.join(layout.commonDir, "objects"), limits: limits)
    }

    /// Where `HEAD` points: the branch (nil when detached) and the commit (nil when unborn).
    ///
    /// As in git, a `HEAD` naming a branch that has no ref (loose or packed) is unborn, not an
    /// error; a `HEAD` or ref file with unreadable content is `.corrupt`.
    public func head() throws(GitReadError) -> GitHead {
        try checkSupported()
        let path = GitPath.join(layout.gitDir, "HEAD")
        guard let bytes = try GitFileSystem.readFile(path, maxBytes: 64 << 10) else {
            throw GitReadError(code: .notFound, path: path, message: "HEAD is missing; the repository is damaged")
        }
        switch try GitRefStore.parseRefFile(bytes, path: path) {
        case .object(let sha):
            return GitHead(branch: nil, sha: sha)
        case .symbolic(let name):
            let branch = name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
            return GitHead(branch: branch, sha: try refs.resolveFull(name).sha)
        }
    }

    /// Resolves `ref` (`refs/heads/main`, `HEAD`, a short name such as `main` or `v1.0`) to the
    /// object id it names; nil when no such ref exists. A 40-hex sha is returned lower-cased
    /// without checking that the object exists.
    ///
    /// Loose refs win over `packed-refs`; symbolic refs are followed. Annotated tags resolve to
    /// the tag object, as `git rev-parse` does; ``commit(_:)`` peels them.
    public func resolve(ref: String) throws(GitReadError) -> String? {
        try checkSupported()
        if GitHex.isHex(ref.utf8, count: 40) { return ref.lowercased() }
        return try refs.resolve(ref)
    }

    /// Reads commit `sha`; an annotated tag is peeled to the commit it points at.
    public func commit(_ sha: String) throws(GitReadError) -> GitCommit {
        try checkSupported()
        var id = try objectID(sha)
        for _ in 0...limits.maxSymbolicRefDepth {
            let object = try objects.read(id)
            switch object.type {
            case .commit:
                return try GitObjectParser.commit(object.data, sha: id.hex, path: objects.objectsDirectory)
            case .tag:
                id = try GitObjectParser.tagTarget(object.data, sha: id.hex, path: objects.objectsDirectory)
            case .tree, .blob:
                throw unexpected(id, found: object.type, wanted: "commit")
            }
        }
        throw GitReadError(
            code: .limitExceeded, path: objects.objectsDirectory, message: "tag \(sha) nests tags too deeply")
    }

    /// Reads tree `sha`; entries come in stored (git) order.
    public func tree(_ sha: String) throws(GitReadError) -> [GitTreeEntry] {
        try checkSupported()
        let id = try objectID(sha)
        let object = try objects.read(id)
        guard object.type == .tree else { throw unexpected(id, found: object.type, wanted: "tree") }
        return try GitObjectParser.tree(object.data, sha: id.hex, path: objects.objectsDirectory)
    }

    /// The root tree of commit `sha` (tags are peeled).
    public func rootTree(ofCommit sha: String) throws(GitReadError) -> [GitTreeEntry] {
        try tree(commit(sha).tree)
    }

    /// Reads blob `sha`; `.tooLarge` when it has more than `maxBytes` bytes.
    public func blob(_ sha: String, maxBytes: Int = 1 << 20) throws(GitReadError) -> [UInt8] {
        try checkSupported()
        let id = try objectID(sha)
        let object = try objects.read(id, maxBytes: maxBytes)
        guard object.type == .blob else { throw unexpected(id, found: object.type, wanted: "blob") }
        return object.data
    }

    /// The content of the file at slash-separated `path` in commit `sha` (a symlink gives its
    /// target); nil when nothing is there or it is not a file (a directory or a submodule).
    /// Throws `.tooLarge` when the blob has more than `maxBytes` bytes.
    public func file(at path: String, inCommit sha: String, maxBytes: Int = 1 << 20) throws(GitReadError) -> [UInt8]? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
            throw GitReadError(
                code: .invalidArgument, path: layout.gitDir, message: "`\(path)` is not a file path inside a commit")
        }
        var entries = try rootTree(ofCommit: sha)
        for (position, component) in components.enumerated() {
            guard let entry = entries.first(where: { $0.name == component }) else { return nil }
            if position == components.count - 1 {
                switch entry.kind {
                case .blob, .executable, .symlink: return try blob(entry.sha, maxBytes: maxBytes)
                case .tree, .submodule: return nil
                }
            }
            guard entry.kind == .tree else { return nil }
            entries = try tree(entry.sha)
        }
        return nil
    }

    /// Throws `.unsupported` when the repository's format is one this reader cannot read
    /// (SHA-256 objects, reftable refs, an unknown repository format version).
    public func checkSupported() throws(GitReadError) {
        if let known = formatCheck.withLock({ $0 }) {
            if let error = known { throw error }
            return
        }
        let outcome = GitRepositoryFormat.check(layout: layout, limits: limits)
        formatCheck.withLock { $0 = .some(outcome) }
        if let error = outcome { throw error }
    }

    private func objectID(_ sha: String) throws(GitReadError) -> GitObjectID {
        guard let id = GitObjectID(hex: sha) else {
            throw GitReadError(
                code: .invalidArgument, path: layout.gitDir, message: "`\(sha)` is not a 40-hex-digit object id")
        }
        return id
    }

    private func unexpected(_ id: GitObjectID, found: GitObjectType, wanted: String) -> GitReadError {
        GitReadError(
            code: .unexpectedType, path: objects.objectsDirectory,
            message: "object \(id.hex) is a \(found.name), not a \(wanted)")
    }
}
