import Foundation
import InfinitySystem
import Synchronization

/// A GitHub repository's files read from its local source mirror when that holds the commit,
/// else through the API: after a build fetched the mirror, the health pass's content checks
/// (workflows, hygiene files, binary artifacts) cost no request. The root overview always
/// comes from the API side (discovery's listing), so detection gives the same result whether
/// or not a mirror exists.
final class MirrorFirstContent: RootOverviewProviding {
    let local: any RepositoryContent
    let remote: GitHubRepositoryContent
    /// Set once the mirror failed to answer (it lacks the commit, or is damaged).
    private let localFailed = Mutex(false)

    init(local: any RepositoryContent, remote: GitHubRepositoryContent) {
        self.local = local
        self.remote = remote
    }

    func rootOverview() -> RootOverview? { remote.rootOverview() }

    func listFiles(limit: Int) async throws -> [String] {
        if !localFailed.withLock({ $0 }) {
            do { return try await local.listFiles(limit: limit) } catch { localFailed.withLock { $0 = true } }
        }
        return try await remote.listFiles(limit: limit)
    }

    func readFile(_ path: String, maxBytes: Int) async throws -> Data? {
        if !localFailed.withLock({ $0 }) {
            do { return try await local.readFile(path, maxBytes: maxBytes) } catch { localFailed.withLock { $0 = true } }
        }
        return try await remote.readFile(path, maxBytes: maxBytes)
    }
}
