/// Reads Rust `Cargo.lock` (format versions 1 to 4): every `[[package]]` with a name and a
/// version, local workspace crates included (as cargo-audit and osv-scanner do).
/// Line: the line of the package's `name` key.
struct CargoLockParser {
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
            result.packages.append(context.package(nameText, version, line: name.line))
        }
        return result
    }
}
