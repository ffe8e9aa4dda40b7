import Foundation

/// Runs a plan's builds in dependency order with at most `maxParallel` at once.
///
/// A repository starts only after every repository it depends on (within this run) has
/// succeeded; when one fails, everything that depends on it — directly or not — is reported
/// `skipped` with `dependency failed: X` (X the repository that actually failed). Among the
/// repositories that are ready, the one heading the longest remaining chain (critical path)
/// starts first, so the run's wall time approaches max(longest chain, total / parallelism).
///
/// One task group with a sliding window: never more than `maxParallel` builds. Beside them,
/// up to `maxParallel` light side tasks (git checkouts) run: `prepareAhead` gets the next
/// ready repositories' work trees checked out while the current builds run, and `afterBuild`
/// tidies a finished repository's tree for the next run — so a slot that frees up starts its
/// next step at once instead of waiting for git. Side tasks are skipped, never queued, when
/// `maxParallel` of them are already running.
struct BuildScheduler: Sendable {
    var maxParallel: Int

    /// What the scheduler did.
    struct Outcome: Sendable {
        var results: [RepositoryBuildResult]
        /// Repositories that never started because the run was interrupted.
        var notStarted: [String]
    }

    /// Runs `entries` (all with action `build`).
    /// - Parameters:
    ///   - failedOutside: repositories outside `entries` that failed without running (a
    ///     dependency cycle): their dependents here are skipped from the start.
    ///   - dependencies: repository → what it depends on (any repository of the manifest).
    ///   - onResult: called on the scheduling task for each result as soon as it is known.
    func run(_ entries: [BuildPlanEntry], failedOutside: Set<String>, dependencies: [String: [String]],
             prepareAhead: (@Sendable (BuildPlanEntry) async -> Void)? = nil,
             afterBuild: (@Sendable (RepositoryBuildResult) async -> Void)? = nil,
             build: @escaping @Sendable (BuildPlanEntry) async -> RepositoryBuildResult,
             skip: (BuildPlanEntry, String) -> RepositoryBuildResult,
             onResult: (RepositoryBuildResult) -> Void) async -> Outcome {
        let byName = Dictionary(entries.map { ($0.repository, $0) }, uniquingKeysWith: { a, _ in a })
        var dependents: [String: [String]] = [:]
        var remaining: [String: Int] = [:]
        var initialRoots: [String: String] = [:]
        for e in entries {
            let deps = Set(dependencies[e.repository] ?? [])
            remaining[e.repository] = deps.filter { byName[$0] != nil }.count
            for d in deps where byName[d] != nil { dependents[d, default: []].append(e.repository) }
            if let blocked = deps.sorted().first(where: { failedOutside.contains($0) }) { initialRoots[e.repository] = blocked }
        }
        var decided = Set<String>()
        var results: [RepositoryBuildResult] = []

        func emit(_ r: RepositoryBuildResult) {
            decided.insert(r.repository)
            results.append(r)
            onResult(r)
        }
        func cascade(from name: String, root: String) {
            var stack = dependents[name] ?? []
            while let next = stack.popLast() {
                guard !decided.contains(next), let entry = byName[next] else { continue }
                emit(skip(entry, root))
                stack.append(contentsOf: dependents[next] ?? [])
            }
        }
        func precedes(_ a: BuildPlanEntry, _ b: BuildPlanEntry) -> Bool {
            if a.criticalPath != b.criticalPath { return a.criticalPath > b.criticalPath }
            let da = dependents[a.repository]?.count ?? 0, db = dependents[b.repository]?.count ?? 0
            if da != db { return da > db }
            return a.repository < b.repository
        }

        for (name, root) in initialRoots.sorted(by: { $0.key < $1.key }) where !decided.contains(name) {
            if let entry = byName[name] { emit(skip(entry, root)) }
            cascade(from: name, root: root)
        }
        var ready = entries.filter { remaining[$0.repository] == 0 && !decided.contains($0.repository) }.sorted(by: precedes)
        var started = Set<String>()
        var preparing = Set<String>()
        var prepared = Set<String>()
        var tidying = 0

        /// What a child task finished: a build, the early preparation of a work tree, or the
        /// tidying of one after its build.
        enum Finished: Sendable {
            case built(RepositoryBuildResult)
            case prepared(String)
            case tidied
        }

        await withTaskGroup(of: Finished.self) { group in
            var running = 0
            let width = max(1, maxParallel)
            func launch() {
                while running < width, !ready.isEmpty, !Task.isCancelled {
                    let entry = ready.removeFirst()
                    started.insert(entry.repository)
                    running += 1
                    group.addTask { .built(await build(entry)) }
                }
                guard let prepareAhead else { return }
                for entry in ready.prefix(width) where preparing.count + tidying < width && !Task.isCancelled
                    && !preparing.contains(entry.repository) && !prepared.contains(entry.repository) {
                    preparing.insert(entry.repository)
                    group.addTask {
                        await prepareAhead(entry)
                        return .prepared(entry.repository)
                    }
                }
            }
            launch()
            while let next = await group.next() {
                let result: RepositoryBuildResult
                switch next {
                case .built(let r):
                    result = r
                case .prepared(let name):
                    preparing.remove(name)
                    prepared.insert(name)
                    launch()
                    continue
                case .tidied:
                    tidying -= 1
                    launch()
                    continue
                }
                running -= 1
                emit(result)
                if let afterBuild, preparing.count + tidying < width, !Task.isCancelled {
                    tidying += 1
                    group.addTask {
                        await afterBuild(result)
                        return .tidied
                    }
                }
                if result.status == .succeeded {
                    for d in dependents[result.repository] ?? [] {
                        remaining[d, default: 1] -= 1
                        guard remaining[d] == 0, !decided.contains(d), let entry = byName[d] else { continue }
                        let at = ready.firstIndex { !precedes($0, entry) } ?? ready.endIndex
                        ready.insert(entry, at: at)
                    }
                } else if !Task.isCancelled {
                    cascade(from: result.repository, root: result.repository)
                }
                launch()
            }
        }
        let notStarted = entries.map(\.repository).filter { !decided.contains($0) && !started.contains($0) }.sorted()
        return Outcome(results: results, notStarted: notStarted)
    }
}
