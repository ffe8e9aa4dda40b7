import Foundation

/// Loads every OSV JSON file under a folder into an ``OSVDatabase``.
///
/// The folder may hold files at any depth (one subfolder per ecosystem, as
/// ``OSVImporter`` writes them); names starting with `.` are skipped. Each file holds
/// one OSV record or an array of them. A file that cannot be read or decoded, or a record
/// that breaks the schema, is skipped with an ``OSVDiagnostic``; loading never stops for it.
/// Files are read and decoded on `concurrency` threads.
///
/// With `useCache` (the default) a full load also writes `.osv-index-cache` into the folder,
/// and the next load reads that one file instead of every JSON file as long as no JSON
/// file was added, removed, resized or touched (see ``OSVIndexCache``). A folder that cannot
/// be written to just loads without a cache (a note diagnostic says so).
public struct OSVDatabaseLoader: Sendable {
    /// Where files are listed, read and (for the cache) written.
    public var fileSystem: any OSVFileSystem
    /// How many files are decoded at once.
    public var concurrency: Int
    /// Whether to read and write the index cache.
    public var useCache: Bool
    /// Makes the unique part of the cache's temporary file name.
    public var makeToken: @Sendable () -> String

    public init(fileSystem: any OSVFileSystem = LocalOSVFileSystem(),
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, useCache: Bool = true,
                makeToken: @escaping @Sendable () -> String = { UUID().uuidString }) {
        self.fileSystem = fileSystem
        self.concurrency = max(1, concurrency)
        self.useCache = useCache
        self.makeToken = makeToken
    }

    /// Loads the folder; throws ``OSVError`` (`databaseUnreadable`) only when the folder itself cannot be listed.
    public func load(from folder: String) throws -> (OSVDatabase, [OSVDiagnostic]) {
        let location = fileSystem.itemExists(at: folder)
        guard location.exists, location.isDirectory else {
            throw OSVError(.databaseUnreadable,
                           "the OSV database folder does not exist; import advisories with `infinity osv import "
                           + "FILE.zip` or pass --osv-db PATH", path: folder)
        }
        let files: [OSVFileInfo]
        do {
            files = try fileSystem.jsonFiles(under: folder)
        } catch {
            throw OSVError(.databaseUnreadable, "cannot list the OSV database folder; check its permissions",
                           path: folder, underlying: error)
        }
        let cachePath = (folder as NSString).appendingPathComponent(OSVIndexCache.fileName)
        let fingerprint = OSVIndexCache.fingerprint(of: files)
        if useCache, fileSystem.itemExists(at: cachePath).exists, let data = try? fileSystem.readFile(at: cachePath),
           let cached = OSVIndexCache.decode(data, fingerprint: fingerprint) {
            return (OSVDatabase(vulnerabilities: cached.records, concurrency: concurrency), cached.diagnostics)
        }
        var (records, diagnostics) = decodeAll(files)
        if useCache {
            let temporary = cachePath + ".tmp-" + makeToken()
            do {
                try fileSystem.writeFile(OSVIndexCache.encode(records: records, diagnostics: diagnostics,
                                                              fingerprint: fingerprint), to: temporary)
                try fileSystem.moveItem(from: temporary, to: cachePath)
            } catch {
                try? fileSystem.removeItem(at: temporary)
                diagnostics.append(OSVDiagnostic(level: .note, file: cachePath,
                                                 message: "the index cache could not be written (\(error)); "
                                                     + "loading works without it, only slower"))
            }
        }
        return (OSVDatabase(vulnerabilities: records, concurrency: concurrency), diagnostics)
    }

    /// Reads and decodes every file on `concurrency` threads.
    private func decodeAll(_ files: [OSVFileInfo]) -> ([OSVVulnerability], [OSVDiagnostic]) {
        let slices = OSVDatabaseLoader.split(files, into: concurrency)
        let results = ResultSlots<([OSVVulnerability], [OSVDiagnostic])>(count: slices.count)
        let fileSystem = self.fileSystem
        DispatchQueue.concurrentPerform(iterations: slices.count) { slot in
            let decoder = OSVRecordDecoder()
            var records: [OSVVulnerability] = []
            var diagnostics: [OSVDiagnostic] = []
            for file in slices[slot] {
                let path = file.path
                let data: Data
                do {
                    data = try fileSystem.readFile(at: path)
                } catch {
                    diagnostics.append(OSVDiagnostic(file: path, message: "cannot be read (\(error)); skipped"))
                    continue
                }
                records += decoder.decode(data, file: path, diagnostics: &diagnostics)
            }
            results.set(slot, (records, diagnostics))
        }
        var records: [OSVVulnerability] = []
        var diagnostics: [OSVDiagnostic] = []
        for slot in 0..<slices.count {
            guard let (slotRecords, slotDiagnostics) = results.value(slot) else { continue }
            records += slotRecords
            diagnostics += slotDiagnostics
        }
        return (records, diagnostics)
    }

    /// Splits `items` into at most `parts` contiguous slices of near-equal size.
    static func split<T>(_ items: [T], into parts: Int) -> [ArraySlice<T>] {
        guard !items.isEmpty else { return [] }
        let count = min(parts * 4, items.count)
        let size = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}

extension OSVDatabase {
    /// Loads every OSV JSON file under `folder` with the live file system.
    ///
    /// - Returns: the database and the diagnostics for skipped files and records.
    /// - Throws: ``OSVError`` when the folder is missing or unreadable.
    public static func load(from folder: String) throws -> (OSVDatabase, [OSVDiagnostic]) {
        try OSVDatabaseLoader().load(from: folder)
    }
}

/// Fixed slots written once each from concurrent workers.
final class ResultSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ slot: Int, _ value: Value) {
        lock.lock()
        values[slot] = value
        lock.unlock()
    }

    func value(_ slot: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[slot]
    }
}
