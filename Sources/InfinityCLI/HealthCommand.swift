import ArgumentParser
import Foundation
import HealthMonitor
import InfinityModel
import InfinityStore
import InfinitySystem
import OrchestrationEngine

/// `infinity health`: scores every repository, records the result, syncs alerts.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Evaluate the health of every repository: score, status, failing checks; sync alerts.",
        discussion: """
            Writes each repository's status into the manifest and a row into the health history,
            opens, updates or closes alerts, and requests healing for repositories whose build failed.
            `--history` shows a repository's score over time instead of running a pass.
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Settings") var flags: SettingFlags
    @Option(name: .long, help: ArgumentHelp("Only this repository (repeatable); also prints every check.", valueName: "name"))
    var repo: [String] = []
    @Flag(name: .long, help: "Print JSON.") var json = false
    @Flag(name: .long, help: "Show the score over time of the --repo repository instead of running a pass.") var history = false
    @Option(name: .long, help: "How many history entries.") var limit = 30
    @Flag(name: .long, help: "Write nothing: print what alerts would be opened, updated or closed.") var dryRun = false
    @Flag(name: .long, help: "List the checks with their weights and exit.") var listChecks = false

    func validate() throws {
        if history && repo.count != 1 { throw ValidationError("--history needs exactly one --repo NAME") }
        if !(1...10_000).contains(limit) { throw ValidationError("--limit \(limit) is outside 1…10000") }
    }

    func run() async throws {
        let context = try ConfigurationLoading.context(global, flags: flags)
        if listChecks { return try printChecks(context.configuration.health) }
        let store = try context.openStore()
        if history { return try printHistory(store: store, repository: repo[0]) }
        guard context.configuration.health.enabled || !repo.isEmpty else {
            print("health is disabled (health.enabled: false); pass --repo NAME to check one repository anyway")
            return
        }
        let monitor = try context.makeHealthMonitor(store: store)
        let run = dryRun ? nil : try store.beginRun(workflow: "health", trigger: "manual", at: context.clock.now())
        let result: HealthPassResult
        do {
            result = try await monitor.run(manifestPath: context.manifestPath,
                                           options: HealthPassOptions(repositories: repo, dryRun: dryRun, runID: run?.id))
        } catch {
            if let run { try? store.finishRun(run.id, status: .failed, summary: "\(error)", at: context.clock.now()) }
            printError("error: \(error)")
            throw ExitCode(error.code == .unknownRepository ? 2 : 1)
        }
        let hasErrors = report(result.diagnostics)
        if let run {
            try store.finishRun(run.id, status: hasErrors ? .failed : .succeeded, summary: HealthText.counts(result.reports), at: context.clock.now())
        }
        if json {
            try printJSON(HealthJSON(result))
        } else {
            for line in HealthText.table(result.reports) { print(line) }
            if !repo.isEmpty {
                for r in result.reports {
                    print("")
                    print("\(DisplayName.quote(r.repository)): \(r.status.rawValue)" + (r.score.map { ", score \($0)" } ?? ""))
                    for line in HealthText.details(r) { print(line) }
                }
            }
            print("")
            print(HealthText.counts(result.reports) + (dryRun ? " (dry run: nothing written)" : ""))
            for line in HealthText.actions(result) { print(line) }
        }
        if hasErrors { throw ExitCode(1) }
    }

    private func printChecks(_ settings: HealthSettings) throws {
        struct Row: Encodable { var id, title, source, summary: String; var weight: Double; var enabled, critical: Bool }
        let rows = HealthCheckCatalog.all.map { d in
            Row(id: d.id, title: d.title, source: d.source.rawValue, summary: d.summary,
                weight: settings.checks[d.id]?.weight ?? d.defaultWeight, enabled: settings.checks[d.id]?.enabled ?? true,
                critical: HealthScoring.isCritical(d.id, settings: settings))
        }
        if json { return try printJSON(rows) }
        for r in rows {
            print(r.id.padding(toLength: 21, withPad: " ", startingAt: 0) + String(format: "%5.0f  ", r.weight)
                  + (r.enabled ? "" : "(disabled) ") + (r.critical ? "(critical) " : "") + r.summary)
        }
    }

    private func printHistory(store: StateStore, repository: String) throws {
        let entries = try store.healthHistory(repository: repository, limit: limit)
        let fell = HealthText.fell(entries)
        if json {
            struct Output: Encodable { var repository: String; var entries: [HealthHistoryEntry]; var score_fell: Bool }
            return try printJSON(Output(repository: repository, entries: entries, score_fell: fell))
        }
        guard !entries.isEmpty else {
            print("no health history for \(DisplayName.quote(repository)) yet (run `infinity health`)")
            return
        }
        for line in HealthText.history(entries) { print(line) }
        if fell { print("the score fell since the previous pass") }
    }
}

/// `infinity health --json`.
struct HealthJSON: Encodable {
    struct Report: Encodable {
        var report: HealthReport
        var score_fell: Bool
        var failing_checks: [String]
    }

    var reports: [Report]
    var alerts: [AlertAction]
    var healing: [HealingAction]
    var diagnostics: [Diagnostic]
    var dry_run: Bool
    var wrote_manifest: Bool

    init(_ r: HealthPassResult) {
        reports = r.reports.map { Report(report: $0, score_fell: $0.scoreFell, failing_checks: $0.failingChecks) }
        alerts = r.alerts
        healing = r.healing
        diagnostics = r.diagnostics
        dry_run = r.dryRun
        wrote_manifest = r.wroteManifest
    }
}

/// `infinity metrics`: the metrics in the Prometheus text format.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Print metrics in the Prometheus text format (health, builds, healing, findings, alerts)."
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let exporter = MetricsExporter(store: try context.openStore(), manifestPath: context.manifestPath, fileSystem: context.fileSystem)
        print(try exporter.render(), terminator: "")
    }
}
