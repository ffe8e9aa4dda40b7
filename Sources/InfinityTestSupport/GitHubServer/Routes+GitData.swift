import Crypto
import Foundation
import GitHubKit
import InfinityJSON
import _CryptoExtras

extension ServerState {
    mutating func gitRoute(_ key: String, _ rest: [String], _ request: ServerRequest) -> RouteResult {
        guard let repo = repositories[key] else { return .notFound }
        let body = (try? JSONDecoder().decode(JSONValue.self, from: request.body)) ?? .null
        switch (request.method, rest.first ?? "") {
        case ("GET", "ref") where rest.count >= 2:
            let ref = "refs/" + rest.dropFirst().joined(separator: "/")
            guard let sha = repo.refs[ref] else { return .error(404, "Not Found", documentation: "https://docs.github.com/rest/git/refs#get-a-reference") }
            return .json(200, json.reference(ref, sha: sha, repo: repo), conditional: true)
        case ("POST", "refs") where rest.count == 1:
            guard let ref = body["ref"]?.stringValue, ref.hasPrefix("refs/"), ref.split(separator: "/").count >= 3 else {
                return .validation("Validation Failed", resource: "Reference", field: "ref", code: "invalid")
            }
            guard let sha = body["sha"]?.stringValue, repo.commits[sha] != nil else {
                return .error(422, "Object does not exist")
            }
            guard repo.refs[ref] == nil else { return .error(422, "Reference already exists") }
            repositories[key]?.refs[ref] = sha
            return .json(201, json.reference(ref, sha: sha, repo: repo))
        case ("PATCH", "refs") where rest.count >= 2:
            let ref = "refs/" + rest.dropFirst().joined(separator: "/")
            guard let current = repo.refs[ref] else { return .error(422, "Reference does not exist") }
            guard let sha = body["sha"]?.stringValue, repo.commits[sha] != nil else { return .error(422, "Object does not exist") }
            if body["force"] != .bool(true), !isAncestor(current, of: sha, in: repo) {
                return .error(422, "Update is not a fast forward")
            }
            repositories[key]?.refs[ref] = sha
            if ref == "refs/heads/\(repo.defaultBranch)" { touch(key, pushed: true) }
            return .json(200, json.reference(ref, sha: sha, repo: repo))
        case ("POST", "blobs") where rest.count == 1:
            guard let content = body["content"]?.stringValue else {
                return .validation("Validation Failed", resource: "Blob", field: "content", code: "missing_field")
            }
            let data = body["encoding"]?.stringValue == "base64" ? Data(base64Encoded: content, options: .ignoreUnknownCharacters) : Data(content.utf8)
            guard let data else { return .error(422, "Invalid base64 content") }
            let sha = GitObjectID.blob(data)
            repositories[key]?.blobs[sha] = data
            return .json(201, .object(["sha": .string(sha), "url": .string("\(json.api)/repos/\(repo.fullName)/git/blobs/\(sha)")]))
        case ("POST", "trees") where rest.count == 1:
            var items: [String: TreeItem] = [:]
            if let base = body["base_tree"]?.stringValue {
                guard let existing = repo.trees[base] else { return .error(422, "base_tree is not a valid tree oid") }
                items = existing
            }
            guard case .array(let entries) = body["tree"] else {
                return .validation("Validation Failed", resource: "Tree", field: "tree", code: "missing_field")
            }
            for entry in entries {
                guard let path = entry["path"]?.stringValue, let mode = entry["mode"]?.stringValue else {
                    return .validation("Validation Failed", resource: "Tree", field: "path", code: "missing_field")
                }
                let type = entry["type"]?.stringValue ?? "blob"
                if let content = entry["content"]?.stringValue {
                    let data = Data(content.utf8)
                    let sha = GitObjectID.blob(data)
                    repositories[key]?.blobs[sha] = data
                    items[path] = TreeItem(mode: mode, type: type, sha: sha, size: data.count)
                } else if let sha = entry["sha"]?.stringValue {
                    guard let blob = repositories[key]?.blobs[sha] else { return .error(422, "tree.sha \(sha) is not a valid blob") }
                    items[path] = TreeItem(mode: mode, type: type, sha: sha, size: blob.count)
                } else {
                    items[path] = nil
                }
            }
            let sha = GitObjectID.tree(items)
            repositories[key]?.trees[sha] = items
            return .json(201, json.tree(sha, items: items, repo: repo))
        case ("GET", "trees") where rest.count == 2:
            // A tree SHA, or a commit SHA / branch name whose tree is meant (as GitHub accepts).
            var treeSHA = rest[1]
            if repo.trees[treeSHA] == nil, let commit = resolveCommit(repo, treeSHA).flatMap({ repo.commits[$0] }) {
                treeSHA = commit.tree
            }
            guard let items = repo.trees[treeSHA] else { return .notFound }
            if request.query("recursive") != nil {
                return .json(200, json.tree(treeSHA, items: items, repo: repo), conditional: true)
            }
            var top: [String: TreeItem] = [:]
            for (path, item) in items {
                if let slash = path.firstIndex(of: "/") {
                    let folder = String(path[path.startIndex..<slash])
                    top[folder] = TreeItem(mode: "040000", type: "tree", sha: GitObjectID.blob(Data(folder.utf8)), size: nil)
                } else {
                    top[path] = item
                }
            }
            return .json(200, json.tree(treeSHA, items: top, repo: repo), conditional: true)
        case ("GET", "blobs") where rest.count == 2:
            guard let data = repo.blobs[rest[1]] else { return .notFound }
            return .json(200, .object([
                "sha": .string(rest[1]), "size": .int(data.count), "encoding": .string("base64"),
                "content": .string(data.base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])),
                "url": .string("\(json.api)/repos/\(repo.fullName)/git/blobs/\(rest[1])"),
            ]), conditional: true)
        case ("POST", "commits") where rest.count == 1:
            guard let message = body["message"]?.stringValue, let tree = body["tree"]?.stringValue, repo.trees[tree] != nil else {
                return .validation("Validation Failed", resource: "Commit", field: "tree", code: "invalid")
            }
            let parents = Self.strings(body["parents"])
            guard parents.allSatisfy({ repo.commits[$0] != nil }) else { return .error(422, "Parent SHA does not exist") }
            let sha = GitObjectID.commit(tree: tree, parents: parents, message: message, date: now)
            let commit = ServerCommit(sha: sha, tree: tree, parents: parents, message: message, date: now)
            repositories[key]?.commits[sha] = commit
            return .json(201, json.commit(commit, repo: repo))
        case ("GET", "commits") where rest.count == 2:
            guard let commit = repo.commits[rest[1]] else { return .notFound }
            return .json(200, json.commit(commit, repo: repo), conditional: true)
        default:
            return .notFound
        }
    }

    func isAncestor(_ ancestor: String, of descendant: String, in repo: ServerRepository) -> Bool {
        var queue = [descendant]
        var seen: Set<String> = []
        while let sha = queue.popLast(), seen.count < 10_000 {
            if sha == ancestor { return true }
            guard seen.insert(sha).inserted, let commit = repo.commits[sha] else { continue }
            queue.append(contentsOf: commit.parents)
        }
        return false
    }

    /// Marks a repository as changed (and pushed to, when `pushed`).
    mutating func touch(_ key: String, pushed: Bool) {
        let stamp = now
        let previous = repositories[key]?.updatedAt ?? stamp
        let updated = max(stamp, previous.addingTimeInterval(1))
        repositories[key]?.updatedAt = updated
        if pushed { repositories[key]?.pushedAt = updated }
    }

    mutating func uploadSARIF(_ key: String, _ request: ServerRequest) -> RouteResult {
        guard let repo = repositories[key] else { return .notFound }
        let body = (try? JSONDecoder().decode(JSONValue.self, from: request.body)) ?? .null
        guard let commit = body["commit_sha"]?.stringValue, commit.count == 40, let ref = body["ref"]?.stringValue,
            let encoded = body["sarif"]?.stringValue
        else { return .error(400, "commit_sha, ref and sarif are required") }
        guard let compressed = Data(base64Encoded: encoded) else { return .error(400, "sarif is not valid base64") }
        guard let sarif = try? Inflate.gunzip(compressed, limit: 64 * 1024 * 1024) else {
            return .error(400, "sarif is not valid gzip data")
        }
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: sarif), document["version"] != nil,
            case .array = document["runs"]
        else { return .error(400, "The SARIF file is invalid: expected an object with version and runs") }
        let id = UUID().uuidString.lowercased()
        repositories[key]?.sarifUploads.append(GitHubTestSarifUpload(id: id, commitSHA: commit, ref: ref, sarif: sarif))
        return .json(202, .object(["id": .string(id), "url": .string("\(json.api)/repos/\(repo.fullName)/code-scanning/sarifs/\(id)")]))
    }

    mutating func installationToken(_ request: ServerRequest, installation: String) -> RouteResult {
        guard let jwt = request.bearerToken else { return .error(401, "A JSON web token could not be decoded") }
        guard let claims = verifyJWT(jwt) else {
            return .error(401, "A JSON web token could not be decoded", documentation: "https://docs.github.com/rest")
        }
        let nowSeconds = now.timeIntervalSince1970
        guard let issuedAt = claims["iat"]?.intValue, let expires = claims["exp"]?.intValue else {
            return .error(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.")
        }
        guard Double(expires) > nowSeconds, Double(expires) <= nowSeconds + 600 + 5, Double(issuedAt) <= nowSeconds + 5 else {
            return .error(401, "'Expiration time' claim ('exp') is too far in the future")
        }
        let issuer = claims["iss"]?.stringValue ?? claims["iss"]?.intValue.map(String.init)
        guard issuer == configuration.appID else { return .error(401, "Integration not found") }
        guard installation == String(configuration.installationID) else { return .notFound }
        tokensMinted += 1
        let token = "ghs_test\(tokensMinted)x" + GitObjectID.sha256Hex(Data("\(tokensMinted)-\(nowSeconds)".utf8)).prefix(28)
        let expiry = now.addingTimeInterval(configuration.installationTokenLifetime)
        mintedTokens[token] = expiry
        return .json(201, .object([
            "token": .string(token), "expires_at": ServerJSON.date(expiry),
            "permissions": .object(["issues": .string("write"), "contents": .string("write"), "metadata": .string("read")]),
            "repository_selection": .string("all"),
        ]))
    }

    /// The claims of an RS256 JWT whose signature the configured App key verifies.
    func verifyJWT(_ jwt: String) -> JSONValue? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = try? JSONDecoder().decode(JSONValue.self, from: headerData), header["alg"] == "RS256",
            let pem = configuration.appPublicKeyPEM, let key = try? _RSA.Signing.PublicKey(pemRepresentation: pem)
        else { return nil }
        let signed = Data((parts[0] + "." + parts[1]).utf8)
        guard key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5)
        else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: payloadData)
    }
}
