/// Cleans one raw log line, in bytes, into the text that rules see.
///
/// Removes: ANSI escape sequences (CSI, OSC, two-byte escapes) and other control bytes;
/// carriage-return overwrites (progress bars: the last non-blank `\r` segment is kept);
/// a trailing `\r` (CRLF); GitHub Actions timestamp prefixes (`2024-01-02T03:04:05.1234567Z `);
/// GitHub `##[group]` / `##[endgroup]` / `##[error]`… markers and `::error …::` commands;
/// GitLab `section_start:<time>:<name>[options]` / `section_end:…` markers; a UTF-8 BOM on the
/// first line. Lines longer than ``consideredLength`` keep their head and tail joined by ` … `.
struct LogLineNormalizer: ~Copyable {
    /// The longest cleaned line that rules see.
    static let consideredLength = 4096
    /// How much of a cleaned over-long line's head is kept.
    static let keptHead = 3072
    /// The raw bytes of an over-long line read from its start…
    static let rawHeadLimit = 8192
    /// …and from its end.
    static let rawTailLimit = 2048

    /// What the cleaner noticed about the line.
    struct Flags {
        /// The line carried a GitHub `##[error]` marker or an `::error` command.
        var errorAnnotation = false
    }

    private static let ellipsis: [UInt8] = [0x20, 0xE2, 0x80, 0xA6, 0x20]  // " … "
    private static let capacity = rawHeadLimit + rawTailLimit + 16

    /// The cleaned bytes of the last line passed to ``normalize(head:tail:isFirstLine:)``.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    /// How many bytes of ``buffer`` are the cleaned line.
    private(set) var count = 0
    /// Where the cleaned line starts in ``buffer``.
    private(set) var start = 0

