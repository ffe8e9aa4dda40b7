import ArgumentParser
import Foundation
import InfinityStore
import InfinityModel
import InfinitySystem
import Logging
import OrchestrationEngine

/// Options every command shares: which configuration, where the project is, how chatty.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = "config/orchestrator.yml"

    @Option(name: .long, help: ArgumentHelp("The project root that relative paths in the configuration start from (default: the folder holding config/, or the current folder).", valueName: "path"))
    var root: String?

    @Flag(name: [.short, .long], help: "Log progress (info); twice for debug.")
    var verbose: Int

    @Flag(name: .long, help: "Log errors only.")
    var quiet = false

    func applyLogLevel() {
        if quiet { InfinityLogging.setLevel(.error) } else if verbose >= 2 { InfinityLogging.setLevel(.debug) } else if verbose == 1 { InfinityLogging.setLevel(.info) }
    }

    /// The absolute config path.
    func configPath(_ fs: FileSystem = .live) -> String { fs.absolute(config) }

    /// The project root: `--root`, else the parent of a `config/` folder holding the file, else the current folder.
    func projectRoot(_ fs: FileSystem = .live) -> String {
        if let root { return fs.absolute(root) }
        let dir = Paths.dirname(configPath(fs))
        if Paths.basename(dir) == "config" { return Paths.dirname(dir) }
        return fs.absolute(".")
    }
}

/// Settings that flags can override, shown with their origin by `config show`.
struct SettingFlags: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Builds and repository reads at once (overrides build.max_parallel).", valueName: "n"))
    var maxParallel: Int?

    func validate() throws {
        if let n = maxParallel, !(1...256).contains(n) {
            throw ValidationError("--max-parallel \(n) is outside 1…256; pass a number from 1 to 256")
        }
    }

    /// Applies each flag over the file and defaults, one setting at a time.
    func apply(to loaded: inout LoadedConfiguration) {
        if let n = maxParallel {
            loaded.configuration.build.maxParallel = n
            loaded.origins["build.max_parallel"] = .flag
        }
    }
}

/// Loads the configuration or exits 2 with every problem listed.
enum ConfigurationLoading {
    static func load(_ global: GlobalOptions, flags: SettingFlags? = nil, fs: FileSystem = .live) throws -> LoadedConfiguration {
        let path = global.configPath(fs)
        guard fs.exists(path) else {
            printError("error: no configuration at \(path) (run `infinity init` to write a starter file, or pass --config)")
            throw ExitCode(2)
        }
        let text: String
        do { text = String(decoding: try fs.readFile(path), as: UTF8.self) } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        do {
            var loaded = try OrchestratorConfiguration.decode(yaml: text, file: global.config)
            flags?.apply(to: &loaded)
            return loaded
        } catch {
            for e in error.errors { printError(e.description) }
            printError("\(error.errors.count) configuration error\(error.errors.count == 1 ? "" : "s"); nothing was changed")
            throw ExitCode(2)
        }
    }

    static func context(_ global: GlobalOptions, flags: SettingFlags? = nil) throws -> OrchestratorContext {
        global.applyLogLevel()
        let loaded = try load(global, flags: flags)
        return OrchestratorContext(projectRoot: global.projectRoot(), loaded: loaded, logger: Logger(label: "infinity"))
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints a value as pretty, sorted JSON on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.dateEncodingStrategy = .iso8601
    print(String(decoding: try e.encode(value), as: UTF8.self))
}

/// Prints diagnostics to standard error; returns whether any was an error.
@discardableResult
func report(_ diagnostics: [Diagnostic]) -> Bool {
    for d in diagnostics { printError(d.description) }
    return diagnostics.contains { $0.severity == .error }
}
