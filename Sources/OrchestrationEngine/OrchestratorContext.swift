import CodeHosts
import Foundation
import GitHubKit
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// Everything a stage needs to run: the resolved configuration, where the project lives,
/// the store and the seams to the outside world. Built once per command.
public struct OrchestratorContext: Sendable {
    /// The folder that holds `config/` and the state directory.
    public var projectRoot: String
    public var loaded: LoadedConfiguration
    public var fileSystem: FileSystem
    public var clock: WallClock
    public var processes: ProcessRunner
    public var git: GitCLI
    public var inspector: GitInspector
    public var environment: [String: String]
    public var logger: Logger
    /// The HTTP seam for GitHub (`nil`: AsyncHTTPClient).
    public var githubTransport: (any GitHubHTTPTransport)?
    /// The GitHub session, made on first use and shared by copies of this context.
    public let githubSessions = GitHubSessionBox()

    public init(projectRoot: String, loaded: LoadedConfiguration, fileSystem: FileSystem = .live, clock: WallClock = .live,
                processes: ProcessRunner = .live, inspector: GitInspector? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "infinity"), githubTransport: (any GitHubHTTPTransport)? = nil) {
        self.projectRoot = projectRoot
        self.loaded = loaded
        self.fileSystem = fileSystem
        self.clock = clock
        self.processes = processes
        self.git = GitCLI(runner: processes)
        self.inspector = inspector ?? .live(git: GitCLI(runner: processes))
        self.environment = environment
        self.logger = logger
        self.githubTransport = githubTransport
    }

    public var configuration: OrchestratorConfiguration { loaded.configuration }

    /// `path` made absolute against the project root.
    public func resolve(_ path: String) -> String {
        Paths.normalize(path.hasPrefix("/") ? path : Paths.join(projectRoot, path))
    }

    public var stateDirectory: String { resolve(configuration.paths.stateDirectory) }
    public var manifestPath: String { resolve(configuration.paths.manifest) }
    public var storePath: String { Paths.join(stateDirectory, "state.sqlite") }
    public var workspaceDirectory: String { Paths.join(stateDirectory, "workspace") }

    /// Opens the state store.
    public func openStore() throws -> StateStore { try StateStore(path: storePath) }

    /// The code host the configuration names.
    public func makeCodeHost() throws -> any CodeHost {
        switch configuration.provider {
        case .local:
            return LocalFolderHost(
                organization: configuration.organization,
                folder: configuration.local.path.map(resolve),
                listed: configuration.local.repositories,
                cloneDirectory: Paths.join(workspaceDirectory, "sources"),
                inspector: inspector, git: git, fileSystem: fileSystem,
                maxParallel: max(2, configuration.build.maxParallel),
                logger: logger
            )
        case .github:
            return try makeGitHubHost()
        }
    }
}
