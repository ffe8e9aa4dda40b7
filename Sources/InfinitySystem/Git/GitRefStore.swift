import Synchronization

/// Resolves refs of one repository: loose ref files first, then `packed-refs`, following
/// symbolic refs up to `limits.maxSymbolicRefDepth`.
final class GitRefStore: Sendable {
    /// What a ref file says.
    enum Target: Sendable, Hashable {
        case object(String)
        case symbolic(String)
    }

    private struct PackedCache {
        var stamp: GitFileSystem.Stamp?
        var refs = GitPackedRefs()
    }

    let layout: GitRepositoryLayout
    let limits: GitReadLimits
    private let packed = Mutex(PackedCache())

    init(layout: GitRepositoryLayout, limits: GitReadLimits) {
        self.layout = layout
        self.limits = limits
    }

    /// The file a loose ref lives in.
    func looseRefPath(_ name: String) -> String {
        GitPath.join(GitRefName.isPerWorktree(name) ? layout.gitDir : layout.commonDir, name)
    }

    /// Reads the loose ref file `name`; nil when there is none (or it is a directory).
    func readLoose(_ name: String) throws(GitReadError) -> Target? {
        let path = looseRefPath(name)
        guard let bytes = try GitFileSystem.readFile(path, maxBytes: 64 << 10) else { return nil }
        return try Self.parseRefFile(bytes, path: path)
    }

    /// Parses the content of a loose ref file or `HEAD`.
    static func parseRefFile(_ bytes: [UInt8], path: String) throws(GitReadError) -> Target {
        var text = bytes[...]
        while let last = text.last, last == 10 || last == 13 || last == 32 || last == 9 { text = text.dropLast() }
        if text.starts(with: Array("ref:".utf8)) {
            let name = String(decoding: text.dropFirst(4).drop(while: { $0 == 32 || $0 == 9 }), as: UTF8.self)
            guard name.hasPrefix("refs/"), GitRefName.isValid(name) else {
                throw GitReadError.corrupt(path, "symbolic ref points at `\(name)`, which is not a valid ref under refs/; repair the file")
            }
            return .symbolic(name)
        }
        // As in git, 40 hex digits followed by the end or by whitespace (FETCH_HEAD adds more after a tab).
        let digits = text.prefix(40)
        if GitHex.isHex(digits, count: 40), text.count == 40 || [9, 10, 13, 32].contains(text[text.startIndex + 40]) {
            return .object(String(decoding: digits, as: UTF8.self).lowercased())
        }
        if GitHex.isHex(text, count: 64) {
            throw GitReadError(
                code: .unsupported, path: path, message: "ref holds a SHA-256 object id; use the git command line")
        }
        throw GitReadError.corrupt(path, "ref file holds neither `ref: <name>` nor a 40-hex object id; repair or delete it")
    }

    /// The parsed `packed-refs`, re-read when the file changes.
    func packedRefs() throws(GitReadError) -> GitPackedRefs {
        let path = GitPath.join(layout.commonDir, "packed-refs")
        let stamp = GitFileSystem.stamp(path)
        if let cached = packed.withLock({ $0.stamp == stamp ? $0.refs : nil }) { return cached }
        var refs = GitPackedRefs()
        if stamp != nil, let bytes = try GitFileSystem.readFile(path, maxBytes: limits.maxMetadataFileBytes) {
            refs = try GitPackedRefs(parsing: bytes, path: path)
        }
        packed.withLock { $0 = PackedCache(stamp: stamp, refs: refs) }
        return refs
    }

    /// Resolves the full ref `name` to an object id; nil when it (or a ref it points to) does not exist.
    /// Also returns the last ref name reached through symbolic refs.
    func resolveFull(_ name: String) throws(GitReadError) -> (sha: String?, finalName: String) {
        var current = name
        for _ in 0...limits.maxSymbolicRefDepth {
            switch try readLoose(current) {
            case .object(let sha):
                return (sha, current)
            case .symbolic(let target):
                current = target
                continue
            case nil:
                guard current.hasPrefix("refs/") else { return (nil, current) }
                return (try packedRefs().refs[current], current)
            }
        }
        throw GitReadError(
            code: .limitExceeded, path: looseRefPath(name),
            message: "symbolic refs from \(name) nest deeper than \(limits.maxSymbolicRefDepth); look for a ref loop")
    }

    /// Resolves a full name, a pseudo-ref (`HEAD`) or a short name the way `git rev-parse` does:
    /// `NAME`, `refs/NAME`, `refs/tags/NAME`, `refs/heads/NAME`, `refs/remotes/NAME`,
    /// `refs/remotes/NAME/HEAD`, first match wins.
    func resolve(_ name: String) throws(GitReadError) -> String? {
        guard GitRefName.isValid(name) else {
            throw GitReadError(
                code: .invalidArgument, path: layout.gitDir, message: "`\(name)` is not a valid ref name")
        }
        if name.hasPrefix("refs/") || GitRefName.isPseudoRef(name) {
            if let sha = try resolveFull(name).sha { return sha }
            if name.hasPrefix("refs/") { return nil }
        }
        for candidate in ["refs/" + name, "refs/tags/" + name, "refs/heads/" + name, "refs/remotes/" + name,
            "refs/remotes/" + name + "/HEAD"]
        {
            if let sha = try resolveFull(candidate).sha { return sha }
        }
        return nil
    }
}
