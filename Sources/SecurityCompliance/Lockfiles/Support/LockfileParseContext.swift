/// What a format parser gets besides the bytes: the path to report and a way to read siblings.
struct LockfileParseContext: Sendable {
    /// The path of the file being parsed, as given to the scanner; used in results.
    var path: String
    /// The ecosystem of the packages produced.
    var ecosystem: String
    /// Reads sibling files (go.sum, `-r` includes, npm-shrinkwrap.json).
    var fileSystem: LockfileFileSystem
    /// Files larger than this are not read.
    var maxFileSize: Int

    /// A package in this file.
    func package(
        _ name: String, _ version: String, line: Int?, commit: String? = nil, groups: [String] = []
    ) -> ScannedPackage {
        ScannedPackage(
            ecosystem: ecosystem, name: name, version: version, file: path, line: line,
            commit: commit?.isEmpty == false ? commit : nil, groups: groups)
    }

    /// An error located in this file.
    func error(_ code: LockfileParseError.Code, line: Int? = nil, _ message: String, underlying: String? = nil)
        -> LockfileParseError
    {
        LockfileParseError(code: code, file: path, line: line, message: message, underlying: underlying)
    }

    /// A warning located in this file.
    func warning(line: Int? = nil, _ message: String) -> LockfileDiagnostic {
        LockfileDiagnostic(file: path, line: line, message: message, severity: .warning)
    }
}

/// What a format parser found: packages and non-fatal diagnostics.
struct LockfileParseResult: Sendable {
    var packages: [ScannedPackage] = []
    var diagnostics: [LockfileDiagnostic] = []
}

/// Helpers shared by the line-oriented parsers.
enum TextLines {
    /// Decodes UTF-8 (replacing invalid bytes) and splits into lines without their `\n` or `\r\n`.
    static func split(_ bytes: [UInt8]) -> [Substring] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}

extension Substring {
    /// The text without leading and trailing whitespace (spaces, tabs, line breaks).
    var trimmed: Substring {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace {
            end = scalars.index(before: end)
        }
        return self[start..<end]
    }
}

extension String {
    /// The text without leading and trailing whitespace (spaces, tabs, line breaks).
    var trimmed: Substring { self[...].trimmed }
}
