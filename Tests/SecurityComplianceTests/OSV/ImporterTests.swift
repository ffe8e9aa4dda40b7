import Foundation
import SecurityCompliance
import Testing
import ZIPFoundation

@Suite("Importing osv.dev all.zip exports")
struct ImporterTests {
    /// Writes a real zip with ZIPFoundation.
    private func makeZip(at path: String, entries: [(String, Data)],
                         method: CompressionMethod = .deflate) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: method, bufferSize: 1 << 20) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    private func json(_ id: String, _ ecosystem: String = "PyPI", _ name: String = "requests") -> Data {
        Data(OSVSample.json(id, ecosystem: ecosystem, name: name, fixed: "2.31.0").utf8)
    }

    @Test("a zip installs into one folder per ecosystem and loads")
    func importsAndLoads() throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("all.zip").path
        try makeZip(at: zip, entries: [("PYSEC-1.json", json("PYSEC-1")), ("GHSA-2.json", json("GHSA-2")),
                                       ("nested/GHSA-3.json", json("GHSA-3"))])
        let database = folder.url.appendingPathComponent("db").path

        let summary = try OSVImporter().importZip(at: zip, into: database)

        #expect(summary.ecosystem == "PyPI")
        #expect(summary.recordsWritten == 3)
        #expect(summary.entriesSkipped == 0)
        #expect(summary.replacedExisting == false)
        #expect(try folder.contents(of: "db") == ["PyPI"])
        let (loaded, diagnostics) = try OSVDatabase.load(from: database)
        #expect(diagnostics.isEmpty)
        #expect(loaded.vulnerabilities(ecosystem: "PyPI", name: "Requests", version: "2.30.0").map(\.id)
            == ["GHSA-2", "GHSA-3", "PYSEC-1"])
    }

    @Test("importing the same ecosystem again replaces the earlier import atomically")
    func reimportReplaces() throws {
        let folder = try TemporaryFolder()
        let database = folder.url.appendingPathComponent("db").path
        let first = folder.url.appendingPathComponent("first.zip").path
        let second = folder.url.appendingPathComponent("second.zip").path
        try makeZip(at: first, entries: [("OLD-1.json", json("OLD-1", "npm", "a"))])
        try makeZip(at: second, entries: [("NEW-1.json", json("NEW-1", "npm", "a"))])

        _ = try OSVImporter().importZip(at: first, into: database)
        let summary = try OSVImporter().importZip(at: second, into: database)

        #expect(summary.replacedExisting)
        #expect(try folder.contents(of: "db") == ["npm"])
        #expect(try folder.contents(of: "db/npm") == ["NEW-1.json"])
    }

    @Test("invalid JSON entries are skipped with diagnostics naming the zip and the entry")
    func invalidEntriesSkipped() throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("crates.zip").path
        try makeZip(at: zip, entries: [
            ("RUSTSEC-1.json", json("RUSTSEC-1", "crates.io", "tokio")),
            ("broken.json", Data("{\"id\": ".utf8)),
            ("no-id.json", Data("{\"summary\": \"x\"}".utf8)),
            ("notes.txt", Data("hello".utf8)),
        ])
        let database = folder.url.appendingPathComponent("db").path

        let summary = try OSVImporter().importZip(at: zip, into: database)

        #expect(summary.ecosystem == "crates.io")
        #expect(summary.recordsWritten == 1)
        #expect(summary.entriesSkipped == 3)
        let warnings = summary.diagnostics.filter { $0.level == .warning }
        #expect(Set(warnings.compactMap(\.entry)) == ["broken.json", "no-id.json"])
        #expect(warnings.allSatisfy { $0.file == zip })
        #expect(warnings.first { $0.entry == "no-id.json" }?.message.contains("id") == true)
        #expect(try folder.contents(of: "db/crates.io") == ["RUSTSEC-1.json"])
    }

    @Test("an entry climbing out with ../ rejects the whole zip and writes nothing", arguments: [
        "../evil.json", "a/../../evil.json", "/etc/evil.json", "..\\evil.json", "C:/evil.json",
    ])
    func pathTraversalRejected(entryName: String) throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("evil.zip").path
        try makeZip(at: zip, entries: [("GOOD-1.json", json("GOOD-1")), (entryName, json("EVIL-1"))])
        let database = folder.url.appendingPathComponent("db").path

        #expect {
            try OSVImporter().importZip(at: zip, into: database)
        } throws: { error in
            guard let error = error as? OSVError else { return false }
            return error.code == .unsafeZipEntry && error.path == zip && error.entry == entryName
                && error.description.contains(zip) && error.description.contains(entryName)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("evil.json").path))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test("a symbolic link entry is rejected")
    func symlinkRejected() throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("link.zip").path
        let archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .create)
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "link.json", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
            target.subdata(in: Int(position)..<(Int(position) + size))
        }
        #expect {
            try OSVImporter().importZip(at: zip, into: folder.url.appendingPathComponent("db").path)
        } throws: { error in
            (error as? OSVError)?.code == .unsafeZipEntry && (error as? OSVError)?.entry == "link.json"
        }
    }

    @Test("a zip bomb (200 MB of zeros in one entry) is rejected before it is inflated")
    func zipBombRejected() throws {
        let folder = try TemporaryFolder()
        let zip = folder.url.appendingPathComponent("bomb.zip").path
        let zeros = Data(count: 200 * 1_000_000)
        try makeZip(at: zip, entries: [("GOOD-1.json", json("GOOD-1")), ("zeros.json", zeros)])
        let zipSize = try #require(try FileManager.default.attributesOfItem(atPath: zip)[.size] as? Int)
        #expect(zipSize < 1_000_000)
        let database = folder.url.appendingPathComponent("db").path

        #expect {
            try OSVImporter().importZip(at: zip, into: database)
        } throws: { error in
            guard let error = error as? OSVError else { return false }
            return error.code == .zipLimitExceeded && error.entry == "zeros.json" && error.path == zip
        }
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test("limits on total size, entry count and compression ratio each stop an import")
    func otherLimits() throws {
        let folder = try TemporaryFolder()
        let database = folder.url.appendingPathComponent("db").path
        let ratioZip = folder.url.appendingPathComponent("ratio.zip").path
        try makeZip(at: ratioZip, entries: [("zeros.json", Data(count: 4 << 20))])
        let many = folder.url.appendingPathComponent("many.zip").path
        try makeZip(at: many, entries: (0..<5).map { ("E-\($0).json", json("E-\($0)")) })

        func code(_ limits: ZipImportLimits, _ zip: String) -> (OSVError.Code?, String?) {
            do {
                _ = try OSVImporter(limits: limits).importZip(at: zip, into: database)
                return (nil, nil)
            } catch {
                return ((error as? OSVError)?.code, (error as? OSVError)?.message)
            }
        }
        let ratio = code(ZipImportLimits(), ratioZip)
        #expect(ratio.0 == .zipLimitExceeded)
        #expect(ratio.1?.contains("zip bomb") == true)
        #expect(code(ZipImportLimits(maxEntries: 4), many).0 == .zipLimitExceeded)
        #expect(code(ZipImportLimits(maxTotalBytes: 2_000), many).0 == .zipLimitExceeded)
        #expect(code(ZipImportLimits(maxEntries: 5), many).0 == nil)
        #expect(try folder.contents(of: "db").filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("several zips import one by one and a bad one does not stop the others")
    func severalZips() throws {
        let folder = try TemporaryFolder()
        let database = folder.url.appendingPathComponent("db").path
        let npm = folder.url.appendingPathComponent("npm.zip").path
        let evil = folder.url.appendingPathComponent("evil.zip").path
        let go = folder.url.appendingPathComponent("go.zip").path
        try makeZip(at: npm, entries: [("N-1.json", json("N-1", "npm", "a"))])
        try makeZip(at: evil, entries: [("../x.json", json("X-1"))])
        try makeZip(at: go, entries: [("G-1.json", json("G-1", "Go", "example.com/m"))])

        let results = OSVImporter().importZips(at: [npm, evil, go], into: database)

        #expect(results.count == 3)
        #expect((try? results[0].get())?.ecosystem == "npm")
        #expect(throws: OSVError.self) { try results[1].get() }
        #expect((try? results[2].get())?.ecosystem == "Go")
        #expect(try folder.contents(of: "db") == ["Go", "npm"])
    }

    @Test("a file that is not a zip is reported as unreadable")
    func notAZip() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("plain text", to: "fake.zip")
        #expect {
            try OSVImporter().importZip(at: path, into: folder.url.appendingPathComponent("db").path)
        } throws: { error in
            (error as? OSVError)?.code == .zipUnreadable
        }
    }

    @Test("the ecosystem can be given explicitly; a zip with no records needs it")
    func explicitEcosystem() throws {
        let folder = try TemporaryFolder()
        let database = folder.url.appendingPathComponent("db").path
        let zip = folder.url.appendingPathComponent("all.zip").path
        try makeZip(at: zip, entries: [("notes.txt", Data("x".utf8))])
        #expect {
            try OSVImporter().importZip(at: zip, into: database)
        } throws: { error in
            (error as? OSVError)?.code == .unknownEcosystem
        }
        let summary = try OSVImporter().importZip(at: zip, into: database, ecosystem: "Red Hat:enterprise_linux:9")
        #expect(summary.ecosystem == "Red_Hat")
        #expect(try folder.contents(of: "db") == ["Red_Hat"])
    }
}
