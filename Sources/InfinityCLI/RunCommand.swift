import ArgumentParser
import Foundation
import InfinitySystem
import InfinityStore
import InfinityModel
import OrchestrationEngine

/// `infinity run`: one full cycle of every stage.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run one full cycle: discovery, then every later stage.")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Settings") var flags: SettingFlags

    func run() async throws {
        let context = try ConfigurationLoading.context(global, flags: flags)
        let (report, signal) = try await Interruption.run { try await OrchestrationCycle(context: context).run(trigger: "manual") }
        CycleOutput.print(report)
        if let signal { throw ExitCode(Interruption.exitCode(for: signal)) }
        if !report.succeeded { throw ExitCode(1) }
    }
}

/// Prints a cycle report.
enum CycleOutput {
    static func print(_ report: CycleReport) {
        Swift.print("run \(report.runID)")
        for stage in report.stages {
            Swift.print("== \(stage.name): \(stage.status.rawValue)")
            for line in stage.lines { Swift.print("   \(line)") }
            for d in stage.diagnostics { Swift.print("   \(d)") }
        }
        Swift.print(String(format: "cycle %@ in %.1fs", report.succeeded ? "succeeded" : "failed", report.duration))
    }
}
