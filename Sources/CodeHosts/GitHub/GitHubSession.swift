import Foundation
import GitHubKit
import InfinityModel
import Logging

/// One GitHub connection shared by the host, its health signals, alerts and the healing and
/// security capabilities of a command: the client (with its response cache), the owner it
/// serves and the web address repositories are cloned from.
public final class GitHubSession: Sendable {
    /// The client; every GitHub call of the command goes through it.
    public let client: GitHubClient
    /// The provider settings (`github:` in the configuration).
    public let settings: GitHubProviderSettings
    /// The token when authenticating with one (for cloning), never logged.
    let token: Secret?

    /// The organization or user whose repositories are listed.
    public var owner: String { settings.org ?? settings.user ?? "" }
    /// Whether the owner is an organization (else a user).
    public var isOrganization: Bool { settings.org != nil }

    /// Creates a session over an existing client.
    public init(client: GitHubClient, settings: GitHubProviderSettings, token: Secret? = nil) {
        self.client = client
        self.settings = settings
        self.token = token
    }

    /// Creates a session from the configuration: a token from `github.token_env` (else
    /// `GITHUB_TOKEN`, then `GH_TOKEN`) or the GitHub App, the API URL and concurrency.
    ///
    /// - Parameters:
    ///   - readFile: reads the App's private key file.
    ///   - cache: where conditional-request answers persist (the state store).
    /// - Throws: `CodeHostError` naming what to set when no credentials are found or the API URL is unusable.
    public static func make(settings: GitHubProviderSettings, environment: [String: String],
                            cache: (any HTTPResponseCache)?, readFile: @escaping @Sendable (String) throws -> Data,
                            transport: (any GitHubHTTPTransport)? = nil, logger: Logger) throws -> GitHubSession {
        var configuration: GitHubConfiguration
        do { configuration = try GitHubConfiguration(apiURL: settings.apiURL) } catch {
            throw CodeHostError("github.api_url: \(error)", remedy: "use https://api.github.com or https://HOST/api/v3")
        }
        configuration.maxConcurrentRequests = settings.maxConcurrentRequests
        var token: Secret?
        let authentication: GitHubAuthentication
        if let app = settings.app {
            guard let installation = Int64(app.installationID) else {
                throw CodeHostError("github.app.installation_id '\(app.installationID)' is not a number",
                                    remedy: "copy the installation id from the App's installation URL")
            }
            do {
                authentication = .app(try GitHubAppCredentials.load(appID: app.appID, privateKeyPath: app.privateKeyPath,
                                                                    installationID: installation, readFile: readFile))
            } catch {
                throw CodeHostError("github.app: \(error)", remedy: "check github.app.private_key_path")
            }
        } else {
            do {
                authentication = try GitHubAuthentication.token(fromEnvironment: environment, variable: settings.tokenEnv)
            } catch {
                throw CodeHostError("\(error)", remedy: "export a token with repo scope, or configure github.app")
            }
            if case .token(let secret) = authentication { token = secret }
        }
        let client: GitHubClient
        do {
            client = try GitHubClient(configuration: configuration, authentication: authentication, cache: cache,
                                      transport: transport, logger: logger)
        } catch {
            throw CodeHostError("cannot set up the GitHub client: \(error)", remedy: "check the github settings")
        }
        return GitHubSession(client: client, settings: settings, token: token)
    }

    /// The web root repositories live under: `https://github.com` for api.github.com, else the API's
    /// scheme and host (`https://HOST` for Enterprise Server, the loopback address in tests).
    public var webRoot: String {
        let api = client.configuration.apiURL
        guard let host = api.host else { return "https://github.com" }
        if host.lowercased() == "api.github.com" { return "https://github.com" }
        let scheme = api.scheme ?? "https"
        return api.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    /// The credential-free web address of a repository, `https://HOST/owner/name`.
    public func webURL(_ fullName: String) -> String { "\(webRoot)/\(fullName)" }

    /// Releases the HTTP client.
    public func shutdown() async {
        try? await client.shutdown()
    }
}
