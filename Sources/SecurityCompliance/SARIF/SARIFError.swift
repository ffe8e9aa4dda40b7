import Foundation

/// An error from writing, compressing, fingerprinting or reading SARIF.
///
/// The message says what went wrong, where (file, JSON path, rule id, repository) and what
/// to do about it.
public struct SARIFError: Error, CustomStringConvertible, LocalizedError {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Hashable {
        /// The file could not be read (missing, unreadable, a directory).
        case fileUnreadable = "sarif.file_unreadable"
        /// The file is larger than the configured limit.
        case fileTooLarge = "sarif.file_too_large"
        /// The bytes are not JSON.
        case malformedJSON = "sarif.malformed_json"
        /// The JSON does not have the shape of a SARIF log.
        case malformedSARIF = "sarif.malformed_sarif"
        /// The log is not SARIF 2.1.0.
        case unsupportedVersion = "sarif.unsupported_version"
        /// A finding cannot be written (unknown severity, empty rule id, …).
        case invalidFinding = "sarif.invalid_finding"
        /// Even split into single runs, an upload exceeds GitHub's gzip size limit.
        case uploadTooLarge = "sarif.upload_too_large"
        /// zlib failed to compress or decompress.
        case compression = "sarif.compression"
        /// Encoding to JSON failed.
        case encoding = "sarif.encoding"
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong and what to do.
    public var message: String
    /// The file concerned, when there is one.
    public var file: String?
    /// The JSON coding path concerned, for example `runs[0].results[3].message`.
    public var codingPath: String?
    /// The underlying error.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(
        code: Code, message: String, file: String? = nil, codingPath: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.codingPath = codingPath
        self.underlying = underlying
    }

    public var description: String {
        var text = "[\(code.rawValue)] "
        if let file { text += "\(file): " }
        if let codingPath, !codingPath.isEmpty { text += "at \(codingPath): " }
        text += message
        if let underlying { text += " (cause: \(underlying))" }
        return text
    }

    public var errorDescription: String? { description }
}
