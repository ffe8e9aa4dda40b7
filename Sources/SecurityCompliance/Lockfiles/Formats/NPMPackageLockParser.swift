/// Reads npm `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3.
///
/// - v2/v3: the `packages` map, keyed by install path (`node_modules/a/node_modules/@s/b`);
///   the name is the entry's `name` (set for aliases) or the last one or two path
///   components. Link entries (`"link": true`) are skipped: their target has its own entry.
/// - v1: the nested `dependencies` tree; `npm:` aliases give the real name and version,
///   `file:` dependencies have no version, git dependencies give a commit and no version.
/// - Groups: `dev`, `optional`, `bundled` (v2+ `inBundle`), merged across duplicates.
/// - When `npm-shrinkwrap.json` sits next to a `package-lock.json`, npm ignores the
///   lockfile, and so does this parser (with a warning).
/// - Line: the line of the entry's key.
struct NPMPackageLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        if pathComponents(context.path).last == "package-lock.json" {
            let shrinkwrap = siblingPath(context.path, "npm-shrinkwrap.json")
            if context.fileSystem.fileSize(shrinkwrap) != nil {
                result.diagnostics.append(context.warning(
                    "skipped: npm-shrinkwrap.json in the same folder takes precedence over package-lock.json"))
                return result
            }
        }
        let root = try JSONInput.object(bytes, context: context)
        var collector = NPMPackageCollector()
        if case .object(let packages)? = root["packages"] {
            collectPackages(packages, into: &collector)
        } else if case .object(let dependencies)? = root["dependencies"] {
            collectDependencies(dependencies, into: &collector)
        }
        result.packages = collector.result
        return result
    }

    private func collectPackages(_ packages: JSONObject, into collector: inout NPMPackageCollector) {
        for member in packages.members where !member.key.isEmpty {
            guard let detail = member.value.object else { continue }
            if detail["link"]?.isTrue == true { continue }
            let name = detail["name"]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? Self.nameFromInstallPath(member.key)
            let version = detail["version"]?.string ?? ""
            let commit = GitCommitExtractor.commit(from: detail["resolved"]?.string ?? "")
            var groups: [String] = []
            if detail["inBundle"]?.isTrue == true { groups.append("bundled") }
            if detail["devOptional"]?.isTrue == true {
                groups += ["dev", "optional"]
            } else {
                if detail["dev"]?.isTrue == true { groups.append("dev") }
                if detail["optional"]?.isTrue == true { groups.append("optional") }
            }
            let key = name + "@" + (commit.isEmpty ? version : commit)
            collector.add(key: key, context.package(name, version, line: member.line, commit: commit, groups: groups))
        }
    }

    private func collectDependencies(_ dependencies: JSONObject, into collector: inout NPMPackageCollector) {
        for member in dependencies.members {
            guard let detail = member.value.object else { continue }
            if case .object(let nested)? = detail["dependencies"] {
                collectDependencies(nested, into: &collector)
            }
            var name = member.key
            let declared = detail["version"]?.string ?? ""
            var version = declared
            var keyVersion = declared
            var commit = ""
            if declared.hasPrefix("npm:"), let at = declared.lastIndex(of: "@"),
                at > declared.index(declared.startIndex, offsetBy: 4)
            {
                name = String(declared[declared.index(declared.startIndex, offsetBy: 4)..<at])
                version = String(declared[declared.index(after: at)...])
            }
            if declared.hasPrefix("file:") {
                version = ""
            } else {
                commit = GitCommitExtractor.commit(from: declared)
                if !commit.isEmpty {
                    version = ""
                    keyVersion = commit
                }
            }
            let dev = detail["dev"]?.isTrue == true
            let optional = detail["optional"]?.isTrue == true
            let groups = (dev ? ["dev"] : []) + (optional ? ["optional"] : [])
            collector.add(
                key: name + "@" + keyVersion,
                context.package(name, version, line: member.line, commit: commit, groups: groups))
        }
    }

    /// `node_modules/@scope/name` → `@scope/name`; `node_modules/a/node_modules/b` → `b`.
    static func nameFromInstallPath(_ path: String) -> String {
        let parts = path.split(separator: "/")
        guard let last = parts.last else { return path }
        if parts.count >= 2, parts[parts.count - 2].hasPrefix("@") {
            return parts[parts.count - 2] + "/" + last
        }
        return String(last)
    }
}

/// Path helpers that work on the strings the scanner was given (no Foundation URL round trip).
func pathComponents(_ path: String) -> [Substring] {
    path.split(separator: "/")
}

/// The path of `name` in the same folder as `path`.
func siblingPath(_ path: String, _ name: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return name }
    return String(path[...slash]) + name
}

/// The folder part of `path` (`.` when there is none).
func directoryPath(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}

/// Reading a JSON document into an object, with lockfile-flavoured errors.
enum JSONInput {
    /// The top-level object of `bytes`; a syntax error, `null` or a non-object is an error.
    static func object(_ bytes: [UInt8], context: LockfileParseContext) throws(LockfileParseError) -> JSONObject {
        let value: LockfileJSONValue
        do {
            value = try JSONDocumentParser().parse(bytes)
        } catch {
            throw context.error(
                .malformedJSON, line: error.line,
                "invalid JSON at line \(error.line), column \(error.column): \(error.message); fix or regenerate the file")
        }
        switch value {
        case .object(let object):
            return object
        case .null:
            throw context.error(.unexpectedStructure, line: 1, "the file decodes to a null JSON value; expected an object")
        default:
            throw context.error(.unexpectedStructure, line: 1, "the top-level JSON value is not an object")
        }
    }
}
