/// Anything that names an installed package: an ecosystem, a name and a version.
///
/// The lockfile scanner's `ScannedPackage` fits as is (`extension ScannedPackage:
/// OSVPackageCoordinate {}`); ``OSVQuery`` is a plain implementation.
public protocol OSVPackageCoordinate {
    /// The OSV ecosystem string (`npm`, `PyPI`, `Debian:12`…); purl types such as `pypi` work too.
    var ecosystem: String { get }
    var name: String { get }
    var version: String { get }
}

/// A plain package coordinate.
public struct OSVQuery: OSVPackageCoordinate, Sendable, Hashable, Codable {
    public var ecosystem: String
    public var name: String
    public var version: String

    public init(ecosystem: String, name: String, version: String) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
    }
}
