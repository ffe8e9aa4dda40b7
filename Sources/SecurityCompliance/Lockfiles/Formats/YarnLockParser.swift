import Yams

/// Reads `yarn.lock`, both the classic v1 format and berry (v2+, YAML with `__metadata`).
///
/// - v1: each unindented header (`"a@^1", a@^1.1:`) starts an entry; its `version` and
///   `resolved` properties give the version and, for git sources, the commit. The name is
///   taken from the first descriptor of the header, following `npm:` aliases.
/// - berry: parsed as YAML; the name comes from `resolution` (falling back to the key),
///   the version from `version`, the commit from `resolution`. The root workspace
///   (`name@workspace:.`) and `__metadata` are skipped; other workspaces are kept.
/// - Line: the line of the entry's header / key.
struct YarnLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        let lines = TextLines.split(bytes)
        let isBerry = lines.contains { $0 == "__metadata:" }
        return isBerry ? try parseBerry(bytes) : try parseClassic(lines)
    }

    // MARK: v1

    private struct Entry {
        var header: Substring
        var line: Int
        var properties: [Substring] = []
    }

    private func parseClassic(_ lines: [Substring]) throws(LockfileParseError) -> LockfileParseResult {
        var entries: [Entry] = []
        for (offset, line) in lines.enumerated() {
            let trimmedLine = line.trimmed
            if trimmedLine.isEmpty || trimmedLine.hasPrefix("#") { continue }
            if !line.hasPrefix(" ") {
                entries.append(Entry(header: line, line: offset + 1))
            } else if entries.isEmpty {
                throw context.error(
                    .unexpectedStructure, line: offset + 1,
                    "indented line before the first entry header; this is not a yarn.lock")
            } else {
                entries[entries.count - 1].properties.append(line)
            }
        }
        var result = LockfileParseResult()
        for entry in entries {
            if entry.header == "__metadata:" || entry.header.hasSuffix("@workspace:.\":") { continue }
            let name = Self.name(fromHeader: entry.header)
            let version = entry.properties.lazy.compactMap(Self.versionProperty).first.map(String.init) ?? ""
            let resolution = entry.properties.lazy.compactMap(Self.resolutionProperty).first.map(String.init) ?? ""
            if version.isEmpty {
                result.diagnostics.append(context.warning(line: entry.line, "entry for \(name) has no version"))
            }
            result.packages.append(context.package(
                name, version, line: entry.line, commit: GitCommitExtractor.commit(from: resolution)))
        }
        return result
    }

    /// The package name of the first descriptor in a header, following `npm:` aliases.
    static func name(fromHeader header: Substring) -> String {
        var text = header
        if text.hasPrefix("\"") { text = text.dropFirst() }
        if text.hasSuffix(":") { text = text.dropLast() }
        if let comma = text.firstIndex(of: ",") { text = text[..<comma] }
        return name(fromDescriptor: text)
    }

    /// `@scope/name@range` → `@scope/name`; `alias@npm:real@range` → `real`.
    static func name(fromDescriptor descriptor: Substring) -> String {
        var text = descriptor
        let scoped = text.hasPrefix("@")
        if scoped { text = text.dropFirst() }
        var name = text
        var rest: Substring = ""
        if let at = text.firstIndex(of: "@") {
            name = text[..<at]
            rest = text[text.index(after: at)...]
        }
        if rest.hasPrefix("npm:"), rest.contains("@") {
            return self.name(fromDescriptor: rest.dropFirst(4))
        }
        return scoped ? "@" + name : String(name)
    }

    /// The value of a `  version "1.0.0"` / `  version: 1.0.0` line.
    static func versionProperty(_ line: Substring) -> Substring? {
        guard var rest = propertyValue(line, keys: ["version"]) else { return nil }
        if rest.hasPrefix("\"") { rest = rest.dropFirst() }
        if rest.hasSuffix("\"") { rest = rest.dropLast() }
        let allowed = rest.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "+"):
                true
            default: false
            }
        }
        return allowed && !rest.isEmpty ? rest : nil
    }

    /// The value of a `  resolved "url"` / `  resolution: "desc"` line.
    static func resolutionProperty(_ line: Substring) -> Substring? {
        guard let rest = propertyValue(line, keys: ["resolved", "resolution:"]), rest.count >= 2,
            rest.hasPrefix("\""), rest.hasSuffix("\"")
        else { return nil }
        let value = rest.dropFirst().dropLast()
        if value.isEmpty || value.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) { return nil }
        return value
    }

    /// For a line indented by exactly two spaces, the text after `key` (optionally quoted,
    /// optionally followed by `:`) and one space.
    private static func propertyValue(_ line: Substring, keys: [String]) -> Substring? {
        guard line.hasPrefix("  "), !line.dropFirst(2).hasPrefix(" ") else { return nil }
        var rest = line.dropFirst(2)
        let quoted = rest.hasPrefix("\"")
        if quoted { rest = rest.dropFirst() }
        guard let key = keys.first(where: { rest.hasPrefix($0) }) else { return nil }
        rest = rest.dropFirst(key.count)
        if rest.hasPrefix("\"") { rest = rest.dropFirst() }
        if !key.hasSuffix(":"), rest.hasPrefix(":") { rest = rest.dropFirst() }
        guard rest.hasPrefix(" ") else { return nil }
        return rest.dropFirst()
    }

    // MARK: berry

    private func parseBerry(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        guard let root = try YAMLInput.compose(bytes, context: context) else { return result }
        guard case .mapping(let entries) = root else {
            throw context.error(.unexpectedStructure, line: root.mark?.line, "the top level of a yarn.lock must be a mapping")
        }
        for (keyNode, value) in entries {
            guard let key = keyNode.string, key != "__metadata" else { continue }
            let descriptors = key.split(separator: ",").map { $0.trimmed }
            if descriptors.contains(where: { $0.hasSuffix("@workspace:.") }) { continue }
            let line = keyNode.mark?.line
            guard case .mapping = value else {
                result.diagnostics.append(context.warning(line: line, "entry \(key) is not a mapping; skipped"))
                continue
            }
            let resolution = value[key: "resolution"]?.string ?? ""
            let name = Self.name(fromDescriptor: resolution.isEmpty ? descriptors.first ?? "" : resolution[...])
            let version = value[key: "version"]?.string ?? ""
            if version.isEmpty {
                result.diagnostics.append(context.warning(line: line, "entry for \(name) has no version"))
            }
            result.packages.append(context.package(
                name, version, line: line, commit: GitCommitExtractor.commit(from: resolution)))
        }
        return result
    }
}
