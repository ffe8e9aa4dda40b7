/// A problem found while reading a lockfile: the file, the line where known, and what to do.
///
/// A malformed file yields a diagnostic and the scan goes on with the next file; packages
/// found before the problem are still reported.
public struct LockfileDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file, or an entry of it, could not be read: packages may be missing.
        case error
        /// Something was skipped on purpose or could not be followed (an include that is
        /// missing, an entry without a version); the rest of the file was read.
        case warning
    }

    /// The file the problem is in.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What went wrong and how to fix it.
    public var message: String
    /// How bad the problem is.
    public var severity: Severity

    /// Creates a diagnostic.
    public init(file: String, line: Int? = nil, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `file:line: severity: message`.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(severity.rawValue): \(message)"
    }
}
