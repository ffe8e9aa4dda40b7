import Foundation
import CodeHosts
import InfinityModel

extension DiscoveryEngine {
    /// Fills in each repository's dependencies on other repositories of the organization by
    /// matching the identities it requires against the ones others publish, then adds the
    /// `depends_on` of overrides. Reports unknown `depends_on` names and dependency cycles.
    func resolveDependencies(_ repositories: inout [ManifestRepository], admitted: [HostedRepository],
                             detections: [String: Detection]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var owners: [String: Set<String>] = [:]
        for repo in repositories {
            owners["repo:\(repo.name)", default: []].insert(repo.name)
            if RepositoryURL.isRemote(repo.location) {
                owners["url:" + RepositoryURL.normalize(repo.location), default: []].insert(repo.name)
            }
            for identity in repo.publishes { owners[identity, default: []].insert(repo.name) }
        }
        let names = Set(repositories.map(\.name))
        for i in repositories.indices {
            let name = repositories[i].name
            var edges: [String: RepositoryDependency] = [:]
            for requirement in detections[name]?.requires ?? [] {
                guard let matches = owners[requirement.identity] else { continue }
                for other in matches.sorted() where other != name && edges[other] == nil {
                    edges[other] = RepositoryDependency(repository: other, declaredIn: requirement.file, via: requirement.identity)
                }
            }
            let fileOverride = detections[name]?.repositoryOverride
            for (override, source) in [(fileOverride, ".infinity.yml"), (configuration.overrides[name], "orchestrator.yml")] {
                for other in override?.dependsOn ?? [] {
                    guard names.contains(other), other != name else {
                        let near = EditDistance.nearest(to: other, in: names)
                        diagnostics.append(Diagnostic(.warning, repository: name, location: source,
                                                      "depends_on names `\(other)`, which is not a repository of the organization",
                                                      remedy: near.map { "did you mean `\($0)`?" }))
                        continue
                    }
                    edges[other] = RepositoryDependency(repository: other, declaredIn: source, via: "depends_on")
                }
            }
            repositories[i].dependencies = edges.values.sorted()
            diagnostics += detections[name]?.diagnostics ?? []
        }
        for cycle in DependencyGraph(repositories).cycles() {
            diagnostics.append(Diagnostic(.warning, repository: cycle.first, "dependency cycle: \(cycle.joined(separator: " → ")) → \(cycle.first ?? "")",
                                          remedy: "builds of these repositories run without ordering between them; break the cycle or set depends_on explicitly"))
        }
        return diagnostics
    }

    /// Warns about `overrides` entries that name no repository (usually a typo).
    func checkOverrideNames(known: Set<String>) -> [Diagnostic] {
        configuration.overrides.keys.sorted().compactMap { name in
            guard !known.contains(name) else { return nil }
            return Diagnostic(.warning, location: "orchestrator.yml", "overrides.\(name) names no repository of the organization",
                              remedy: EditDistance.nearest(to: name, in: known).map { "did you mean `\($0)`?" })
        }
    }
}
