/// An Aho–Corasick automaton over lowercase bytes that finds keyword occurrences in raw
/// file bytes without decoding them.
///
/// The automaton is compiled into a dense DFA over byte classes (bytes that occur in no
/// keyword share one class), so scanning is one table lookup per input byte.
struct KeywordAutomaton: Sendable {
    /// Maps a raw byte to its class (ASCII letters are folded to lowercase first).
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `transitions[row + class]` is the next state's row (state × classCount), negated
    /// minus one when keywords end in that state.
    private let transitions: [Int32]
    /// For each row offset, the index into `outputLists` of the keywords ending there, or -1.
    private let outputIndex: [Int32]
    /// Keyword ids ending at each output state (including via suffix links).
    private let outputLists: [[Int32]]
    /// Number of keywords.
    let keywordCount: Int

    init(keywords: [String]) {
        let patterns = keywords.map { Array($0.lowercased().utf8) }
        keywordCount = patterns.count
        var classes = [UInt8](repeating: 0, count: 256)
        var nextClass: UInt8 = 1
        for pattern in patterns {
            // Up to 254 distinct bytes get their own class; any further ones share the last.
            for byte in pattern where classes[Int(byte)] == 0 {
                classes[Int(byte)] = nextClass
                if nextClass < 255 { nextClass += 1 }
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            classes[Int(upper)] = classes[Int(upper + 32)]
        }
        let classCount = Int(nextClass)
        // Build the trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var outputs: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                let cls = Int(classes[Int(byte)])
                if goto[state][cls] == -1 {
                    goto.append([Int32](repeating: -1, count: classCount))
                    outputs.append([])
                    goto[state][cls] = Int32(goto.count - 1)
                }
                state = Int(goto[state][cls])
            }
            outputs[state].append(Int32(id))
        }
        // Breadth-first failure links, turning the trie into a DFA.
        var fail = [Int32](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for cls in 0..<classCount {
            if goto[0][cls] == -1 {
                goto[0][cls] = 0
            } else {
                fail[Int(goto[0][cls])] = 0
                queue.append(Int(goto[0][cls]))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state].append(contentsOf: outputs[Int(fail[state])])
            for cls in 0..<classCount {
                let next = goto[state][cls]
                if next == -1 {
                    goto[state][cls] = goto[Int(fail[state])][cls]
                } else {
                    fail[Int(next)] = goto[Int(fail[state])][cls]
                    queue.append(Int(next))
                }
            }
        }
        // Each transition stores the target's row offset (state × classCount); targets
        // where keywords end are stored negated, minus one, so one load tells both.
        var outputIndex = [Int32](repeating: -1, count: goto.count)
        var outputLists: [[Int32]] = []
        for state in goto.indices where !outputs[state].isEmpty {
            outputIndex[state] = Int32(outputLists.count)
            outputLists.append(Array(Set(outputs[state])).sorted())
        }
        var flat = [Int32]()
        flat.reserveCapacity(goto.count * classCount)
        for row in goto {
            for target in row {
                let offset = target * Int32(classCount)
                flat.append(outputIndex[Int(target)] >= 0 ? -offset - 1 : offset)
            }
        }
        var outputByRow = [Int32](repeating: -1, count: goto.count * classCount + 1)
        for state in goto.indices { outputByRow[state * classCount] = outputIndex[state] }
        self.byteClass = classes
        self.classCount = classCount
        self.transitions = flat
        self.outputIndex = outputByRow
        self.outputLists = outputLists
    }

    /// Calls `onMatch(endOffset, keywordIDs)` for every position where keywords end;
    /// `endOffset` is the index one past the keyword's last byte.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, onMatch: (Int, [Int32]) -> Void) {
        guard let base = bytes.baseAddress, keywordCount > 0 else { return }
        let count = bytes.count
        byteClass.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                outputIndex.withUnsafeBufferPointer { outputs in
                    var row = 0
                    var index = 0
                    while index < count {
                        let next = Int(table[row &+ Int(classes[Int(base[index])])])
                        index &+= 1
                        if next >= 0 {
                            row = next
                        } else {
                            row = -next - 1
                            onMatch(index, outputLists[Int(outputs[row])])
                        }
                    }
                }
            }
        }
    }
}
