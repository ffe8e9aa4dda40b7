/// HTTP header fields with case-insensitive lookup, in the order received.
///
/// Descriptions and reflection show `Authorization` (and cookies) as `<redacted>`.
public struct GitHubHeaders: Sendable, Hashable, Codable, Sequence, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The fields as (name, value) pairs.
    public private(set) var fields: [Field]

    /// One header field.
    public struct Field: Sendable, Hashable, Codable {
        /// The field name as sent.
        public var name: String
        /// The field value.
        public var value: String
    }

    /// Creates headers from pairs.
    public init(_ pairs: [(String, String)] = []) {
        self.fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(_ name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Appends a field.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` with one value.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    /// Removes every field named `name`.
    public mutating func remove(_ name: String) {
        let lowered = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lowered }
    }

    /// Iterates over the fields.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    private static let sensitive: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// `name: value` lines with credentials redacted.
    public var description: String {
        fields.map { field in
            "\(field.name): \(Self.sensitive.contains(field.name.lowercased()) ? "<redacted>" : field.value)"
        }.joined(separator: ", ")
    }

    /// Same as ``description``.
    public var debugDescription: String { "GitHubHeaders(\(description))" }

    /// A mirror whose children carry redacted values.
    public var customMirror: Mirror {
        Mirror(self, unlabeledChildren: fields.map { field in
            "\(field.name): \(Self.sensitive.contains(field.name.lowercased()) ? "<redacted>" : field.value)"
        }, displayStyle: .collection)
    }
}
