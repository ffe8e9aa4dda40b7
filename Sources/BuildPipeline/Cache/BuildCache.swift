import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

/// The per-ecosystem dependency caches under `<state>/cache/<ecosystem>/` (wired into builds
/// through each tool's own variables, see `BuildEnvironment`), and the work trees under
/// `<state>/workspace/trees/`.
///
/// Self-healing calls `clear(repository:ecosystem:)` when a build fails on a corrupted cache;
/// every clear is written to the audit log (`cache.clear`).
public struct BuildCache: Sendable {
    public var stateDirectory: String
    public var store: StateStore?
    public var fileSystem: FileSystem
    public var clock: WallClock

    public init(stateDirectory: String, store: StateStore?, fileSystem: FileSystem = .live, clock: WallClock = .live) {
        self.stateDirectory = stateDirectory
        self.store = store
        self.fileSystem = fileSystem
        self.clock = clock
    }

    /// `<state>/cache`.
    public var root: String { Paths.join(stateDirectory, "cache") }
    /// `<state>/workspace/trees`.
    public var treesDirectory: String { Paths.join(stateDirectory, "workspace/trees") }

    /// An ecosystem's cache folder (`INFINITY_CACHE_DIR` of its builds).
    public func directory(for ecosystem: String) -> String { Paths.join(root, ecosystem) }

    /// What the caches hold now.
    public func status() -> BuildCacheStatus {
        var ecosystems: [BuildCacheStatus.Ecosystem] = []
        for entry in (try? fileSystem.listDirectory(root)) ?? [] where entry.kind == .directory {
            let path = Paths.join(root, entry.name)
            let usage = DiskUsage.measure(path)
            let repos = ((try? fileSystem.listDirectory(path)) ?? []).filter { $0.kind == .directory }.map(\.name)
            ecosystems.append(.init(name: entry.name, path: path, bytes: usage.bytes, files: usage.files, entries: repos))
        }
        let trees = ((try? fileSystem.listDirectory(treesDirectory)) ?? []).filter { $0.kind == .directory }
        let treeUsage = DiskUsage.measure(treesDirectory)
        let keys = (try? store?.buildKeys()) ?? nil
        let remembered = keys?.values.reduce(0) { $0 + $1.count } ?? 0
        let successes = keys?.values.reduce(0) { $0 + $1.filter { $0.status == BuildStatus.succeeded.rawValue }.count } ?? 0
        return BuildCacheStatus(root: root, ecosystems: ecosystems, workTrees: trees.count, workTreeBytes: treeUsage.bytes,
                                rememberedKeys: remembered, successfulKeys: successes)
    }

