import ArgumentParser
import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import OrchestrationEngine

/// `infinity build`: builds what needs it, in parallel, in dependency order.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the repositories whose cache key has no success yet, and everything that depends on them.",
        discussion: """
            Reads config/repositories.json (run `infinity discover` first). Builds run in work trees under \
            .infinity/workspace/trees at the manifest's head SHA, with logs in .infinity/runs/<run-id>/<repo>/<step>.log \
            and summary.md, results.json and junit.xml beside them.

            Exit status: 0 everything passed or was cached; 1 a repository failed, was skipped for a failed \
            dependency, or the build could not run; 2 bad configuration or input (unknown repository, no manifest); \
            130 / 143 interrupted by SIGINT / SIGTERM (running builds are recorded as cancelled).
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup(title: "Settings") var flags: SettingFlags

    @Flag(name: .long, help: "Build every selected repository, cached or not.")
    var all = false

    @Option(name: .customLong("repo"), help: ArgumentHelp("Only this repository (repeatable).", valueName: "name"))
    var repositories: [String] = []

    @Option(name: .customLong("step"), help: ArgumentHelp("Only this step: setup, install, build or test (repeatable).", valueName: "step"))
    var steps: [String] = []

    @Flag(name: .long, help: "Print the plan with the reason for each repository; build nothing.")
    var plan = false

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Print the plan as GitHub Actions matrices ({\"include\":[{\"repo\":…}]}), one line per chunk of at most 256.")
    var matrix = false

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained result per repository into this folder.", valueName: "dir"))
    var resultsDir: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Merge results written with --results-dir (on other machines) into one summary and the store.", valueName: "dir"))
    var merge: [String] = []

    func validate() throws {
        if !merge.isEmpty && (plan || matrix || all || !repositories.isEmpty || resultsDir != nil || !steps.isEmpty) {
            throw ValidationError("--merge combines existing results; drop --plan, --matrix, --all, --repo, --step and --results-dir")
        }
        if plan && matrix { throw ValidationError("choose one of --plan and --matrix") }
        for s in steps where BuildStep.Name(rawValue: s) == nil {
            throw ValidationError("--step \(s) is not a step; use setup, install, build or test")
        }
    }

    func run() async throws {
        let context = try ConfigurationLoading.context(global, flags: flags)
        let store = try context.openStore()
        var pipeline = BuildPipeline(configuration: context.configuration, stateDirectory: context.stateDirectory, store: store,
                                     environment: context.environment, fileSystem: context.fileSystem, clock: context.clock,
                                     git: context.git, logger: context.logger)
        do {
            if !merge.isEmpty {
                let report = try await pipeline.merge(resultsDirectories: merge)
                try BuildOutput.print(report, json: json, quiet: global.quiet)
                if !report.succeeded { throw ExitCode(1) }
                return
            }
            let manifest = try BuildPipeline.loadManifest(context.manifestPath, fileSystem: context.fileSystem)
            let options = BuildOptions(repositories: repositories, force: all, onlySteps: steps.isEmpty ? nil : Set(steps.compactMap(BuildStep.Name.init)),
                                       trigger: "manual", resultsDirectory: resultsDir)
            if plan || matrix {
                let planned = try await pipeline.plan(manifest: manifest, options: options)
                if matrix {
                    for line in BuildMatrix.chunks(planned) { print(line) }
                } else if json {
                    try printJSON(planned)
                } else {
                    BuildOutput.print(planned)
                }
                return
            }
            // Hosted (GitHub) repositories are fetched into their mirrors as their trees are made.
            pipeline.sources = try context.makeRepositorySources()
            let progress = BuildProgressOutput(quiet: global.quiet || json, clock: context.clock)
            progress.start()
            let (report, signal) = try await Interruption.run { [pipeline] in
                try await pipeline.build(manifest: manifest, options: options, events: progress.sink)
            }
            progress.stop()
            try BuildOutput.print(report, json: json, quiet: global.quiet)
            if let signal, report.interrupted { throw ExitCode(Interruption.exitCode(for: signal)) }
            if !report.succeeded { throw ExitCode(1) }
        } catch let error as BuildError {
            printError("error: \(error)")
            switch error.code {
            case .unknownRepository, .manifest, .resultsDirectory, .merge: throw ExitCode(2)
            default: throw ExitCode(1)
            }
        }
    }
}

/// Prints plans and reports.
enum BuildOutput {
    static func print(_ plan: BuildPlan) {
        Swift.print("plan: \(plan.entries.count) repositories — \(plan.count(.build)) to build, \(plan.count(.cached)) cached, \(plan.count(.skip)) skipped\(plan.count(.fail) > 0 ? ", \(plan.count(.fail)) failing" : "")")
        let width = min(40, plan.entries.map { DisplayName.quote($0.repository).count }.max() ?? 10)
        let order: [BuildPlanEntry.Action] = [.build, .fail, .cached, .skip]
        for entry in plan.entries.sorted(by: { (order.firstIndex(of: $0.action) ?? 0, -$0.criticalPath, $0.repository) < (order.firstIndex(of: $1.action) ?? 0, -$1.criticalPath, $1.repository) }) {
            let name = DisplayName.quote(entry.repository)
            Swift.print("  \(entry.action.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))  \(entry.reason.label.padding(toLength: 18, withPad: " ", startingAt: 0))  \(name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0))  \(entry.explanation)")
        }
    }

    static func print(_ report: BuildRunReport, json: Bool, quiet: Bool) throws {
        if json {
            Swift.print(String(decoding: report.json(), as: UTF8.self), terminator: "")
            return
        }
        Swift.print("build \(report.runID): \(report.headline)")
        guard !quiet else { return }
        for r in report.results where r.status == .failed || r.status == .cancelled {
            Swift.print("  " + BuildProgress.line(for: r))
        }
        let skipped = report.results.filter { $0.status == .skipped && $0.detail.reason?.hasPrefix("dependency failed") == true }
        for r in skipped.prefix(20) { Swift.print("  " + BuildProgress.line(for: r)) }
        if skipped.count > 20 { Swift.print("  … and \(skipped.count - 20) more skipped") }
        for p in report.problems { Swift.print("  problem: \(p)") }
        Swift.print("summary: \(Paths.join(report.runDirectory, "summary.md"))")
    }
}
