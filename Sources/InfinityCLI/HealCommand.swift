import ArgumentParser
import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import OrchestrationEngine
import SelfHealing

/// `infinity heal`: self-healing.
struct HealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heal", abstract: "Classify failures and repair what can be repaired.",
        subcommands: [Run.self, Status.self, Reset.self, Classify.self],
        defaultSubcommand: Run.self
    )

    /// `infinity heal [--repo NAME]… [--dry-run] [--json]`
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Heal every repository whose latest build failed (the default subcommand).",
            discussion: """
                Classifies the failed step's log, picks the strategy for its category, checks the
                per-repository and organization budgets and the circuit breaker, then acts: clear the
                cache, re-run, retry with backoff, clean the workspace, propose a fix on an
                infinity/heal/… branch, or write a report under <state>/heals/. --dry-run prints the plan.
                """)

        @OptionGroup(title: "Global options") var global: GlobalOptions
        @OptionGroup(title: "Settings") var flags: SettingFlags
        @Option(name: .long, help: ArgumentHelp("Only this repository (repeatable).", valueName: "name")) var repo: [String] = []
        @Flag(name: .long, help: "Print the plan (category, confidence, action, budget and breaker verdict); change nothing.") var dryRun = false
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let context = try ConfigurationLoading.context(global, flags: flags)
            guard context.configuration.healing.enabled || dryRun else {
                print("healing is disabled (healing.enabled: false); nothing done — `--dry-run` still shows the plan")
                return
            }
            let store = try context.openStore()
            let manifest: Manifest
            do { manifest = try BuildPipeline.loadManifest(context.manifestPath, fileSystem: context.fileSystem) } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
            let engine = try context.makeHealingEngine(store: store)
            let run = dryRun ? nil : try store.beginRun(workflow: "heal", trigger: "manual", at: context.clock.now())
            let report: HealingRunReport
            do {
                report = try await engine.run(manifest: manifest, options: HealingOptions(repositories: repo, dryRun: dryRun, runID: run?.id))
            } catch {
                if let run { try? store.finishRun(run.id, status: .failed, summary: "\(error)", at: context.clock.now()) }
                printError("error: \(error)")
                throw ExitCode(error.code == .unknownRepository ? 2 : 1)
            }
            let failed = report.outcomes.contains { $0.result == .failed } || !report.problems.isEmpty
            if let run {
                let counts = Dictionary(grouping: report.outcomes, by: \.result).map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
                try store.finishRun(run.id, status: failed ? .failed : .succeeded, summary: counts.isEmpty ? "nothing to heal" : counts, at: context.clock.now())
            }
            if json {
                try printJSON(report)
            } else {
                if dryRun { print("dry run: nothing was changed") }
                for line in report.lines { print(line) }
                if dryRun { for o in report.outcomes { print("  \(o.item.repository): \(o.item.allowed ? "would run" : "would skip"): \(o.item.verdict)") } }
            }
            if failed { throw ExitCode(1) }
        }
    }

    /// `infinity heal status [--json]`
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open incidents, time to recovery, success rates per strategy and category, circuit breakers.")

        @OptionGroup(title: "Global options") var global: GlobalOptions
        @OptionGroup(title: "Settings") var flags: SettingFlags
        @Flag(name: .long, help: "Print JSON.") var json = false

        func run() async throws {
            let context = try ConfigurationLoading.context(global, flags: flags)
            let store = try context.openStore()
            let now = context.clock.now()
            let status = try HealingStatus.load(store: store, since: now.addingTimeInterval(-Double(context.configuration.healing.window.components.seconds)))
            if json { try printJSON(status) } else { for line in status.lines(now: now) { print(line) } }
        }
    }

    /// `infinity heal reset REPO`
    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a repository's circuit breaker by hand (audit-logged).")

        @OptionGroup(title: "Global options") var global: GlobalOptions
        @OptionGroup(title: "Settings") var flags: SettingFlags
        @Argument(help: ArgumentHelp("The repository.", valueName: "repo")) var repository: String

        func run() async throws {
            let context = try ConfigurationLoading.context(global, flags: flags)
            let store = try context.openStore()
            try context.makeHealingEngine(store: store).resetBreaker(repository)
            print("\(repository): circuit breaker closed")
        }
    }

    /// `infinity heal classify LOGFILE…`
    struct Classify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give each CI log one failure category, its class, a confidence and the evidence lines.")

        @Argument(help: ArgumentHelp("Log files to classify.", valueName: "logfile"))
        var logs: [String]

        @Option(name: .long, help: ArgumentHelp("A YAML rules file extending (or overriding, by id) the shipped rules.", valueName: "path"))
        var rules: String?

        @Option(name: .long, help: "The failed step's exit code, when known (137 → out_of_memory, 124 → timeout).")
        var exitCode: Int32?

        @Flag(name: .long, help: "The step hit its time limit.") var timedOut = false
        @Flag(name: .long, help: "Print JSON: one object per log.") var json = false

        func validate() throws {
            if logs.isEmpty { throw ValidationError("name at least one log file") }
        }

        func run() async throws {
            var ruleSet = FailureRuleSet.default
            if let rules {
                do { ruleSet = try ruleSet.extended(withFileAt: rules) } catch {
                    printError("error: \(error)")
                    throw ExitCode(2)
                }
            }
            let classifier = FailureClassifier(rules: ruleSet)
            let context = ClassificationContext(exitCode: exitCode, timedOut: timedOut)
            var results: [Classification] = []
            var failed = false
            for log in logs {
                do { results.append(try classifier.classify(fileAt: log, context: context)) } catch {
                    printError("error: \(error)")
                    failed = true
                }
            }
            if json {
                try printJSON(results)
            } else {
                for r in results {
                    print("\(r.file ?? "-"): \(r.category.rawValue) (\(r.coarseClass.rawValue), confidence \(String(format: "%.2f", r.confidence)))\(r.ruleID.map { " rule \($0)" } ?? "")")
                    for e in r.evidence.prefix(5) { print("  \(e.line): \(e.text)") }
                    if let remedy = r.remedy { print("  remedy: \(remedy)") }
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
