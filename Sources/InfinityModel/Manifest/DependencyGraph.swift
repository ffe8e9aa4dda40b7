import Foundation

/// The dependency graph between the repositories of a manifest.
public struct DependencyGraph: Sendable {
    /// Repository → the repositories it depends on.
    public let dependencies: [String: [String]]
    /// Repository → the repositories that depend on it.
    public let dependents: [String: [String]]

    public init(_ repositories: [ManifestRepository]) {
        var deps: [String: [String]] = [:]
        var rdeps: [String: [String]] = [:]
        let names = Set(repositories.map(\.name))
        for repo in repositories {
            let targets = repo.dependencies.map(\.repository).filter { names.contains($0) }
            deps[repo.name] = targets.sorted()
            for t in targets { rdeps[t, default: []].append(repo.name) }
        }
        dependencies = deps
        dependents = rdeps.mapValues { $0.sorted() }
    }

    /// Every repository that depends on `name`, directly or through others.
    public func transitiveDependents(of name: String) -> Set<String> {
        var seen = Set<String>()
        var stack = [name]
        while let n = stack.popLast() {
            for d in dependents[n] ?? [] where seen.insert(d).inserted { stack.append(d) }
        }
        return seen
    }

    /// Elementary cycles found by a depth-first search (one per strongly connected group).
    public func cycles() -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:], low: [String: Int] = [:]
        var onStack = Set<String>(), stack: [String] = []
        var result: [[String]] = []
        // Tarjan's algorithm, iterative to stay safe on deep graphs.
        for start in dependencies.keys.sorted() where indices[start] == nil {
            var work: [(String, Int)] = [(start, 0)]
            while let (v, i) = work.popLast() {
                if i == 0 {
                    indices[v] = index; low[v] = index; index += 1
                    stack.append(v); onStack.insert(v)
                }
                let edges = dependencies[v] ?? []
                if i < edges.count {
                    work.append((v, i + 1))
                    let w = edges[i]
                    if indices[w] == nil { work.append((w, 0)) } else if onStack.contains(w) { low[v] = min(low[v]!, indices[w]!) }
                    continue
                }
                if let parent = work.last?.0, parent != v { low[parent] = min(low[parent]!, low[v]!) }
                if low[v] == indices[v] {
                    var component: [String] = []
                    while let w = stack.popLast() {
                        onStack.remove(w)
                        component.append(w)
                        if w == v { break }
                    }
                    let selfLoop = (dependencies[v] ?? []).contains(v)
                    if component.count > 1 || selfLoop { result.append(component.sorted()) }
                }
            }
        }
        return result.sorted { $0.first ?? "" < $1.first ?? "" }
    }
}
