/// A multi-keyword matcher over bytes (Aho–Corasick compiled to a dense DFA), ASCII
/// case-insensitive.
///
/// Keywords are the literals that rule patterns require; one pass over a line reports every
/// keyword it contains, in time linear in the line's length whatever the number of keywords.
/// Bytes that occur in no keyword share one input class, which keeps the table small.
final class KeywordAutomaton: @unchecked Sendable {
    // @unchecked: every stored property is written only in `init` and read-only afterwards.

    /// The keywords, lower-cased, indexed by keyword id.
    let keywords: [[UInt8]]
    /// Number of input classes (row width).
    let classCount: Int
    /// Number of automaton states.
    let stateCount: Int
    /// Byte → input class.
    private let byteClass: UnsafeMutablePointer<UInt16>
    /// `row + class` → the next state's row (`state * classCount`), stored as `~row` when that
    /// state reports keywords. Rows are pre-multiplied so the scan loop needs no multiplication.
    private let transitions: UnsafeMutablePointer<Int32>
    /// State → keyword id ending exactly there, or -1.
    private let terminal: UnsafeMutablePointer<Int32>
    /// State → the nearest proper-suffix state that has a terminal keyword, or -1.
    private let dictionaryLink: UnsafeMutablePointer<Int32>

    /// Builds the automaton; empty keywords are ignored, duplicates share the first id.
    init(keywords rawKeywords: [[UInt8]]) {
        let keywords = rawKeywords.map { $0.map(Self.fold) }
        self.keywords = keywords

        // Input classes: 0 for bytes used by no keyword.
        var classes = [UInt16](repeating: 0, count: 256)
        var nextClass: UInt16 = 1
        for keyword in keywords {
            for byte in keyword where classes[Int(byte)] == 0 {
                classes[Int(byte)] = nextClass
                nextClass += 1
            }
        }
        for byte in 0..<256 {
            classes[byte] = classes[Int(Self.fold(UInt8(byte)))]
        }
        let classCount = Int(nextClass)
        self.classCount = classCount

        // Trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var terminalIDs: [Int32] = [-1]
        for (id, keyword) in keywords.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let cls = Int(classes[Int(byte)])
                if children[state][cls] < 0 {
                    children[state][cls] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classCount))
                    terminalIDs.append(-1)
                }
                state = Int(children[state][cls])
            }
            if terminalIDs[state] < 0 { terminalIDs[state] = Int32(id) }
        }
        let stateCount = children.count
        self.stateCount = stateCount

        // Breadth-first: failure links, dictionary links and the full transition table.
        var failure = [Int32](repeating: 0, count: stateCount)
        var links = [Int32](repeating: -1, count: stateCount)
        var delta = [Int32](repeating: 0, count: stateCount * classCount)
        var queue: [Int] = []
        queue.reserveCapacity(stateCount)
        for cls in 0..<classCount {
            let child = children[0][cls]
            if child >= 0 {
                delta[cls] = child
                failure[Int(child)] = 0
                queue.append(Int(child))
            } else {
                delta[cls] = 0
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            let fail = Int(failure[state])
            links[state] = terminalIDs[fail] >= 0 ? Int32(fail) : links[fail]
            for cls in 0..<classCount {
                let child = children[state][cls]
                if child >= 0 {
                    failure[Int(child)] = delta[fail * classCount + cls]
                    delta[state * classCount + cls] = child
                    queue.append(Int(child))
                } else {
                    delta[state * classCount + cls] = delta[fail * classCount + cls]
                }
            }
        }
        // Pre-multiply target states into rows, and encode "has output" in the sign.
        for index in 0..<delta.count {
            let target = Int(delta[index])
            let row = Int32(target * classCount)
            delta[index] = (terminalIDs[target] >= 0 || links[target] >= 0) ? ~row : row
        }

        byteClass = .allocate(capacity: 256)
        byteClass.initialize(from: classes, count: 256)
        transitions = .allocate(capacity: max(1, delta.count))
        transitions.initialize(from: delta, count: delta.count)
        terminal = .allocate(capacity: stateCount)
        terminal.initialize(from: terminalIDs, count: stateCount)
        dictionaryLink = .allocate(capacity: stateCount)
        dictionaryLink.initialize(from: links, count: stateCount)
    }

    deinit {
        byteClass.deallocate()
        transitions.deallocate()
        terminal.deallocate()
        dictionaryLink.deallocate()
    }

    /// Calls `report` with the id and end index (inclusive) of every keyword occurrence in
    /// `bytes` (an id may repeat).
    @inline(__always)
    func scan(_ bytes: UnsafePointer<UInt8>, count: Int, report: (_ keyword: Int, _ end: Int) -> Void) {
        var row: Int32 = 0
        let classes = byteClass
        let table = transitions
        var index = 0
        while index < count {
            row = table[Int(row) &+ Int(classes[Int(bytes[index])])]
            if row < 0 {
                row = ~row
                var hit = Int(row) / classCount
                if terminal[hit] < 0 { hit = Int(dictionaryLink[hit]) }
                while hit >= 0 {
                    report(Int(terminal[hit]), index)
                    hit = Int(dictionaryLink[hit])
                }
            }
            index &+= 1
        }
    }

    /// ASCII lower-casing.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }
}
