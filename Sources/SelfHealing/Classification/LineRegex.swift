/// A compiled rule regex that matches one line of bytes in time linear in the line's length.
///
/// The pattern is compiled to a small instruction program and run by a backtracking matcher
/// that remembers every (instruction, position) pair it has tried (RE2's "BitState"): each
/// pair is visited at most once, so a search costs at most `program size × (line length + 1)`
/// steps whatever the pattern — no catastrophic backtracking. Only a yes/no answer is given.
/// Matching works on UTF-8 bytes: `.` and negated classes consume a whole UTF-8 character;
/// case-insensitive matching folds ASCII letters.
struct LineRegex: Sendable {
    enum Opcode: UInt8, Sendable {
        case byte, byteFolded, set, any, split, jump, assertStart, assertEnd, wordBoundary, notWordBoundary, match
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        /// Byte, set index, or first jump target.
        var a: Int32 = 0
        /// Second jump target.
        var b: Int32 = 0
    }

    /// Programs larger than this (after expanding counted repetitions) are refused.
    static let maximumProgramSize = 2000

    let program: [Instruction]
    let sets: [RegexCharacterSet]
    /// The match must start at position 0.
    let anchoredAtStart: Bool
    /// Bytes a match can start with, when known (a filter on start positions).
    let firstBytes: [Bool]?
    /// Some path begins with `^`, so position 0 is always tried.
    let startAnchorReachable: Bool

    /// Compiles a parsed pattern; throws when the program would be too large.
    init(_ parsed: RegexParser.Result, caseSensitive: Bool) throws(RegexAnalysis.Problem) {
        var compiler = Compiler(foldCase: parsed.caseInsensitive || !caseSensitive)
        let root = RegexNode(kind: .group(parsed.alternatives))
        try compiler.emit(root)
        compiler.append(Instruction(opcode: .match))
        program = compiler.program
        sets = compiler.sets
        let (anchored, first, reachable) = Self.startInfo(program: compiler.program, sets: compiler.sets)
        anchoredAtStart = anchored
        firstBytes = first
        startAnchorReachable = reachable
    }

    // MARK: - Matching

    /// Whether the regex matches anywhere in `line`, using `scratch` for its working memory.
    func matches(_ line: UnsafeBufferPointer<UInt8>, scratch: inout RegexScratch) -> Bool {
        let count = line.count
        let width = count + 1
        scratch.prepare(bits: program.count * width)
        return program.withUnsafeBufferPointer { program in
            var position = 0
            while position <= count {
                if anchoredAtStart && position > 0 { return false }
                if let firstBytes, position > 0 || !startAnchorReachable {
                    // Skip start positions whose byte cannot begin a match.
                    while position < count, !firstBytes[Int(line[position])] { position += 1 }
                    if position == count { return false }
                }
                if run(program, line, start: position, width: width, scratch: &scratch) { return true }
                position += 1
            }
            return false
        }
    }

    /// Convenience for tests and tools.
    func matches(_ text: String) -> Bool {
        var scratch = RegexScratch()
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { matches(UnsafeBufferPointer($0), scratch: &scratch) }
    }

