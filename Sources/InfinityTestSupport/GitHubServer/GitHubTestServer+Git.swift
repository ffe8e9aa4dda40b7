import Foundation
import InfinitySystem
import NIOConcurrencyHelpers

extension GitHubTestServer {
    /// The git smart-HTTP routes of the web root (`http://127.0.0.1:PORT/<owner>/<name>`, the
    /// address ``GitHubSession/webURL`` gives): published repositories, recorded git requests.
    /// Tokens are checked as the API checks them (valid, not expired, or a live installation token).
    public var gitBackend: GitHTTPBackend { core.git }

    /// Publishes the bare repository at `bareRepository` as `fullName`: its default branch head
    /// becomes the repository's head in the API (commit, files for the contents and git-data
    /// routes, `pushed_at`), so discovery sees it and writes its real SHA into the manifest, and
    /// the web root serves it to `git clone`/`fetch`. A repository the server does not know yet is
    /// created (private, in `fullName`'s owner). Publishing again after new commits is a push.
    /// - Parameter tokens: when set, only these tokens may clone it (others valid get 403).
    public func publishGitRepository(_ fullName: String, bareRepository: String, tokens: Set<String>? = nil) async throws {
        let git = GitCLI()
        func text(_ arguments: [String]) async throws -> String {
            String(decoding: try await git.run(in: bareRepository, arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let branch = try await text(["symbolic-ref", "--short", "HEAD"])
        let head = try await text(["rev-parse", "HEAD"])
        let time = TimeInterval(try await text(["log", "-1", "--format=%ct", head])) ?? 0
        let message = try await text(["log", "-1", "--format=%s", head])
        var items: [String: TreeItem] = [:]
        var blobs: [String: Data] = [:]
        let listing = try await git.run(in: bareRepository, ["ls-tree", "-r", "-z", "--full-tree", head])
        for record in listing.split(separator: 0) {
            let line = String(decoding: record, as: UTF8.self)
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let fields = line[..<tab].split(separator: " ")
            guard fields.count == 3, fields[1] == "blob" else { continue }
            let sha = String(fields[2])
            let data = try await git.run(in: bareRepository, ["cat-file", "blob", sha])
            blobs[sha] = data
            items[String(line[line.index(after: tab)...])] = TreeItem(mode: String(fields[0]), type: "blob", sha: sha, size: data.count)
        }
        let tree = GitObjectID.tree(items)
        let date = Date(timeIntervalSince1970: time)
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            if state.repositories[key] == nil {
                let parts = fullName.split(separator: "/", maxSplits: 1).map(String.init)
                let owner = parts.first ?? state.configuration.organization
                let name = parts.count > 1 ? parts[1] : fullName
                let id = state.nextIdentifier()
                state.insert(ServerRepository(
                    id: id, owner: owner, ownerType: owner == state.configuration.userLogin ? "User" : "Organization", name: name,
                    visibility: "private", archived: false, fork: false, topics: [], description: "git repository \(fullName)",
                    languages: [], createdAt: date, updatedAt: date, pushedAt: date, ciState: "SUCCESS", protected: false))
            }
            state.repositories[key]?.defaultBranch = branch
            state.repositories[key]?.trees[tree] = items
            for (sha, data) in blobs { state.repositories[key]?.blobs[sha] = data }
            state.repositories[key]?.commits[head] = ServerCommit(sha: head, tree: tree, parents: [], message: message, date: date)
            state.repositories[key]?.refs["refs/heads/\(branch)"] = head
            state.touch(key, pushed: true)
        }
        core.git.serve(fullName, bareRepository: bareRepository, tokens: tokens)
    }
}

extension ServerState {
    /// Whether `token` may use git over HTTP: as for the API (valid, or a minted token not expired).
    func acceptsGitToken(_ token: String) -> Bool {
        if configuration.expiredTokens.contains(token) { return false }
        if configuration.validTokens.contains(token) { return true }
        if let expiry = mintedTokens[token] { return expiry > now }
        return false
    }
}
