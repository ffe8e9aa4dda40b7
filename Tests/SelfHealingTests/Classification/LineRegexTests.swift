import Testing
@testable import SelfHealing

@Suite("The rule regex matcher agrees with ordinary regex semantics and stays linear", .timeLimit(.minutes(1)))
struct LineRegexTests {
    func regex(_ pattern: String, caseSensitive: Bool = false) throws -> LineRegex {
        try LineRegex(RegexParser.parse(pattern), caseSensitive: caseSensitive)
    }

    @Test("matches and non-matches", arguments: [
        (#"error\[E\d{4}\]"#, "error[E0425]: cannot find", true),
        (#"error\[E\d{4}\]"#, "error[E042]: short", false),
        (#"^FAILED \S+::\S+"#, "FAILED tests/a.py::test_x - boom", true),
        (#"^FAILED \S+::\S+"#, " FAILED tests/a.py::test_x", false),
        (#"\b[1-9]\d* vulnerabilit(y|ies) found"#, "error: 12 vulnerabilities found!", true),
        (#"\b[1-9]\d* vulnerabilit(y|ies) found"#, "0 vulnerabilities found", false),
        (#"\b[1-9]\d* vulnerabilit(y|ies) found"#, "x10 vulnerabilities found", false),
        (#"colou?r"#, "COLOR", true),
        (#"^\s+\d+:\d+\s+error\s+.+\s\S+$"#, "  14:10  error  'x' is unused  no-unused-vars", true),
        (#"^\s+\d+:\d+\s+error\s+.+\s\S+$"#, "14:10  error  'x' is unused  no-unused-vars", false),
        (#"a{2,3}b"#, "xaab", true),
        (#"a{2,3}b"#, "xab", false),
        (#"^(foo|bar)$"#, "bar", true),
        (#"^(foo|bar)$"#, "bars", false),
        (#"^foo|bar"#, "xbar", true),
        (#"^foo|bar"#, "foo!", true),
        (#"[^\]]+\] tail"#, "[abc] tail", true),
        (#"✖ \d+ problems?"#, "✖ 4 problems (3 errors)", true),
        (#"[✘✖] done"#, "✘ done", true),
        (#"x.y"#, "xéy", true),
        (#"\Qa.b\E!"#, "a.b!", true),
        (#"\Qa.b\E!"#, "axb!", false),
        (#"\bSC\d{4}\b"#, "SC2086 (info)", true),
        (#"\bSC\d{4}\b"#, "XSC2086", false),
        (#"(?i)^error"#, "ERROR: x", true),
        (#"a\.b"#, "a.b", true),
        (#"a\.b"#, "axb", false),
    ])
    func semantics(_ pattern: String, _ line: String, _ expected: Bool) throws {
        #expect(try regex(pattern).matches(line) == expected, "\(pattern) on \(line)")
    }

    @Test("case sensitivity follows the rule setting")
    func caseSensitivity() throws {
        #expect(try regex("Killed", caseSensitive: true).matches("Killed") == true)
        #expect(try regex("Killed", caseSensitive: true).matches("killed") == false)
        #expect(try regex("Killed", caseSensitive: false).matches("KILLED") == true)
        #expect(try regex("[a-c]x", caseSensitive: false).matches("Bx") == true)
    }

    @Test("patterns that make backtracking engines explode run in linear time")
    func noCatastrophicBacktracking() throws {
        let line = String(repeating: "a", count: 4096)
        for pattern in ["a.*a.*a.*b", "a*a*a*a*a*b", #"(a|a)b"#, ".*.*.*=", #"\S+\s*\S+x"#] {
            #expect(try regex(pattern).matches(line) == false, "\(pattern)")
        }
        #expect(try regex("a.*a.*a.*b").matches(line + "b") == true)
    }

    @Test("oversized programs are refused")
    func oversized() {
        #expect(throws: RegexAnalysis.Problem.self) { try self.regex("(abcdefghij){500}") }
    }
}
