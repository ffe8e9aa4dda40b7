import Foundation
import InfinitySystem

/// The files of a repository's head commit as the content checks see them: entries with
/// kinds and sizes, and reads that never follow a symbolic link out of the repository,
/// never load a file past a size limit, and turn every failure into a reason.
struct RepositoryTree: Sendable {
    /// Entries by path.
    let entries: [String: RepositoryEntry]
    /// Every path, sorted.
    let paths: [String]
    let content: any RepositoryContent

    /// Most entries listed per repository.
    static let entryLimit = 200_000

    /// What reading a file gave.
    enum Read: Sendable {
        case text(String, path: String)
        case bytes(Data, path: String)
        case missing
        case tooLarge(Int)
        /// A symbolic link that leaves the repository (or loops); never followed.
        case outside(target: String)
        case failed(String)
    }

    /// Lists the head commit's entries (with kinds and sizes when the content can tell them).
    static func load(_ content: any RepositoryContent) async throws -> RepositoryTree {
        let list: [RepositoryEntry]
        if let listing = content as? any RepositoryEntryListing {
            list = try await listing.listEntries(limit: entryLimit)
        } else {
            list = try await content.listFiles(limit: entryLimit).map { RepositoryEntry(path: $0, kind: .file, size: nil) }
        }
        var byPath: [String: RepositoryEntry] = [:]
        for e in list { byPath[e.path] = e }
        return RepositoryTree(entries: byPath, paths: byPath.keys.sorted(), content: content)
    }

    /// Where a path leads after following in-repository symbolic links (at most 8 hops).
    enum Resolution: Sendable {
        case entry(RepositoryEntry)
        case missing
        case outside(target: String)
        case failed(String)
    }

    func resolve(_ path: String) async -> Resolution {
        var current = path
        for _ in 0..<8 {
            guard let entry = entries[current] else { return .missing }
            guard entry.kind == .symlink else { return .entry(entry) }
            let target: String
            do {
                guard let data = try await content.readFile(current, maxBytes: 4096) else { return .failed("cannot read the link \(current)") }
                target = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                return .failed("cannot read the link \(current): \(error)")
            }
            if target.hasPrefix("/") { return .outside(target: target) }
            let joined = Paths.normalize(Paths.join(Paths.dirname(current) == "." ? "" : Paths.dirname(current), target))
            if joined == ".." || joined.hasPrefix("../") || joined == "." { return .outside(target: target) }
            current = joined
        }
        return .outside(target: "\(path) (too many links)")
    }

    /// Reads `path` as text (or bytes when `binary`), at most `maxBytes`.
    func read(_ path: String, maxBytes: Int, binary: Bool = false) async -> Read {
        switch await resolve(path) {
        case .missing: return .missing
        case .outside(let target): return .outside(target: target)
        case .failed(let reason): return .failed(reason)
        case .entry(let entry):
            if let size = entry.size, size > maxBytes { return .tooLarge(size) }
            do {
                guard let data = try await content.readFile(entry.path, maxBytes: maxBytes) else {
                    return entry.size == nil ? .tooLarge(maxBytes + 1) : .missing
                }
                if binary { return .bytes(data, path: entry.path) }
                return .text(String(decoding: data, as: UTF8.self), path: entry.path)
            } catch {
                return .failed("\(error)")
            }
        }
    }

    /// Paths directly inside `folder` (no trailing slash; "" for the root).
    func children(of folder: String) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return paths.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
    }
}
