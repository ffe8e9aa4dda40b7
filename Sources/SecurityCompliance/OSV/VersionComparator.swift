import Foundation

/// Compares version strings with the ordering of an OSV ecosystem.
///
/// ```swift
/// VersionComparator.compare("1.0.0-rc.1", "1.0.0", ecosystem: .npm)      // .orderedAscending
/// VersionComparator.compare("1!1.0", "2.0", ecosystem: .pypi)           // .orderedDescending
/// VersionComparator.compare("1:1.0-1", "1.0-2", ecosystemName: "Debian:12")
/// ```
/// Parsing never fails: every scheme reads any string leniently, and an unknown
/// ecosystem name uses ``VersionScheme/generic``.
public struct VersionComparator: Sendable {
    /// Compares `a` with `b` in `ecosystem`'s ordering.
    public static func compare(_ a: String, _ b: String, ecosystem: OSVEcosystem) -> ComparisonResult {
        compare(a, b, scheme: ecosystem.versionScheme)
    }

    /// Compares `a` with `b` in the ordering of an OSV ecosystem string (`"PyPI"`, `"Debian:12"`,
    /// `"cargo"`…); an unknown ecosystem uses the generic natural ordering.
    public static func compare(_ a: String, _ b: String, ecosystemName: String) -> ComparisonResult {
        compare(a, b, scheme: scheme(forEcosystem: ecosystemName))
    }

    /// Compares `a` with `b` with one version ordering.
    public static func compare(_ a: String, _ b: String, scheme: VersionScheme) -> ComparisonResult {
        let result = parse(a, scheme: scheme).compare(to: parse(b, scheme: scheme))
        return result < 0 ? .orderedAscending : (result == 0 ? .orderedSame : .orderedDescending)
    }

    /// Parses `version` once for repeated comparisons.
    public static func parse(_ version: String, scheme: VersionScheme) -> ParsedVersion {
        ParsedVersion(version, scheme: scheme)
    }

    /// The ordering for an OSV ecosystem string; ``VersionScheme/generic`` when unknown.
    public static func scheme(forEcosystem name: String) -> VersionScheme {
        OSVEcosystem(osvName: name)?.versionScheme ?? .generic
    }
}
