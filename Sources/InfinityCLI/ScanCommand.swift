import ArgumentParser
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging
import OrchestrationEngine
import SecurityCompliance

/// `infinity scan`: secrets and vulnerable dependencies, or `scan import` of a SARIF file.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan repositories for leaked secrets and vulnerable dependencies, or import SARIF results.",
        subcommands: [ScanRunCommand.self, ScanImportCommand.self],
        defaultSubcommand: ScanRunCommand.self
    )
}

/// `infinity scan [secrets|deps|alerts|all] [PATH…]`.
struct ScanRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Scan every repository of the manifest at its head commit (or the given paths on disk).",
        discussion: """
            `infinity scan [secrets|deps|alerts|all] [PATH…]`. Without paths, each repository of the manifest is read at
            its head commit straight from git objects (the work tree is not looked at), the findings are recorded in the
            store (new, still open, fixed) and a summary is written to <state>/reports/security-<run>.md and .json.
            With provider: github (and security.github_alerts), GitHub's own alerts are merged in: secret-scanning
            alerts with `secrets`, Dependabot alerts with `deps`, all three (with code scanning) with `all`; `alerts`
            merges the three without scanning anything ourselves.
            With paths, files on disk are scanned and nothing is recorded. Exits 1 when a finding is at or above
            --fail-on (default: security.fail_on).
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Argument(help: ArgumentHelp("What to scan — secrets, deps, alerts or all (default) — then optional paths.", valueName: "what-or-path"))
    var arguments: [String] = []
    @Option(name: .long, help: "text, json or sarif.") var format: String = "text"
    @Option(name: .long, help: ArgumentHelp("Write the output to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?
    @Option(name: .long, help: ArgumentHelp("Exit 1 when a finding is at or above: low, medium, high, critical (default: security.fail_on).", valueName: "severity"))
    var failOn: String?
    @Option(name: .long, help: ArgumentHelp("Suppress the secret findings listed in this baseline file.", valueName: "file"))
    var baseline: String?
    @Option(name: .long, help: ArgumentHelp("Write the secret findings to this baseline file.", valueName: "file"))
    var writeBaseline: String?
    @Flag(name: .long, help: "Also scan every commit of the history for secrets.") var history = false
    @Option(name: .long, help: ArgumentHelp("The OSV database folder (default: security.osv_db, else .infinity/osv).", valueName: "path"))
    var osvDb: String?
    @Option(name: .long, help: ArgumentHelp("Only this repository (repeatable).", valueName: "name"))
    var repo: [String] = []

    static let kinds = ["secrets", "deps", "alerts", "all"]

    var what: String { arguments.first.flatMap { Self.kinds.contains($0) ? $0 : nil } ?? "all" }
    var paths: [String] { arguments.first.map { Self.kinds.contains($0) ? Array(arguments.dropFirst()) : arguments } ?? [] }

    func validate() throws {
        guard SecurityScanFormat(rawValue: format) != nil else { throw ValidationError("--format \(format) is not text, json or sarif") }
        if let failOn, FindingSeverity(rawValue: failOn) == nil {
            throw ValidationError("--fail-on \(failOn) is not low, medium, high or critical")
        }
        if !paths.isEmpty && !repo.isEmpty { throw ValidationError("pass either paths or --repo, not both") }
        if !paths.isEmpty && what == "alerts" { throw ValidationError("`scan alerts` reads GitHub's alerts for the manifest's repositories; it takes no paths") }
    }

    func run() async throws {
        global.applyLogLevel()
        let context = try loadContext()
        let request = SecurityScanRequest(secrets: what == "secrets" || what == "all", dependencies: what == "deps" || what == "all", history: history,
                                          osvDatabase: osvDb, baselinePath: baseline)
        let scanner: RepositorySecurityScanner
        do { scanner = try context.makeSecurityScanner(request) } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let results: [RepositoryScanResult]
        var summaryPath: String?
        if paths.isEmpty {
            (results, summaryPath) = try await scanManifest(context, scanner: scanner)
        } else {
            for path in paths where !FileSystem.live.exists(path) {
                printError("error: \(path) does not exist; pass existing files or folders")
                throw ExitCode(2)
            }
            results = [await scanner.scan(paths: paths)]
        }
        let out = SecurityScanOutput(results: results, toolVersion: InfinityVersion.string)
        let data = try out.render(SecurityScanFormat(rawValue: format) ?? .text)
        if let output {
            try AtomicFile.write(data, to: FileSystem.live.absolute(output))
        } else {
            FileHandle.standardOutput.write(data)
            if format != "text" { print("") }
        }
        if let writeBaseline {
            let baseline = SecretBaseline(findings: results.flatMap(\.secrets))
            try AtomicFile.write(try baseline.encoded(), to: FileSystem.live.absolute(writeBaseline))
            printError("wrote \(baseline.entries.count) baseline entr\(baseline.entries.count == 1 ? "y" : "ies") to \(writeBaseline)")
        }
        if let summaryPath { printError("summary: \(summaryPath)") }
        let threshold = FindingSeverity(rawValue: failOn ?? context.configuration.security.failOn) ?? .high
        if out.fails(at: threshold) {
            printError("findings at or above \(threshold.rawValue): exit 1")
            throw ExitCode(1)
        }
        if results.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }

    /// The configuration; a path scan without a configuration file runs on the defaults.
    private func loadContext() throws -> OrchestratorContext {
        if !paths.isEmpty, !FileSystem.live.exists(global.configPath()) {
            return OrchestratorContext(projectRoot: global.projectRoot(), loaded: LoadedConfiguration(configuration: OrchestratorConfiguration()),
                                       logger: Logger(label: "infinity"))
        }
        return try ConfigurationLoading.context(global)
    }

    private func scanManifest(_ context: OrchestratorContext, scanner: RepositorySecurityScanner) async throws -> ([RepositoryScanResult], String) {
        let store = try context.openStore()
        let manifest: Manifest
        let selected: [ManifestRepository]
        do {
            manifest = try ManifestCoding.decode(context.fileSystem.readFile(context.manifestPath), file: context.manifestPath)
            selected = try SecurityPass.select(manifest, names: repo)
        } catch {
            printError("error: \(error) (run `infinity discover` first if there is no manifest)")
            throw ExitCode(2)
        }
        let run = try store.beginRun(workflow: "security", trigger: "manual", at: context.clock.now())
        let pass = SecurityPass(host: try context.makeCodeHost(), scanner: scanner, store: store, clock: context.clock,
                                maxParallel: max(1, context.configuration.build.maxParallel),
                                sources: try context.makeRepositorySources(), logger: context.logger,
                                alerts: try context.makeSecurityAlertSource(),
                                alertSources: OrchestratorContext.alertSources(secrets: what != "deps", dependencies: what != "secrets"))
        let result = await pass.run(selected, runID: run.id)
        for diagnostic in result.diagnostics where diagnostic.repository == nil { printError("\(diagnostic)") }
        let report = SecurityReport(runID: run.id, generatedAt: context.clock.now(), repositories: result.summaries)
        let written = try context.writeSecurityReport(report)
        let failed = result.results.contains { $0.error != nil }
        try store.finishRun(run.id, status: failed ? .failed : .succeeded,
                            summary: "\(report.totals.open) open, \(report.totals.new) new, \(report.totals.fixed) fixed", at: context.clock.now())
        return (result.results, written.markdown)
    }
}

/// `infinity scan import FILE.sarif --repo NAME`.
struct ScanImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a SARIF file (CodeQL, Trivy, Semgrep …) as findings of kind `sarif` for one repository.",
        discussion: "The repository's earlier `sarif` findings that the file no longer holds are marked fixed."
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Argument(help: ArgumentHelp("The SARIF file (.sarif, .sarif.json or .sarif.gz).", valueName: "file")) var file: String
    @Option(name: .long, help: ArgumentHelp("The repository the results belong to.", valueName: "name")) var repo: String

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let path = context.fileSystem.absolute(file)
        let findings: [SecurityFinding]
        do { findings = try SARIFIngestor().findings(fromFileAt: path, repository: repo) } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let store = try context.openStore()
        let summary = try SecurityRecorder(store: store).recordSARIF(repository: repo, findings: findings, source: Paths.basename(path),
                                                                     at: context.clock.now(), runID: nil)
        print("\(DisplayName.quote(repo)): imported \(findings.count) result(s) from \(Paths.basename(path)); \(summary.new.count) new, \(summary.fixed.count) fixed, \(summary.open["sarif"]?.values.reduce(0, +) ?? 0) open")
    }
}
