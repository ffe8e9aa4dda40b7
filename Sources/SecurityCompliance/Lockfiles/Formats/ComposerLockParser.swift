/// Reads PHP `composer.lock`: `packages` and `packages-dev` (the latter in the `dev` group).
///
/// The commit is `dist.reference` when it is a commit hash (references containing `.`
/// are version tags and are ignored). Line: the line of the package's `name` key.
struct ComposerLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        let root = try JSONInput.object(bytes, context: context)
        for (section, groups) in [("packages", [String]()), ("packages-dev", ["dev"])] {
            guard case .array(let packages)? = root[section] else { continue }
            for case .object(let package) in packages {
                guard let name = package.member("name"), let nameText = name.value.string, !nameText.isEmpty else {
                    result.diagnostics.append(context.warning("an entry of \(section) has no name; skipped"))
                    continue
                }
                let version = package["version"]?.string ?? ""
                var commit = package["dist"]?.object?["reference"]?.string ?? ""
                if commit.contains(".") { commit = "" }
                result.packages.append(context.package(nameText, version, line: name.line, commit: commit, groups: groups))
            }
        }
        return result
    }
}
