import Testing
@testable import SelfHealing

@Suite("Layers decide in order: step metadata, rules, fallback, then history")
struct LayeringTests {
    let classifier = FailureClassifier()

    /// A cargo test failure: the rules alone say `test_failure`.
    let testFailureLog = """
        running 3 tests
        test tests::parses ... FAILED
        thread 'tests::parses' panicked at src/lib.rs:10:5:
        assertion failed: ok
        test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out
        error: test failed, to rerun pass `--lib`
        """

    @Test("without context the rules decide")
    func rulesDecideWithoutContext() {
        let verdict = classifier.classify(text: testFailureLog)
        #expect(verdict.category == .testFailure)
        #expect(verdict.ruleID == "rust.cargo-test")
        #expect(verdict.evidence.map(\.line).contains(5))
    }

    @Test("exit code 137 beats a rule match: out of memory")
    func exitCode137BeatsRules() {
        let verdict = classifier.classify(text: testFailureLog, context: ClassificationContext(exitCode: 137))
        #expect(verdict.category == .outOfMemory)
        #expect(verdict.ruleID == "context.exit-code-137")
        #expect(verdict.confidence >= 0.9)
    }

    @Test("signal 9 means out of memory, and OOM lines in the log become the evidence")
    func signal9UsesOOMEvidence() {
        let log = "building...\nc++: fatal error: Killed signal terminated program cc1plus\nmake: *** [all] Error 1\n"
        let verdict = classifier.classify(text: log, context: ClassificationContext(signal: 9))
        #expect(verdict.category == .outOfMemory)
        #expect(verdict.ruleID == "context.signal-9")
        #expect(verdict.evidence == [EvidenceLine(line: 2, text: "c++: fatal error: Killed signal terminated program cc1plus")])
    }

    @Test("a timeout flag beats everything, and exit code 124 (timeout(1)) means timeout")
    func timeoutMarkers() {
        let lint = "Diff in /src/main.rs at line 3:\n-let x=1;\n+let x = 1;\n"
        #expect(classifier.classify(text: lint).category == .lintError)
        let flagged = classifier.classify(text: lint, context: ClassificationContext(exitCode: 137, timedOut: true))
        #expect(flagged.category == .timeout)
        #expect(flagged.ruleID == "context.timed-out")
        let exit124 = classifier.classify(text: "waiting for db...\n", context: ClassificationContext(exitCode: 124))
        #expect(exit124.category == .timeout)
        #expect(exit124.ruleID == "context.exit-code-124")
    }

    @Test("an ordinary exit code leaves the decision to the rules")
    func ordinaryExitCode() {
        let verdict = classifier.classify(text: testFailureLog, context: ClassificationContext(exitCode: 101))
        #expect(verdict.category == .testFailure)
    }

    @Test("a root cause early in the log beats generic errors at its end")
    func rootCauseBeatsLaterSymptoms() {
        var log = "   Compiling app v0.1.0\nLLVM ERROR: IO failure on output stream: No space left on device\n"
        for index in 0..<400 { log += "   Compiling dep\(index) v1.0.0\n" }
        log += "error: could not compile `app` (bin \"app\")\n"
        let verdict = classifier.classify(text: log)
        #expect(verdict.category == .diskFull)
        #expect(verdict.evidence.first?.line == 2)
    }

    @Test("between two ordinary rules, the match near the end of the log wins ties")
    func laterMatchWinsTies() throws {
        let rules = try FailureRuleSet.load(yaml: """
            rules:
              - id: a.network
                category: network
                weight: 60
                patterns: ['connection refused']
              - id: a.auth
                category: auth
                weight: 60
                patterns: ['access denied']
            """, file: "tie.yml")
        let classifier = FailureClassifier(rules: rules)
        let first = classifier.classify(text: "connection refused\n" + String(repeating: "ok\n", count: 500) + "access denied\n")
        #expect(first.category == .auth)
        let second = classifier.classify(text: "access denied\n" + String(repeating: "ok\n", count: 500) + "connection refused\n")
        #expect(second.category == .network)
        #expect(second.confidence < 0.7, "close competition lowers confidence")
    }

    @Test("without rule matches, the fallback reads the last error-looking lines")
    func fallbackLayer() {
        let compileLike = classifier.classify(text: "step 1\nfoo/bar.zig:12:5: error: expected ';'\n")
        #expect(compileLike.category == .compileError)
        #expect(compileLike.ruleID == "fallback.compiler-like-error")
        #expect(compileLike.confidence < 0.5)
        let testLike = classifier.classify(text: "running suite\ncheckout spec FAILED: totals differ\n")
        #expect(testLike.category == .testFailure)
        #expect(testLike.ruleID == "fallback.test-like-error")
        let vague = classifier.classify(text: "deploying\nError: exit status 3\n")
        #expect(vague.category == .unknown)
        #expect(vague.evidence == [EvidenceLine(line: 2, text: "Error: exit status 3")])
        let nothing = classifier.classify(text: "all good\nbye\n")
        #expect(nothing.category == .unknown)
        #expect(nothing.confidence == 0)
        #expect(nothing.evidence.isEmpty)
    }
}

@Suite("History turns test failures into flaky tests")
struct HistoryTests {
    let classifier = FailureClassifier()
    let log = "--- FAIL: TestRetry (0.01s)\nFAIL\tgithub.com/acme/x\t0.02s\n"

    @Test("a failure on a commit that also passed is flaky")
    func sameCommitPassed() {
        let context = ClassificationContext(
            exitCode: 1,
            history: [PriorOutcome(commitSHA: "abc", result: .passed)],
            commitSHA: "abc"
        )
        let verdict = classifier.classify(text: log, context: context)
        #expect(verdict.category == .flakyTest)
        #expect(verdict.coarseClass == .test)
        #expect(verdict.ruleID == "history.same-commit-passed")
        #expect(!verdict.evidence.isEmpty)
    }

    @Test("a commit that failed then passed earlier marks the job flaky")
    func failedThenPassedOnOneCommit() {
        let context = ClassificationContext(history: [
            PriorOutcome(commitSHA: "x1", result: .failed, category: .testFailure),
            PriorOutcome(commitSHA: "x1", result: .passed),
        ], commitSHA: "x2")
        #expect(classifier.classify(text: log, context: context).ruleID == "history.commit-failed-then-passed")
    }

    @Test("alternating outcomes mark the job flaky")
    func alternatingOutcomes() {
        let results: [PriorOutcome.Result] = [.passed, .failed, .passed, .failed]
        let history = results.enumerated().map { PriorOutcome(commitSHA: "c\($0.offset)", result: $0.element) }
        let verdict = classifier.classify(text: log, context: ClassificationContext(history: history))
        #expect(verdict.category == .flakyTest)
        #expect(verdict.ruleID == "history.alternating-outcomes")
    }

    @Test("steady history keeps a test failure a test failure")
    func steadyHistory() {
        let history = (0..<5).map { PriorOutcome(commitSHA: "s\($0)", result: .passed) }
        let verdict = classifier.classify(text: log, context: ClassificationContext(history: history, commitSHA: "new"))
        #expect(verdict.category == .testFailure)
    }

    @Test("history never turns a non-test failure into a flaky test")
    func onlyTestFailures() {
        let context = ClassificationContext(history: [PriorOutcome(commitSHA: "abc", result: .passed)], commitSHA: "abc")
        let verdict = classifier.classify(text: "src/a.c:3:1: error: expected ';'\n", context: context)
        #expect(verdict.category == .compileError)
    }
}