    private func run(
        _ program: UnsafeBufferPointer<Instruction>,
        _ line: UnsafeBufferPointer<UInt8>,
        start: Int,
        width: Int,
        scratch: inout RegexScratch
    ) -> Bool {
        let count = line.count
        scratch.stack.removeAll(keepingCapacity: true)
        scratch.stack.append((0, Int32(start)))
        while let (startPC, startPosition) = scratch.stack.popLast() {
            var pc = Int(startPC)
            var position = Int(startPosition)
            while true {
                let bit = pc * width + position
                if scratch.testAndSet(bit) { break }
                let instruction = program[pc]
                switch instruction.opcode {
                case .byte:
                    guard position < count, line[position] == UInt8(instruction.a) else { break }
                    pc += 1
                    position += 1
                    continue
                case .byteFolded:
                    guard position < count, KeywordAutomaton.fold(line[position]) == UInt8(instruction.a) else { break }
                    pc += 1
                    position += 1
                    continue
                case .any:
                    guard position < count else { break }
                    position += Self.characterLength(line, at: position)
                    pc += 1
                    continue
                case .set:
                    guard position < count else { break }
                    let set = sets[Int(instruction.a)]
                    let byte = line[position]
                    if byte < 0x80 {
                        guard set.containsASCII(byte) != set.negated else { break }
                        position += 1
                    } else {
                        let length = Self.characterLength(line, at: position)
                        guard set.contains(scalar: Self.scalarValue(line, at: position, length: length)) else { break }
                        position += length
                    }
                    pc += 1
                    continue
                case .split:
                    scratch.stack.append((instruction.b, Int32(position)))
                    pc = Int(instruction.a)
                    continue
                case .jump:
                    pc = Int(instruction.a)
                    continue
                case .assertStart:
                    guard position == 0 else { break }
                    pc += 1
                    continue
                case .assertEnd:
                    guard position == count else { break }
                    pc += 1
                    continue
                case .wordBoundary, .notWordBoundary:
                    let before = position > 0 && Self.isWordByte(line[position - 1])
                    let after = position < count && Self.isWordByte(line[position])
                    guard (before != after) == (instruction.opcode == .wordBoundary) else { break }
                    pc += 1
                    continue
                case .match:
                    return true
                }
                break
            }
        }
        return false
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The length of the UTF-8 character at `position` (1 for invalid bytes), within the line.
    @inline(__always)
    static func characterLength(_ line: UnsafeBufferPointer<UInt8>, at position: Int) -> Int {
        let byte = line[position]
        let length: Int
        switch byte {
        case 0xC0...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF7: length = 4
        default: return 1
        }
        guard position + length <= line.count else { return 1 }
        for offset in 1..<length where line[position + offset] & 0xC0 != 0x80 { return 1 }
        return length
    }

    /// The scalar value of a UTF-8 sequence (U+FFFD for an invalid byte).
    static func scalarValue(_ line: UnsafeBufferPointer<UInt8>, at position: Int, length: Int) -> UInt32 {
        let byte = UInt32(line[position])
        switch length {
        case 2: return (byte & 0x1F) << 6 | UInt32(line[position + 1] & 0x3F)
        case 3: return (byte & 0x0F) << 12 | UInt32(line[position + 1] & 0x3F) << 6 | UInt32(line[position + 2] & 0x3F)
        case 4:
            return (byte & 0x07) << 18 | UInt32(line[position + 1] & 0x3F) << 12
                | UInt32(line[position + 2] & 0x3F) << 6 | UInt32(line[position + 3] & 0x3F)
        default: return 0xFFFD
        }
    }

    // MARK: - Start analysis

    /// Whether every path starts with `^`, and the set of possible first bytes (nil if any byte).
    private static func startInfo(program: [Instruction], sets: [RegexCharacterSet]) -> (Bool, [Bool]?, Bool) {
        var first = [Bool](repeating: false, count: 256)
        var anchored = true
        var unknown = false
        var seen = Set<Int>()
        var pending = [0]
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let instruction = program[pc]
            switch instruction.opcode {
            case .byte:
                anchored = false
                first[Int(instruction.a)] = true
            case .byteFolded:
                anchored = false
                let byte = UInt8(instruction.a)
                first[Int(byte)] = true
                if byte >= 0x61 && byte <= 0x7A { first[Int(byte - 0x20)] = true }
            case .set:
                anchored = false
                let set = sets[Int(instruction.a)]
                if set.negated || !set.ranges.isEmpty {
                    unknown = true
                } else {
                    for byte in UInt8(0)..<128 where set.containsASCII(byte) { first[Int(byte)] = true }
                }
            case .any, .match:
                anchored = false
                unknown = true
            case .split:
                pending.append(Int(instruction.a))
                pending.append(Int(instruction.b))
            case .jump:
                pending.append(Int(instruction.a))
            case .assertStart:
                continue  // paths through ^ only match at 0
            case .assertEnd, .wordBoundary, .notWordBoundary:
                pending.append(pc + 1)
            }
        }
        // "Anchored" only when no path reached a consuming instruction without passing ^.
        let reachesAnchor = seen.contains { program[$0].opcode == .assertStart }
        let onlyAnchored = anchored && reachesAnchor
        return (onlyAnchored, (unknown || onlyAnchored) ? nil : first, reachesAnchor)
    }

