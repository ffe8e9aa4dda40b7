/// A version ordering algorithm; each OSV ecosystem maps to one (``OSVEcosystem/versionScheme``).
public enum VersionScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// SemVer 2.0 precedence, leniently parsed: leading `v`, fewer or more than three
    /// numeric parts, build metadata ignored (npm, crates.io, Go, SwiftURL, Hex…, and every
    /// `SEMVER` range).
    case semver
    /// Dart's pub_semver: SemVer, except build metadata orders (`1.0.0 < 1.0.0+1`).
    case pub
    /// PEP 440 (PyPI), with pre-PEP 440 "legacy" versions ordered before all valid ones.
    case pep440
    /// Maven's `ComparableVersion`.
    case maven
    /// RubyGems' `Gem::Version`.
    case rubyGems
    /// NuGet: SemVer with a fourth numeric part and case-insensitive labels.
    case nuget
    /// Packagist: PHP `version_compare` after composer-style canonicalisation.
    case packagist
    /// Debian and Ubuntu: dpkg's `epoch:upstream-revision` algorithm with `~`.
    case debian
    /// CRAN: numeric parts separated by `.` or `-`.
    case cran
    /// Hackage: numeric parts separated by `.`.
    case hackage
    /// Alpine, Wolfi and Chainguard: apk-tools' version ordering.
    case alpine
    /// Red Hat and other RPM distributions: `rpmvercmp` on `epoch:version-release`.
    case rpm
    /// Any other ecosystem: natural ordering of digit and letter runs.
    case generic
}
