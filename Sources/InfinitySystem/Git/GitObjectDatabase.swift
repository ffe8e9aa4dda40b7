import Synchronization

/// Finds and inflates objects of one repository: packs first, then loose objects, across the
/// repository's `objects` directory and its alternates.
///
/// Thread-safe: the pack list and the delta-base cache sit behind a mutex; reads run outside it.
final class GitObjectDatabase: Sendable {
    struct State {
        var directories: [String]?
        var packs: [GitPack]?
        var packDirectoryStamps: [String: GitFileSystem.Stamp] = [:]
        var nextPackID = 0
        var baseCache = GitDeltaBaseCache()
    }

    /// The repository's own objects directory.
    let objectsDirectory: String
    let limits: GitReadLimits
    let state = Mutex(State())

    init(objectsDirectory: String, limits: GitReadLimits) {
        self.objectsDirectory = objectsDirectory
        self.limits = limits
    }

    /// Reads object `id`; `maxBytes` bounds the final object's size (`.tooLarge` beyond it).
    func read(_ id: GitObjectID, maxBytes: Int? = nil) throws(GitReadError) -> GitObject {
        if let found = try readFromPacks(id, packs: packs(), maxBytes: maxBytes) { return found }
        for directory in try directories() {
            if let found = try readLoose(id, in: directory, maxBytes: maxBytes) { return found }
        }
        // A pack may have appeared since the list was made (a concurrent repack); look once more.
        if let fresh = try rescanPacksIfChanged(), let found = try readFromPacks(id, packs: fresh, maxBytes: maxBytes) {
            return found
        }
        throw GitReadError(
            code: .notFound, path: objectsDirectory,
            message: "object \(id.hex) is in no pack and no loose object (alternates included); "
                + "the repository may be shallow, partial or damaged — run `git fsck`")
    }

    /// The objects directory followed by its alternates, resolved once.
    func directories() throws(GitReadError) -> [String] {
        if let known = state.withLock({ $0.directories }) { return known }
        let resolved = try GitAlternates.resolve(from: objectsDirectory, limits: limits)
        state.withLock { $0.directories = resolved }
        return resolved
    }

    /// The packs of every objects directory, scanned once.
    func packs() throws(GitReadError) -> [GitPack] {
        if let known = state.withLock({ $0.packs }) { return known }
        return try scanPacks(reusing: [])
    }

    private func rescanPacksIfChanged() throws(GitReadError) -> [GitPack]? {
        let directories = try directories()
        let previous = state.withLock { $0.packDirectoryStamps }
        let changed = directories.contains { previous[$0 + "/pack"] != GitFileSystem.stamp($0 + "/pack") }
        guard changed else { return nil }
        return try scanPacks(reusing: state.withLock { $0.packs ?? [] })
    }

    private func scanPacks(reusing existing: [GitPack]) throws(GitReadError) -> [GitPack] {
        var byPath: [String: GitPack] = [:]
        for pack in existing { byPath[pack.packPath] = pack }
        var stamps: [String: GitFileSystem.Stamp] = [:]
        var found: [(index: GitPackIndex, packPath: String, reused: GitPack?)] = []
        for directory in try directories() {
            let packDirectory = directory + "/pack"
            if let stamp = GitFileSystem.stamp(packDirectory) { stamps[packDirectory] = stamp }
            guard let names = GitFileSystem.listDirectory(packDirectory) else { continue }
            let nameSet = Set(names)
            for name in names.sorted() where name.hasSuffix(".idx") {
                let stem = String(name.dropLast(4))
                let packPath = packDirectory + "/" + stem + ".pack"
                guard nameSet.contains(stem + ".pack") else { continue }
                if let reused = byPath[packPath] {
                    found.append((reused.index, packPath, reused))
                } else if let index = try GitPackIndex.open(packDirectory + "/" + name) {
                    found.append((index, packPath, nil))
                }
            }
        }
        return state.withLock { state in
            let packs = found.map { item -> GitPack in
                if let reused = item.reused { return reused }
                defer { state.nextPackID += 1 }
                return GitPack(id: state.nextPackID, index: item.index, packPath: item.packPath)
            }
            state.packs = packs
            state.packDirectoryStamps = stamps
            return packs
        }
    }

    /// Finds the pack and offset holding `id`.
    func locate(_ id: GitObjectID, in packs: [GitPack]) throws(GitReadError) -> (GitPack, Int)? {
        for pack in packs {
            if let offset = try pack.index.offset(of: id) { return (pack, offset) }
        }
        return nil
    }

    private func readFromPacks(_ id: GitObjectID, packs: [GitPack], maxBytes: Int?) throws(GitReadError) -> GitObject? {
        guard let (pack, offset) = try locate(id, in: packs) else { return nil }
        return try readPacked(pack: pack, offset: offset, id: id, maxBytes: maxBytes)
    }
}
