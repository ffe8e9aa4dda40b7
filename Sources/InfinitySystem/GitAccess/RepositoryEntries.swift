import Foundation

/// One entry of a commit's tree, with its kind and size, as `git ls-tree -l` tells them.
public struct RepositoryEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A regular file (mode 100644).
        case file
        /// A file with the executable bit (mode 100755).
        case executable
        /// A symbolic link (mode 120000); its blob is the link's target text.
        case symlink
        /// A submodule (a commit in the tree).
        case submodule
    }

    public var path: String
    public var kind: Kind
    /// Size in bytes; nil for submodules.
    public var size: Int?

    public init(path: String, kind: Kind, size: Int?) {
        self.path = path
        self.kind = kind
        self.size = size
    }
}

/// Content that can also list entries with their kinds and sizes — what checks need to tell
/// symbolic links, executables and huge files apart without reading them.
public protocol RepositoryEntryListing: RepositoryContent {
    /// The commit's entries, recursively, at most `limit` of them.
    func listEntries(limit: Int) async throws -> [RepositoryEntry]
}

extension GitCLIContent: RepositoryEntryListing {
    func listEntries(limit: Int) async throws -> [RepositoryEntry] {
        let out = try await git.run(in: path, ["ls-tree", "-r", "-z", "-l", "--full-tree", commit])
        return GitTreeListing.parse(out, limit: limit)
    }
}

/// Parses `git ls-tree -r -z -l` output.
public enum GitTreeListing {
    /// Entries from NUL-separated `<mode> <type> <object> <size>\t<path>` records; malformed records are skipped.
    public static func parse(_ data: Data, limit: Int) -> [RepositoryEntry] {
        var entries: [RepositoryEntry] = []
        for record in data.split(separator: 0, omittingEmptySubsequences: true) {
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let meta = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
            let path = String(decoding: record[record.index(after: tab)...], as: UTF8.self)
            guard meta.count >= 4, !path.isEmpty else { continue }
            let kind: RepositoryEntry.Kind
            switch meta[0] {
            case "100755": kind = .executable
            case "120000": kind = .symlink
            case "160000": kind = .submodule
            default: kind = .file
            }
            entries.append(RepositoryEntry(path: path, kind: kind, size: Int(meta[3])))
            if entries.count >= limit { break }
        }
        return entries
    }
}
