/// Computes `partialFingerprints.primaryLocationLineHash` the way GitHub's codeql-action
/// (`src/fingerprints.ts`, `hash()`) does, so alerts we upload match the ones GitHub
/// computes itself and stay stable when lines move.
///
/// The algorithm, re-implemented from its description:
/// - The file is decoded as UTF-8 (invalid bytes become U+FFFD) and read as UTF-16 code
///   units.
/// - Spaces and tabs are skipped. `\r\n`, `\r` and `\n` all count as one `\n`.
/// - A polynomial rolling hash (base 37, wrapping 64-bit arithmetic) runs over a window of
///   the next 100 counted units; the hash for a line is the window that starts at its
///   first counted unit (the window crosses into the following lines).
/// - At end of input the value 65535 is fed once, then zeros to flush the window. So a
///   trailing newline yields one more, final, empty line.
/// - Each hash is written as lowercase hex without leading zeros, then `:` and how many
///   times that value has occurred so far in the file (`…:1`, `…:2`, …).
public enum PrimaryLocationLineHash {
    /// Counted units in the hash window.
    public static let windowSize = 100

    private static let base: UInt64 = 37
    private static let endOfInput: UInt64 = 65_535
    private static let tab: UInt16 = 0x09
    private static let lineFeed: UInt16 = 0x0A
    private static let carriageReturn: UInt16 = 0x0D
    private static let space: UInt16 = 0x20

    /// `base` raised to `windowSize`, wrapping: the weight of the unit leaving the window.
    private static let outgoingWeight: UInt64 = {
        var weight: UInt64 = 1
        for _ in 0..<windowSize { weight = weight &* base }
        return weight
    }()

    /// The hash of every line, keyed by 1-based line number.
    public static func hashes(forFileContents contents: [UInt8]) -> [Int: String] {
        var result: [Int: String] = [:]
        forEachLineHash(inFileContents: contents) { line, hash in result[line] = hash }
        return result
    }

    /// The hashes of the given 1-based lines only (lines past the end are absent).
    public static func hashes(forFileContents contents: [UInt8], lines: Set<Int>) -> [Int: String] {
        var result: [Int: String] = [:]
        forEachLineHash(inFileContents: contents) { line, hash in
            if lines.contains(line) { result[line] = hash }
        }
        return result
    }

    /// Calls `body` with each 1-based line number and its hash, in line order.
    public static func forEachLineHash(
        inFileContents contents: [UInt8], _ body: (_ line: Int, _ hash: String) -> Void
    ) {
        var state = State()
        let text = String(decoding: contents, as: UTF8.self)
        for unit in text.utf16 {
            state.process(UInt64(unit), body)
        }
        state.process(endOfInput, body)
        for _ in 0..<windowSize {
            if state.lineNumbers[state.index] != -1 { state.emit(body) }
            state.push(0)
        }
    }

    /// The rolling state; mirrors the upstream variables one to one.
    private struct State {
        var window = [UInt64](repeating: 0, count: PrimaryLocationLineHash.windowSize)
        /// For each window slot, the line that starts at that unit, or -1.
        var lineNumbers = [Int](repeating: -1, count: PrimaryLocationLineHash.windowSize)
        var hash: UInt64 = 0
        var index = 0
        var lineNumber = 0
        var atLineStart = true
        var previousWasCR = false
        var occurrences: [UInt64: Int] = [:]

        mutating func process(_ unit: UInt64, _ body: (Int, String) -> Void) {
            var current = unit
            if current == UInt64(space) || current == UInt64(tab)
                || (previousWasCR && current == UInt64(lineFeed))
            {
                previousWasCR = false
                return
            }
            if current == UInt64(carriageReturn) {
                current = UInt64(lineFeed)
                previousWasCR = true
            } else {
                previousWasCR = false
            }
            if lineNumbers[index] != -1 { emit(body) }
            if atLineStart {
                atLineStart = false
                lineNumber += 1
                lineNumbers[index] = lineNumber
            }
            if current == UInt64(lineFeed) { atLineStart = true }
            push(current)
        }

        mutating func emit(_ body: (Int, String) -> Void) {
            let count = (occurrences[hash] ?? 0) + 1
            occurrences[hash] = count
            body(lineNumbers[index], String(hash, radix: 16) + ":" + String(count))
            lineNumbers[index] = -1
        }

        mutating func push(_ unit: UInt64) {
            let leaving = window[index]
            window[index] = unit
            hash = PrimaryLocationLineHash.base &* hash &+ unit
                &- PrimaryLocationLineHash.outgoingWeight &* leaving
            index = (index + 1) % PrimaryLocationLineHash.windowSize
        }
    }
}
