import Foundation

/// A problem found while loading a failure-rule file, or while reading a log file.
///
/// The message names the rule id and the `file:line:column` of the offending YAML node, and
/// says how to fix it.
public struct FailureRuleError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// What went wrong.
    public enum Code: String, Sendable, Equatable {
        /// The text is not valid YAML, or its top level is not the expected shape.
        case invalidYAML = "invalid_yaml"
        /// A rule lacks a required field (`id`, `category`, `patterns`).
        case missingField = "missing_field"
        /// A field has the wrong type or an unknown value (such as an unknown category).
        case invalidValue = "invalid_value"
        /// Two rules in the same file share an id.
        case duplicateID = "duplicate_id"
        /// A pattern is not a valid regular expression.
        case badRegex = "bad_regex"
        /// A pattern could backtrack catastrophically (nested quantifiers, backreferences…).
        case unsafeRegex = "unsafe_regex"
        /// No literal keyword could be derived from a pattern and none was declared.
        case missingKeyword = "missing_keyword"
        /// A file could not be read.
        case unreadableFile = "unreadable_file"
    }

    /// What went wrong.
    public var code: Code
    /// The id of the rule concerned, when known.
    public var ruleID: String?
    /// The file the rule came from (or the log that could not be read).
    public var file: String
    /// The 1-based line of the offending node, when known.
    public var line: Int?
    /// The 1-based column of the offending node, when known.
    public var column: Int?
    /// What is wrong and what to do about it.
    public var message: String
    /// The underlying error's description, if one caused this.
    public var underlying: String?

    /// Creates an error.
    public init(
        code: Code,
        ruleID: String? = nil,
        file: String,
        line: Int? = nil,
        column: Int? = nil,
        message: String,
        underlying: String? = nil
    ) {
        self.code = code
        self.ruleID = ruleID
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.underlying = underlying
    }

    /// `file:line:column`, as far as known.
    public var location: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// `file:line:column: rule 'id': message (underlying)`.
    public var description: String {
        var text = "\(location): "
        if let ruleID { text += "rule '\(ruleID)': " }
        text += message
        if let underlying { text += " (\(underlying))" }
        return text
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
