import Foundation

/// A minted installation token and its expiry.
struct InstallationTokenGrant: Sendable {
    var token: Secret
    var expiresAt: Date
}

/// Mints, caches and refreshes GitHub App installation tokens.
///
/// Concurrent callers share one refresh; a token is refreshed `margin` before `expires_at`.
actor InstallationTokenProvider: CredentialSource {
    private let signer: AppJWTSigner
    private let clock: any GitHubClock
    private let margin: Double
    private let exchange: @Sendable (Secret) async throws -> InstallationTokenGrant
    private var current: InstallationTokenGrant?
    private var refreshing: Task<InstallationTokenGrant, any Error>?

    init(
        signer: AppJWTSigner, clock: any GitHubClock, margin: Duration,
        exchange: @escaping @Sendable (Secret) async throws -> InstallationTokenGrant
    ) {
        self.signer = signer
        self.clock = clock
        self.margin = margin.inSeconds
        self.exchange = exchange
    }

    nonisolated var refreshable: Bool { true }

    func credential() async throws -> Secret? {
        if let current, clock.now().addingTimeInterval(margin) < current.expiresAt {
            return current.token
        }
        return try await refresh().token
    }

    func invalidate(_ token: Secret) async {
        if current?.token == token { current = nil }
    }

    /// The cached grant, if any (for tests and diagnostics).
    func cachedGrant() -> InstallationTokenGrant? { current }

    private func refresh() async throws -> InstallationTokenGrant {
        if let refreshing { return try await refreshing.value }
        let jwt = try signer.makeToken(now: clock.now())
        let exchange = self.exchange
        let task = Task { try await exchange(jwt) }
        refreshing = task
        do {
            let grant = try await task.value
            refreshing = nil
            current = grant
            return grant
        } catch {
            refreshing = nil
            throw error
        }
    }
}
