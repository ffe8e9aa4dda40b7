import Foundation
import InfinityJSON
import SecurityCompliance
import Synchronization
import Testing

@Suite("Adding line hashes to existing SARIF")
struct SARIFFingerprinterTests {
    static let fixturesMissing: Comment = "shared/eval/sarif-fingerprints is missing; set INFINITY_SHARED_DIR"

    /// A fingerprinter whose source root is `/src`, reading `source-files.json`.
    static func fixtureFingerprinter() throws -> SARIFFingerprinter {
        let files = try SARIFTestSupport.sourceFiles()
        return SARIFFingerprinter(sourceRoot: "/src") { path in
            guard path.hasPrefix("/src/") else { return nil }
            return files[String(path.dropFirst("/src/".count))].map { Array($0.utf8) }
        }
    }

    static func parse(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: SARIFTestSupport.fixture(name))
    }

    @Test("fingerprinting.input.sarif becomes fingerprinting.expected.sarif", .enabled(if: SARIFTestSupport.hasFingerprintFixtures, fixturesMissing))
    func addFingerprintsMatchesUpstream() throws {
        let (output, report) = try Self.fixtureFingerprinter().addFingerprints(to: Self.parse("fingerprinting.input.sarif"))
        #expect(output == (try Self.parse("fingerprinting.expected.sarif")))
        #expect(report.added == 2)
        #expect(report.conflicts.isEmpty)
    }

    @Test("a result without a region gets no line hash (fingerprinting2)", .enabled(if: SARIFTestSupport.hasFingerprintFixtures, fixturesMissing))
    func missingRegion() throws {
        let input = try Self.parse("fingerprinting2.input.sarif")
        let (output, report) = try Self.fixtureFingerprinter().addFingerprints(to: input)
        #expect(output == (try Self.parse("fingerprinting2.expected.sarif")))
        #expect(output == input)
        #expect(report.added == 0)
        #expect(report.skipped == 1)
    }

    @Test("real files in a temp checkout, read through the live reader, give the same output", .enabled(if: SARIFTestSupport.hasFingerprintFixtures, fixturesMissing))
    func liveReaderOnTempCheckout() throws {
        let root = try SARIFTestSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, contents) in try SARIFTestSupport.sourceFiles() {
            try Data(contents.utf8).write(to: root.appendingPathComponent(name))
        }
        let fingerprinter = SARIFFingerprinter(sourceRoot: root.path)
        let (data, report) = try fingerprinter.addFingerprints(
            toSARIFData: SARIFTestSupport.fixture("fingerprinting.input.sarif"), fileName: "fingerprinting.input.sarif")
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == (try Self.parse("fingerprinting.expected.sarif")))
        #expect(report.added == 2)
    }

    @Test("an existing different line hash is kept and reported as a conflict")
    func existingHashKept() throws {
        let sarif: JSONValue = .object([
            "version": .string("2.1.0"),
            "runs": .array([.object([
                "tool": .object(["driver": .object(["name": .string("t")])]),
                "results": .array([.object([
                    "message": .object(["text": .string("m")]),
                    "locations": .array([.object(["physicalLocation": .object([
                        "artifactLocation": .object(["uri": .string("a.js")]),
                        "region": .object(["startLine": .int(1)]),
                    ])])]),
                    "partialFingerprints": .object(["primaryLocationLineHash": .string("dead:1")]),
                ])]),
            ])]),
        ])
        let fingerprinter = SARIFFingerprinter(sourceRoot: "/r") { $0 == "/r/a.js" ? Array("var a;\n".utf8) : nil }
        let (output, report) = fingerprinter.addFingerprints(to: sarif)
        #expect(output == sarif)
        let computed = PrimaryLocationLineHash.hashes(forFileContents: Array("var a;\n".utf8))[1]!
        #expect(report.conflicts == [.init(file: "/r/a.js", line: 1, existing: "dead:1", computed: computed)])
    }

    @Test("URIs that leave the source root, use other schemes or point at missing files are skipped")
    func unsafeOrUnknownLocationsSkipped() {
        func sarif(uri: String) -> JSONValue {
            .object(["version": .string("2.1.0"), "runs": .array([.object([
                "tool": .object(["driver": .object(["name": .string("t")])]),
                "results": .array([.object([
                    "message": .object(["text": .string("m")]),
                    "locations": .array([.object(["physicalLocation": .object([
                        "artifactLocation": .object(["uri": .string(uri)]),
                        "region": .object(["startLine": .int(1)]),
                    ])])]),
                ])]),
            ])])])
        }
        let reads = ReadLog()
        let fingerprinter = SARIFFingerprinter(sourceRoot: "/r") { path in
            reads.append(path)
            return path == "/r/ok%20name.js" || path == "/r/ok name.js" ? Array("x\n".utf8) : nil
        }
        for uri in ["../etc/passwd", "/etc/passwd", "https://example.com/a.js", "file:///other/a.js", "missing.js"] {
            let input = sarif(uri: uri)
            let (output, report) = fingerprinter.addFingerprints(to: input)
            #expect(output == input, "\(uri)")
            #expect(report.added == 0)
        }
        #expect(reads.paths == ["/r/missing.js"])
        let (_, report) = fingerprinter.addFingerprints(to: sarif(uri: "ok%20name.js"))
        #expect(report.added == 1)
        #expect(reads.paths.last == "/r/ok name.js")
    }

    /// Records the paths a reader was asked for.
    final class ReadLog: Sendable {
        private let storage = Mutex<[String]>([])
        func append(_ path: String) { storage.withLock { $0.append(path) } }
        var paths: [String] { storage.withLock { $0 } }
    }
}
