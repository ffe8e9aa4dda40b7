import Foundation
import GitHubKit

/// Fetches the health snapshot (CI, branch protection, open items) of every known repository
/// once, in batched GraphQL queries, and answers single questions from it; a repository
/// outside the first batch is fetched on its own (one query).
actor GitHubHealthBatcher {
    let client: GitHubClient
    let known: @Sendable () -> [String]
    private var pending: Task<(names: [String], outcome: HealthBatchOutcome), any Error>?
    private var merged = false
    private var snapshots: [String: RepositoryHealthSnapshot] = [:]
    /// GraphQL requests sent so far.
    private(set) var requests = 0
    /// GraphQL points GitHub reported so far.
    private(set) var quotaPoints = 0

    init(client: GitHubClient, known: @escaping @Sendable () -> [String]) {
        self.client = client
        self.known = known
    }

    func snapshot(of fullName: String) async throws -> RepositoryHealthSnapshot {
        let key = fullName.lowercased()
        if let hit = snapshots[key] { return hit }
        if pending == nil {
            var names = known()
            if !names.contains(where: { $0.lowercased() == key }) { names.append(fullName) }
            let client = self.client
            let list = names
            pending = Task { (names: list, outcome: try await client.defaultBranchHealth(of: list)) }
        }
        if let pending {
            do {
                let fetched = try await pending.value
                if !merged {
                    merged = true
                    requests += fetched.outcome.requests
                    quotaPoints += fetched.outcome.quotaPoints
                    for (asked, snapshot) in zip(fetched.names, fetched.outcome.snapshots) where snapshots[asked.lowercased()] == nil {
                        snapshots[asked.lowercased()] = snapshot
                    }
                }
            } catch {
                self.pending = nil
                throw error
            }
        }
        if let hit = snapshots[key] { return hit }
        let single = try await client.defaultBranchHealth(of: [fullName])
        requests += single.requests
        quotaPoints += single.quotaPoints
        guard let first = single.snapshots.first else {
            throw CodeHostError("GitHub returned no health snapshot for \(fullName)")
        }
        snapshots[key] = first
        return first
    }
}
