/// A value of the TOML subset that lockfiles use.
indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    /// A number, date or other bare scalar, kept as its source text.
    case scalar(String)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)
    /// An array of tables (`[[name]]`).
    case tableArray([TOMLTable])

    /// The string, when this value is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The table, when this value is one.
    var table: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }
}

/// A TOML table: its keys in source order, each with the line it was defined on.
struct TOMLTable: Sendable, Equatable {
    /// One key/value pair and the 1-based line of its key.
    struct Entry: Sendable, Equatable {
        var key: String
        var line: Int
        var value: TOMLValue
    }

    /// The line of the table's header (`[name]` / `[[name]]`), or of its first key.
    var line: Int
    var entries: [Entry] = []

    subscript(key: String) -> TOMLValue? {
        entries.first { $0.key == key }?.value
    }

    /// The entry named `key`.
    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The tables of the array of tables named `key` (empty when absent or of another type).
    func tables(_ key: String) -> [TOMLTable] {
        if case .tableArray(let tables)? = self[key] { return tables }
        return []
    }
}
