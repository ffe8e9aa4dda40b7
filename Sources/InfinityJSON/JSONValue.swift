import Foundation

/// Any JSON value, kept as parsed: GraphQL variables and loosely typed GitHub fields,
/// SARIF property bags and whole SARIF documents edited without losing unknown members,
/// and the free-form `ecosystem_specific` / `database_specific` objects of OSV records.
///
/// Numbers keep their kind: an integral number that fits `Int` (64-bit, so GitHub ids fit)
/// decodes to ``int(_:)`` and encodes back without a fraction; anything else is
/// ``double(_:)``. Objects are dictionaries, so member order is whatever the encoder
/// writes — use `JSONEncoder.OutputFormatting.sortedKeys` where the bytes must be stable
/// (fingerprints, ETags).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    ///
    /// Each kind is tried in turn (strings first: they are the most common value in SARIF
    /// and OSV); `Int` before `Double`, so integral numbers stay integers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a JSON value (null, Boolean, number, string, array or object).")
        }
    }

    /// Encodes the value as JSON; integers without a fraction.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
