import ArgumentParser
import DiscoveryEngine
import Foundation
import InfinitySystem
import InfinityStore
import InfinityModel
import OrchestrationEngine

/// `infinity discover`: lists the organization's repositories and writes the manifest.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "discover", abstract: "Discover repositories and write config/repositories.json.")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Settings") var flags: SettingFlags
    @Flag(name: .long, help: "Print the changes as JSON.") var json = false
    @Flag(name: .long, help: "Do not write the manifest or the store.") var dryRun = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global, flags: flags)
        let store = dryRun ? nil : try context.openStore()
        let run = try store?.beginRun(workflow: "discover", trigger: "manual", at: context.clock.now())
        let engine = DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: store,
                                     fileSystem: context.fileSystem, clock: context.clock, logger: context.logger)
        let result: DiscoveryResult
        do {
            result = try await engine.discover(manifestPath: context.manifestPath, runID: run?.id, dryRun: dryRun)
        } catch {
            if let run { try? store?.finishRun(run.id, status: .failed, summary: "\(error)", at: context.clock.now()) }
            printError("error: \(error)")
            throw ExitCode(1)
        }
        let hasErrors = report(result.diagnostics)
        if let run {
            try store?.finishRun(run.id, status: hasErrors ? .failed : .succeeded,
                                 summary: "\(result.manifest.repositories.count) repositories, \(result.changes.count) changes", at: context.clock.now())
        }
        if json {
            struct Output: Encodable {
                var manifest: String
                var repositories: Int
                var changes: ManifestChanges
                var diagnostics: [Diagnostic]
                var written: Bool
            }
            try printJSON(Output(manifest: result.manifestPath, repositories: result.manifest.repositories.count,
                                 changes: result.changes, diagnostics: result.diagnostics, written: result.wroteManifest))
        } else {
            for line in DiscoverySummary.lines(result) { print(line) }
        }
        if hasErrors { throw ExitCode(1) }
    }
}
