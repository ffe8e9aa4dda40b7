import InfinityJSON

/// A SARIF property bag (`properties`): arbitrary members, with typed access to the ones
/// GitHub code scanning reads (`tags`, `security-severity`, `precision`).
///
/// Every member survives a decode/encode round trip, known or not.
public struct SARIFPropertyBag: Sendable, Hashable, Codable {
    /// All members, as parsed.
    public var values: [String: JSONValue]

    /// Creates a bag holding `values`.
    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// The member `key`.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// `tags`: the string elements of the array (other elements are skipped).
    public var tags: [String]? {
        get { values["tags"]?.arrayValue?.compactMap(\.stringValue) }
        set { values["tags"] = newValue.map { .array($0.map(JSONValue.string)) } }
    }

    /// `security-severity` as written (GitHub expects a string such as `"8.8"`).
    public var securitySeverity: String? {
        get {
            switch values["security-severity"] {
            case .string(let text)?: return text
            case .int(let number)?: return String(number)
            case .double(let number)?: return String(number)
            default: return nil
            }
        }
        set { values["security-severity"] = newValue.map(JSONValue.string) }
    }

    /// `security-severity` as a number, whether it was written as a string or a number.
    public var securitySeverityScore: Double? {
        values["security-severity"]?.numberValue
    }

    /// `precision`: `very-high`, `high`, `medium` or `low`.
    public var precision: String? {
        get { values["precision"]?.stringValue }
        set { values["precision"] = newValue.map(JSONValue.string) }
    }

    /// `true` when the bag has no members.
    public var isEmpty: Bool { values.isEmpty }
}
