import Foundation
import NIOConcurrencyHelpers

/// The lock-protected state shared by every connection of one server.
final class GitHubTestServerCore: Sendable {
    let state: NIOLockedValueBox<ServerState>
    /// The web root's git smart-HTTP routes.
    let git: GitHTTPBackend

    init(configuration: GitHubTestServerConfiguration) {
        let state = NIOLockedValueBox(ServerState(configuration: configuration))
        self.state = state
        self.git = GitHTTPBackend(authorize: { token in state.withLockedValue { $0.acceptsGitToken(token) } })
    }

    func arrive() {
        state.withLockedValue { state in
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
        }
    }

    func depart() {
        state.withLockedValue { $0.inFlight -= 1 }
    }

    func handle(_ request: ServerRequest) -> ServerAction {
        state.withLockedValue { $0.handle(request).0 }
    }
}
