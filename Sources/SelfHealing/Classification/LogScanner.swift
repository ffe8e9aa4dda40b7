#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams one log through the rules in chunks, keeping only bounded state.
///
/// Obtain one from ``FailureClassifier/makeScanner(file:)``, feed it bytes with
/// ``consume(_:)`` in chunks of any size (lines may span chunks), then call
/// ``finish(context:)``. Memory stays bounded whatever the log's size: over-long lines are
/// kept as head and tail only, and per rule only a few evidence lines are remembered.
public struct LogScanner: ~Copyable {
    /// How many recent lines each rule keeps as evidence.
    static let evidencePerRule = 3
    /// How many of the last error-looking lines the fallback layer keeps.
    static let errorLookingLines = 24

    let engine: MatchingEngine
    let file: String?

    private var normalizer = LogLineNormalizer()
    private let partialHead: UnsafeMutablePointer<UInt8>
    private var partialHeadCount = 0
    private let partialTail: UnsafeMutablePointer<UInt8>
    private let tailLinear: UnsafeMutablePointer<UInt8>
    private var partialTailStart = 0
    private var partialTailCount = 0
    private var partialTotal = 0

    /// Lines completed so far (the current line's number minus one).
    private(set) var lineCount = 0
    /// Bytes consumed so far.
    public private(set) var byteCount = 0
    private var patternStamp: [Int]
    private var patternSeen: [Int]
    private var keywordStamp: [Int]
    private var ruleStamp: [Int]
    private var candidates: [Int] = []
    private var regexScratch = RegexScratch()
    private(set) var hits: [RuleHits]
    private(set) var errorLines: ErrorLookingLines

    init(engine: MatchingEngine, file: String?) {
        self.engine = engine
        self.file = file
        partialHead = .allocate(capacity: LogLineNormalizer.rawHeadLimit)
        partialTail = .allocate(capacity: LogLineNormalizer.rawTailLimit)
        tailLinear = .allocate(capacity: LogLineNormalizer.rawTailLimit)
        patternStamp = [Int](repeating: 0, count: engine.patterns.count)
        patternSeen = [Int](repeating: 0, count: engine.patterns.count)
        keywordStamp = [Int](repeating: 0, count: engine.keywordLengths.count)
        ruleStamp = [Int](repeating: 0, count: engine.rules.count)
        hits = [RuleHits](repeating: RuleHits(), count: engine.rules.count)
        errorLines = ErrorLookingLines(capacity: Self.errorLookingLines)
        candidates.reserveCapacity(16)
    }

    deinit {
        partialHead.deallocate()
        partialTail.deallocate()
        tailLinear.deallocate()
    }

