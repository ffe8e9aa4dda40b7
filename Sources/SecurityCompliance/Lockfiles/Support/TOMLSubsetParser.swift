/// A parser for the TOML that `Cargo.lock` and `poetry.lock` are written in.
///
/// Supported: comments, `[table]` and `[[array.of.tables]]` headers (dotted, quoted parts),
/// bare, quoted and dotted keys, basic / literal / multi-line strings with escapes,
/// booleans, numbers and dates (kept as text), nested arrays and inline tables.
/// Not checked: TOML's rules about redefining tables and the exact syntax of numbers and
/// dates. Nesting is bounded, so the parser cannot be driven into deep recursion.
struct TOMLSubsetParser {
    /// A syntax error with its 1-based position.
    struct SyntaxError: Error, Sendable, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The deepest nesting of arrays and inline tables accepted.
    var maxDepth = 128

    /// Parses a document into its root table.
    func parse(_ bytes: [UInt8]) throws(SyntaxError) -> TOMLTable {
        var reader = TOMLReader(bytes: bytes, maxDepth: maxDepth)
        return try reader.document()
    }
}

/// The cursor and grammar of ``TOMLSubsetParser``.
struct TOMLReader {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ message: String) -> TOMLSubsetParser.SyntaxError {
        TOMLSubsetParser.SyntaxError(line: line, column: index - lineStart + 1, message: message)
    }

    mutating func document() throws(TOMLSubsetParser.SyntaxError) -> TOMLTable {
        var root = TOMLTable(line: 1)
        var currentPath: [String] = []
        while true {
            skipBlankLinesAndComments()
            guard let byte = current else { return root }
            if byte == UInt8(ascii: "[") {
                let headerLine = line
                index += 1
                let isArray = current == UInt8(ascii: "[")
                if isArray { index += 1 }
                skipSpaces()
                let path = try keyPath(terminator: UInt8(ascii: "]"))
                guard current == UInt8(ascii: "]") else { throw error("expected ']' to close a table header") }
                index += 1
                if isArray {
                    guard current == UInt8(ascii: "]") else { throw error("expected ']]' to close an array-of-tables header") }
                    index += 1
                }
                try endOfLine()
                try Self.open(path: path[...], isArray: isArray, line: headerLine, in: &root, reader: self)
                currentPath = path
            } else {
                let keyLine = line
                let path = try keyPath(terminator: UInt8(ascii: "="))
                guard current == UInt8(ascii: "=") else { throw error("expected '=' after a key") }
                index += 1
                skipSpaces()
                let value = try value(depth: 0)
                try endOfLine()
                try Self.assign(
                    value, to: path[...], line: keyLine, tablePath: currentPath[...], in: &root, reader: self)
            }
        }
    }

    // MARK: structure

    /// Creates the table or appends to the array of tables at `path`.
    static func open(
        path: ArraySlice<String>, isArray: Bool, line: Int, in table: inout TOMLTable, reader: TOMLReader
    ) throws(TOMLSubsetParser.SyntaxError) {
        guard let head = path.first else { return }
        let rest = path.dropFirst()
        let position = table.entries.firstIndex { $0.key == head }
        if rest.isEmpty {
            if isArray {
                if let position {
                    guard case .tableArray(var tables) = table.entries[position].value else {
                        throw reader.error("'\(head)' is already defined and is not an array of tables")
                    }
                    tables.append(TOMLTable(line: line))
                    table.entries[position].value = .tableArray(tables)
                } else {
                    table.entries.append(.init(key: head, line: line, value: .tableArray([TOMLTable(line: line)])))
                }
            } else if let position {
                guard case .table = table.entries[position].value else {
                    throw reader.error("'\(head)' is already defined and is not a table")
                }
            } else {
                table.entries.append(.init(key: head, line: line, value: .table(TOMLTable(line: line))))
            }
            return
        }
        try descend(into: head, at: position, line: line, in: &table, reader: reader) { child throws(TOMLSubsetParser.SyntaxError) in
            try open(path: rest, isArray: isArray, line: line, in: &child, reader: reader)
        }
    }

    /// Sets `path` (relative to the table at `tablePath`) to `value`.
    static func assign(
        _ value: TOMLValue, to path: ArraySlice<String>, line: Int, tablePath: ArraySlice<String>,
        in table: inout TOMLTable, reader: TOMLReader
    ) throws(TOMLSubsetParser.SyntaxError) {
        if let head = tablePath.first {
            let position = table.entries.firstIndex { $0.key == head }
            try descend(into: head, at: position, line: line, in: &table, reader: reader) { child throws(TOMLSubsetParser.SyntaxError) in
                try assign(value, to: path, line: line, tablePath: tablePath.dropFirst(), in: &child, reader: reader)
            }
            return
        }
        guard let head = path.first else { return }
        let position = table.entries.firstIndex { $0.key == head }
        if path.count == 1 {
            if position != nil { throw reader.error("key '\(head)' is defined twice") }
            table.entries.append(.init(key: head, line: line, value: value))
            return
        }
        try descend(into: head, at: position, line: line, in: &table, reader: reader) { child throws(TOMLSubsetParser.SyntaxError) in
            try assign(value, to: path.dropFirst(), line: line, tablePath: [], in: &child, reader: reader)
        }
    }

    /// Runs `body` on the table named `key` (the last one, for an array of tables), creating it.
    static func descend(
        into key: String, at position: Int?, line: Int, in table: inout TOMLTable, reader: TOMLReader,
        _ body: (inout TOMLTable) throws(TOMLSubsetParser.SyntaxError) -> Void
    ) throws(TOMLSubsetParser.SyntaxError) {
        guard let position else {
            var child = TOMLTable(line: line)
            try body(&child)
            table.entries.append(.init(key: key, line: line, value: .table(child)))
            return
        }
        switch table.entries[position].value {
        case .table(var child):
            table.entries[position].value = .scalar("")
            try body(&child)
            table.entries[position].value = .table(child)
        case .tableArray(var tables) where !tables.isEmpty:
            table.entries[position].value = .scalar("")
            try body(&tables[tables.count - 1])
            table.entries[position].value = .tableArray(tables)
        default:
            throw reader.error("'\(key)' is already defined and is not a table")
        }
    }

    // MARK: lexing

    mutating func skipSpaces() {
        while let byte = current, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    mutating func newline() {
        index += 1
        line += 1
        lineStart = index
    }

    mutating func skipComment() {
        if current == UInt8(ascii: "#") {
            while let byte = current, byte != 0x0A { index += 1 }
        }
    }

    mutating func skipBlankLinesAndComments() {
        while true {
            skipSpaces()
            skipComment()
            if current == 0x0D { index += 1 }
            guard current == 0x0A else { return }
            newline()
        }
    }

    /// Skips spaces, newlines and comments (inside arrays).
    mutating func skipWhitespaceAndComments() {
        while let byte = current {
            switch byte {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A: newline()
            case UInt8(ascii: "#"): skipComment()
            default: return
            }
        }
    }

    mutating func endOfLine() throws(TOMLSubsetParser.SyntaxError) {
        skipSpaces()
        skipComment()
        if current == 0x0D { index += 1 }
        guard let byte = current else { return }
        guard byte == 0x0A else { throw error("unexpected text after a value; expected the end of the line") }
        newline()
    }

    /// A dotted key, stopping before `terminator`.
    mutating func keyPath(terminator: UInt8) throws(TOMLSubsetParser.SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let byte = current else { throw error("unexpected end of file in a key") }
            if byte == UInt8(ascii: "\"") {
                parts.append(try basicString())
            } else if byte == UInt8(ascii: "'") {
                parts.append(try literalString())
            } else {
                let start = index
                while let byte = current, isBareKeyByte(byte) { index += 1 }
                guard index > start else { throw error("invalid character in a key") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            if current == UInt8(ascii: ".") {
                index += 1
                continue
            }
            guard current == terminator else {
                throw error(terminator == UInt8(ascii: "=") ? "expected '=' after a key" : "expected ']' after a table name")
            }
            return parts
        }
    }

    func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    mutating func value(depth: Int) throws(TOMLSubsetParser.SyntaxError) -> TOMLValue {
        guard depth < maxDepth else { throw error("values nested deeper than \(maxDepth) levels") }
        guard let byte = current else { throw error("unexpected end of file; expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try basicString())
        case UInt8(ascii: "'"):
            return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var elements: [TOMLValue] = []
            while true {
                skipWhitespaceAndComments()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                elements.append(try value(depth: depth + 1))
                skipWhitespaceAndComments()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else if current != UInt8(ascii: "]") {
                    throw error("expected ',' or ']' in an array")
                }
            }
        case UInt8(ascii: "{"):
            let tableLine = line
            index += 1
            var table = TOMLTable(line: tableLine)
            skipSpaces()
            if current == UInt8(ascii: "}") {
                index += 1
                return .table(table)
            }
            while true {
                skipSpaces()
                let keyLine = line
                let path = try keyPath(terminator: UInt8(ascii: "="))
                index += 1
                skipSpaces()
                let element = try value(depth: depth + 1)
                try Self.assign(element, to: path[...], line: keyLine, tablePath: [], in: &table, reader: self)
                skipSpaces()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else if current == UInt8(ascii: "}") {
                    index += 1
                    return .table(table)
                } else {
                    throw error("expected ',' or '}' in an inline table")
                }
            }
        default:
            let start = index
            while let byte = current, isScalarByte(byte) { index += 1 }
            guard index > start else { throw error("invalid value") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            guard let first = text.utf8.first,
                first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
                    || text == "inf" || text == "nan"
            else { throw error("invalid value '\(text)'; strings must be quoted") }
            return .scalar(text)
        }
    }

    func isScalarByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }
}
