import Yams

/// Reads `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x.
///
/// Entries of the `packages` mapping are named by dependency paths whose shape changed
/// between versions: `/name/1.0.0_peer@2` (v5), `/name@1.0.0(peer@2)` (v6) and
/// `name@1.0.0` (v9). Explicit `name:` / `version:` fields (tarball, git and `file:`
/// packages) take precedence. Paths with no numeric version (`github.com/o/r`, `/foo/bar`)
/// are skipped; paths that cannot be split at all are reported as errors and skipped.
/// The commit comes from `resolution.commit` or a codeload tarball URL; `dev: true` gives the
/// `dev` group. Line: the line of the entry's key.
struct PnpmLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        guard let root = try YAMLInput.compose(bytes, context: context) else { return result }
        guard case .mapping = root else {
            throw context.error(
                .unexpectedStructure, line: root.mark?.line, "the top level of a pnpm-lock.yaml must be a mapping")
        }
        var lockfileVersion = 5.0
        if let versionNode = root[key: "lockfileVersion"], let text = versionNode.string {
            guard let parsed = Double(text.trimmed) else {
                throw context.error(
                    .unexpectedStructure, line: versionNode.mark?.line,
                    "lockfileVersion '\(text)' is not a number")
            }
            lockfileVersion = parsed
        }
        guard case .mapping(let packages)? = root[key: "packages"] else { return result }
        for (keyNode, entry) in packages {
            guard let path = keyNode.string else { continue }
            let line = keyNode.mark?.line
            var name: String
            var version: String
            if let parsed = Self.nameAndVersion(path: path, lockfileVersion: lockfileVersion) {
                (name, version) = parsed
            } else {
                result.diagnostics.append(LockfileDiagnostic(
                    file: context.path, line: line,
                    message: "invalid dependency path: \(path); the entry was skipped", severity: .error))
                continue
            }
            if let explicit = entry[key: "name"]?.string, !explicit.isEmpty { name = explicit }
            if let explicit = entry[key: "version"]?.string, !explicit.isEmpty { version = explicit }
            if name.isEmpty || version.isEmpty { continue }
            let resolution = entry[key: "resolution"]
            var commit = resolution?[key: "commit"]?.string ?? ""
            if let tarball = resolution?[key: "tarball"]?.string, tarball.hasPrefix("https://codeload.github.com"),
                let fromTarball = GitCommitExtractor.codeloadCommit(tarball)
            {
                commit = fromTarball
            }
            let groups = entry[key: "dev"]?.bool == true ? ["dev"] : []
            result.packages.append(context.package(name, version, line: line, commit: commit, groups: groups))
        }
        return result
    }

    /// Name and version from a dependency path; `("", "")` when the path names no
    /// registry version; nil when the path cannot be split.
    static func nameAndVersion(path: String, lockfileVersion: Double) -> (String, String)? {
        if path.hasPrefix("file:") { return ("", "") }
        if lockfileVersion >= 9 {
            var text = path[...]
            while text.hasPrefix("'") { text = text.dropFirst() }
            while text.hasSuffix("'") { text = text.dropLast() }
            let scoped = text.hasPrefix("@")
            if scoped { text = text.dropFirst() }
            var name = text
            var version: Substring = ""
            if let at = text.firstIndex(of: "@") {
                name = text[..<at]
                version = text[text.index(after: at)...]
            }
            if let paren = version.firstIndex(of: "(") { version = version[..<paren] }
            return ((scoped ? "@" : "") + name, String(version))
        }
        // A v6 peer suffix `(@types/node@20.1.0)` may contain slashes; it is never part of the
        // name or version, so it is cut before splitting.
        let withoutPeers = path.firstIndex(of: "(").map { path[..<$0] } ?? path[...]
        var parts = withoutPeers.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        parts.removeFirst()
        var name: String
        if parts[0].hasPrefix("@"), parts.count >= 2 {
            name = parts[0] + "/" + parts[1]
            parts.removeFirst(2)
        } else {
            name = String(parts[0])
            parts.removeFirst()
        }
        var version = parts.first.map(String.init) ?? ""
        if version.isEmpty {
            (name, version) = splitNameAtVersion(name)
        }
        guard let first = version.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            return ("", "")
        }
        if let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
        return (name, version)
    }

    /// `name@1.0.0(peer@2)` → (`name`, `1.0.0`): the last `@` followed by a version made of
    /// `[A-Za-z0-9_.-]` that ends the text or is followed by `(`.
    static func splitNameAtVersion(_ text: String) -> (String, String) {
        var end = text.endIndex
        while let at = text[..<end].lastIndex(of: "@") {
            if at > text.startIndex {
                let after = text[text.index(after: at)...]
                let versionEnd = after.firstIndex { !isVersionCharacter($0) } ?? after.endIndex
                let version = after[..<versionEnd]
                if !version.isEmpty, versionEnd == after.endIndex || after[versionEnd] == "(" {
                    return (String(text[..<at]), String(version))
                }
            }
            end = at
        }
        return (text, "")
    }

    private static func isVersionCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
    }
}
