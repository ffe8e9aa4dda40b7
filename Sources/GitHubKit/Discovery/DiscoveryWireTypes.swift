import Foundation

/// `data` of ``DiscoveryQueries/ownerRepositories(_:files:)``: `organization` or `user`.
struct OwnerRepositoriesData: Decodable, Sendable {
    struct Organization: Decodable, Sendable {
        var repositories: Connection
    }
    struct Connection: Decodable, Sendable {
        var totalCount: Int
        var pageInfo: PageInfo
        var nodes: [NodeWithFiles?]?
    }
    struct PageInfo: Decodable, Sendable {
        var hasNextPage: Bool
        var endCursor: String?
    }
    var organization: Organization?
    var user: Organization?
}

/// One repository node of the discovery query.
struct RepositoryNode: Decodable, Sendable {
    struct Topics: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            struct Topic: Decodable, Sendable { var name: String }
            var topic: Topic
        }
        var nodes: [Entry?]?
    }
    struct Languages: Decodable, Sendable {
        struct Edge: Decodable, Sendable {
            struct Node: Decodable, Sendable { var name: String }
            var size: Int
            var node: Node
        }
        var edges: [Edge?]?
    }
    struct Tree: Decodable, Sendable {
        struct Entry: Decodable, Sendable {
            var name: String
            var type: String
            var oid: String?
        }
        var entries: [Entry]?
    }
    var name: String
    var nameWithOwner: String
    var isArchived: Bool
    var isFork: Bool
    var visibility: String
    var pushedAt: Date?
    var url: String
    var repositoryTopics: Topics?
    var defaultBranchRef: BranchRef?
    var languages: Languages?
    var object: Tree?

    var discovered: DiscoveredRepository {
        DiscoveredRepository(
            name: name, nameWithOwner: nameWithOwner, isArchived: isArchived, isFork: isFork, visibility: visibility,
            topics: repositoryTopics?.nodes?.compactMap { $0?.topic.name } ?? [],
            defaultBranch: defaultBranchRef?.name, headCommit: defaultBranchRef?.target?.oid,
            headCommittedAt: defaultBranchRef?.target?.committedDate,
            ciState: defaultBranchRef?.target?.statusCheckRollup?.state,
            languages: languages?.edges?.compactMap { edge in
                edge.map { DiscoveredRepository.LanguageShare(name: $0.node.name, bytes: $0.size) }
            } ?? [],
            pushedAt: pushedAt, url: url,
            rootEntries: object?.entries?.map { DiscoveredRepository.RootEntry(name: $0.name, type: $0.type, oid: $0.oid) } ?? [])
    }
}

/// A repository node with the aliased root files (`file0` …) of
/// ``DiscoveryQueries/organizationRepositories(files:)``.
struct NodeWithFiles: Decodable, Sendable {
    /// `... on Blob { text byteSize isBinary isTruncated }`; every field absent for a non-blob.
    struct Blob: Decodable, Sendable {
        var text: String?
        var byteSize: Int?
        var isBinary: Bool?
        var isTruncated: Bool?
    }
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    var node: RepositoryNode
    /// Blobs by the index in their alias.
    var files: [Int: Blob] = [:]

    init(from decoder: any Decoder) throws {
        node = try RepositoryNode(from: decoder)
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where key.stringValue.hasPrefix("file") {
            guard let index = Int(key.stringValue.dropFirst(4)),
                let blob = try container.decodeIfPresent(Blob.self, forKey: key)
            else { continue }
            files[index] = blob
        }
    }

    /// The repository, with the text of each requested file that came whole.
    func discovered(files requested: [String]) -> DiscoveredRepository {
        var repository = node.discovered
        for (index, blob) in files where requested.indices.contains(index) {
            guard let text = blob.text, blob.isBinary != true, blob.isTruncated != true else { continue }
            repository.fileTexts[requested[index]] = text
        }
        return repository
    }
}

/// `defaultBranchRef { name target { ... on Commit { oid committedDate statusCheckRollup { state } } } }`.
struct BranchRef: Decodable, Sendable {
    struct Target: Decodable, Sendable {
        struct Rollup: Decodable, Sendable { var state: String }
        var oid: String?
        var committedDate: Date?
        var statusCheckRollup: Rollup?
    }
    var name: String
    var target: Target?
}

/// `data` of ``DiscoveryQueries/defaultBranchStatuses(count:)``: aliases `r0`…`rN`.
struct AliasedRepositoryStatuses: Decodable, Sendable {
    struct Node: Decodable, Sendable {
        var nameWithOwner: String
        var defaultBranchRef: BranchRef?
    }
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    var byAlias: [String: Node] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys where key.stringValue.hasPrefix("r") && Int(key.stringValue.dropFirst()) != nil {
            if let node = try container.decodeIfPresent(Node.self, forKey: key) {
                byAlias[key.stringValue] = node
            }
        }
    }
}
