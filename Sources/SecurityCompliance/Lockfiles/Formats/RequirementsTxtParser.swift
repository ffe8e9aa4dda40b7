import Foundation

/// Reads pip requirements files, following `-r` / `--requirement` includes.
///
/// Behaviour matches osv-scanner's extractor, which the shared fixtures encode:
/// - `name==1.0` and `name===1.0` give that version; `>=`, `<=` and `~=` give their bound
///   (the lowest version the requirement allows); a bare name gives an empty version;
///   anything with `*`, `<`, `!=` or several clauses gives an empty version;
/// - comments, extras (`pkg[extra]`), environment markers (`; python_version < "3"`),
///   per-requirement options (`--hash=…`, `-C`, `--config-settings`, `--global-option`)
///   and `\` line continuations are handled; lines with `${VAR}` are skipped;
/// - URLs, paths and other option lines yield nothing; `-c` constraint files are not read;
/// - includes are resolved relative to the including file, each file read at most once,
///   so include cycles end; a package found through an include is reported at the `-r`
///   line of the file that included it (osv-scanner's convention).
/// Line: the first line of the requirement.
struct RequirementsTxtParser {
    let context: LockfileParseContext
    /// The most files one scan follows through includes.
    var maxIncludedFiles = 256

    private struct Include {
        var path: String
        var fromFile: String
        var fromLine: Int
    }

    func parse(_ bytes: [UInt8]) -> LockfileParseResult {
        var result = LockfileParseResult()
        var pending: [Include] = []
        result.packages = parseFile(bytes, path: context.path, includes: &pending)
        var seen: Set<String> = [Self.cleanPath(context.path)]
        var cursor = 0
        while cursor < pending.count {
            let include = pending[cursor]
            cursor += 1
            let key = Self.cleanPath(include.path)
            if seen.contains(key) { continue }
            guard seen.count < maxIncludedFiles else {
                result.diagnostics.append(LockfileDiagnostic(
                    file: include.fromFile, line: include.fromLine,
                    message: "more than \(maxIncludedFiles) included requirements files; \(include.path) and later ones were not read",
                    severity: .warning))
                break
            }
            let bytes: [UInt8]
            do {
                guard let size = context.fileSystem.fileSize(include.path), size <= context.maxFileSize else {
                    throw LockfileParseError(
                        code: .unreadableFile, file: include.path, message: "missing or too large")
                }
                bytes = try context.fileSystem.readFile(include.path)
            } catch {
                result.diagnostics.append(LockfileDiagnostic(
                    file: include.fromFile, line: include.fromLine,
                    message: "could not read included requirements file \(include.path); check the -r path",
                    severity: .warning))
                continue
            }
            seen.insert(key)
            for var package in parseFile(bytes, path: include.path, includes: &pending) {
                package.file = include.fromFile
                package.line = include.fromLine
                result.packages.append(package)
            }
        }
        return result
    }

    private func parseFile(_ bytes: [UInt8], path: String, includes: inout [Include]) -> [ScannedPackage] {
        let lines = TextLines.split(bytes)
        var packages: [ScannedPackage] = []
        var index = 0
        while index < lines.count {
            let startLine = index + 1
            var logical = ""
            var skip = false
            while index < lines.count {
                let line = Self.removeComment(lines[index])
                index += 1
                if Self.hasEnvironmentVariable(line) {
                    skip = true
                    break
                }
                if line.hasSuffix("\\") {
                    logical += line.dropLast()
                    continue
                }
                logical += line
                break
            }
            if skip { continue }
            let withoutOptions = Self.removePerRequirementOptions(logical)
            let requirement = withoutOptions.trimmed
            var text = requirement
            if let semicolon = text.firstIndex(of: ";") { text = text[..<semicolon] }
            let bare = Self.removeExtras(text)
            if bare.isEmpty { continue }
            if let target = Self.includeTarget(bare) {
                let resolved = target.hasPrefix("/") ? target : directoryPath(path) + "/" + target
                includes.append(Include(path: resolved, fromFile: path, fromLine: startLine))
            }
            if bare.hasPrefix("-") { continue }
            let (name, version, comparator) = Self.lowestVersion(bare)
            if name.isEmpty || (version.isEmpty && !comparator.isEmpty) || !Self.isValidName(name) { continue }
            packages.append(ScannedPackage(
                ecosystem: context.ecosystem, name: name, version: version, file: path, line: startLine))
        }
        return packages
    }

