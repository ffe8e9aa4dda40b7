/// Classifies CI logs into one ``FailureCategory`` with a confidence and the evidence lines.
///
/// Layers, first decisive one wins: step metadata from ``ClassificationContext`` (signal 9 /
/// exit 137 → out of memory, timeout flag / exit 124 → timeout), then the rule knowledge base
/// (``FailureRuleSet``), then a fallback on the last error-looking lines; a test failure on a
/// commit whose history also passed becomes `flaky_test`.
///
/// Logs are streamed in chunks with bounded memory, so multi-gigabyte logs are fine. Regexes
/// only run on lines that contain one of their literal keywords (found by one multi-keyword
/// automaton pass), on at most ``maximumConsideredLineLength`` bytes of each line.
///
/// ```swift
/// let classifier = FailureClassifier()
/// let verdict = try classifier.classify(fileAt: "job.log", context: .init(exitCode: 1))
/// print(verdict.category, verdict.confidence, verdict.evidence)
/// ```
public struct FailureClassifier: Sendable {
    /// The rules in use.
    public let rules: FailureRuleSet
    /// How log files are read.
    public let fileReader: LogFileReader
    let engine: MatchingEngine

    /// The longest part of a line (after cleaning) that rules look at; longer lines keep
    /// their head and tail.
    public static let maximumConsideredLineLength = LogLineNormalizer.consideredLength

    /// Creates a classifier.
    ///
    /// - Parameters:
    ///   - rules: The knowledge base; the built-in rules by default.
    ///   - fileReader: How ``classify(fileAt:context:)`` reads files; the file system by default.
    public init(rules: FailureRuleSet = .default, fileReader: LogFileReader = .live) {
        self.rules = rules
        self.fileReader = fileReader
        self.engine = MatchingEngine(rules: rules)
    }

    /// Classifies the log file at `path`, streaming it in chunks.
    ///
    /// - Throws: ``LogReadError`` when the file cannot be opened or read.
    public func classify(fileAt path: String, context: ClassificationContext = ClassificationContext()) throws(LogReadError) -> Classification {
        var scanner = makeScanner(file: path)
        try fileReader.readChunks(path) { chunk in
            scanner.consume(chunk)
        }
        return scanner.finish(context: context)
    }

    /// Classifies a log given as bytes (any encoding; invalid UTF-8 is decoded lossily).
    public func classify(
        bytes: some Sequence<UInt8>,
        file: String? = nil,
        context: ClassificationContext = ClassificationContext()
    ) -> Classification {
        var scanner = makeScanner(file: file)
        scanner.consume(bytes)
        return scanner.finish(context: context)
    }

    /// Classifies a log given as text.
    public func classify(text: String, file: String? = nil, context: ClassificationContext = ClassificationContext()) -> Classification {
        classify(bytes: text.utf8, file: file, context: context)
    }

    /// Starts a streaming classification: feed chunks with ``LogScanner/consume(_:)-(UnsafeRawBufferPointer)``,
    /// then call ``LogScanner/finish(context:)``.
    public func makeScanner(file: String? = nil) -> LogScanner {
        LogScanner(engine: engine, file: file)
    }
}
