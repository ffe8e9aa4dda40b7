/// One entry of a tree object.
public struct GitTreeEntry: Sendable, Hashable {
    /// What an entry's mode says it is.
    public enum Kind: Sendable, Hashable {
        /// A regular file (mode 100644, or a legacy 1006xx mode).
        case blob
        /// An executable file (mode 100755).
        case executable
        /// A symbolic link (mode 120000); its blob holds the target.
        case symlink
        /// A subdirectory (mode 040000).
        case tree
        /// A gitlink to a submodule commit (mode 160000).
        case submodule
    }

    /// The entry name, decoded as UTF-8 (invalid bytes replaced).
    public var name: String
    /// What the entry is.
    public var kind: Kind
    /// The object id the entry points at.
    public var sha: String

    /// Creates a tree entry.
    public init(name: String, kind: Kind, sha: String) {
        self.name = name
        self.kind = kind
        self.sha = sha
    }
}
