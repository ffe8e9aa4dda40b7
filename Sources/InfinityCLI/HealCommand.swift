import ArgumentParser
import Foundation
import InfinityModel
import InfinitySystem
import SelfHealing

/// `infinity heal`: self-healing.
struct HealCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heal", abstract: "Classify failures and repair what can be repaired.",
        subcommands: [Classify.self]
    )

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
