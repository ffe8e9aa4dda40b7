import Foundation

/// An error from loading secret rules, a baseline, or scanning.
///
/// Messages name the rule id and `file:line` where that applies, and never contain a
/// secret value.
public struct SecretScanError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// What kind of error this is.
    public enum Code: String, Sendable, Equatable {
        /// The rules YAML could not be parsed.
        case invalidRulesFile = "invalid-rules-file"
        /// A rule entry is missing a field or has a wrong value.
        case invalidRule = "invalid-rule"
        /// A rule's regex does not compile.
        case invalidRegex = "invalid-regex"
        /// A rule's regex has nested quantifiers that could backtrack catastrophically.
        case unsafeRegex = "unsafe-regex"
        /// Two rules in one file share an id.
        case duplicateRule = "duplicate-rule"
        /// The baseline file could not be read or decoded.
        case invalidBaseline = "invalid-baseline"
        /// A path to scan does not exist or cannot be read.
        case unreadablePath = "unreadable-path"
        /// A git command failed in history mode.
        case gitFailed = "git-failed"
    }

    /// What kind of error this is.
    public var code: Code
    /// What went wrong and what to do about it.
    public var message: String
    /// The rule involved, if any.
    public var ruleID: String?
    /// The file involved, if any.
    public var file: String?
    /// The 1-based line in `file`, if known.
    public var line: Int?
    /// A description of the underlying error, if any.
    public var underlying: String?

    /// Creates an error.
    public init(
        code: Code, message: String, ruleID: String? = nil, file: String? = nil,
        line: Int? = nil, underlying: String? = nil
    ) {
        self.code = code
        self.message = message
        self.ruleID = ruleID
        self.file = file
        self.line = line
        self.underlying = underlying
    }

    /// `file:line: rule 'id': message (underlying)`.
    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            text += ": "
        }
        if let ruleID { text += "rule '\(ruleID)': " }
        text += message
        if let underlying { text += " (\(underlying))" }
        return "[\(code.rawValue)] " + text
    }

    /// The same text as ``description``, for `LocalizedError`.
    public var errorDescription: String? { description }
}
