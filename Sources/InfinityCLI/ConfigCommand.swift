import ArgumentParser
import Foundation
import InfinitySystem
import InfinityStore
import InfinityModel

/// `infinity config validate|show`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Check or show the configuration.",
        subcommands: [Validate.self, Show.self]
    )

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the configuration; exit 2 with file:line:column errors when it is invalid.")
        @OptionGroup(title: "Global options") var global: GlobalOptions

        func run() async throws {
            global.applyLogLevel()
            let loaded = try ConfigurationLoading.load(global)
            print("\(global.config): valid (\(loaded.origins.count) settings from the file, the rest defaults)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every resolved setting and where it came from (default / file / flag).")
        @OptionGroup(title: "Global options") var global: GlobalOptions
        @OptionGroup(title: "Settings") var flags: SettingFlags
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            global.applyLogLevel()
            let loaded = try ConfigurationLoading.load(global, flags: flags)
            let rows = loaded.configuration.flattened.map { (key: $0.key, value: $0.value, origin: loaded.origin(of: $0.key).rawValue) }
            if json {
                struct Row: Encodable { var key: String; var value: String; var origin: String }
                try printJSON(rows.map { Row(key: $0.key, value: $0.value, origin: $0.origin) })
                return
            }
            let width = rows.map(\.key.count).max() ?? 0
            for r in rows {
                print(r.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + r.value + "  (" + r.origin + ")")
            }
        }
    }
}
