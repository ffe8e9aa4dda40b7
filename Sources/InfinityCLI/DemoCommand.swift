import ArgumentParser
import Foundation
import InfinityStore
import InfinityModel
import InfinitySystem
import Logging
import OrchestrationEngine

/// `infinity demo`: creates the demo organization and runs one full cycle on it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Create a demo organization of local git repositories and run one full cycle on it.")

    @Option(name: .long, help: ArgumentHelp("Where to create the demo (replaced if a previous demo made it).", valueName: "path"))
    var dir: String = ".infinity-demo"

    @Flag(name: [.short, .long], help: "Log progress.") var verbose: Int
    @Flag(name: .long, help: "Log errors only.") var quiet = false

    func run() async throws {
        if quiet { InfinityLogging.setLevel(.error) } else if verbose > 0 { InfinityLogging.setLevel(verbose > 1 ? .debug : .info) }
        let fs = FileSystem.live
        let root = fs.absolute(dir)
        let created: DemoOrganization.Created
        do { created = try await DemoOrganization(directory: root).create() } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        print("demo organization at \(root)/org:")
        for r in created.repositories { print("  \(r.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(r.purpose)") }
        print("")
        let text = String(decoding: try fs.readFile(created.configPath), as: UTF8.self)
        let loaded = try OrchestratorConfiguration.decode(yaml: text, file: created.configPath)
        let context = OrchestratorContext(projectRoot: root, loaded: loaded, logger: Logger(label: "infinity"))
        let (report, signal) = try await Interruption.run { try await OrchestrationCycle(context: context).run(trigger: "demo") }
        CycleOutput.print(report)
        print("")
        print("look around: infinity --help; every command takes --config \(created.configPath)")
        print("  e.g. infinity history --config \(created.configPath)")
        print("       infinity heal status --config \(created.configPath)   (incidents, recovery, breakers)")
        print("       infinity run --config \(created.configPath)           (the next cycle: health sees the recoveries)")
        if let signal { throw ExitCode(Interruption.exitCode(for: signal)) }
        if !report.succeeded { throw ExitCode(1) }
    }
}