    /// Removes cached data and records it in the audit log.
    ///
    /// - `repository` and `ecosystem`: that repository's folder in the ecosystem's cache
    ///   (`<state>/cache/<ecosystem>/<repo>`) and its work tree.
    /// - `repository` alone: its folder in every ecosystem's cache, and its work tree.
    /// - `ecosystem` alone: the whole ecosystem cache.
    /// - neither: every cache.
    /// - `forgetResults`: also forget remembered successes (the repository's, or all), so the
    ///   next build runs them instead of reporting `cached`.
    @discardableResult
    public func clear(repository: String? = nil, ecosystem: String? = nil, forgetResults: Bool = false, runID: String? = nil,
                      reason: String? = nil) throws(BuildError) -> BuildCacheClearReport {
        if let ecosystem, !BuildEcosystem.isValidName(ecosystem) {
            throw BuildError(.invalidEcosystem, "\(DisplayName.quote(ecosystem)) is not an ecosystem name", remedy: "use a name such as swiftpm, npm, cargo, go, python, make or shell")
        }
        var targets: [String] = []
        if let repository {
            let component = PathComponent.safe(repository)
            let ecosystems = ecosystem.map { [$0] } ?? ((try? fileSystem.listDirectory(root)) ?? []).filter { $0.kind == .directory }.map(\.name)
            targets += ecosystems.map { Paths.join(root, $0, component) }
            targets.append(Paths.join(treesDirectory, component))
        } else if let ecosystem {
            targets.append(directory(for: ecosystem))
        } else {
            targets.append(root)
        }
        var removed: [String] = []
        var bytes: Int64 = 0
        var failures: [String] = []
        for path in targets where fileSystem.kindOfItem(path) != nil {
            guard Paths.isInside(Paths.normalize(path), root: Paths.normalize(stateDirectory)) else { continue }
            let size = DiskUsage.measure(path).bytes
            do {
                try fileSystem.removeItem(path)
                removed.append(path)
                bytes += size
            } catch {
                failures.append("\(error)")
            }
        }
        var forgotten = 0
        if forgetResults, let store {
            do { forgotten = try store.forgetBuildKeys(repository: repository) } catch { failures.append("\(error)") }
        }
        let target = repository ?? ecosystem.map { "ecosystem:\($0)" } ?? "all"
        let outcome = !failures.isEmpty ? "failed" : (removed.isEmpty && forgotten == 0 ? "nothing" : "ok")
        var detail = removed.isEmpty ? "nothing to remove" : "removed \(removed.joined(separator: ", ")) (\(bytes) bytes)"
        if forgotten > 0 { detail += "; forgot \(forgotten) remembered build(s)" }
        if !failures.isEmpty { detail += "; failed: " + failures.joined(separator: "; ") }
        if let reason { detail += "; reason: \(reason)" }
        let report = BuildCacheClearReport(target: target, removed: removed, bytes: bytes, forgottenResults: forgotten, failures: failures)
        do {
            try store?.appendAudit(AuditEntry(at: clock.now(), runID: runID, action: "cache.clear", target: target, outcome: outcome, detail: detail))
        } catch {
            throw BuildError(.cache, "the cache was cleared but the audit log could not be written", underlying: error)
        }
        if !failures.isEmpty {
            throw BuildError(.cache, "could not clear all of the cache for \(DisplayName.quote(target))", remedy: "check the permissions of \(root)",
                             underlying: BuildCacheClearFailure(failures: failures))
        }
        return report
    }
}

/// What `BuildCache.status()` found.
public struct BuildCacheStatus: Sendable, Codable {
    public struct Ecosystem: Sendable, Codable {
        public var name: String
        public var path: String
        public var bytes: Int64
        public var files: Int
        /// Sub-folders: tool caches (`npm`, `pip` …) and per-repository folders.
        public var entries: [String]
    }

    public var root: String
    public var ecosystems: [Ecosystem]
    public var workTrees: Int
    public var workTreeBytes: Int64
    /// Keys in the result cache, and how many of them succeeded.
    public var rememberedKeys: Int
    public var successfulKeys: Int

    enum CodingKeys: String, CodingKey {
        case root, ecosystems
        case workTrees = "work_trees"
        case workTreeBytes = "work_tree_bytes"
        case rememberedKeys = "remembered_keys"
        case successfulKeys = "successful_keys"
    }
}

/// What `BuildCache.clear` removed.
public struct BuildCacheClearReport: Sendable, Codable {
    public var target: String
    public var removed: [String]
    public var bytes: Int64
    public var forgottenResults: Int
    public var failures: [String]

    enum CodingKeys: String, CodingKey {
        case target, removed, bytes
        case forgottenResults = "forgotten_results"
        case failures
    }
}

/// The removals that failed during a clear.
struct BuildCacheClearFailure: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { failures.joined(separator: "; ") }
}

/// Sizes of folders, without following symbolic links; bounded so a huge cache cannot
/// stall a status call.
enum DiskUsage {
    static func measure(_ path: String, limit: Int = 2_000_000) -> (bytes: Int64, files: Int) {
        var bytes: Int64 = 0, files = 0, visited = 0
        var stack = [path]
        while let p = stack.popLast(), visited < limit {
            visited += 1
            var st = stat()
            guard lstat(p, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                guard let dir = opendir(p) else { continue }
                while let ent = readdir(dir) {
                    let name = withUnsafeBytes(of: ent.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
                    if name != "." && name != ".." { stack.append(p + "/" + name) }
                }
                closedir(dir)
            } else {
                bytes += Int64(st.st_size)
                files += 1
            }
        }
        return (bytes, files)
    }
}
