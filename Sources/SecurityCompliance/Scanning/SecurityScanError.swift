import Foundation

/// A security scan that could not run: what went wrong, where, and what to do.
public struct SecurityScanError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// A file, folder or commit could not be read.
        case unreadable
        /// The manifest is missing or unreadable.
        case manifest
        /// A `--repo` name the manifest does not hold.
        case unknownRepository
        /// The rules file, baseline or OSV database is invalid.
        case configuration
        /// The store could not be written.
        case store
    }

    public var code: Code
    /// What happened and what to do about it.
    public var message: String
    /// The underlying error, described.
    public var underlying: String?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying.map { String(describing: $0) }
    }

    public var description: String { message + (underlying.map { " (\($0))" } ?? "") }
    public var errorDescription: String? { description }
}
