import Testing
@testable import SelfHealing

@Suite("Log lines are cleaned of colours, carriage returns and CI markers before matching")
struct LogNormalizationTests {
    /// Cleans one raw line (without its `\n`).
    func clean(_ raw: String, first: Bool = false) -> String {
        var normalizer = LogLineNormalizer()
        let bytes = Array(raw.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            _ = normalizer.normalize(head: buffer, tail: UnsafeBufferPointer(start: nil, count: 0), elided: false, isFirstLine: first)
            return String(decoding: normalizer.bytes, as: UTF8.self)
        }
    }

    @Test("ANSI colour and cursor sequences are removed")
    func ansi() {
        #expect(clean("\u{1B}[31;1merror\u{1B}[0m: \u{1B}[1mbad\u{1B}[0K") == "error: bad")
        #expect(clean("\u{1B}]8;;https://x.y\u{07}link\u{1B}]8;;\u{07} text") == "link text")
        #expect(clean("a\u{1B}(Bb") == "ab")
    }

    @Test("a carriage return keeps the last non-blank segment (progress bars), and CRLF ends a line")
    func carriageReturns() {
        #expect(clean(" 10%\r 55%\r100% done") == "100% done")
        #expect(clean("Downloading 3/3\r\u{1B}[K\r") == "Downloading 3/3")
        #expect(clean("plain line\r") == "plain line")
    }

    @Test("GitHub Actions timestamps and ##[…] markers are removed")
    func githubActions() {
        #expect(clean("2024-01-02T03:04:05.1234567Z ##[group]Run cargo test") == "Run cargo test")
        #expect(clean("2024-01-02T03:04:05.1234567Z ##[endgroup]") == "")
        #expect(clean("2024-01-02T03:04:05Z ##[error]Process completed with exit code 1.") == "Process completed with exit code 1.")
        #expect(clean("2024-01-02 not a timestamp") == "2024-01-02 not a timestamp")
    }

    @Test("an ::error workflow command becomes a file:line:col: prefix")
    func workflowCommands() {
        #expect(clean("::error file=src/a.go,line=4,col=2::x declared and not used") == "src/a.go:4:2: x declared and not used")
        #expect(clean("::warning::deprecated input") == "deprecated input")
    }

    @Test("GitLab section markers are removed")
    func gitlabSections() {
        let raw = "section_end:1700000000:prepare\r\u{1B}[0Ksection_start:1700000001:build_script[collapsed=true]\r\u{1B}[0K\u{1B}[0K\u{1B}[36;1mExecuting \"step_script\"\u{1B}[0;m"
        #expect(clean(raw) == "Executing \"step_script\"")
        #expect(clean("\u{1B}[0;msection_end:1666312233:resolve_secrets\u{1B}[0Ksection_start:1666312233:prepare_executor\u{1B}[0K\u{1B}[0K\u{1B}[36;1mPreparing\u{1B}[0;m") == "Preparing")
        #expect(clean("my_section_start:12 stays") == "my_section_start:12 stays")
    }

    @Test("a byte-order mark on the first line is removed")
    func byteOrderMark() {
        #expect(clean("\u{FEFF}hello", first: true) == "hello")
    }

    @Test("over-long lines keep their head and tail within the considered length")
    func longLines() {
        let classifier = FailureClassifier()
        let long = String(repeating: "x", count: 50_000) + " No space left on device\n"
        let verdict = classifier.classify(text: long)
        #expect(verdict.category == .diskFull)
        let text = verdict.evidence.first?.text ?? ""
        #expect(text.hasSuffix("…"), "evidence text is capped")
        #expect(text.utf8.count <= EvidenceSlot.limit + 3)
    }

    @Test("the evidence text is the cleaned line")
    func evidenceIsClean() {
        let log = "2024-05-14T09:12:03.1000000Z \u{1B}[31merror[E0425]\u{1B}[0m: cannot find value `x` in this scope\r\n"
        let verdict = FailureClassifier().classify(text: log)
        #expect(verdict.category == .compileError)
        #expect(verdict.evidence == [EvidenceLine(line: 1, text: "error[E0425]: cannot find value `x` in this scope")])
    }
}
