import Foundation
import InfinityModel

/// Local git copies of hosted repositories, for the stages that need git objects rather than
/// files read through an API: build work trees (which borrow the copy's objects), history
/// scans and the scratch clones of healing proposals.
///
/// For `provider: github` the copies are bare mirrors under `<state>/workspace/sources/`
/// (see ``GitHubSourceMirrors``); the local provider needs none (its repositories are local
/// already, and listed URLs are cloned by discovery).
public protocol RepositorySources: Sendable {
    /// The local git directory of `repository`, holding its manifest head SHA; fetched from the
    /// host only when that commit is missing (so an unchanged repository costs no network).
    func prepare(_ repository: ManifestRepository) async throws(SourceSyncError) -> String
    /// The local git directory when it already holds the head SHA; never touches the network.
    func existingCopy(of repository: ManifestRepository) async -> String?
}

/// Why one repository's sources could not be made available locally. Per repository: the
/// rest of a run goes on.
public struct SourceSyncError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// What went wrong, as far as git's answer tells.
    public enum Kind: String, Sendable, Hashable {
        /// The host refused the credentials (HTTP 401).
        case unauthorized
        /// The credentials may not read the repository (HTTP 403).
        case forbidden
        /// The repository is not there any more (HTTP 404): renamed, deleted or hidden.
        case notFound
        /// The fetch worked but the manifest's head SHA is not on the host (force-pushed away).
        case missingCommit
        /// The manifest entry cannot be synced (no head SHA, a name that is not a path component).
        case invalid
        /// Anything else: network, disk, git.
        case failed
    }

    public var kind: Kind
    public var repository: String
    /// What happened, with git's (redacted) message.
    public var message: String
    /// What to do about it.
    public var remedy: String

    public init(_ kind: Kind, repository: String, _ message: String, remedy: String) {
        self.kind = kind
        self.repository = repository
        self.message = message
        self.remedy = remedy
    }

    public var description: String { "\(message) (\(remedy))" }
    public var errorDescription: String? { description }

    /// The problem as a diagnostic of `severity` for reports.
    public func diagnostic(_ severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(severity, repository: repository, message, remedy: remedy)
    }
}
