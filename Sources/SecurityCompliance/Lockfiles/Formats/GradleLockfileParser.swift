/// Reads Gradle dependency lockfiles (`gradle.lockfile`, `buildscript-gradle.lockfile`):
/// lines `group:artifact:version=configuration,…`; comments and `empty=` are skipped, as are
/// lines without three coordinates and a `=`. The name is `group:artifact`. Line: the line.
struct GradleLockfileParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) -> LockfileParseResult {
        var result = LockfileParseResult()
        for (offset, rawLine) in TextLines.split(bytes).enumerated() {
            let line = rawLine.trimmed
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("empty=") { continue }
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let equals = parts[2].firstIndex(of: "=") else {
                result.diagnostics.append(context.warning(
                    line: offset + 1, "not a `group:artifact:version=configurations` line; skipped"))
                continue
            }
            let version = parts[2][..<equals]
            result.packages.append(context.package(parts[0] + ":" + parts[1], String(version), line: offset + 1))
        }
        return result
    }
}
