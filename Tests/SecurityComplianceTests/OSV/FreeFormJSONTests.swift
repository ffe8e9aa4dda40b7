import Foundation
import InfinityJSON
import SecurityCompliance
import Testing

@Suite("OSV free-form JSON (ecosystem_specific, database_specific)")
struct FreeFormJSONTests {
    /// A record whose free-form objects hold every kind of number `JSONDecoder` tells apart.
    private static let record = """
        {"id": "NUM-1", "modified": "2024-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "npm", "name": "n"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}],
                       "database_specific": {"weight": 2.5}}],
           "ecosystem_specific": {"line": 42, "big": 9223372036854775807, "bigger": 9223372036854775808}}],
         "database_specific": {"whole": 1.0, "exp": 1e2, "frac": -0.125, "neg": -7, "flag": false,
                               "list": [1, "1", null, {"k": 3}]}}
        """

    @Test("the folder loader, JSONDecoder and the index cache give the same integers and doubles")
    func numbersAgreeAcrossReaders() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.record, to: "npm/NUM-1.json")
        let decoded = try JSONDecoder().decode(OSVVulnerability.self, from: Data(Self.record.utf8))

        let (loaded, loadDiagnostics) = try OSVDatabaseLoader().load(from: folder.path)
        #expect(loadDiagnostics.isEmpty)
        #expect(try folder.contents().contains(".osv-index-cache"))
        let (cached, _) = try OSVDatabaseLoader().load(from: folder.path)

        let fromFolder = try #require(loaded.advisory(id: "NUM-1"))
        let fromCache = try #require(cached.advisory(id: "NUM-1"))
        #expect(fromFolder == decoded)
        #expect(fromCache == decoded)

        let top = try #require(fromCache.databaseSpecific)
        #expect(top["whole"] == .int(1))
        #expect(top["exp"] == .int(100))
        #expect(top["frac"] == .double(-0.125))
        #expect(top["neg"] == .int(-7))
        #expect(top["flag"] == .bool(false))
        #expect(top["list"] == .array([.int(1), .string("1"), .null, .object(["k": .int(3)])]))
        let affected = try #require(fromCache.affected.first)
        #expect(affected.ecosystemSpecific?["line"] == .int(42))
        #expect(affected.ecosystemSpecific?["big"] == .int(Int.max))
        #expect(affected.ecosystemSpecific?["bigger"] == .double(9_223_372_036_854_775_808))
        #expect(affected.ranges.first?.databaseSpecific?["weight"] == .double(2.5))
    }

    @Test("a cache written before integers had their own tag is not read")
    func olderCacheFormatIsRebuilt() throws {
        let folder = try TemporaryFolder()
        try folder.write(Self.record, to: "npm/NUM-1.json")
        _ = try OSVDatabaseLoader().load(from: folder.path)
        let cachePath = folder.url.appendingPathComponent(".osv-index-cache")
        var bytes = try Data(contentsOf: cachePath)
        #expect(bytes.prefix(8) == Data("OSVIDX02".utf8))
        bytes.replaceSubrange(0..<8, with: Data("OSVIDX01".utf8))
        try bytes.write(to: cachePath)

        let files = CountingFileSystem()
        let (reloaded, _) = try OSVDatabaseLoader(fileSystem: files).load(from: folder.path)
        #expect(files.readPaths.contains { $0.hasSuffix("NUM-1.json") })
        #expect(reloaded.advisory(id: "NUM-1")?.databaseSpecific?["whole"] == .int(1))
    }
}
