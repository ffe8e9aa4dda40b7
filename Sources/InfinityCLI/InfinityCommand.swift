import ArgumentParser

/// `infinity`: keeps every repository of an organization built, healthy and secure.
public struct InfinityCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "infinity",
        abstract: "Keeps every repository of an organization built, healthy and secure.",
        discussion: """
            Quick start: `infinity demo` creates a demo organization of local git repositories and runs one full cycle on it.
            On your own folder of repositories: `infinity init --path ../repos`, then `infinity run`.
            """,
        version: InfinityVersion.string,
        subcommands: [
            DemoCommand.self, RunCommand.self, DiscoverCommand.self, InitCommand.self, ConfigCommand.self,
            BuildCommand.self, HealthCommand.self, HealCommand.self, ScanCommand.self, OSVCommand.self,
            CacheCommand.self, MetricsCommand.self, GitHubCommand.self, HistoryCommand.self, AuditCommand.self,
        ]
    )

    public init() {}

    /// Parses the process's arguments and runs the command; the executable's only call.
    public static func start() async {
        await main()
    }
}

/// The tool's version.
public enum InfinityVersion {
    public static let string = "0.1.0"
}
