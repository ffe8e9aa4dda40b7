import Foundation
import Testing
@testable import SelfHealing

@Suite("Hostile, empty and binary input never crashes or hangs", .timeLimit(.minutes(1)))
struct HostileInputTests {
    let classifier = FailureClassifier()

    @Test("an empty log is unknown with confidence 0")
    func emptyLog() {
        let verdict = classifier.classify(bytes: [UInt8]())
        #expect(verdict.category == .unknown)
        #expect(verdict.confidence == 0)
        #expect(verdict.evidence.isEmpty)
        #expect(verdict.coarseClass == .unknown)
    }

    @Test("an empty log file is unknown with confidence 0")
    func emptyFile() throws {
        let directory = try ClassificationFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.log").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let verdict = try classifier.classify(fileAt: path)
        #expect(verdict.category == .unknown)
        #expect(verdict.confidence == 0)
        #expect(verdict.file == path)
    }

    @Test("binary garbage and invalid UTF-8 are decoded lossily")
    func binaryGarbage() {
        var generator = SplitMix64(seed: 42)
        var bytes = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // An error line with invalid UTF-8 inside, followed by more garbage.
        bytes += Array("\nfatal: unable to access 'https://x/': Could not resolve host: \u{FF}".utf8) + [0xFF, 0xFE, 0xC3, 0x0A]
        bytes += (0..<1000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let verdict = classifier.classify(bytes: bytes)
        #expect(verdict.category == .network)
        let evidence = verdict.evidence.first { $0.text.contains("Could not resolve host") }
        #expect(evidence != nil)
        #expect(evidence?.text.contains("\u{FFFD}") == true, "invalid bytes become replacement characters")
    }

    @Test("a 100 KB line of one letter, and lines full of keywords, finish quickly", arguments: ["a", "error ", "(((", "failed to ", "ab"])
    func longRepetitiveLines(_ unit: String) {
        let line = String(repeating: unit, count: 100_000 / unit.utf8.count)
        let text = String(repeating: line + "\n", count: 20)
        let verdict = classifier.classify(text: text)
        #expect(FailureCategory.allCases.contains(verdict.category))
    }

    @Test("a heavy user regex only ever sees at most the considered line length")
    func heavyAllowedRegex() throws {
        let rules = try FailureRuleSet.load(yaml: """
            - id: heavy
              category: network
              keywords: ['aa']
              patterns: ['a.*a.*b']
            """, file: "heavy.yml")
        let text = String(repeating: "a", count: 200_000) + "\n"
        let verdict = FailureClassifier(rules: rules).classify(text: text)
        #expect(verdict.category == .unknown, "the considered part of the line has no b")
        let matching = FailureClassifier(rules: rules).classify(text: String(repeating: "a", count: 200_000) + "b\n")
        #expect(matching.category == .network, "the tail of an over-long line is still seen")
        #expect(FailureClassifier.maximumConsideredLineLength == 4096)
    }

    @Test("memory stays bounded: per-rule evidence and the fallback ring do not grow with the log")
    func boundedState() {
        var scanner = classifier.makeScanner()
        let block = Array(String(repeating: "error[E0425]: cannot find value `x` in this scope\nsrc/x.c:1:1: error: boom\n", count: 1000).utf8)
        for _ in 0..<50 { block.withUnsafeBytes { scanner.consume($0) } }
        #expect(scanner.byteCount == block.count * 50)
        let hits = scanner.hits.filter { $0.count > 0 }
        #expect(hits.allSatisfy { $0.evidence.count <= LogScanner.evidencePerRule + 1 })
        #expect(scanner.errorLines.lines.count <= LogScanner.errorLookingLines)
        let verdict = scanner.finish()
        #expect(verdict.category == .compileError)
        #expect(verdict.evidence.count <= ClassificationDecision.evidenceLimit)
    }

    @Test("the result does not depend on how the log is split into chunks", arguments: [1, 2, 3, 7, 64, 4096, 1 << 20])
    func chunkingInvariance(_ chunkSize: Int) throws {
        let excerpt = try #require(try ClassificationFixtures.excerpts(for: .lintError).first { $0.url.lastPathComponent == "black-would-reformat.log" })
        var bytes = try Array(Data(contentsOf: excerpt.url))
        // Add an over-long line (head and tail kept) and a progress bar.
        bytes += Array((String(repeating: "z", count: 30_000) + " tail marker\n").utf8)
        bytes += Array(" 1%\r 50%\r100% would reformat x.py\r\n".utf8)
        let whole = classifier.classify(bytes: bytes)
        var scanner = classifier.makeScanner()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            bytes[offset..<end].withUnsafeBytes { scanner.consume($0) }
            offset = end
        }
        let chunked = scanner.finish()
        #expect(chunked == whole)
        #expect(whole.category == .lintError)
    }

    @Test("a log file is streamed from disk, and a missing file is a clear error")
    func fileAPI() throws {
        let directory = try ClassificationFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("job.log").path
        let line = "Compiling something fine and long enough to fill the buffer nicely\n"
        var text = String(repeating: line, count: 40_000)
        text += "npm ERR! code E401\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let verdict = try classifier.classify(fileAt: path)
        #expect(verdict.category == .auth)
        #expect(verdict.evidence.last?.line == 40_001)

        let missing = directory.appendingPathComponent("nope.log").path
        let error = try #require(throws: LogReadError.self) { try classifier.classify(fileAt: missing) }
        #expect(error.path == missing)
        #expect(error.description.contains("cannot open"))
    }
}

/// A small deterministic random generator for test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
