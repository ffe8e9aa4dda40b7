import Foundation
import InfinityJSON
import Logging

extension GitHubClient {
    /// Discovers every repository of an organization with one paginated GraphQL query
    /// (``DiscoveryQueries/organizationRepositories(files:)``, 100 per page).
    ///
    /// With a response cache, three conditional REST probes run first — the 100 most recently
    /// pushed and most recently updated repositories, and the organization (repository counts).
    /// When every probe's `ETag` equals the one recorded with the stored snapshot, the snapshot is
    /// reused: the probes answer `304` and the call spends no primary quota. The snapshot's
    /// `ciState` is then as old as the snapshot; use ``defaultBranchStatuses(of:batchSize:)`` for fresh CI.
    /// When GraphQL itself is unusable (the endpoint is missing or refuses these credentials), the
    /// repositories are listed over REST instead, without heads (see ``discoverOverREST(_:kind:)``).
    ///
    /// - Parameters:
    ///   - organization: the organization login.
    ///   - pageSize: repositories per GraphQL page (1–100); halved automatically after 502/504s.
    ///   - forceRefresh: skip the probes and query everything.
    ///   - files: root files whose text comes back in ``DiscoveredRepository/fileTexts`` (at most 50).
    public func discoverOrganization(
        _ organization: String, pageSize: Int = 100, forceRefresh: Bool = false, files: [String] = []
    ) async throws -> DiscoveryOutcome {
        try await discoverOwner(organization, kind: .organization, pageSize: pageSize, forceRefresh: forceRefresh, files: files)
    }

    /// Discovers the repositories a user owns, the same way as ``discoverOrganization(_:pageSize:forceRefresh:files:)``
    /// (GraphQL `user { repositories(ownerAffiliations: [OWNER]) }`, the same probes on `/users/{user}`).
    public func discoverUser(
        _ user: String, pageSize: Int = 100, forceRefresh: Bool = false, files: [String] = []
    ) async throws -> DiscoveryOutcome {
        try await discoverOwner(user, kind: .user, pageSize: pageSize, forceRefresh: forceRefresh, files: files)
    }

    private func discoverOwner(
        _ login: String, kind: DiscoveryQueries.OwnerKind, pageSize: Int, forceRefresh: Bool, files: [String]
    ) async throws -> DiscoveryOutcome {
        let before = stats
        let budget = WaitBudget(configuration.maxTotalWait)
        let files = Array(files.prefix(50))
        let fileSet = files.isEmpty ? "" : " files:" + files.joined(separator: ",")
        let snapshotKey = "infinity.discovery.v2 \(configuration.graphQLURL.absoluteString) \(kind.rawValue) "
            + "\(login.lowercased())\(fileSet)"
        var validators: [String] = []
        if let cache = pipeline.cache {
            validators = await probeValidators(login, kind: kind, budget: budget)
            if !forceRefresh, validators.count == 3, let stored = await loadSnapshot(cache, key: snapshotKey),
                stored.probeValidators == validators
            {
                pipeline.logger.debug(
                    "github discovery unchanged; reusing the stored snapshot",
                    metadata: ["github.owner": "\(login)", "repo.count": "\(stored.repositories.count)"])
                return outcome(stored, reused: true, since: before)
            }
        }
        let repositories: [DiscoveredRepository]
        do {
            repositories = try await queryOwnerRepositories(login, kind: kind, pageSize: pageSize, files: files, budget: budget)
        } catch let error as GitHubError where Self.graphQLUnusable(error) {
            pipeline.logger.warning(
                "github GraphQL is unusable here; listing repositories over REST, without heads",
                metadata: ["github.owner": "\(login)", "error.code": "\(error.code)"])
            return try await discoverOverREST(login, kind: kind, since: before)
        }
        let snapshot = DiscoverySnapshot(
            owner: login, repositories: repositories, fetchedAt: pipeline.clock.now(),
            probeValidators: validators.count == 3 ? validators : [])
        if let cache = pipeline.cache { await storeSnapshot(snapshot, cache: cache, key: snapshotKey) }
        return outcome(snapshot, reused: false, since: before)
    }

    /// Whether a failed GraphQL discovery means GraphQL cannot be used at all (so REST should
    /// list instead): the endpoint is missing (404 without a GraphQL answer) or refuses these
    /// credentials (403 other than a rate limit) — not an unknown owner, not a spent budget.
    static func graphQLUnusable(_ error: GitHubError) -> Bool {
        switch error.code {
        case .notFound: return error.graphQLErrors.isEmpty
        case .forbidden: return true
        default: return false
        }
    }

