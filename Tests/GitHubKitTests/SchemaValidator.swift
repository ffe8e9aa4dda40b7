import GitHubKit
import InfinityJSON

/// Checks a JSON value against the subset of JSON Schema the OpenAPI description uses:
/// `type`, `nullable`, `required`, `properties`, `items`, `enum`, `oneOf`/`anyOf`/`allOf`.
struct SchemaValidator {
    var problems: [String] = []

    mutating func validate(_ value: JSONValue, against schema: JSONValue, at path: String = "$") {
        if case .array(let all) = schema["allOf"] {
            for part in all { validate(value, against: part, at: path) }
            return
        }
        for keyword in ["oneOf", "anyOf"] {
            if case .array(let alternatives) = schema[keyword] {
                let matches = alternatives.contains { alternative in
                    var probe = SchemaValidator()
                    probe.validate(value, against: alternative, at: path)
                    return probe.problems.isEmpty
                }
                if !matches, !(value == .null && schema["nullable"] == .bool(true)) {
                    problems.append("\(path): matches no \(keyword) alternative")
                }
                return
            }
        }
        if value == .null {
            if schema["nullable"] != .bool(true), schema["type"] != nil { problems.append("\(path): null but not nullable") }
            return
        }
        switch schema["type"]?.stringValue {
        case "object":
            guard case .object(let members) = value else {
                problems.append("\(path): expected object")
                return
            }
            if case .array(let required) = schema["required"] {
                for key in required.compactMap(\.stringValue) where members[key] == nil {
                    problems.append("\(path): missing required '\(key)'")
                }
            }
            if case .object(let properties) = schema["properties"] {
                for (key, member) in members {
                    if let property = properties[key] { validate(member, against: property, at: "\(path).\(key)") }
                }
            }
        case "array":
            guard case .array(let items) = value else {
                problems.append("\(path): expected array")
                return
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { validate(item, against: itemSchema, at: "\(path)[\(index)]") }
            }
        case "string":
            guard case .string(let text) = value else {
                problems.append("\(path): expected string, got \(value)")
                return
            }
            if case .array(let allowed) = schema["enum"], !allowed.contains(.string(text)) {
                problems.append("\(path): '\(text)' not in enum")
            }
        case "integer":
            if value.intValue == nil { problems.append("\(path): expected integer") }
        case "number":
            switch value {
            case .int, .double: break
            default: problems.append("\(path): expected number")
            }
        case "boolean":
            if case .bool = value {} else { problems.append("\(path): expected boolean") }
        default:
            break
        }
    }
}

/// Looks up operations and schemas in `github-rest-subset.json`.
struct RESTSubset: Sendable {
    let root: JSONValue

    /// Parsed once per test process (the file is 1 MB).
    private static let loaded: Result<JSONValue, any Error> = Result { try SharedData.json("github-rest-subset.json") }

    init() throws {
        root = try Self.loaded.get()
    }

    var operations: [JSONValue] {
        if case .array(let list) = root["operations"] { return list }
        return []
    }

    func operation(_ id: String) -> JSONValue? {
        operations.first { $0["operationId"]?.stringValue == id }
    }

    /// The JSON schema of `status` for `id`.
    func schema(_ id: String, status: String) -> JSONValue? {
        operation(id)?["responses"]?[status]?["content"]?["application/json"]?["schema"]
    }

    /// Every example value of `status` for `id`, across media types, by name.
    func examples(_ id: String, status: String) -> [(String, JSONValue)] {
        guard case .object(let content) = operation(id)?["responses"]?[status]?["content"] else { return [] }
        var found: [(String, JSONValue)] = []
        for (mediaType, entry) in content.sorted(by: { $0.key < $1.key }) {
            guard case .object(let examples) = entry["examples"] else { continue }
            for (name, example) in examples.sorted(by: { $0.key < $1.key }) {
                if let value = example["value"], value != .null { found.append(("\(mediaType) \(name)", value)) }
            }
        }
        return found
    }
}
