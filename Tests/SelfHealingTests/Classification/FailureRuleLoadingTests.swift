import Foundation
import Testing
@testable import SelfHealing

@Suite("Rule files load, extend and override the built-in rules, and bad rules are refused with their location")
struct FailureRuleLoadingTests {
    @Test("the embedded default rules load, with unique ids, descriptions and remedies")
    func defaultRulesLoad() throws {
        let rules = try FailureRuleSet.load(yaml: DefaultFailureRules.yaml, file: DefaultFailureRules.fileName)
        #expect(rules.rules.count >= 80)
        #expect(FailureRuleSet.default.rules.count == rules.rules.count)
        #expect(Set(rules.rules.map(\.id)).count == rules.rules.count)
        for rule in rules.rules {
            #expect(rule.description?.isEmpty == false, "\(rule.id) has no description")
            #expect(rule.remedy?.isEmpty == false, "\(rule.id) has no remedy")
            #expect(!rule.patterns.isEmpty)
        }
        let categories = Set(rules.rules.map(\.category))
        let expected = Set(FailureCategory.allCases).subtracting([.flakyTest, .unknown])
        #expect(expected.isSubset(of: categories), "every category except flaky_test and unknown has rules")
    }

    @Test("the Swift literal is generated from the YAML file next to it")
    func generatedLiteralMatchesYAML() throws {
        let yamlURL = ClassificationFixtures.packageRoot
            .appendingPathComponent("Sources/SelfHealing/Classification/DefaultFailureRules.yaml")
        let onDisk = try String(decoding: Data(contentsOf: yamlURL), as: UTF8.self)
        #expect(onDisk == DefaultFailureRules.yaml + "\n" || onDisk == DefaultFailureRules.yaml,
                "run benchmarks/classifier/gen-default-rules.sh after editing DefaultFailureRules.yaml")
    }

    @Test("a user rule with the same id overrides only the fields it sets; disabled rules drop out")
    func overrides() throws {
        let user = """
            rules:
              - id: disk.enospc
                weight: 20
                remedy: 'Ask #infra to grow the runner disk.'
              - id: oom.exit-137
                disabled: true
              - id: myorg.flaky-marker
                category: flaky_test
                weight: 99
                description: Our test wrapper prints this when a retry passed.
                remedy: Quarantine the test.
                patterns:
                  - literal: 'FLAKY-RETRY-PASSED'
            """
        let rules = try FailureRuleSet.default.extended(withYAML: user, file: "org-rules.yml")
        let disk = try #require(rules.rule(id: "disk.enospc"))
        #expect(disk.weight == 20)
        #expect(disk.remedy == "Ask #infra to grow the runner disk.")
        #expect(disk.category == .diskFull)
        #expect(disk.patterns == FailureRuleSet.default.rule(id: "disk.enospc")?.patterns)
        #expect(disk.source?.file == "org-rules.yml")
        #expect(rules.rule(id: "oom.exit-137")?.disabled == true)
        #expect(!rules.enabledRules.contains { $0.id == "oom.exit-137" })
        #expect(rules.rules.count == FailureRuleSet.default.rules.count + 1)

        let classifier = FailureClassifier(rules: rules)
        let custom = classifier.classify(text: "suite: FLAKY-RETRY-PASSED for test_a\n")
        #expect(custom.category == .flakyTest)
        #expect(custom.ruleID == "myorg.flaky-marker")
        #expect(custom.remedy == "Quarantine the test.")
        let exit137 = classifier.classify(text: "ERROR: Job failed: exit code 137\n")
        #expect(exit137.ruleID != "oom.exit-137")
        #expect(FailureClassifier().classify(text: "ERROR: Job failed: exit code 137\n").ruleID == "oom.exit-137")
    }

    @Test("a user file is read from disk, and an unreadable one is a clear error")
    func fromDisk() throws {
        let directory = try ClassificationFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rules.yml").path
        try "- id: only.rule\n  category: auth\n  patterns: ['nope: denied']\n".write(toFile: path, atomically: true, encoding: .utf8)
        let standalone = try FailureRuleSet.load(fileAt: path)
        #expect(standalone.rules.map(\.id) == ["only.rule"])
        let extended = try FailureRuleSet.default.extended(withFileAt: path)
        #expect(extended.rule(id: "only.rule")?.category == .auth)

        let missing = directory.appendingPathComponent("missing.yml").path
        let error = try #require(throws: FailureRuleError.self) { try FailureRuleSet.load(fileAt: missing) }
        #expect(error.code == .unreadableFile)
        #expect(error.description.contains(missing))
    }

    @Test("a bad regex names the rule id and the file:line of the pattern")
    func badRegex() throws {
        let yaml = """
            rules:
              - id: ok.rule
                category: network
                patterns: ['connection refused']
              - id: broken.rule
                category: auth
                patterns:
                  - 'fine literal'
                  - 'token (expired'
            """
        let error = try #require(throws: FailureRuleError.self) { try FailureRuleSet.load(yaml: yaml, file: "team.yml") }
        #expect(error.code == .badRegex)
        #expect(error.ruleID == "broken.rule")
        #expect(error.file == "team.yml")
        #expect(error.line == 9)
        #expect(error.description.hasPrefix("team.yml:9:"))
        #expect(error.description.contains("broken.rule"))
        #expect(error.description.contains("line 5"), "mentions where the rule starts")
    }

    @Test("catastrophic patterns are refused at load time", arguments: [
        #"(a+)+$"#, #"(\w*)*x"#, #"(error|err)+ end"#, #"(.*a){3,}"#, #"id (\d+) again \1"#, #"((x|y)z)*"#,
    ])
    func unsafeRegexRefused(_ pattern: String) throws {
        let yaml = "- id: slow.rule\n  category: unknown\n  keywords: [error]\n  patterns:\n    - '\(pattern)'\n"
        let error = try #require(throws: FailureRuleError.self) { try FailureRuleSet.load(yaml: yaml, file: "u.yml") }
        #expect(error.code == .unsafeRegex || error.code == .badRegex)
        #expect(error.ruleID == "slow.rule")
        #expect(error.line == 5)
    }

    @Test("a regex without a literal keyword needs declared keywords")
    func missingKeyword() throws {
        let yaml = "- id: digits\n  category: unknown\n  patterns: ['\\\\d+\\\\s+\\\\d+']\n"
        let error = try #require(throws: FailureRuleError.self) { try FailureRuleSet.load(yaml: yaml, file: "k.yml") }
        #expect(error.code == .missingKeyword)
        #expect(error.message.contains("keywords"))
        let declared = try FailureRuleSet.load(yaml: "- id: digits\n  category: unknown\n  keywords: ['total']\n  patterns: ['total \\\\d+\\\\s+\\\\d+']\n", file: "k.yml")
        #expect(declared.rules.first?.patterns.first?.keywords == ["total"])
    }

    @Test("structural mistakes are reported with their location", arguments: [
        ("- id: a\n  category: nonsense\n  patterns: ['x y z']\n", FailureRuleError.Code.invalidValue, 2),
        ("- id: a\n  patterns: ['x y z']\n", .missingField, 1),
        ("- category: auth\n  patterns: ['x y z']\n", .missingField, 1),
        ("- id: a\n  category: auth\n  patterns: ['x y z']\n  colour: red\n", .invalidValue, 4),
        ("- id: a\n  category: auth\n  weight: 500\n  patterns: ['x y z']\n", .invalidValue, 3),
        ("- id: a\n  category: auth\n  patterns: ['abc']\n- id: a\n  category: auth\n  patterns: ['def']\n", .duplicateID, 4),
        ("rules:\n  - id: a\n    category: [auth\n", .invalidYAML, 4),
    ])
    func structuralErrors(_ yaml: String, _ code: FailureRuleError.Code, _ line: Int) throws {
        let error = try #require(throws: FailureRuleError.self) { try FailureRuleSet.load(yaml: yaml, file: "s.yml") }
        #expect(error.code == code, "\(error)")
        #expect(error.line == line, "\(error)")
        #expect(error.file == "s.yml")
    }

    @Test("an empty rule file is an empty set")
    func emptyFile() throws {
        #expect(try FailureRuleSet.load(yaml: "", file: "e.yml").rules.isEmpty)
        #expect(try FailureRuleSet.load(yaml: "rules: []\n", file: "e.yml").rules.isEmpty)
    }
}

