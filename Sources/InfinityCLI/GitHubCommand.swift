import ArgumentParser
import CodeHosts
import Foundation
import GitHubKit
import InfinityModel
import OrchestrationEngine

/// `infinity github …`: GitHub-specific tools.
struct GitHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github", abstract: "GitHub tools (provider: github).", subcommands: [GitHubRateLimitCommand.self])
}

/// `infinity github rate-limit`: the remaining API budget per resource (a free call).
struct GitHubRateLimitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate-limit", abstract: "Show the remaining GitHub API budget per resource (costs no quota).")

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() async throws {
        let context = try ConfigurationLoading.context(global)
        guard context.configuration.provider == .github else {
            printError("error: the configuration's provider is \(context.configuration.provider.rawValue); set `provider: github` to use `infinity github`")
            throw ExitCode(2)
        }
        let overview: RateLimitOverview
        do {
            overview = try await context.githubSession().client.rateLimit()
        } catch {
            await context.shutdown()
            printError("error: \(error)")
            throw ExitCode(1)
        }
        await context.shutdown()
        let rows = RateLimitTable.rows(overview)
        if json {
            try printJSON(rows)
        } else {
            for line in RateLimitTable.lines(rows) { print(line) }
        }
    }
}

/// The rate-limit overview as rows and aligned text.
enum RateLimitTable {
    struct Row: Encodable {
        var resource: String
        var limit: Int
        var used: Int
        var remaining: Int
        var reset: Date
    }

    static func rows(_ overview: RateLimitOverview) -> [Row] {
        overview.resources.sorted { $0.key < $1.key }.map { name, r in
            Row(resource: name, limit: r.limit, used: r.used, remaining: r.remaining, reset: Date(timeIntervalSince1970: TimeInterval(r.reset)))
        }
    }

    static func lines(_ rows: [Row]) -> [String] {
        let width = max(8, rows.map(\.resource.count).max() ?? 8)
        let formatter = ISO8601DateFormatter()
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
        var out = [pad("resource", width) + "  remaining / limit   used  resets at"]
        for r in rows {
            let budget = pad("\(r.remaining) / \(r.limit)", 18)
            out.append(pad(r.resource, width) + "  " + budget + pad("\(r.used)", 6) + formatter.string(from: r.reset))
        }
        return out
    }
}
