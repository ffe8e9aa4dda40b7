import Foundation
import SecurityCompliance
import Testing

@Suite("primaryLocationLineHash")
struct PrimaryLocationLineHashTests {
    struct HashCases: Decodable {
        struct Case: Decodable {
            var input: String
            var expected_hashes: [String]
            var ts_source_line: Int
        }
        var cases: [Case]
    }

    @Test(
        "every codeql-action hash vector matches, line by line and in order",
        .enabled(if: SARIFTestSupport.hasFingerprintFixtures, "shared/eval/sarif-fingerprints is missing; set INFINITY_SHARED_DIR")
    )
    func upstreamVectors() throws {
        let cases = try JSONDecoder().decode(HashCases.self, from: SARIFTestSupport.fixture("hash-cases.json")).cases
        #expect(cases.count == 9)
        var checked = 0
        for testCase in cases {
            var lines: [Int] = []
            var hashes: [String] = []
            PrimaryLocationLineHash.forEachLineHash(inFileContents: Array(testCase.input.utf8)) { line, hash in
                lines.append(line)
                hashes.append(hash)
            }
            #expect(hashes == testCase.expected_hashes, "case from fingerprints.test.ts line \(testCase.ts_source_line)")
            #expect(lines == Array(1...max(1, lines.count)), "lines arrive in order")
            let splitCount = testCase.input.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
            #expect(hashes.count == splitCount)
            checked += hashes.count
        }
        #expect(checked == 58)
    }

    @Test("the dictionary form agrees with the streaming form and with a line subset")
    func dictionaryAndSubset() {
        let contents = Array("let a = 1\nlet b = 2\n\nlet a = 1\n".utf8)
        var streamed: [Int: String] = [:]
        PrimaryLocationLineHash.forEachLineHash(inFileContents: contents) { streamed[$0] = $1 }
        #expect(PrimaryLocationLineHash.hashes(forFileContents: contents) == streamed)
        let subset = PrimaryLocationLineHash.hashes(forFileContents: contents, lines: [2, 4, 99])
        #expect(subset == [2: streamed[2]!, 4: streamed[4]!])
        // Lines 1 and 4 hold the same text but different windows follow them.
        #expect(streamed[1] != streamed[4])
    }

    @Test("spaces, tabs and line-ending style do not change the hashes")
    func whitespaceInsensitive() {
        let plain = PrimaryLocationLineHash.hashes(forFileContents: Array("if x {\nreturn 1\n}\n".utf8))
        let spaced = PrimaryLocationLineHash.hashes(forFileContents: Array("if x {  \r\n\t\treturn 1\r\n}\t\r\n".utf8))
        #expect(plain == spaced)
    }

    @Test("only the first 100 counted characters after a line start contribute to its hash")
    func windowIsOneHundredCharacters() {
        let head = String(repeating: "x", count: 119)
        let first = PrimaryLocationLineHash.hashes(forFileContents: Array((head + "a" + String(repeating: "x", count: 30) + "\nb").utf8))
        let second = PrimaryLocationLineHash.hashes(forFileContents: Array((head + "b" + String(repeating: "x", count: 30) + "\nb").utf8))
        #expect(first == second)
        let near = PrimaryLocationLineHash.hashes(forFileContents: Array((String(repeating: "x", count: 98) + "a\nb").utf8))
        let nearChanged = PrimaryLocationLineHash.hashes(forFileContents: Array((String(repeating: "x", count: 98) + "b\nb").utf8))
        #expect(near[1] != nearChanged[1])
        #expect(near[2] == nearChanged[2])
    }

    // Expected values computed with an independent Python implementation of the same
    // algorithm (validated against all 58 upstream vectors first), reading the text as
    // UTF-16 code units like JavaScript's charCodeAt.
    @Test("non-ASCII text is hashed as UTF-16 code units, surrogate pairs and BOM included")
    func utf16CodeUnits() {
        let text = "caf\u{00E9} \u{1F600}\n\tb\r\n"
        #expect(PrimaryLocationLineHash.hashes(forFileContents: Array(text.utf8))
            == [1: "f921bec318e6380d:1", 2: "ade70578248be16f:1", 3: "c129715d7a2bc9a3:1"])
        let bom = "\u{FEFF}x\n"
        #expect(PrimaryLocationLineHash.hashes(forFileContents: Array(bom.utf8))
            == [1: "51bfbc6e89697e4c:1", 2: "c129715d7a2bc9a3:1"])
    }

    @Test("invalid UTF-8 is hashed as replacement characters without failing")
    func invalidUTF8() {
        let invalid: [UInt8] = [0x61, 0xFF, 0xFE, 0x0A, 0x62]
        let replaced = Array("a\u{FFFD}\u{FFFD}\nb".utf8)
        let hashes = PrimaryLocationLineHash.hashes(forFileContents: invalid)
        #expect(hashes.count == 2)
        #expect(hashes == PrimaryLocationLineHash.hashes(forFileContents: replaced))
    }
}
