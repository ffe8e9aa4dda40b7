/// Normalises package names so lockfile names and advisory names meet in the index.
///
/// - PyPI: PEP 503 — lower-cased, every run of `-`, `_`, `.` becomes one `-`.
/// - NuGet, Packagist, crates.io, Hex, Pub: case-insensitive registries, lower-cased.
/// - Maven: `groupId:artifactId` with spaces around the parts removed (case kept).
/// - Go: the module path with a trailing `/` removed (case kept: module paths are case-sensitive).
/// - SwiftURL: the URL lower-cased, without a trailing `/` or `.git`.
/// - npm (scoped names included), RubyGems and every other ecosystem: trimmed, case kept.
public enum PackageNameNormalizer {
    /// The normalised form of `name` in `ecosystem` (`nil`: an ecosystem this module does not know).
    public static func normalize(_ name: String, ecosystem: OSVEcosystem?) -> String {
        let trimmed = name.trimmingASCIIWhitespace()
        switch ecosystem {
        case .pypi?:
            return pep503(trimmed)
        case .nuget?, .packagist?, .cratesIO?, .hex?, .pub?:
            return trimmed.lowercased()
        case .maven?:
            return trimmed.split(separator: ":", omittingEmptySubsequences: false)
                .map { $0.trimmingASCIIWhitespace() }.joined(separator: ":")
        case .go?:
            var path = trimmed
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return path
        case .swiftURL?:
            var url = trimmed.lowercased()
            while url.hasSuffix("/") { url.removeLast() }
            if url.hasSuffix(".git") { url.removeLast(4) }
            return url
        default:
            return trimmed
        }
    }

    /// PEP 503: lower-case and collapse runs of `-`, `_`, `.` into `-`.
    static func pep503(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var inSeparatorRun = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inSeparatorRun { result.append("-") }
                inSeparatorRun = true
            } else {
                result.append(character)
                inSeparatorRun = false
            }
        }
        return result
    }
}
