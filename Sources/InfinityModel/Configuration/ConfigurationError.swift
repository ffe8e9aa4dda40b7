import Foundation

/// A problem with a configuration file: what is wrong, where (file:line:column), and how to fix it.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// What kind of problem this is; stable for scripts and tests.
    public enum Code: String, Sendable, Hashable {
        case fileNotFound = "file_not_found"
        case unreadable
        case syntax
        case unknownKey = "unknown_key"
        case wrongType = "wrong_type"
        case invalidValue = "invalid_value"
        case missingKey = "missing_key"
        case duplicateKey = "duplicate_key"
        case unsupported
    }

    public var code: Code
    /// Where the problem is; the column is 0 when unknown.
    public var location: SourceLocation
    /// The key path (`build.max_parallel`), when the problem is at a key.
    public var keyPath: String?
    /// What is wrong, in one sentence.
    public var message: String
    /// What to do about it.
    public var remedy: String?

    public init(_ code: Code, at location: SourceLocation, keyPath: String? = nil, _ message: String, remedy: String? = nil) {
        self.code = code
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.remedy = remedy
    }

    public var description: String {
        var text = "\(location): error: \(message)"
        if let remedy { text += " (\(remedy))" }
        return text
    }

    public var errorDescription: String? { description }
}

/// Several configuration problems found in one pass, reported together.
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
    public var errorDescription: String? { description }
}
