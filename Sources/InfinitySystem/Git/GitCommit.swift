/// The time part of a git author or committer line.
public struct GitSignatureTime: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z, as `git log --format=%ct` prints.
    public var secondsSince1970: Int64
    /// The recorded time zone offset in minutes east of UTC (`+0130` is 90, `-0800` is -480).
    public var utcOffsetMinutes: Int

    /// Creates a signature time.
    public init(secondsSince1970: Int64, utcOffsetMinutes: Int) {
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// The offset in git's `+hhmm` / `-hhmm` form, as `git log --format=%cz` prints.
    public var gitOffset: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let minutes = abs(utcOffsetMinutes)
        let hours = minutes / 60, rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// A parsed commit object.
public struct GitCommit: Sendable, Hashable {
    /// The commit's own object id (40 lowercase hex digits).
    public var sha: String
    /// The root tree's object id.
    public var tree: String
    /// Parent commit ids, in recorded order.
    public var parents: [String]
    /// When the change was authored.
    public var author: GitSignatureTime
    /// When the commit was made.
    public var committer: GitSignatureTime
    /// The message, decoded as UTF-8 (invalid bytes replaced), without the header.
    public var message: String

    /// Creates a commit value.
    public init(
        sha: String, tree: String, parents: [String], author: GitSignatureTime,
        committer: GitSignatureTime, message: String
    ) {
        self.sha = sha
        self.tree = tree
        self.parents = parents
        self.author = author
        self.committer = committer
        self.message = message
    }
}
