import Foundation

/// A position in a text file: the file's path, a 1-based line and a 1-based column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file, as the user named it.
    public var file: String
    /// 1-based line; 0 when unknown.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out the parts that are unknown.
    public var description: String {
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}