    /// Feeds the next chunk of the log.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        guard let raw = chunk.baseAddress, chunk.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let total = chunk.count
        byteCount += total
        var position = 0
        while position < total {
            guard let found = memchr(base + position, 0x0A, total - position) else {
                appendPartial(base + position, count: total - position)
                return
            }
            let end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            if partialTotal == 0 {
                processDirect(base + position, count: end - position)
            } else {
                appendPartial(base + position, count: end - position)
                processPartial()
            }
            position = end + 1
        }
    }

    /// Feeds the next chunk of the log.
    public mutating func consume(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            consume(UnsafeRawBufferPointer(buffer))
        }
        if handled != nil { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 16)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 1 << 16 {
                chunk.withUnsafeBytes { consume($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { chunk.withUnsafeBytes { consume($0) } }
    }

    /// Ends the log and decides its classification.
    public consuming func finish(context: ClassificationContext = ClassificationContext()) -> Classification {
        if partialTotal > 0 { processPartial() }
        return ClassificationDecision(
            rules: engine.rules,
            hits: hits,
            errorLines: errorLines.lines,
            lineCount: lineCount,
            byteCount: byteCount
        ).decide(file: file, context: context)
    }

    // MARK: - Line assembly

    private mutating func appendPartial(_ bytes: UnsafePointer<UInt8>, count: Int) {
        var offset = 0
        let headRoom = LogLineNormalizer.rawHeadLimit - partialHeadCount
        if headRoom > 0 {
            let taken = min(headRoom, count)
            (partialHead + partialHeadCount).update(from: bytes, count: taken)
            partialHeadCount += taken
            offset = taken
        }
        let capacity = LogLineNormalizer.rawTailLimit
        if count - offset > capacity {
            offset = count - capacity
        }
        while offset < count {
            let write = (partialTailStart + partialTailCount) % capacity
            if partialTailCount == capacity {
                partialTail[partialTailStart] = bytes[offset]
                partialTailStart = (partialTailStart + 1) % capacity
            } else {
                partialTail[write] = bytes[offset]
                partialTailCount += 1
            }
            offset += 1
        }
        partialTotal += count
    }

    private mutating func processPartial() {
        let capacity = LogLineNormalizer.rawTailLimit
        let firstPart = min(partialTailCount, capacity - partialTailStart)
        tailLinear.update(from: partialTail + partialTailStart, count: firstPart)
        (tailLinear + firstPart).update(from: partialTail, count: partialTailCount - firstPart)
        let elided = partialTotal > partialHeadCount + partialTailCount
        processLine(
            head: UnsafeBufferPointer(start: partialHead, count: partialHeadCount),
            tail: UnsafeBufferPointer(start: tailLinear, count: partialTailCount),
            elided: elided
        )
        partialHeadCount = 0
        partialTailStart = 0
        partialTailCount = 0
        partialTotal = 0
    }

    private mutating func processDirect(_ bytes: UnsafePointer<UInt8>, count: Int) {
        let head = LogLineNormalizer.rawHeadLimit
        let tail = LogLineNormalizer.rawTailLimit
        if count <= head + tail {
            processLine(head: UnsafeBufferPointer(start: bytes, count: count), tail: UnsafeBufferPointer(start: nil, count: 0), elided: false)
        } else {
            processLine(
                head: UnsafeBufferPointer(start: bytes, count: head),
                tail: UnsafeBufferPointer(start: bytes + (count - tail), count: tail),
                elided: true
            )
        }
    }

    // MARK: - Matching

    private mutating func processLine(head: UnsafeBufferPointer<UInt8>, tail: UnsafeBufferPointer<UInt8>, elided: Bool) {
        let lineNumber = lineCount + 1
        let flags = normalizer.normalize(head: head, tail: tail, elided: elided, isFirstLine: lineCount == 0)
        lineCount = lineNumber
        let line = normalizer.bytes
        guard let start = line.baseAddress, line.count > 0 else { return }

        var errorLooking = flags.errorAnnotation
        var generic = false
        candidates.removeAll(keepingCapacity: true)
        let engine = self.engine
        engine.automaton.scan(start, count: line.count) { keyword, end in
            let marker = engine.markers[keyword]
            if marker != .none {
                let first = end - engine.keywordLengths[keyword] + 1
                let atWordStart = first == 0 || !(line[first - 1] >= 0x61 && line[first - 1] <= 0x7A)
                switch marker {
                case .errorWord:
                    if atWordStart || line[first] == 0x45 /* E */ { errorLooking = true }
                case .wordStart:
                    if atWordStart { errorLooking = true }
                case .upperFail:
                    if line[first] == 0x46, line[first + 1] == 0x41, line[first + 2] == 0x49, line[first + 3] == 0x4C { errorLooking = true }
                case .anywhere:
                    errorLooking = true
                case .generic:
                    generic = true
                case .none:
                    break
                }
            }
            guard keywordStamp[keyword] != lineNumber else { return }
            keywordStamp[keyword] = lineNumber
            for index in engine.targetRanges[keyword] {
                let target = engine.targets[index]
                if patternStamp[target] != lineNumber {
                    patternStamp[target] = lineNumber
                    patternSeen[target] = 1
                } else {
                    patternSeen[target] += 1
                }
                if patternSeen[target] == engine.patterns[target].requiredCount {
                    candidates.append(target)
                }
            }
        }
        if !candidates.isEmpty {
            for patternID in candidates {
                let pattern = engine.patterns[patternID]
                guard ruleStamp[pattern.ruleIndex] != lineNumber else { continue }
                let matched: Bool
                if let literal = pattern.literal {
                    matched = pattern.caseSensitive ? Self.contains(line, literal) : true
                } else if let regex = pattern.regex {
                    if let prefix = pattern.anchoredPrefix, !Self.hasPrefix(line, prefix, caseSensitive: pattern.caseSensitive) {
                        matched = false
                    } else {
                        matched = regex.matches(line, scratch: &regexScratch)
                    }
                } else {
                    matched = false
                }
                if matched {
                    ruleStamp[pattern.ruleIndex] = lineNumber
                    hits[pattern.ruleIndex].record(line: lineNumber, bytes: line)
                }
            }
        }
        if errorLooking || generic {
            errorLines.append(line: lineNumber, bytes: line, generic: generic)
        }
    }

    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8], caseSensitive: Bool) -> Bool {
        guard prefix.count <= line.count else { return false }
        for index in prefix.indices {
            let a = line[index]
            let b = prefix[index]
            if caseSensitive ? a != b : KeywordAutomaton.fold(a) != KeywordAutomaton.fold(b) { return false }
        }
        return true
    }

    private static func contains(_ line: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= line.count, let first = needle.first else { return false }
        var index = 0
        let last = line.count - needle.count
        while index <= last {
            if line[index] == first {
                var offset = 1
                while offset < needle.count, line[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}
