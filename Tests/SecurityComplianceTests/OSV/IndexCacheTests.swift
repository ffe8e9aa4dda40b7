import Foundation
import SecurityCompliance
import Testing

/// The live file system, counting reads and optionally refusing writes.
final class CountingFileSystem: OSVFileSystem, @unchecked Sendable {
    private let live = LocalOSVFileSystem()
    private let lock = NSLock()
    private var reads: [String] = []
    let refuseWrites: Bool

    init(refuseWrites: Bool = false) { self.refuseWrites = refuseWrites }

    var readPaths: [String] { lock.withLock { reads } }

    func jsonFiles(under folder: String) throws -> [OSVFileInfo] { try live.jsonFiles(under: folder) }

    func readFile(at path: String) throws -> Data {
        lock.withLock { reads.append(path) }
        return try live.readFile(at: path)
    }

    func writeFile(_ data: Data, to path: String) throws {
        if refuseWrites { throw CocoaError(.fileWriteNoPermission) }
        try live.writeFile(data, to: path)
    }

    func createDirectory(at path: String) throws { try live.createDirectory(at: path) }
    func moveItem(from source: String, to destination: String) throws { try live.moveItem(from: source, to: destination) }
    func removeItem(at path: String) throws { try live.removeItem(at: path) }
    func itemExists(at path: String) -> (exists: Bool, isDirectory: Bool) { live.itemExists(at: path) }
}

@Suite("The index cache")
struct IndexCacheTests {
    private func makeFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(OSVSample.json("C-1", ecosystem: "npm", name: "a", fixed: "1.0.0"), to: "npm/C-1.json")
        try folder.write(OSVSample.json("C-2", ecosystem: "PyPI", name: "b", fixed: "2.0"), to: "PyPI/C-2.json")
        try folder.write("{broken", to: "npm/broken.json")
        return folder
    }

    @Test("a second load reads only the cache and gives the same advisories and diagnostics")
    func secondLoadUsesCache() throws {
        let folder = try makeFolder()
        let (first, firstDiagnostics) = try OSVDatabaseLoader().load(from: folder.path)
        #expect(try folder.contents().contains(".osv-index-cache"))

        let files = CountingFileSystem()
        let (second, secondDiagnostics) = try OSVDatabaseLoader(fileSystem: files).load(from: folder.path)

        #expect(files.readPaths == [folder.url.appendingPathComponent(".osv-index-cache").path])
        #expect(second.vulnerabilities == first.vulnerabilities)
        #expect(secondDiagnostics == firstDiagnostics)
        #expect(secondDiagnostics.count == 1)
        #expect(second.vulnerabilities(ecosystem: "npm", name: "a", version: "0.5.0").map(\.id) == ["C-1"])
    }

    @Test("a changed, added or removed file invalidates the cache")
    func changesInvalidate() throws {
        let folder = try makeFolder()
        _ = try OSVDatabaseLoader().load(from: folder.path)

        try folder.write(OSVSample.json("C-1", ecosystem: "npm", name: "a", fixed: "1.0.10"), to: "npm/C-1.json")
        let (changed, _) = try OSVDatabaseLoader().load(from: folder.path)
        #expect(changed.vulnerabilities(ecosystem: "npm", name: "a", version: "1.0.5").map(\.id) == ["C-1"])

        try folder.write(OSVSample.json("C-3", ecosystem: "npm", name: "a", fixed: "3.0.0"), to: "npm/C-3.json")
        let (added, _) = try OSVDatabaseLoader().load(from: folder.path)
        #expect(added.count == 3)

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("PyPI/C-2.json"))
        let files = CountingFileSystem()
        let (removed, _) = try OSVDatabaseLoader(fileSystem: files).load(from: folder.path)
        #expect(removed.count == 2)
        #expect(files.readPaths.count == 4)
    }

    @Test("a damaged cache is ignored and rewritten", arguments: [Data(), Data("OSVIDX01garbage".utf8)])
    func damagedCache(garbage: Data) throws {
        let folder = try makeFolder()
        let (expected, _) = try OSVDatabaseLoader().load(from: folder.path)
        let cache = folder.url.appendingPathComponent(".osv-index-cache")
        let good = try Data(contentsOf: cache)
        for damaged in [garbage, good.prefix(good.count / 2), good + Data([0])] {
            try damaged.write(to: cache)
            let (loaded, diagnostics) = try OSVDatabaseLoader().load(from: folder.path)
            #expect(loaded.vulnerabilities == expected.vulnerabilities)
            #expect(diagnostics.count == 1)
            #expect(try Data(contentsOf: cache) == good)
        }
    }

    @Test("a folder that cannot be written loads without a cache and says so")
    func unwritableFolder() throws {
        let folder = try makeFolder()
        let (database, diagnostics) = try OSVDatabaseLoader(fileSystem: CountingFileSystem(refuseWrites: true))
            .load(from: folder.path)
        #expect(database.count == 2)
        #expect(diagnostics.contains { $0.level == .note && $0.message.contains("index cache") })
        #expect(try !folder.contents().contains(".osv-index-cache"))
    }

    @Test("the cache can be turned off")
    func cacheOff() throws {
        let folder = try makeFolder()
        _ = try OSVDatabaseLoader(useCache: false).load(from: folder.path)
        #expect(try !folder.contents().contains(".osv-index-cache"))
    }
}
