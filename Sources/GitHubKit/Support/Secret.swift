import Foundation

/// A credential value that never shows up in logs, errors or descriptions.
///
/// `description`, `debugDescription` and reflection (`dump`, `Mirror`) all print
/// `<redacted>`; the value can only be read on purpose through ``unredactedValue``.
/// Deliberately not `Codable`, so it cannot be serialized by accident.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let storage: String

    /// Wraps a credential value.
    public init(_ value: String) {
        self.storage = value
    }

    /// The wrapped value; use it only to build an `Authorization` header or to sign.
    public var unredactedValue: String { storage }

    /// Whether the wrapped value is empty.
    public var isEmpty: Bool { storage.isEmpty }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `Secret(<redacted>)`.
    public var debugDescription: String { "Secret(<redacted>)" }

    /// A mirror with no children, so `dump` reveals nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Compares in time independent of where the values first differ.
    public static func == (lhs: Secret, rhs: Secret) -> Bool {
        let a = Array(lhs.storage.utf8)
        let b = Array(rhs.storage.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// Hashes the value (hash values are never printed).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}

/// Removes known secret values from free text (error messages, server messages).
struct SecretScrubber: Sendable {
    private let values: [String]

    init(_ secrets: [Secret]) {
        // Very short values would redact ordinary words; tokens are long.
        self.values = secrets.map(\.unredactedValue).filter { $0.count >= 8 }
    }

    /// Returns `text` with every known secret replaced by `<redacted>`.
    func scrub(_ text: String) -> String {
        var result = text
        for value in values where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: "<redacted>")
        }
        return result
    }
}
