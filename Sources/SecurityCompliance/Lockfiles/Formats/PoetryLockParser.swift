/// Reads Python `poetry.lock`: every `[[package]]` with its name and version.
///
/// Groups: `optional` for `optional = true`; otherwise the Poetry 2 `groups`, emptied when
/// they include `main`. Commit: `source.resolved_reference` of git packages.
/// Line: the line of the package's `name` key.
struct PoetryLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        let root = try TOMLInput.table(bytes, context: context)
        var result = LockfileParseResult()
        for package in root.tables("package") {
            guard let name = package.entry("name"), let nameText = name.value.string,
                let version = package["version"]?.string
            else {
                result.diagnostics.append(context.warning(line: package.line, "[[package]] without a name and a version; skipped"))
                continue
            }
            var groups: [String] = []
            if package["optional"] == .bool(true) {
                groups = ["optional"]
            } else if case .array(let values)? = package["groups"] {
                let names = values.compactMap(\.string)
                groups = names.contains("main") ? [] : names
            }
            let commit = package["source"]?.table?["resolved_reference"]?.string
            result.packages.append(context.package(nameText, version, line: name.line, commit: commit, groups: groups))
        }
        return result
    }
}
