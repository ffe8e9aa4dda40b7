import Foundation
import InfinityJSON
import SecurityCompliance
import Testing

@Suite("Loading the offline OSV folder")
struct DatabaseLoadingTests {
    @Test("files at any depth load; invalid ones are skipped with the file name and the reason")
    func loadsNestedFoldersAndSkipsInvalid() throws {
        let folder = try TemporaryFolder()
        try folder.write(OSVSample.json("GHSA-aaaa", ecosystem: "npm", name: "lodash", fixed: "4.17.21"),
                         to: "npm/GHSA-aaaa.json")
        try folder.write(OSVSample.json("PYSEC-1", ecosystem: "PyPI", name: "Django", fixed: "3.2.5"),
                         to: "PyPI/2024/PYSEC-1.json")
        try folder.write(OSVSample.json("TOP-1", ecosystem: "Go", name: "golang.org/x/net", fixed: "0.17.0"),
                         to: "TOP-1.json")
        let broken = try folder.write("{ \"id\": \"BROKEN-1\", \"affected\": [ ", to: "npm/BROKEN-1.json")
        let wrongType = try folder.write("{\"id\": \"BAD-2\", \"aliases\": 5}", to: "npm/BAD-2.json")
        let badEvent = try folder.write("""
            {"id": "BAD-3", "affected": [{"package": {"ecosystem": "npm", "name": "x"},
              "ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}]}]}
            """, to: "npm/BAD-3.json")
        let noIntroduced = try folder.write("""
            {"id": "BAD-4", "affected": [{"package": {"ecosystem": "npm", "name": "x"},
              "ranges": [{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}]}]}
            """, to: "npm/BAD-4.json")
        try folder.write(OSVSample.json("HIDDEN-1", ecosystem: "npm", name: "lodash"), to: ".import-x/HIDDEN-1.json")
        try folder.write("not json, not loaded", to: "npm/README.md")

        let (database, diagnostics) = try OSVDatabase.load(from: folder.path)

        #expect(database.count == 3)
        #expect(database.advisory(id: "HIDDEN-1") == nil)
        #expect(Set(diagnostics.map(\.file)) == [broken, wrongType, badEvent, noIntroduced])
        let wrongTypeReason = try #require(diagnostics.first { $0.file == wrongType })
        #expect(wrongTypeReason.message.contains("aliases"))
        let badEventReason = try #require(diagnostics.first { $0.file == badEvent })
        #expect(badEventReason.message.contains("exactly one"))
        let matches = database.vulnerabilities(ecosystem: "PyPI", name: "django", version: "3.1.0")
        #expect(matches.map(\.id) == ["PYSEC-1"])
        #expect(matches.first?.severity == .critical)
        #expect(matches.first?.fixedVersion == "3.2.5")
        #expect(database.vulnerabilities(ecosystem: "Go", name: "golang.org/x/net", version: "v0.16.0").count == 1)
    }

    @Test("a file holding an array loads every valid element and reports the bad one by position")
    func arrayFiles() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("[\(OSVSample.json("ARR-1", ecosystem: "npm", name: "a")), {\"summary\": 1}, "
                                    + "\(OSVSample.json("ARR-2", ecosystem: "npm", name: "b"))]", to: "batch.json")
        let (database, diagnostics) = try OSVDatabase.load(from: folder.path)
        #expect(database.count == 2)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == path)
        #expect(diagnostics.first?.entry == "#1")
    }

    @Test("JSONDecoder and the loader read the same record, and it survives an encode/decode round trip")
    func decodingPathsAgree() throws {
        let folder = try TemporaryFolder()
        let text = OSVSample.json("SAME-1", ecosystem: "Maven:https://maven.google.com", name: "g:a", fixed: "1.2")
        try folder.write(text, to: "SAME-1.json")
        let (database, diagnostics) = try OSVDatabase.load(from: folder.path)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(database.advisory(id: "SAME-1"))
        let decoded = try JSONDecoder().decode(OSVVulnerability.self, from: Data(text.utf8))
        #expect(loaded == decoded)
        #expect(loaded.databaseSpecific?["github_reviewed"] == .bool(true))
        #expect(loaded.affected.first?.ecosystemSpecific?["affected_functions"] == .array([.string("a.b")]))
        let roundTrip = try JSONDecoder().decode(OSVVulnerability.self, from: JSONEncoder().encode(loaded))
        #expect(roundTrip == loaded)
    }

    @Test("a missing folder is an error that says how to fill it")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("nope").path
        #expect {
            try OSVDatabase.load(from: missing)
        } throws: { error in
            guard let error = error as? OSVError else { return false }
            return error.code == .databaseUnreadable && error.path == missing
                && error.message.contains("osv import")
        }
    }

    @Test("an empty folder loads an empty database")
    func emptyFolder() throws {
        let folder = try TemporaryFolder()
        let (database, diagnostics) = try OSVDatabaseLoader(concurrency: 1).load(from: folder.path)
        #expect(database.count == 0)
        #expect(diagnostics.isEmpty)
        #expect(database.vulnerabilities(ecosystem: "npm", name: "a", version: "1.0.0").isEmpty)
    }
}
