import Foundation

/// An error from the OSV database, loader or importer.
public struct OSVError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong, as a stable code.
    public enum Code: String, Sendable {
        /// The database folder does not exist or cannot be listed.
        case databaseUnreadable = "osv.database_unreadable"
        /// The zip cannot be opened or read.
        case zipUnreadable = "osv.zip_unreadable"
        /// A zip entry's path would escape the target folder, is absolute, or is a symbolic link.
        case unsafeZipEntry = "osv.unsafe_zip_entry"
        /// The zip exceeds a size, count or compression-ratio limit.
        case zipLimitExceeded = "osv.zip_limit_exceeded"
        /// The ecosystem of a zip cannot be determined.
        case unknownEcosystem = "osv.unknown_ecosystem"
        /// Writing or moving files into the database folder failed.
        case writeFailed = "osv.write_failed"
    }

    public var code: Code
    /// What happened and what to do, naming the file and entry.
    public var message: String
    /// The file or zip concerned.
    public var path: String?
    /// The zip entry concerned.
    public var entry: String?
    /// The error that caused this one.
    public var underlying: (any Error)?

    public init(
        _ code: Code, _ message: String, path: String? = nil, entry: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.entry = entry
        self.underlying = underlying
    }

    public var description: String {
        var text = "[\(code.rawValue)] "
        if let path { text += path + (entry.map { " [\($0)]" } ?? "") + ": " }
        text += message
        if let underlying { text += " (cause: \(underlying))" }
        return text
    }

    public var errorDescription: String? { description }
}
