import Foundation

/// A git reference (`refs/heads/main`) and the object it points to.
public struct GitReference: Sendable, Hashable, Codable {
    /// What a reference points to.
    public struct Target: Sendable, Hashable, Codable {
        /// `commit`, `tag`, …
        public var type: String
        /// The object id.
        public var sha: String
        /// The API URL.
        public var url: String?
    }
    /// The full name, e.g. `refs/heads/main`.
    public var ref: String
    /// The GraphQL node id.
    public var nodeId: String?
    /// The API URL.
    public var url: String?
    /// The target.
    public var object: Target
}

/// A created blob.
public struct GitBlobReference: Sendable, Hashable, Codable {
    /// The blob id.
    public var sha: String
    /// The API URL.
    public var url: String?
}

/// A git tree.
public struct GitTree: Sendable, Hashable, Codable {
    /// One entry.
    public struct Entry: Sendable, Hashable, Codable {
        /// The path.
        public var path: String
        /// `100644`, `100755`, `040000`, `160000`, `120000`.
        public var mode: String
        /// `blob`, `tree` or `commit`.
        public var type: String
        /// The object id.
        public var sha: String?
        /// Size in bytes for blobs.
        public var size: Int?
    }
    /// The tree id.
    public var sha: String
    /// The API URL.
    public var url: String?
    /// Whether the listing was cut.
    public var truncated: Bool?
    /// The entries.
    public var tree: [Entry]
}

/// One entry of a tree to create: a blob by id, inline content, or a deletion (`sha` and `content` nil).
public struct NewTreeEntry: Sendable, Hashable, Codable {
    /// The path.
    public var path: String
    /// The mode; `100644` for a file.
    public var mode: String
    /// `blob`, `tree` or `commit`.
    public var type: String
    /// An existing object id.
    public var sha: String?
    /// Inline UTF-8 content (GitHub creates the blob).
    public var content: String?

    /// A file entry pointing at an existing blob.
    public static func blob(path: String, sha: String, executable: Bool = false) -> NewTreeEntry {
        NewTreeEntry(path: path, mode: executable ? "100755" : "100644", type: "blob", sha: sha, content: nil)
    }

    /// Creates an entry.
    public init(path: String, mode: String, type: String, sha: String?, content: String?) {
        self.path = path
        self.mode = mode
        self.type = type
        self.sha = sha
        self.content = content
    }

    enum CodingKeys: String, CodingKey { case path, mode, type, sha, content }

    /// Encodes `sha: null` for deletions, as GitHub requires.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(mode, forKey: .mode)
        try container.encode(type, forKey: .type)
        if let content {
            try container.encode(content, forKey: .content)
        } else {
            try container.encode(sha, forKey: .sha)
        }
    }
}

/// A git commit object.
public struct GitCommit: Sendable, Hashable, Codable {
    /// An object pointer.
    public struct Pointer: Sendable, Hashable, Codable {
        /// The id.
        public var sha: String
    }
    /// The commit id.
    public var sha: String
    /// The API URL.
    public var url: String?
    /// The message.
    public var message: String
    /// The tree.
    public var tree: Pointer
    /// The parents.
    public var parents: [Pointer]
}
