/// One remembered evidence line, kept as bytes (trimmed, at most ``limit`` long) in a buffer
/// that is reused when the slot is overwritten; decoded to text only when reported.
struct EvidenceSlot: Sendable {
    /// The most bytes of a line kept as evidence.
    static let limit = 400

    var line = 0
    var bytes: [UInt8] = []
    var truncated = false

    init(line: Int, bytes source: UnsafeBufferPointer<UInt8>) {
        set(line: line, bytes: source)
    }

    mutating func set(line: Int, bytes source: UnsafeBufferPointer<UInt8>) {
        self.line = line
        var lower = 0
        var upper = source.count
        while lower < upper, source[lower] == 0x20 { lower += 1 }
        while upper > lower, source[upper - 1] == 0x20 { upper -= 1 }
        truncated = upper - lower > Self.limit
        if truncated {
            upper = lower + Self.limit
            // Do not cut a UTF-8 sequence in half.
            while upper > lower, source[upper] & 0xC0 == 0x80 { upper -= 1 }
        }
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[lower..<upper]))
    }

    /// The line as evidence (invalid UTF-8 is repaired).
    var evidence: EvidenceLine {
        EvidenceLine(line: line, text: String(decoding: bytes, as: UTF8.self) + (truncated ? "…" : ""))
    }
}

/// What one rule matched: how often, where first and last, and a few evidence lines.
struct RuleHits: Sendable {
    var count = 0
    var firstLine = 0
    var lastLine = 0
    private var first: EvidenceSlot?
    private var recent: [EvidenceSlot] = []
    private var next = 0

    mutating func record(line: Int, bytes: UnsafeBufferPointer<UInt8>) {
        count += 1
        if first == nil {
            first = EvidenceSlot(line: line, bytes: bytes)
            firstLine = line
        }
        lastLine = line
        if recent.count < LogScanner.evidencePerRule {
            recent.append(EvidenceSlot(line: line, bytes: bytes))
        } else {
            recent[next].set(line: line, bytes: bytes)
            next = (next + 1) % LogScanner.evidencePerRule
        }
    }

    /// First and most recent evidence, in line order, without repeats.
    var evidence: [EvidenceLine] {
        var slots = recent
        if let first, !slots.contains(where: { $0.line == first.line }) { slots.append(first) }
        return slots.sorted { $0.line < $1.line }.map(\.evidence)
    }
}

/// A ring of the last error-looking lines, for the fallback layer.
struct ErrorLookingLines: Sendable {
    /// One kept line and whether it is only the CI's generic "job failed" line.
    struct Entry: Sendable {
        var evidence: EvidenceLine
        var generic: Bool
    }

    private var ring: [EvidenceSlot] = []
    private var genericFlags: [Bool] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func append(line: Int, bytes: UnsafeBufferPointer<UInt8>, generic: Bool) {
        if ring.count < capacity {
            ring.append(EvidenceSlot(line: line, bytes: bytes))
            genericFlags.append(generic)
        } else {
            ring[next].set(line: line, bytes: bytes)
            genericFlags[next] = generic
            next = (next + 1) % capacity
        }
    }

    /// The kept lines, oldest first.
    var lines: [Entry] {
        let order = Array(next..<ring.count) + Array(0..<next)
        return order.map { Entry(evidence: ring[$0].evidence, generic: genericFlags[$0]) }
    }
}