@Suite("Regex analysis derives keywords and spots unsafe patterns")
struct RegexAnalysisTests {
    @Test("literals and keywords are derived from the pattern", arguments: [
        (#"error\[E\d{4}\]"#, ["error[e"], nil as String?),
        (#"test result: FAILED"#, ["test result: failed"], "test result: FAILED"),
        (#"vulnerabilit(y|ies) found"#, ["vulnerabilit"], nil),
        (#"Could not resolve host|Temporary failure in name resolution"#, ["could not resolve host", "temporary failure in name resolution"], nil),
        (#"(?:exit code) 137\b"#, ["exit code 137"], nil),
        (#"colou?r scheme"#, ["r scheme"], nil),
    ])
    func derivation(_ pattern: String, _ keywords: [String], _ literal: String?) throws {
        let analysis = try RegexAnalysis.analyze(pattern)
        #expect(analysis.keywords == keywords)
        #expect(analysis.literal == literal)
    }

    @Test("every literal run is required, and a leading anchored literal is a prefix check")
    func conjunctionAndPrefix() throws {
        let analysis = try RegexAnalysis.analyze(#"^ID:\s+RUSTSEC-\d{4}"#)
        #expect(analysis.requiredKeywords == ["id:", "rustsec-"])
        #expect(analysis.anchoredPrefix == "ID:")
    }

    @Test("nested and ambiguous repetition is refused", arguments: [
        (#"(a+)+"#, RegexAnalysis.Problem.nestedQuantifier),
        (#"(?:x\d*)+y"#, .nestedQuantifier),
        (#"(a|aa)*b"#, .alternationInRepetition),
        (#"((a|b))+"#, .alternationInRepetition),
        (#"(x)\1"#, .backreference),
    ])
    func refused(_ pattern: String, _ problem: RegexAnalysis.Problem) {
        #expect(throws: problem) { try RegexAnalysis.analyze(pattern) }
    }

    @Test("bounded repetition, wildcards and optional groups are fine")
    func accepted() throws {
        _ = try RegexAnalysis.analyze(#"(ab){2} .* done"#)
        _ = try RegexAnalysis.analyze(#"\.(c|cpp):\d+(:\d+)?: error:"#)
        _ = try RegexAnalysis.analyze(#"[^\]]+\] tail .*a.*b"#)
    }

    @Test("unsupported or invalid syntax is reported as such", arguments: [
        #"token (expired"#, #"a)"#, #"[abc"#, #"x{3"#, #"*x"#, #"a**"#, #"(?=ahead)"#, #"(?<=behind)x"#,
        #"\p{L}x"#, #"a++"#, #"[z-a]"#, #"(?>atomic)"#, #"(?m)x"#, #"x\"#,
    ])
    func invalidSyntax(_ pattern: String) {
        #expect(throws: RegexAnalysis.Problem.self) { try RegexAnalysis.analyze(pattern) }
        let problem = try? RegexAnalysis.analyze(pattern)
        #expect(problem == nil)
    }
}
