/// A problem found while loading or importing advisories; the work goes on without the item.
public struct OSVDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable, Codable {
        case warning
        case note
    }

    public var level: Level
    /// The file (or zip) the problem is in.
    public var file: String
    /// The zip entry, or the array position in a file holding several records.
    public var entry: String?
    /// What is wrong and what was done about it.
    public var message: String

    public init(level: Level = .warning, file: String, entry: String? = nil, message: String) {
        self.level = level
        self.file = file
        self.entry = entry
        self.message = message
    }

    public var description: String {
        let place = entry.map { "\(file) [\($0)]" } ?? file
        return "\(level.rawValue): \(place): \(message)"
    }
}
