import ArgumentParser
import Foundation
import InfinityModel
import InfinitySystem
import InfinityStore
import OrchestrationEngine

/// `infinity history`: the runs the store remembers.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List past runs.")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Option(name: .long, help: "How many runs.") var limit = 20
    @Option(name: .long, help: "Only this workflow (cycle, discover …).") var workflow: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let runs = try context.openStore().runs(limit: limit, workflow: workflow)
        if json { try printJSON(runs); return }
        if runs.isEmpty { print("no runs yet (try `infinity run`)"); return }
        let f = ISO8601DateFormatter()
        for r in runs {
            let took = r.finishedAt.map { String(format: "%.1fs", $0.timeIntervalSince(r.startedAt)) } ?? "-"
            print("\(r.id)  \(r.workflow.padding(toLength: 9, withPad: " ", startingAt: 0)) \(r.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(f.string(from: r.startedAt))  \(took)  \(r.summary ?? "")")
        }
    }
}

/// `infinity audit`: the append-only log of every action.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "List the audit log of actions the tool took.")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Option(name: .long, help: "How many entries.") var limit = 50
    @Option(name: .long, help: "Only entries for this target.") var target: String?
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        let entries = try context.openStore().audit(limit: limit, target: target)
        if json { try printJSON(entries); return }
        if entries.isEmpty { print("the audit log is empty"); return }
        let f = ISO8601DateFormatter()
        for e in entries {
            print("\(f.string(from: e.at))  \(e.action.padding(toLength: 16, withPad: " ", startingAt: 0)) \(e.outcome.padding(toLength: 9, withPad: " ", startingAt: 0)) \(e.target)\(e.detail.map { "  — \($0)" } ?? "")")
        }
    }
}
