import Foundation
import InfinityModel
import InfinityStore

/// Decides what a build run does: computes every repository's cache key, compares it with
/// the remembered results, and orders what must run by its critical path. Pure: no I/O.
///
/// Cache key = SHA-256 of the repository's own inputs (name, head SHA, steps, ecosystem,
/// `build.env` and the names in `build.pass_env`, the ecosystem's toolchain digest) and the
/// keys of the repositories it depends on — so a change anywhere below a repository changes
/// its key, and a repository is built when its key has no success yet.
public struct BuildPlanner: Sendable {
    /// Bumped when the key's recipe changes, so old keys stop matching.
    public static let keyVersion = "infinity-build-key-v1"

    public var settings: BuildSettings

    public init(settings: BuildSettings) { self.settings = settings }

    /// The plan for `manifest`.
    /// - Parameters:
    ///   - remembered: the result cache, newest first per repository (`StateStore.buildKeys()`).
    ///   - toolchains: digest per ecosystem (`ToolchainIdentity`); a missing one counts as empty.
    public func plan(manifest: Manifest, remembered: [String: [BuildKeyRecord]], toolchains: [String: String],
                     options: BuildOptions) throws(BuildError) -> BuildPlan {
        let repos = Dictionary(manifest.repositories.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let selected = try selection(manifest, options)
        let graph = DependencyGraph(manifest.repositories)
        let cycles = graph.cycles()
        let inCycle = Set(cycles.flatMap { $0 })
        let keys = computeKeys(repos: repos, graph: graph, inCycle: inCycle, toolchains: toolchains)

        var entries: [String: BuildPlanEntry] = [:]
        for name in selected {
            guard let repo = repos[name], let key = keys[name] else { continue }
            let history = remembered[name] ?? []
            let deps = graph.dependencies[name] ?? []
            var entry = BuildPlanEntry(repository: name, action: .build, reason: .neverBuilt, explanation: "", cacheKey: key.full,
                                       ownKey: key.own, headSHA: repo.headSHA, ecosystem: BuildEcosystem.of(repo), dependencies: deps,
                                       estimatedSeconds: max(0.001, history.first?.durationSeconds ?? 1), manifestEntry: repo)
            let atKey = history.first { $0.cacheKey == key.full }
            if let cycle = cycles.first(where: { $0.contains(name) }) {
                (entry.action, entry.reason) = (.fail, .dependencyCycle)
                entry.explanation = "dependency cycle: " + cycle.map(DisplayName.quote).joined(separator: " → ") + " (break it with `overrides` in orchestrator.yml)"
            } else if repo.headSHA == nil {
                (entry.action, entry.reason, entry.explanation) = (.skip, .noCommits, "no commits to build")
            } else if repo.steps.isEmpty {
                (entry.action, entry.reason, entry.explanation) = (.skip, .noSteps, "no build steps (nothing detected, or `skip: true`)")
            } else if options.force {
                (entry.action, entry.reason, entry.explanation) = (.build, .forced, options.repositories.isEmpty ? "--all" : "requested")
            } else if let atKey, atKey.status == BuildStatus.succeeded.rawValue {
                (entry.action, entry.reason) = (.cached, .cached)
                entry.explanation = "succeeded in run \(atKey.runID ?? "?")"
                entry.cachedDetail = BuildDetail.parse(atKey.detail)
                entry.cachedRunID = atKey.runID
            } else if let atKey {
                (entry.reason, entry.explanation) = (.retry, "last build of this key \(atKey.status == "cancelled" ? "was interrupted" : "failed")")
            } else if let latest = history.first {
                if latest.ownKey == key.own {
                    entry.reason = .dependencyChanged
                    let changed = deps.filter { d in
                        guard let k = keys[d] else { return false }
                        return !(remembered[d] ?? []).contains { $0.cacheKey == k.full && $0.status == BuildStatus.succeeded.rawValue }
                    }
                    entry.explanation = "dependency changed: " + (changed.isEmpty ? deps : changed).map(DisplayName.quote).joined(separator: ", ")
                } else {
                    entry.reason = .changed
                    let before = BuildDetail.parse(latest.detail)?.headSHA
                    if let before, let now = repo.headSHA, before != now {
                        entry.explanation = "head \(before.prefix(7)) → \(now.prefix(7))"
                    } else {
                        entry.explanation = "build configuration or toolchain changed"
                    }
                }
            } else {
                entry.explanation = "no build remembered"
            }
            entries[name] = entry
        }
        assignCriticalPaths(&entries, graph: graph)
        return BuildPlan(entries: Array(entries.values), toolchains: toolchains, forced: options.force)
    }

    /// The repositories a run covers; unknown names fail with the nearest known one.
    func selection(_ manifest: Manifest, _ options: BuildOptions) throws(BuildError) -> [String] {
        let names = manifest.repositories.map(\.name)
        guard !options.repositories.isEmpty else { return names }
        let known = Set(names)
        var out: [String] = []
        for name in options.repositories where !out.contains(name) {
            guard known.contains(name) else {
                let hint = EditDistance.nearest(to: name, in: names).map { "did you mean \(DisplayName.quote($0))?" }
                throw BuildError(.unknownRepository, "no repository named \(DisplayName.quote(name)) in the manifest",
                                 remedy: hint ?? "run `infinity discover` to refresh config/repositories.json")
            }
            out.append(name)
        }
        return out
    }

    /// Own and full keys of every repository, dependencies first. Edges inside a cycle are
    /// ignored (the cycle's members fail anyway), so the walk always ends.
    func computeKeys(repos: [String: ManifestRepository], graph: DependencyGraph, inCycle: Set<String>,
                     toolchains: [String: String]) -> [String: (own: String, full: String)] {
        let envMaterial = BuildEnvironment.keyMaterial(settings)
        func edges(_ name: String) -> [String] {
            (graph.dependencies[name] ?? []).filter { repos[$0] != nil && !(inCycle.contains(name) && inCycle.contains($0)) }
        }
        var keys: [String: (own: String, full: String)] = [:]
        for start in repos.keys.sorted() where keys[start] == nil {
            var stack: [(String, Bool)] = [(start, false)]
            var onPath = Set<String>()
            while let (name, expanded) = stack.popLast() {
                if keys[name] != nil { continue }
                if !expanded {
                    guard onPath.insert(name).inserted else { continue }
                    stack.append((name, true))
                    for d in edges(name) where keys[d] == nil && !onPath.contains(d) { stack.append((d, false)) }
                    continue
                }
                onPath.remove(name)
                guard let repo = repos[name] else { continue }
                let own = ownKey(repo, envMaterial: envMaterial, toolchain: toolchains[BuildEcosystem.of(repo)] ?? "")
                let depKeys = edges(name).map { "\($0)=\(keys[$0]?.full ?? "unresolved")" }
                keys[name] = (own, SHA256Hex.digest(([Self.keyVersion, own] + depKeys).joined(separator: "\n")))
            }
        }
        return keys
    }

    /// The digest of a repository's own build inputs.
    func ownKey(_ repo: ManifestRepository, envMaterial: String, toolchain: String) -> String {
        var parts = [Self.keyVersion, "name:" + repo.name, "head:" + (repo.headSHA ?? "none"), "ecosystem:" + BuildEcosystem.of(repo)]
        for step in repo.steps.sorted(by: { $0.name < $1.name }) { parts.append("step:\(step.name.rawValue)\u{1F}\(step.run)") }
        parts.append(envMaterial)
        parts.append("toolchain:" + toolchain)
        return SHA256Hex.digest(parts.joined(separator: "\u{1E}"))
    }

    /// Longest chain (in estimated seconds) of builds in this plan that starts at each entry.
    func assignCriticalPaths(_ entries: inout [String: BuildPlanEntry], graph: DependencyGraph) {
        let building = Set(entries.values.filter { $0.action == .build }.map(\.repository))
        var memo: [String: Double] = [:]
        for start in building.sorted() where memo[start] == nil {
            var stack: [(String, Bool)] = [(start, false)]
            var onPath = Set<String>()
            while let (name, expanded) = stack.popLast() {
                if memo[name] != nil { continue }
                let next = (graph.dependents[name] ?? []).filter { building.contains($0) }
                if !expanded {
                    guard onPath.insert(name).inserted else { continue }
                    stack.append((name, true))
                    for d in next where memo[d] == nil && !onPath.contains(d) { stack.append((d, false)) }
                    continue
                }
                onPath.remove(name)
                let own = entries[name]?.estimatedSeconds ?? 1
                memo[name] = own + (next.compactMap { memo[$0] }.max() ?? 0)
            }
        }
        for (name, value) in memo { entries[name]?.criticalPath = value }
    }
}
