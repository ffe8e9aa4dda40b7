import Foundation

/// Why a lockfile could not be read: a code, a message naming the file and line, and the cause.
public struct LockfileParseError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The category of failure.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The file could not be opened or read.
        case unreadableFile
        /// The file is larger than the scanner's size limit.
        case fileTooLarge
        /// The file is not valid JSON.
        case malformedJSON
        /// The file is not valid YAML.
        case malformedYAML
        /// The file is not valid TOML (of the subset lockfiles use).
        case malformedTOML
        /// The file is not well-formed XML.
        case malformedXML
        /// The file parses but does not have the shape of this kind of lockfile.
        case unexpectedStructure
        /// One entry could not be understood; the rest of the file was read.
        case invalidEntry
    }

    /// The category of failure.
    public var code: Code
    /// The file, as given to the scanner.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What went wrong and what to do about it.
    public var message: String
    /// The underlying error's description, when there is one.
    public var underlying: String?

    /// Creates an error.
    public init(code: Code, file: String, line: Int? = nil, message: String, underlying: String? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
        self.underlying = underlying
    }

    /// `file:line: message (code) [cause]`.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        let cause = underlying.map { " (cause: \($0))" } ?? ""
        return "\(place): \(message) [\(code.rawValue)]\(cause)"
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }

    /// This error as a diagnostic of severity `error`.
    public var diagnostic: LockfileDiagnostic {
        LockfileDiagnostic(file: file, line: line, message: "\(message) [\(code.rawValue)]", severity: .error)
    }
}