    /// Lists an owner's repositories over REST (`/orgs/{org}/repos`, `/users/{user}/repos`): the
    /// fallback when GraphQL cannot be used. Languages hold only the primary language (bytes 0);
    /// head commit, CI and root entries are empty, so nothing is detected or built from them.
    public func discoverOverREST(_ login: String, kind: DiscoveryQueries.OwnerKind) async throws -> DiscoveryOutcome {
        try await discoverOverREST(login, kind: kind, since: stats)
    }

    private func discoverOverREST(_ login: String, kind: DiscoveryQueries.OwnerKind, since before: GitHubClientStats)
        async throws -> DiscoveryOutcome
    {
        let listed = kind == .organization
            ? try await listOrganizationRepositories(organization: login) : try await listUserRepositories(user: login)
        let repositories = listed.map { repository in
            DiscoveredRepository(
                name: repository.name, nameWithOwner: repository.fullName, isArchived: repository.archived ?? false,
                isFork: repository.fork, visibility: (repository.visibility ?? (repository.isPrivate ? "private" : "public")).uppercased(),
                topics: repository.topics ?? [], defaultBranch: repository.defaultBranch, headCommit: nil,
                headCommittedAt: nil, ciState: nil,
                languages: repository.language.map { [DiscoveredRepository.LanguageShare(name: $0, bytes: 0)] } ?? [],
                pushedAt: repository.pushedAt, url: repository.htmlUrl, rootEntries: [])
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
        let snapshot = DiscoverySnapshot(
            owner: login, repositories: repositories, fetchedAt: pipeline.clock.now(), probeValidators: [])
        return outcome(snapshot, reused: false, since: before)
    }

    /// The default-branch head and CI rollup of many repositories (`owner/name`), 100 per GraphQL
    /// query by alias, a few queries in parallel. Unknown repositories come back with `found == false`.
    public func defaultBranchStatuses(of repositories: [String], batchSize: Int = 100) async throws
        -> [DefaultBranchStatus]
    {
        let budget = WaitBudget(configuration.maxTotalWait)
        return try await inBatches(repositories, size: min(100, max(1, batchSize))) { batch in
            try await self.statusBatch(batch, budget: budget)
        }.flatMap { $0 }
    }

    private func statusBatch(_ batch: [String], budget: WaitBudget) async throws -> [DefaultBranchStatus] {
        let variables = try Self.aliasedRepositoryVariables(batch)
        let response: GraphQLResponse<AliasedRepositoryStatuses> = try await graphQLResponse(
            query: DiscoveryQueries.defaultBranchStatuses(count: batch.count), variables: variables, repository: nil,
            budget: budget)
        var problems: [String: GraphQLErrorDetail] = [:]
        for error in response.errors {
            if let alias = error.path?.first?.stringValue { problems[alias] = error }
        }
        if response.data == nil, let first = response.errors.first {
            throw GitHubError(
                code: .graphQL, message: "the status query failed: \(first.message.prefix(300))",
                endpoint: "POST /graphql (DefaultBranchStatuses)", graphQLErrors: response.errors)
        }
        return batch.enumerated().map { index, fullName in
            let alias = "r\(index)"
            guard let node = response.data?.byAlias[alias] else {
                let problem = problems[alias]
                return DefaultBranchStatus(
                    repository: fullName, found: false, defaultBranch: nil, headCommit: nil, ciState: nil,
                    error: problem?.type == "NOT_FOUND" ? nil : problem?.message)
            }
            return DefaultBranchStatus(
                repository: fullName, found: true, defaultBranch: node.defaultBranchRef?.name,
                headCommit: node.defaultBranchRef?.target?.oid,
                ciState: node.defaultBranchRef?.target?.statusCheckRollup?.state, error: problems[alias]?.message)
        }
    }

    private func queryOwnerRepositories(
        _ organization: String, kind: DiscoveryQueries.OwnerKind, pageSize: Int, files: [String], budget: WaitBudget
    ) async throws -> [DiscoveredRepository] {
        let query = DiscoveryQueries.ownerRepositories(kind, files: files)
        let operation = "POST /graphql (\(kind == .organization ? "OrganizationRepositories" : "UserRepositories"))"
        var first = min(100, max(1, pageSize))
        var after: String?
        var repositories: [DiscoveredRepository] = []
        var pages = 0
        while true {
            pages += 1
            guard pages <= configuration.maxPages else {
                throw GitHubError(
                    code: .badRequest, message: "discovery stopped after \(configuration.maxPages) pages",
                    endpoint: operation)
            }
            let variables: [String: JSONValue] = [
                "login": .string(organization), "first": .int(first), "after": after.map { .string($0) } ?? .null,
            ]
            let response: GraphQLResponse<OwnerRepositoriesData>
            do {
                response = try await graphQLResponse(
                    query: query, variables: variables, repository: nil,
                    budget: budget)
            } catch let error as GitHubError where (error.code == .serverError || error.code == .timeout) && first > 10 {
                // GitHub fails GraphQL calls that run past 10 s with 502/504: ask for less.
                first = max(10, first / 2)
                pipeline.logger.info(
                    "github discovery page failed; retrying with a smaller page",
                    metadata: ["github.owner": "\(organization)", "page.size": "\(first)"])
                continue
            }
            guard let connection = (response.data?.organization ?? response.data?.user)?.repositories else {
                let detail = response.errors.first
                let other = kind == .organization ? "github.user (discoverUser) for a user account" : "github.org for an organization"
                throw GitHubError(
                    code: detail?.type == "NOT_FOUND" || detail == nil ? .notFound : .graphQL,
                    message: "\(kind.rawValue) '\(organization)' was not found or is not visible to these credentials"
                        + (detail.map { " (\($0.message.prefix(200)))" } ?? "")
                        + "; check the name, or use \(other)",
                    endpoint: operation, graphQLErrors: response.errors)
            }
            if !response.errors.isEmpty {
                pipeline.logger.info(
                    "github discovery page returned partial errors",
                    metadata: ["github.owner": "\(organization)", "error.count": "\(response.errors.count)"])
            }
            repositories.append(contentsOf: (connection.nodes ?? []).compactMap { $0?.discovered(files: files) })
            guard connection.pageInfo.hasNextPage else { break }
            guard let cursor = connection.pageInfo.endCursor, cursor != after else {
                throw GitHubError(
                    code: .decoding, message: "GitHub reported another page without a new cursor",
                    endpoint: operation)
            }
            after = cursor
        }
        return repositories
    }

    /// Runs the three change probes; returns their validators (empty strings for failures).
    private func probeValidators(_ login: String, kind: DiscoveryQueries.OwnerKind, budget: WaitBudget) async -> [String] {
        let owner = GitHubPath.segment(login)
        let root = kind == .organization ? "/orgs/\(owner)" : "/users/\(owner)"
        let shape = kind == .organization ? "/orgs/{org}" : "/users/{username}"
        let listing: [(name: String, value: String)] = kind == .organization ? [] : [(name: "type", value: "owner")]
        let probes = [
            GitHubRequest(
                .get, "\(root)/repos",
                query: listing + [(name: "sort", value: "pushed"), (name: "direction", value: "desc"), (name: "per_page", value: "100")],
                operation: "GET \(shape)/repos (probe: pushed)"),
            GitHubRequest(
                .get, "\(root)/repos",
                query: listing + [(name: "sort", value: "updated"), (name: "direction", value: "desc"), (name: "per_page", value: "100")],
                operation: "GET \(shape)/repos (probe: updated)"),
            GitHubRequest(.get, root, operation: "GET \(shape) (probe: counts)"),
        ]
        var validators: [String] = []
        for probe in probes {
            do {
                let response = try await send(probe, budget: budget)
                validators.append(response.headers["etag"] ?? response.headers["last-modified"] ?? "")
            } catch {
                pipeline.logger.debug(
                    "github discovery probe failed; running a full discovery",
                    metadata: ["http.operation": "\(probe.operation)"])
                validators.append("")
            }
        }
        return validators.contains("") ? [] : validators
    }

    private func loadSnapshot(_ cache: any HTTPResponseCache, key: String) async -> DiscoverySnapshot? {
        guard let entry = try? await cache.lookup(key: key) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = GitHubDate.decodingStrategy
        return try? decoder.decode(DiscoverySnapshot.self, from: entry.body)
    }

    private func storeSnapshot(_ snapshot: DiscoverySnapshot, cache: any HTTPResponseCache, key: String) async {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = GitHubDate.encodingStrategy
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(snapshot) else { return }
        let entry = CachedResponse(
            status: 200, etag: nil, lastModified: nil, headers: GitHubHeaders([("Content-Type", "application/json")]),
            body: body, storedAt: snapshot.fetchedAt)
        do {
            try await cache.store(key: key, response: entry)
        } catch {
            pipeline.logger.warning("github discovery snapshot could not be stored", metadata: ["error.type": "\(type(of: error))"])
        }
    }

    private func outcome(_ snapshot: DiscoverySnapshot, reused: Bool, since before: GitHubClientStats) -> DiscoveryOutcome {
        let after = stats
        return DiscoveryOutcome(
            snapshot: snapshot, reusedSnapshot: reused, requests: after.requests - before.requests,
            quotaPoints: after.quotaPoints - before.quotaPoints)
    }
}
