import Foundation
import InfinityJSON

/// Removes keys from a JSON document at any depth, so values that must never be kept (the raw
/// `secret` of a secret-scanning alert) are gone before a body is cached or decoded.
enum JSONKeyRedaction {
    /// `body` without `keys`; throws ``GitHubError/Code/decoding`` when `body` is not JSON (the
    /// body is then dropped unread rather than kept with what it may hold).
    static func removing(_ keys: Set<String>, from body: Data, request: GitHubRequest) throws -> Data {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw GitHubError(
                code: .decoding,
                message: "the answer of \(request.operation) was not JSON (\(body.count) bytes); it was dropped unread "
                    + "because it may hold values that must not be kept. Retry, and report it if it persists",
                endpoint: request.operation, repository: request.repository)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(strip(value, keys))
        } catch {
            throw GitHubError(
                code: .decoding, message: "could not re-encode the answer of \(request.operation) after redaction",
                endpoint: request.operation, repository: request.repository)
        }
    }

    static func strip(_ value: JSONValue, _ keys: Set<String>) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members where !keys.contains(key) { kept[key] = strip(member, keys) }
            return .object(kept)
        case .array(let items):
            return .array(items.map { strip($0, keys) })
        default:
            return value
        }
    }
}
