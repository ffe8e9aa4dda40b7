/// A package ecosystem as named by the OSV schema (`affected[].package.ecosystem`).
///
/// The raw value is the exact OSV ecosystem string. OSV allows a `:suffix` after the
/// name (`Debian:12`, `Ubuntu:22.04:LTS`, `Maven:https://maven.google.com`); use
/// ``init(osvName:)`` to parse such strings, which also accepts the purl type names
/// (`pypi`, `cargo`, `golang`, `gem`, `composer`, `deb`, `apk`…) and ignores case.
public enum OSVEcosystem: String, Sendable, Hashable, Codable, CaseIterable {
    case npm = "npm"
    case cratesIO = "crates.io"
    case go = "Go"
    case pypi = "PyPI"
    case rubyGems = "RubyGems"
    case packagist = "Packagist"
    case maven = "Maven"
    case nuget = "NuGet"
    case pub = "Pub"
    case cran = "CRAN"
    case hackage = "Hackage"
    case hex = "Hex"
    case swiftURL = "SwiftURL"
    case debian = "Debian"
    case ubuntu = "Ubuntu"
    case alpine = "Alpine"
    case githubActions = "GitHub Actions"
    case julia = "Julia"
    case ghc = "GHC"
    case conanCenter = "ConanCenter"
    case bioconductor = "Bioconductor"
    case bitnami = "Bitnami"
    case linux = "Linux"
    case ossFuzz = "OSS-Fuzz"
    case redHat = "Red Hat"
    case rockyLinux = "Rocky Linux"
    case almaLinux = "AlmaLinux"
    case suse = "SUSE"
    case openSUSE = "openSUSE"
    case wolfi = "Wolfi"
    case chainguard = "Chainguard"

    /// Parses an OSV ecosystem string, tolerating a `:suffix`, any letter case and purl type names.
    ///
    /// Returns `nil` for an ecosystem this type does not know; callers then fall back to
    /// ``VersionScheme/generic``.
    public init?(osvName: String) {
        let base = OSVEcosystem.baseName(of: osvName)
        if let exact = OSVEcosystem(rawValue: base) {
            self = exact
            return
        }
        guard let match = OSVEcosystem.lookup[base.lowercased()] else { return nil }
        self = match
    }

    /// The part of an ecosystem string before the first `:`, trimmed of spaces.
    ///
    /// `Debian:12` gives `Debian`; `Maven:https://maven.google.com` gives `Maven`.
    public static func baseName(of osvName: String) -> String {
        let trimmed = osvName.trimmingASCIIWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return trimmed }
        return String(trimmed[..<colon]).trimmingASCIIWhitespace()
    }

    /// The part of an ecosystem string after the first `:` (`12` in `Debian:12`), or `nil`.
    public static func suffix(of osvName: String) -> String? {
        let trimmed = osvName.trimmingASCIIWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let rest = trimmed[trimmed.index(after: colon)...]
        return rest.isEmpty ? nil : String(rest)
    }

    /// The version ordering this ecosystem uses.
    public var versionScheme: VersionScheme {
        switch self {
        case .npm, .cratesIO, .go, .swiftURL, .hex, .julia, .ghc, .conanCenter, .bioconductor, .bitnami,
             .githubActions:
            return .semver
        case .pub: return .pub
        case .pypi: return .pep440
        case .maven: return .maven
        case .rubyGems: return .rubyGems
        case .nuget: return .nuget
        case .packagist: return .packagist
        case .cran: return .cran
        case .hackage: return .hackage
        case .debian, .ubuntu: return .debian
        case .alpine, .wolfi, .chainguard: return .alpine
        case .redHat, .rockyLinux, .almaLinux, .suse, .openSUSE: return .rpm
        case .linux, .ossFuzz: return .generic
        }
    }

    /// Lower-cased names and purl types mapped to ecosystems.
    private static let lookup: [String: OSVEcosystem] = {
        var table: [String: OSVEcosystem] = [:]
        for ecosystem in OSVEcosystem.allCases { table[ecosystem.rawValue.lowercased()] = ecosystem }
        let aliases: [String: OSVEcosystem] = [
            "cargo": .cratesIO, "crates": .cratesIO, "rust": .cratesIO,
            "golang": .go, "pip": .pypi, "python": .pypi,
            "gem": .rubyGems, "gems": .rubyGems, "composer": .packagist,
            "dart": .pub, "hackage": .hackage, "haskell": .hackage,
            "swift": .swiftURL, "deb": .debian, "apk": .alpine,
            "github": .githubActions, "githubactions": .githubActions, "rpm": .redHat,
            "redhat": .redHat, "rocky": .rockyLinux,
        ]
        for (alias, ecosystem) in aliases { table[alias] = ecosystem }
        return table
    }()
}

extension StringProtocol {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
