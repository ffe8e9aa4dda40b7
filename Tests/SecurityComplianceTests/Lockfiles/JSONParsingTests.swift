import Foundation
import SecurityCompliance
import Testing

@Suite("JSON lockfiles: syntax errors and line numbers")
struct JSONParsingTests {
    @Test("malformed package-lock.json gives an error diagnostic with the line of the fault")
    func malformedJSONReportsLine() throws {
        try withTemporaryFolder { folder in
            let path = try folder.write(
                "package-lock.json",
                """
                {
                  "lockfileVersion": 3,
                  "packages": {
                    "node_modules/a": { "version": "1.0.0" },
                    "node_modules/b": { "version": "2.0.0" }
                    "node_modules/c": { "version": "3.0.0" }
                  }
                }
                """)
            let (packages, diagnostics) = LockfileScanner().parse(fileAt: path)
            #expect(packages.isEmpty)
            let diagnostic = try #require(diagnostics.first)
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.file == path)
            #expect(diagnostic.line == 6)
            #expect(diagnostic.message.contains("column 5"))
        }
    }

    @Test("a string left open at the end of the file is reported at its line, not a crash")
    func unterminatedString() throws {
        try withTemporaryFolder { folder in
            let path = try folder.write("composer.lock", "{\n  \"packages\": [\n    {\"name\": \"a/b")
            let (_, diagnostics) = LockfileScanner().parse(fileAt: path)
            #expect(diagnostics.map(\.line) == [3])
        }
    }

    @Test("deeply nested input is rejected with a diagnostic instead of overflowing the stack")
    func deepNestingIsBounded() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (packages, diagnostics) = LockfileScanner().parse(
            contents: Array(("{\"packages\": " + deep + "}").utf8), path: "package-lock.json", as: .npmPackageLock)
        #expect(packages.isEmpty)
        #expect(diagnostics.first?.message.contains("nesting deeper") == true)
    }

    @Test("escapes, unicode and surrogate pairs decode like JSONSerialization")
    func escapesDecode() throws {
        let text = #"{"packages": {"node_modules/\u00e9t\u00e9": {"version": "1.0.0-\ud83d\ude00\n\"x\"\\/"}}}"#
        let (packages, diagnostics) = LockfileScanner().parse(
            contents: Array(text.utf8), path: "package-lock.json", as: .npmPackageLock)
        #expect(diagnostics.isEmpty)
        #expect(packages.map(\.name) == ["été"])
        #expect(packages.map(\.version) == ["1.0.0-😀\n\"x\"\\/"])
    }

    @Test("a top-level null or array is an error, an empty file too")
    func nonObjectDocuments() {
        let scanner = LockfileScanner()
        for text in ["null", "[]", "", "  \n"] {
            let (_, diagnostics) = scanner.parse(contents: Array(text.utf8), path: "composer.lock", as: .composerLock)
            #expect(diagnostics.first?.severity == .error, "\(text.debugDescription)")
        }
    }

    @Test("the package-lock line is the line of each entry's key, in v1 nested trees too")
    func entryLines() {
        let text = """
            {
              "lockfileVersion": 1,
              "dependencies": {
                "a": {
                  "version": "1.0.0",
                  "dependencies": {
                    "b": { "version": "2.0.0", "dev": true }
                  }
                }
              }
            }
            """
        let (packages, _) = LockfileScanner().parse(contents: Array(text.utf8), path: "package-lock.json", as: .npmPackageLock)
        let lines = Dictionary(uniqueKeysWithValues: packages.map { ($0.name, $0.line) })
        #expect(lines == ["a": 4, "b": 7])
        #expect(packages.first { $0.name == "b" }?.groups == ["dev"])
    }
}