    // MARK: - Compiler

    private struct Compiler {
        let foldCase: Bool
        var program: [Instruction] = []
        var sets: [RegexCharacterSet] = []

        init(foldCase: Bool) {
            self.foldCase = foldCase
        }

        mutating func append(_ instruction: Instruction) {
            program.append(instruction)
        }

        mutating func emit(_ node: RegexNode) throws(RegexAnalysis.Problem) {
            for _ in 0..<node.min {
                try emitOnce(node)
            }
            if let max = node.max {
                // Optional copies: split(body, end) each.
                var pendingSplits: [Int] = []
                for _ in node.min..<max {
                    pendingSplits.append(program.count)
                    append(Instruction(opcode: .split))
                    program[program.count - 1].a = Int32(program.count)
                    try emitOnce(node)
                }
                for split in pendingSplits { program[split].b = Int32(program.count) }
            } else {
                let loop = program.count
                append(Instruction(opcode: .split))
                program[loop].a = Int32(program.count)
                try emitOnce(node)
                append(Instruction(opcode: .jump, a: Int32(loop)))
                program[loop].b = Int32(program.count)
            }
            guard program.count <= LineRegex.maximumProgramSize else {
                throw .malformed("the pattern is too large after expanding its repetitions (more than \(LineRegex.maximumProgramSize) steps); use smaller counts")
            }
        }

        private mutating func emitOnce(_ node: RegexNode) throws(RegexAnalysis.Problem) {
            guard program.count <= LineRegex.maximumProgramSize else {
                throw .malformed("the pattern is too large after expanding its repetitions (more than \(LineRegex.maximumProgramSize) steps); use smaller counts")
            }
            switch node.kind {
            case .char(let scalar):
                for byte in String(scalar).utf8 {
                    let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    if foldCase && isLetter {
                        append(Instruction(opcode: .byteFolded, a: Int32(KeywordAutomaton.fold(byte))))
                    } else {
                        append(Instruction(opcode: .byte, a: Int32(byte)))
                    }
                }
            case .set(let set):
                if set == .any {
                    append(Instruction(opcode: .any))
                } else {
                    var adjusted = set
                    if foldCase { adjusted.foldASCIICase() }
                    sets.append(adjusted)
                    append(Instruction(opcode: .set, a: Int32(sets.count - 1)))
                }
            case .anchor(let anchor):
                switch anchor {
                case .start: append(Instruction(opcode: .assertStart))
                case .end: append(Instruction(opcode: .assertEnd))
                case .wordBoundary: append(Instruction(opcode: .wordBoundary))
                case .notWordBoundary: append(Instruction(opcode: .notWordBoundary))
                }
            case .group(let alternatives):
                var jumpsToEnd: [Int] = []
                for (index, alternative) in alternatives.enumerated() {
                    var split: Int?
                    if index < alternatives.count - 1 {
                        split = program.count
                        append(Instruction(opcode: .split, a: Int32(program.count + 1)))
                    }
                    for child in alternative { try emit(child) }
                    if let split {
                        jumpsToEnd.append(program.count)
                        append(Instruction(opcode: .jump))
                        program[split].b = Int32(program.count)
                    }
                }
                for jump in jumpsToEnd { program[jump].a = Int32(program.count) }
            }
        }
    }
}

/// Reusable working memory for ``LineRegex`` (one per scanner; not shared between threads).
struct RegexScratch {
    private(set) var visited: [UInt64] = []
    var stack: [(Int32, Int32)] = []

    /// Clears the first `bits` bits, growing the buffer when needed.
    mutating func prepare(bits: Int) {
        let words = (bits + 63) / 64
        if visited.count < words {
            visited = [UInt64](repeating: 0, count: words)
        } else {
            visited.withUnsafeMutableBufferPointer { buffer in
                for index in 0..<words { buffer[index] = 0 }
            }
        }
    }

    /// Sets the bit and reports whether it was already set.
    @inline(__always)
    mutating func testAndSet(_ bit: Int) -> Bool {
        let word = bit >> 6
        let mask: UInt64 = 1 << UInt64(bit & 63)
        if visited[word] & mask != 0 { return true }
        visited[word] |= mask
        return false
    }
}
