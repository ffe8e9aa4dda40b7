/// A SARIF result `level`. Decoding keeps values SARIF does not define rather than
/// failing, so one odd producer does not make a whole file unreadable.
public struct SARIFLevel: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The level as written.
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A serious problem.
    public static let error = SARIFLevel(rawValue: "error")
    /// A problem worth fixing.
    public static let warning = SARIFLevel(rawValue: "warning")
    /// A minor problem or a remark.
    public static let note = SARIFLevel(rawValue: "note")
    /// No problem (used with `kind` values other than `fail`).
    public static let none = SARIFLevel(rawValue: "none")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
