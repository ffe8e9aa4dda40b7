/// What a repository's `HEAD` points at.
public struct GitHead: Sendable, Hashable {
    /// The short branch name, such as `main`; nil when `HEAD` is detached.
    ///
    /// A symbolic `HEAD` that points outside `refs/heads/` reports the full ref name.
    public var branch: String?
    /// The commit `HEAD` resolves to; nil for an unborn branch (a fresh `git init`).
    public var sha: String?

    /// Creates a head description.
    public init(branch: String?, sha: String?) {
        self.branch = branch
        self.sha = sha
    }
}
