import Foundation

/// Finds the names of failing tests in a test log: pytest, unittest, XCTest and Swift
/// Testing, jest, `go test` and `cargo test`. Line by line, prefix checks only (no
/// backtracking regexes), at most `limit` names, lines longer than 2,000 bytes ignored.
public enum FailingTests {
    /// The failing test names in `text`, in first-seen order, without duplicates.
    public static func names(in text: String, limit: Int = 50) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ name: String) {
            let n = name.trimmingCharacters(in: .whitespaces)
            guard !n.isEmpty, n.count < 300, out.count < limit, seen.insert(n).inserted else { return }
            out.append(n)
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) where raw.utf8.count < 2_000 {
            let line = raw.trimmingCharacters(in: .whitespaces)
            // unittest: "FAIL: test_x (tests.test_mod.Class.test_x)" / "ERROR: …"
            for prefix in ["FAIL: ", "ERROR: "] where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count)
                if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close {
                    let qualified = rest[rest.index(after: open)..<close]
                    let method = rest[..<open].trimmingCharacters(in: .whitespaces)
                    add(qualified.hasSuffix(method) ? String(qualified) : "\(qualified).\(method)")
                } else if rest.contains("::") {
                    add(String(rest.split(separator: " ").first ?? ""))
                }
            }
            // pytest short summary: "FAILED tests/test_x.py::test_y - AssertionError"
            if line.hasPrefix("FAILED ") && line.contains("::") {
                add(String(line.dropFirst(7).split(separator: " ").first ?? ""))
            }
            // go test: "--- FAIL: TestName (0.00s)"
            if line.hasPrefix("--- FAIL: ") {
                add(String(line.dropFirst(10).split(separator: " ").first ?? ""))
            }
            // cargo test: "test module::name ... FAILED"
            if line.hasPrefix("test "), line.hasSuffix("... FAILED") {
                add(String(line.dropFirst(5).dropLast(10)))
            }
            // XCTest: "Test Case '-[Module.Class testX]' failed" or "Test Case 'Class.testX' failed"
            if line.hasPrefix("Test Case '"), line.contains("' failed") {
                let rest = line.dropFirst(11)
                if let end = rest.range(of: "' failed") {
                    var name = String(rest[..<end.lowerBound])
                    if name.hasPrefix("-[") && name.hasSuffix("]") {
                        name = String(name.dropFirst(2).dropLast()).replacingOccurrences(of: " ", with: ".")
                    }
                    add(name)
                }
            }
            // Swift Testing: "✘ Test nameOfTest() failed after …" / "✘ Test "Display" recorded an issue"
            if line.hasPrefix("✘ Test ") {
                let rest = line.dropFirst(7)
                if let end = rest.range(of: " failed") ?? rest.range(of: " recorded an issue") {
                    add(String(rest[..<end.lowerBound]))
                }
            }
            // jest: "● Suite › test name"
            if line.hasPrefix("● "), line.contains(" › ") {
                add(String(line.dropFirst(2)))
            }
        }
        return out
    }
}
