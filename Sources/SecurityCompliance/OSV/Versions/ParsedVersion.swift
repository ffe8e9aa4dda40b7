/// A version string parsed once for repeated comparison under one ``VersionScheme``.
///
/// Parse the versions you compare many times (range bounds, installed versions) with
/// ``VersionComparator/parse(_:scheme:)`` and compare the parsed values; two parsed
/// versions of different schemes compare by the generic ordering of their strings.
public struct ParsedVersion: Sendable, CustomStringConvertible {
    /// The version as written.
    public var original: String { box.original }
    /// The ordering it was parsed for.
    public var scheme: VersionScheme { box.scheme }
    var storage: Storage { box.storage }
    /// Parsed versions are copied a lot while matching; one reference keeps copies cheap.
    private let box: Box

    private final class Box: Sendable {
        let original: String
        let scheme: VersionScheme
        let storage: Storage

        init(original: String, scheme: VersionScheme, storage: Storage) {
            self.original = original
            self.scheme = scheme
            self.storage = storage
        }
    }

    enum Storage: Sendable {
        case semver(SemVerVersion)
        case pub(SemVerVersion)
        case nuget(SemVerVersion)
        case pep440(PEP440Version)
        case maven(MavenVersion)
        case rubyGems(RubyGemsVersion)
        case packagist(PackagistVersion)
        case debian(DebianVersion)
        case numericList(NumericListVersion)
        case alpine(AlpineVersion)
        case rpm(RPMVersion)
        case generic(GenericVersion)
    }

    init(_ string: String, scheme: VersionScheme) {
        box = Box(original: string, scheme: scheme, storage: ParsedVersion.parse(string, scheme: scheme))
    }

    private static func parse(_ string: String, scheme: VersionScheme) -> Storage {
        let storage: Storage
        switch scheme {
        case .semver: storage = .semver(SemVerVersion(string))
        case .pub: storage = .pub(SemVerVersion(string))
        case .nuget: storage = .nuget(SemVerVersion(string))
        case .pep440: storage = .pep440(PEP440Version(string))
        case .maven: storage = .maven(MavenVersion(string))
        case .rubyGems: storage = .rubyGems(RubyGemsVersion(string))
        case .packagist: storage = .packagist(PackagistVersion(string))
        case .debian: storage = .debian(DebianVersion(string))
        case .cran:
            let separators: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "-")]
            storage = NumericListVersion(string, separators: separators).map(Storage.numericList)
                ?? .generic(GenericVersion(string))
        case .hackage:
            storage = NumericListVersion(string, separators: [UInt8(ascii: ".")]).map(Storage.numericList)
                ?? .generic(GenericVersion(string))
        case .alpine: storage = .alpine(AlpineVersion(string))
        case .rpm: storage = .rpm(RPMVersion(string))
        case .generic: storage = .generic(GenericVersion(string))
        }
        return storage
    }

    public var description: String { original }

    /// Three-way comparison: -1 when `self` is older than `other`, 0 when equal, +1 when newer.
    public func compare(to other: ParsedVersion) -> Int {
        if box === other.box { return 0 }
        switch (box.storage, other.box.storage) {
        case (.semver(let a), .semver(let b)): return SemVerVersion.compareSemVer(a, b)
        case (.pub(let a), .pub(let b)): return SemVerVersion.comparePub(a, b)
        case (.nuget(let a), .nuget(let b)): return SemVerVersion.compareNuGet(a, b)
        case (.pep440(let a), .pep440(let b)): return PEP440Version.compare(a, b)
        case (.maven(let a), .maven(let b)): return MavenVersion.compare(a, b)
        case (.rubyGems(let a), .rubyGems(let b)): return RubyGemsVersion.compare(a, b)
        case (.packagist(let a), .packagist(let b)): return PackagistVersion.compare(a, b)
        case (.debian(let a), .debian(let b)): return DebianVersion.compare(a, b)
        case (.numericList(let a), .numericList(let b)): return NumericListVersion.compare(a, b)
        case (.alpine(let a), .alpine(let b)): return AlpineVersion.compare(a, b)
        case (.rpm(let a), .rpm(let b)): return RPMVersion.compare(a, b)
        case (.generic(let a), .generic(let b)): return GenericVersion.compare(a, b)
        default:
            return GenericVersion.compare(GenericVersion(original), GenericVersion(other.original))
        }
    }
}
