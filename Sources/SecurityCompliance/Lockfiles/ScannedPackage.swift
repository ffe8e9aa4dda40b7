/// One package version declared by a lockfile or manifest.
///
/// `ecosystem` uses the OSV ecosystem names (`npm`, `crates.io`, `Go`, `PyPI`, `RubyGems`,
/// `Packagist`, `Maven`, `SwiftURL`), so a value can be matched against OSV records as is.
/// `version` is empty when the file names the package without a resolvable version (a
/// `file:` dependency, a git commit, an unpinned requirement).
public struct ScannedPackage: Sendable, Hashable, Codable {
    /// The OSV ecosystem name.
    public var ecosystem: String
    /// The package name as the ecosystem spells it (`@scope/name`, `group:artifact`, a module path).
    public var name: String
    /// The resolved version, without a leading `v` for Go; empty when unknown.
    public var version: String
    /// The path of the file the package was found in, as given to the scanner.
    public var file: String
    /// The 1-based line of the package's entry in `file`, when the format makes that cheap.
    public var line: Int?
    /// The git commit the package was resolved to, for git-sourced dependencies.
    public var commit: String?
    /// Dependency groups the package belongs to (`dev`, `optional`, `bundled`, a Poetry group…);
    /// empty for a production dependency or when the format has no groups.
    public var groups: [String]

    /// Creates a package record.
    public init(
        ecosystem: String,
        name: String,
        version: String,
        file: String,
        line: Int? = nil,
        commit: String? = nil,
        groups: [String] = []
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.file = file
        self.line = line
        self.commit = commit
        self.groups = groups
    }

    private enum CodingKeys: String, CodingKey {
        case ecosystem, name, version, file, line, commit, groups
    }

    /// Decodes a package; `line`, `commit` and `groups` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ecosystem = try container.decode(String.self, forKey: .ecosystem)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        file = try container.decode(String.self, forKey: .file)
        line = try container.decodeIfPresent(Int.self, forKey: .line)
        commit = try container.decodeIfPresent(String.self, forKey: .commit)
        groups = try container.decodeIfPresent([String].self, forKey: .groups) ?? []
    }
}

/// OSV ecosystem names used by the lockfile parsers.
public enum LockfileEcosystem {
    /// npm (package-lock.json, yarn.lock, pnpm-lock.yaml).
    public static let npm = "npm"
    /// Rust crates (Cargo.lock).
    public static let cratesIO = "crates.io"
    /// Go modules (go.mod).
    public static let go = "Go"
    /// Python (requirements.txt, poetry.lock, Pipfile.lock).
    public static let pypi = "PyPI"
    /// Ruby gems (Gemfile.lock).
    public static let rubyGems = "RubyGems"
    /// PHP Composer (composer.lock).
    public static let packagist = "Packagist"
    /// Maven coordinates (pom.xml, gradle.lockfile).
    public static let maven = "Maven"
    /// Swift packages named by repository URL (Package.resolved).
    public static let swiftURL = "SwiftURL"
}
