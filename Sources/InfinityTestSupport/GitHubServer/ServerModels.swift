import Crypto
import Foundation

/// One file or folder in a flattened tree (paths may contain `/`).
struct TreeItem: Sendable, Hashable {
    var mode: String
    var type: String
    var sha: String
    var size: Int?
}

/// A commit in the server's in-memory git store.
struct ServerCommit: Sendable, Hashable {
    var sha: String
    var tree: String
    var parents: [String]
    var message: String
    var date: Date
}

/// An issue or pull request of a repository.
struct ServerIssue: Sendable, Hashable {
    var id: Int64
    var number: Int
    var title: String
    var body: String?
    var state: String
    var stateReason: String?
    var labels: [String]
    var author: String
    var createdAt: Date
    var updatedAt: Date
    var closedAt: Date?
    var comments: Int
}

/// An issue comment.
struct ServerComment: Sendable, Hashable {
    var id: Int64
    var body: String
    var createdAt: Date
}

/// A pull request.
struct ServerPull: Sendable, Hashable {
    var id: Int64
    var number: Int
    var title: String
    var body: String?
    var state: String
    var headRef: String
    var headSHA: String
    var baseRef: String
    var baseSHA: String
    var draft: Bool
    var createdAt: Date
    var updatedAt: Date
}

/// A workflow run and its jobs.
struct ServerRun: Sendable, Hashable {
    var id: Int64
    var runNumber: Int
    var branch: String
    var headSHA: String
    var status: String
    var conclusion: String?
    var event: String
    var createdAt: Date
    var jobIDs: [Int64]
    var reruns: Int
}

/// A job of a run.
struct ServerJob: Sendable, Hashable {
    var id: Int64
    var runID: Int64
    var name: String
    var status: String
    var conclusion: String?
    var startedAt: Date
    var completedAt: Date?
    var log: String
}

/// A SARIF upload the server accepted, decoded.
public struct GitHubTestSarifUpload: Sendable, Hashable {
    /// The analysis id returned.
    public var id: String
    /// The commit.
    public var commitSHA: String
    /// The ref.
    public var ref: String
    /// The SARIF document after base64 and gunzip.
    public var sarif: Data
}

/// Everything the server knows about one repository.
struct ServerRepository: Sendable {
    var id: Int64
    var owner: String
    var ownerType: String
    var name: String
    var visibility: String
    var archived: Bool
    var fork: Bool
    var topics: [String]
    var defaultBranch = "main"
    var description: String?
    var languages: [(name: String, bytes: Int)]
    var createdAt: Date
    var updatedAt: Date
    var pushedAt: Date
    var ciState: String?
    var protected: Bool
    /// The default branch's rule when `protected` (nil: ``GitHubTestProtectionRule/standard``).
    var protectionRule: GitHubTestProtectionRule?
    /// What the server's credentials may see of this repository.
    var viewerAccess = GitHubTestViewerAccess.admin
    var refs: [String: String] = [:]
    var commits: [String: ServerCommit] = [:]
    var trees: [String: [String: TreeItem]] = [:]
    var blobs: [String: Data] = [:]
    var issues: [Int: ServerIssue] = [:]
    var comments: [Int: [ServerComment]] = [:]
    var pulls: [Int: ServerPull] = [:]
    var nextNumber = 1
    var runs: [ServerRun] = []
    var jobs: [Int64: ServerJob] = [:]
    var sarifUploads: [GitHubTestSarifUpload] = []
    var codeScanningAlerts = 0
    var secretScanningAlerts = 0
    var dependabotAlerts = 0
    /// Which security features answer, alerts added by tests, and alerts closed since.
    var security = ServerSecurityState()

    var fullName: String { "\(owner)/\(name)" }
    var isPrivate: Bool { visibility != "public" }
    var headSHA: String? { refs["refs/heads/\(defaultBranch)"] }
    var primaryLanguage: String? { languages.first?.name }

    /// Top-level entries of the default branch's tree, with their object ids (a folder's id is
    /// computed from the items under it).
    var rootEntries: [(name: String, type: String, oid: String)] {
        guard let tree = headTree else { return [] }
        var files: [String: TreeItem] = [:]
        var folders: [String: [String: TreeItem]] = [:]
        for (path, item) in tree {
            let parts = path.split(separator: "/", maxSplits: 1)
            if parts.count > 1 {
                folders[String(parts[0]), default: [:]][String(parts[1])] = item
            } else {
                files[path] = item
            }
        }
        let entries = files.map { (name: $0.key, type: $0.value.type, oid: $0.value.sha) }
            + folders.map { (name: $0.key, type: "tree", oid: GitObjectID.tree($0.value)) }
        return entries.sorted { $0.name < $1.name }
    }

    /// The flattened tree of the default branch's head.
    var headTree: [String: TreeItem]? {
        guard let head = headSHA, let commit = commits[head] else { return nil }
        return trees[commit.tree]
    }

    /// The blob at `path` of the default branch's head, if that path is a file.
    func headBlob(_ path: String) -> Data? {
        guard let item = headTree?[path], item.type == "blob" else { return nil }
        return blobs[item.sha]
    }
}

/// Git-style object ids for the in-memory store.
enum GitObjectID {
    static func blob(_ data: Data) -> String {
        var input = Data("blob \(data.count)\u{0}".utf8)
        input.append(data)
        return hex(Insecure.SHA1.hash(data: input))
    }

    static func tree(_ items: [String: TreeItem]) -> String {
        let text = items.sorted { $0.key < $1.key }.map { "\($0.value.mode) \($0.value.type) \($0.value.sha)\t\($0.key)" }
            .joined(separator: "\n")
        return hex(Insecure.SHA1.hash(data: Data("tree \(text)".utf8)))
    }

    static func commit(tree: String, parents: [String], message: String, date: Date) -> String {
        let text = "tree \(tree)\n" + parents.map { "parent \($0)\n" }.joined()
            + "date \(Int(date.timeIntervalSince1970))\n\n\(message)"
        return hex(Insecure.SHA1.hash(data: Data("commit \(text)".utf8)))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

extension GitObjectID {
    static func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }
}
