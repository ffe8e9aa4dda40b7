import Synchronization

/// Supplies the token the pipeline sends to the API origin.
protocol CredentialSource: Sendable {
    /// The token to send now, or `nil` for anonymous requests.
    func credential() async throws -> Secret?
    /// Whether a 401 may be answered by fetching a fresh token once.
    var refreshable: Bool { get }
    /// Forgets `token` so the next ``credential()`` fetches a fresh one.
    func invalidate(_ token: Secret) async
}

/// A fixed token (or none).
struct StaticCredential: CredentialSource {
    let token: Secret?
    func credential() async throws -> Secret? { token }
    var refreshable: Bool { false }
    func invalidate(_ token: Secret) async {}
}

/// Every credential value the client has handled, so messages can be scrubbed of them.
final class SecretRegistry: Sendable {
    private let values = Mutex<[Secret]>([])

    func register(_ secret: Secret) {
        values.withLock { list in
            if !list.contains(secret) { list.append(secret) }
            if list.count > 64 { list.removeFirst(list.count - 64) }
        }
    }

    var scrubber: SecretScrubber { SecretScrubber(values.withLock { $0 }) }
}
