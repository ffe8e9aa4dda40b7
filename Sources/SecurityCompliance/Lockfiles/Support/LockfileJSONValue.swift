/// A parsed JSON value that remembers the line of every object key.
///
/// Foundation's `JSONSerialization` gives no positions, and the scanner reports the line of
/// each package entry, so lockfile JSON is read with ``JSONDocumentParser`` into this tree.
indirect enum LockfileJSONValue: Sendable, Equatable {
    case object(JSONObject)
    case array([LockfileJSONValue])
    case string(String)
    /// A number, kept as its source text.
    case number(String)
    case bool(Bool)
    case null

    /// The object, when this value is one.
    var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The array, when this value is one.
    var array: [LockfileJSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The string, when this value is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// True only for the literal `true`.
    var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    /// The number as an integer, when this value is an integral number.
    var integer: Int? {
        if case .number(let text) = self { return Int(text) ?? Double(text).flatMap { Int(exactly: $0) } }
        return nil
    }
}

/// A JSON object: its members in source order, each with the line of its key.
struct JSONObject: Sendable, Equatable {
    /// One key/value pair and the 1-based line its key starts on.
    struct Member: Sendable, Equatable {
        var key: String
        var line: Int
        var value: LockfileJSONValue
    }

    var members: [Member]

    /// The value of the last member named `key` (JSON decoders let the last duplicate win).
    subscript(key: String) -> LockfileJSONValue? {
        member(key)?.value
    }

    /// The last member named `key`.
    func member(_ key: String) -> Member? {
        members.last { $0.key == key }
    }
}
