import ArgumentParser
import BuildPipeline
import Foundation
import InfinityStore
import InfinitySystem
import OrchestrationEngine

/// `infinity cache`: the build pipeline's dependency caches.
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the per-ecosystem build caches (.infinity/cache/<ecosystem>/).",
        subcommands: [CacheStatusCommand.self, CacheClearCommand.self]
    )
}

/// `infinity cache status`.
struct CacheStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each ecosystem cache's size, the work trees and the result cache.")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let status = BuildCache(stateDirectory: context.stateDirectory, store: try context.openStore(), fileSystem: context.fileSystem, clock: context.clock).status()
        if json { try printJSON(status); return }
        print("caches in \(status.root)")
        if status.ecosystems.isEmpty { print("  (none yet)") }
        for e in status.ecosystems {
            print("  \(e.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(bytes(e.bytes).padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.files) files  \(e.entries.prefix(8).joined(separator: ", "))\(e.entries.count > 8 ? " …" : "")")
        }
        print("work trees: \(status.workTrees) (\(bytes(status.workTreeBytes)))")
        print("result cache: \(status.successfulKeys) successful build keys remembered (\(status.rememberedKeys) in all)")
    }

    func bytes(_ n: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: n, countStyle: .binary)
    }
}

/// `infinity cache clear [--repo NAME] [--ecosystem E]`.
struct CacheClearCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear",
        abstract: "Clear build caches: a repository's (its folder in the ecosystem caches and its work tree), an ecosystem's, or all.",
        discussion: "Every clear is written to the audit log (`infinity audit`)."
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Option(name: .customLong("repo"), help: ArgumentHelp("Only this repository's cache folders and work tree.", valueName: "name")) var repository: String?
    @Option(name: .long, help: ArgumentHelp("Only this ecosystem's cache (swiftpm, npm, cargo, go, python, make, shell …).", valueName: "ecosystem")) var ecosystem: String?
    @Flag(name: .long, help: "Also forget remembered successes, so the next build runs them instead of reporting cached.") var results = false
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let cache = BuildCache(stateDirectory: context.stateDirectory, store: try context.openStore(), fileSystem: context.fileSystem, clock: context.clock)
        let report: BuildCacheClearReport
        do {
            report = try cache.clear(repository: repository, ecosystem: ecosystem, forgetResults: results, reason: "infinity cache clear")
        } catch {
            printError("error: \(error)")
            throw ExitCode(error.code == .invalidEcosystem ? 2 : 1)
        }
        if json { try printJSON(report); return }
        if report.removed.isEmpty && report.forgottenResults == 0 {
            print("nothing to clear for \(report.target)")
        } else {
            for path in report.removed { print("removed \(path)") }
            if report.forgottenResults > 0 { print("forgot \(report.forgottenResults) remembered build(s)") }
            print("cleared \(report.target): \(ByteCountFormatter.string(fromByteCount: report.bytes, countStyle: .binary))")
        }
    }
}
