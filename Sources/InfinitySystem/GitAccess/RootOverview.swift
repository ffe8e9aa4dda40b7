import Foundation

/// What a code host can tell about a commit's top level without listing its whole tree: the
/// root entries, the text of some root files it already holds, and language sizes. Detection
/// works from this when it is available, so a hosted repository is detected without reading
/// its tree file by file.
public struct RootOverview: Sendable, Hashable {
    /// Names of the files at the root.
    public var files: [String]
    /// Names of the folders (and submodules) at the root.
    public var folders: [String]
    /// Text of root files the host already fetched, by name; other files are read on demand.
    public var texts: [String: String]
    /// Bytes of code per language, as the host measures it.
    public var languageBytes: [String: Int]

    /// Creates a value.
    public init(files: [String], folders: [String], texts: [String: String], languageBytes: [String: Int]) {
        self.files = files
        self.folders = folders
        self.texts = texts
        self.languageBytes = languageBytes
    }
}

/// Repository content that can describe its commit's top level from what its host already sent.
public protocol RootOverviewProviding: RepositoryContent {
    /// The overview, or nil when the host knows nothing beyond what ``RepositoryContent`` reads.
    func rootOverview() -> RootOverview?
}
