import Foundation

/// What changed between two manifests, by repository name.
public struct ManifestChanges: Sendable, Hashable, Codable {
    public var added: [String] = []
    public var removed: [String] = []
    /// Repositories whose head moved.
    public var changed: [String] = []
    /// Repositories whose head is the same but whose build configuration or dependencies changed.
    public var reconfigured: [String] = []
    public var unchanged: [String] = []

    public init() {}

    /// Compares `new` against `old` (nil: everything is added).
    public init(old: Manifest?, new: Manifest) {
        let before = Dictionary((old?.repositories ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Set(new.repositories.map(\.name))
        for repo in new.repositories {
            guard let prev = before[repo.name] else { added.append(repo.name); continue }
            if prev.headSHA != repo.headSHA || prev.defaultBranch != repo.defaultBranch {
                changed.append(repo.name)
            } else if prev.steps != repo.steps || prev.dependencies != repo.dependencies || prev.buildSystems != repo.buildSystems {
                reconfigured.append(repo.name)
            } else {
                unchanged.append(repo.name)
            }
        }
        removed = before.keys.filter { !after.contains($0) }.sorted()
        added.sort(); changed.sort(); reconfigured.sort(); unchanged.sort()
    }

    /// Number of repositories that were added, removed, changed or reconfigured.
    public var count: Int { added.count + removed.count + changed.count + reconfigured.count }

    enum CodingKeys: String, CodingKey {
        case added, removed, changed, reconfigured, unchanged
    }
}