    init() {
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// The cleaned line.
    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + start, count: count)
    }

    /// Cleans a line given as its raw head and tail.
    ///
    /// `head` and `tail` together hold at most ``rawHeadLimit`` + ``rawTailLimit`` bytes;
    /// `elided` says that bytes between them were skipped (they are then joined by ` … `).
    mutating func normalize(
        head: UnsafeBufferPointer<UInt8>,
        tail: UnsafeBufferPointer<UInt8>,
        elided: Bool,
        isFirstLine: Bool
    ) -> Flags {
        var state = State(out: buffer)
        var flags = Flags()
        var input = head
        var index = 0
        if isFirstLine, input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            index = 3
        }
        index = Self.skipTimestamp(input, from: index)
        var inTail = false
        while true {
            while index < input.count {
                let byte = input[index]
                if state.segmentIsEmpty {
                    if byte == 0x73 /* s */, let end = Self.sectionMarkerEnd(input, at: index) {
                        index = end
                        continue
                    }
                    if byte == 0x23 /* # */, let (end, isError) = Self.githubMarkerEnd(input, at: index) {
                        if isError { flags.errorAnnotation = true }
                        index = end
                        continue
                    }
                    if byte == 0x3A /* : */, let command = Self.workflowCommandEnd(input, at: index) {
                        if command.isError { flags.errorAnnotation = true }
                        // Rewrite `file=…,line=…,col=…` as the usual `file:line:col: ` prefix.
                        if let file = command.file {
                            for position in file { state.append(input[position]) }
                            for range in [command.line, command.column].compactMap({ $0 }) {
                                state.append(0x3A)
                                for position in range { state.append(input[position]) }
                            }
                            state.append(0x3A)
                            state.append(0x20)
                        }
                        index = command.end
                        continue
                    }
                }
                switch byte {
                case 0x1B:
                    index = Self.escapeEnd(input, at: index)
                case 0x0D:
                    state.endSegment()
                    index += 1
                case 0x09:
                    state.append(0x20)
                    index += 1
                case 0x00..<0x20, 0x7F:
                    index += 1
                default:
                    state.append(byte)
                    index += 1
                }
            }
            if inTail || tail.isEmpty { break }
            if elided {
                for byte in Self.ellipsis { state.append(byte) }
            }
            input = tail
            index = 0
            inTail = true
        }
        let (lineStart, lineEnd) = state.finish()
        start = lineStart
        count = lineEnd - lineStart
        if count > Self.consideredLength {
            // Keep the head and the tail of the cleaned line.
            let keptTail = Self.consideredLength - Self.keptHead - Self.ellipsis.count
            let tailStart = lineEnd - keptTail
            var write = lineStart + Self.keptHead
            for byte in Self.ellipsis {
                buffer[write] = byte
                write += 1
            }
            (buffer + write).update(from: buffer + tailStart, count: keptTail)
            count = Self.consideredLength
        }
        return flags
    }

    /// Output cursor with carriage-return segment tracking.
    private struct State {
        let out: UnsafeMutablePointer<UInt8>
        var end = 0
        var segmentStart = 0
        var segmentHasText = false
        var kept: (Int, Int)?

        init(out: UnsafeMutablePointer<UInt8>) {
            self.out = out
        }

        var segmentIsEmpty: Bool { !segmentHasText }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            guard end < LogLineNormalizer.capacity else { return }
            out[end] = byte
            end += 1
            if byte != 0x20 { segmentHasText = true }
        }

        mutating func endSegment() {
            if segmentHasText { kept = (segmentStart, end) }
            segmentStart = end
            segmentHasText = false
        }

        /// The range of the line's visible text, trailing blanks trimmed.
        func finish() -> (Int, Int) {
            var range = segmentHasText ? (segmentStart, end) : (kept ?? (end, end))
            while range.1 > range.0, out[range.1 - 1] == 0x20 { range.1 -= 1 }
            return range
        }
    }

    // MARK: - Markers

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `2024-01-02T03:04:05.1234567Z ` at `index` → the index after it, else `index`.
    static func skipTimestamp(_ input: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let shape: StaticString = "dddd-dd-ddTdd:dd:dd"
        let length = shape.utf8CodeUnitCount
        guard input.count - index >= length + 2, isDigit(input[index]), input[index + 4] == 0x2D else { return index }
        let pattern = shape.utf8Start
        for offset in 0..<length {
            let byte = input[index + offset]
            if pattern[offset] == 0x64 /* d */ {
                guard isDigit(byte) else { return index }
            } else if byte != pattern[offset] {
                return index
            }
        }
        var cursor = index + length
        if cursor < input.count, input[cursor] == 0x2E /* . */ {
            cursor += 1
            while cursor < input.count, isDigit(input[cursor]) { cursor += 1 }
        }
        guard cursor < input.count, input[cursor] == 0x5A /* Z */ else { return index }
        cursor += 1
        if cursor < input.count, input[cursor] == 0x20 { cursor += 1 }
        return cursor
    }

    /// `section_start:1700000000:name[collapsed=true]` or `section_end:…:name` → index after it.
    static func sectionMarkerEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard input.count - index > 14, matches(input, at: index, "section_") else { return nil }
        var cursor = index + 8
        if matches(input, at: cursor, "start:") {
            cursor += 6
        } else if matches(input, at: cursor, "end:") {
            cursor += 4
        } else {
            return nil
        }
        let digitsStart = cursor
        while cursor < input.count, isDigit(input[cursor]) { cursor += 1 }
        guard cursor > digitsStart, cursor < input.count, input[cursor] == 0x3A else { return nil }
        cursor += 1
        while cursor < input.count {
            let byte = input[cursor]
            let isNameByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D || byte == 0x2E
            guard isNameByte else { break }
            cursor += 1
        }
        if cursor < input.count, input[cursor] == 0x5B /* [ */ {
            var probe = cursor + 1
            while probe < input.count, probe - cursor < 128, input[probe] != 0x5D, input[probe] >= 0x20 { probe += 1 }
            if probe < input.count, input[probe] == 0x5D { cursor = probe + 1 }
        }
        return cursor
    }

    /// `##[group]`, `##[endgroup]`, `##[error]`, `##[warning]`… → (index after it, is error).
    static func githubMarkerEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Bool)? {
        guard matches(input, at: index, "##[") else { return nil }
        var cursor = index + 3
        let nameStart = cursor
        while cursor < input.count, cursor - nameStart < 16, input[cursor] >= 0x61, input[cursor] <= 0x7A { cursor += 1 }
        guard cursor > nameStart, cursor < input.count, input[cursor] == 0x5D else { return nil }
        let isError = cursor - nameStart == 5 && matches(input, at: nameStart, "error")
        return (cursor + 1, isError)
    }

    /// `::error file=a.swift,line=3,col=5::message` / `::warning::…` / `::group::…`: the index of
    /// the message, whether it is an error, and the `file`, `line` and `col` properties.
    static func workflowCommandEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> WorkflowCommand? {
        guard matches(input, at: index, "::") else { return nil }
        let nameStart = index + 2
        var cursor = nameStart
        while cursor < input.count, cursor - nameStart < 16, input[cursor] >= 0x61, input[cursor] <= 0x7A { cursor += 1 }
        guard cursor > nameStart else { return nil }
        var command = WorkflowCommand(end: 0, isError: cursor - nameStart == 5 && matches(input, at: nameStart, "error"))
        // Properties up to the closing "::", within a bounded distance.
        var probe = cursor
        while probe + 1 < input.count, probe - cursor < 512 {
            if input[probe] == 0x3A, input[probe + 1] == 0x3A {
                command.end = probe + 2
                return command
            }
            let atProperty = probe == cursor || input[probe - 1] == 0x2C || input[probe - 1] == 0x20
            if atProperty {
                if matches(input, at: probe, "file=") {
                    command.file = propertyValue(input, from: probe + 5)
                } else if matches(input, at: probe, "line=") {
                    command.line = propertyValue(input, from: probe + 5)
                } else if matches(input, at: probe, "col=") {
                    command.column = propertyValue(input, from: probe + 4)
                }
            }
            probe += 1
        }
        return nil
    }

    /// A GitHub workflow command (`::error file=…,line=…::`) found at the start of a segment.
    struct WorkflowCommand {
        var end: Int
        var isError: Bool
        var file: Range<Int>?
        var line: Range<Int>?
        var column: Range<Int>?
    }

    private static func propertyValue(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int> {
        var end = start
        while end < input.count, input[end] != 0x2C, input[end] != 0x3A || (end + 1 < input.count && input[end + 1] != 0x3A) {
            end += 1
        }
        return start..<end
    }

    /// The index after the escape sequence starting at `index` (which holds ESC).
    static func escapeEnd(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        var cursor = index + 1
        guard cursor < input.count else { return cursor }
        let kind = input[cursor]
        cursor += 1
        switch kind {
        case 0x5B:  // CSI: parameters, intermediates, final byte
            while cursor < input.count, input[cursor] >= 0x20, input[cursor] <= 0x3F { cursor += 1 }
            if cursor < input.count, input[cursor] >= 0x40, input[cursor] <= 0x7E { cursor += 1 }
            return cursor
        case 0x5D:  // OSC: up to BEL or ESC \
            while cursor < input.count {
                if input[cursor] == 0x07 { return cursor + 1 }
                if input[cursor] == 0x1B, cursor + 1 < input.count, input[cursor + 1] == 0x5C { return cursor + 2 }
                cursor += 1
            }
            return cursor
        default:
            // nF escapes such as `ESC ( B`: intermediates, then one final byte.
            var end = cursor - 1
            while end < input.count, input[end] >= 0x20, input[end] <= 0x2F { end += 1 }
            if end < input.count, input[end] >= 0x30, input[end] <= 0x7E { end += 1 }
            return max(end, cursor)
        }
    }

    @inline(__always)
    private static func matches(_ input: UnsafeBufferPointer<UInt8>, at index: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard input.count - index >= count else { return false }
        let pointer = text.utf8Start
        for offset in 0..<count where input[index + offset] != pointer[offset] { return false }
        return true
    }
}