    /// The file named by `-r file`, `-rfile`, `--requirement file` or `--requirement=file`.
    static func includeTarget(_ line: String) -> String? {
        var rest: Substring
        if line.hasPrefix("--requirement") {
            rest = line.dropFirst("--requirement".count)
            if rest.hasPrefix("=") { rest = rest.dropFirst() }
        } else if line.hasPrefix("-r") {
            rest = line.dropFirst(2)
        } else {
            return nil
        }
        let target = rest.trimmed
        return target.isEmpty ? nil : String(target)
    }

    /// Drops `#` and what follows when the `#` starts the line or follows whitespace
    /// (with that whitespace).
    static func removeComment(_ line: Substring) -> Substring {
        var previousIsSpace = true
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "#", previousIsSpace {
                var cut = index
                while cut > line.startIndex, line[line.index(before: cut)].isWhitespace { cut = line.index(before: cut) }
                return line[..<cut]
            }
            previousIsSpace = character.isWhitespace
            index = line.index(after: index)
        }
        return line
    }

    /// True when the line contains `${NAME}` with `NAME` of `[A-Z0-9_]+`.
    static func hasEnvironmentVariable(_ line: Substring) -> Bool {
        var search = line[...]
        while let start = search.range(of: "${") {
            let after = search[start.upperBound...]
            let name = after.prefix { ($0.isASCII && ($0.isUppercase || $0.isNumber)) || $0 == "_" }
            if !name.isEmpty, after.dropFirst(name.count).hasPrefix("}") { return true }
            search = after
        }
        return false
    }

    /// Removes the first per-requirement option (preceded by whitespace or at the start)
    /// and everything after it.
    static func removePerRequirementOptions(_ line: String) -> String {
        let options = ["--hash", "--global-option", "--config-settings", "-C"]
        var index = line.startIndex
        var previousIsSpace = true
        while index < line.endIndex {
            if previousIsSpace, options.contains(where: { line[index...].hasPrefix($0) }) {
                var cut = index
                while cut > line.startIndex, line[line.index(before: cut)].isWhitespace { cut = line.index(before: cut) }
                return String(line[..<cut])
            }
            previousIsSpace = line[index].isWhitespace
            index = line.index(after: index)
        }
        return line
    }

    /// Removes every `[...]` group that contains no brackets.
    static func removeExtras(_ text: Substring) -> String {
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "[",
                let close = text[text.index(after: index)...].firstIndex(where: { $0 == "]" || $0 == "[" }),
                text[close] == "]"
            {
                index = text.index(after: close)
                continue
            }
            output.append(text[index])
            index = text.index(after: index)
        }
        return output.trimmed.isEmpty ? "" : output
    }

    /// Name, version and comparator of a requirement, as osv-scanner reads it.
    static func lowestVersion(_ text: String) -> (String, String, String) {
        let unsupported = text.contains("*") || text.contains(",") || text.contains("!=") || hasLessThanWithoutEquals(text)
        if unsupported {
            var name = text[...]
            for separator in ["===", "==", ">=", "<=", "~=", "!=", "<"] {
                if let range = name.range(of: separator) { name = name[..<range.lowerBound] }
            }
            return (String(name.trimmed), "", "")
        }
        for separator in ["===", "==", ">=", "<=", "~="] {
            if let range = text.range(of: separator) {
                return (
                    String(text[..<range.lowerBound].trimmed), String(text[range.upperBound...].trimmed), separator
                )
            }
        }
        return (String(text.trimmed), "", "")
    }

    private static func hasLessThanWithoutEquals(_ text: String) -> Bool {
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if character == "<", let next = iterator.next(), next != "=" { return true }
        }
        return false
    }

    /// A PEP 508 distribution name: letters and digits, with `.`, `_`, `-` inside.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        return alphanumeric(first) && alphanumeric(last)
            && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// `a/./b/../c` → `a/c`, so one file reached by two spellings is read once.
    static func cleanPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
