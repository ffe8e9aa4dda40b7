/// Any JSON value, for the free-form `ecosystem_specific` and `database_specific` objects.
public enum OSVJSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OSVJSONValue])
    case object([String: OSVJSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([OSVJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: OSVJSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object, else `nil`.
    public subscript(key: String) -> OSVJSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string value, else `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
