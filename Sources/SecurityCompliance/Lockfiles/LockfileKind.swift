/// The lockfile and manifest formats the scanner reads, detected from the file name.
///
/// Line numbers (``ScannedPackage/line``) are the 1-based line of the package's entry:
/// - the entry's key: package-lock.json (v1 nested and v2/v3), Pipfile.lock, pnpm-lock.yaml,
///   yarn.lock berry; the entry header: yarn.lock v1;
/// - the `name` key inside the entry: Cargo.lock, poetry.lock, composer.lock;
/// - the line itself: go.mod (`require` or applied `replace`; go.sum lines for go < 1.17),
///   requirements.txt (first line of a continued requirement; the `-r` line for packages
///   from included files), Gemfile.lock spec lines, gradle.lockfile;
/// - the `<dependency>` element as the XML parser reports it: pom.xml;
/// - the pin's first key (pins are array elements): Package.resolved.
/// Every format records a line; none leaves it nil except where an entry has no key of its own.
public enum LockfileKind: String, CaseIterable, Sendable, Codable {
    /// npm `package-lock.json` or `npm-shrinkwrap.json`, lockfileVersion 1, 2 or 3.
    case npmPackageLock = "package-lock.json"
    /// `yarn.lock`, classic (v1) or berry (v2+, YAML).
    case yarnLock = "yarn.lock"
    /// `pnpm-lock.yaml`, lockfile versions 5, 6 and 9.
    case pnpmLock = "pnpm-lock.yaml"
    /// Rust `Cargo.lock`.
    case cargoLock = "Cargo.lock"
    /// Go `go.mod` (with `go.sum` for go < 1.17).
    case goMod = "go.mod"
    /// pip `requirements.txt` (any `*.txt` whose name contains `requirements`).
    case requirementsTxt = "requirements.txt"
    /// Poetry `poetry.lock`.
    case poetryLock = "poetry.lock"
    /// Pipenv `Pipfile.lock`.
    case pipfileLock = "Pipfile.lock"
    /// Bundler `Gemfile.lock` or `gems.locked`.
    case gemfileLock = "Gemfile.lock"
    /// Composer `composer.lock`.
    case composerLock = "composer.lock"
    /// Gradle `gradle.lockfile` or `buildscript-gradle.lockfile`.
    case gradleLockfile = "gradle.lockfile"
    /// Maven `pom.xml` (declared dependencies only; no transitive resolution).
    case pomXML = "pom.xml"
    /// SwiftPM `Package.resolved`, versions 1, 2 and 3.
    case packageResolved = "Package.resolved"

    /// The OSV ecosystem of the packages this kind yields.
    public var ecosystem: String {
        switch self {
        case .npmPackageLock, .yarnLock, .pnpmLock: LockfileEcosystem.npm
        case .cargoLock: LockfileEcosystem.cratesIO
        case .goMod: LockfileEcosystem.go
        case .requirementsTxt, .poetryLock, .pipfileLock: LockfileEcosystem.pypi
        case .gemfileLock: LockfileEcosystem.rubyGems
        case .composerLock: LockfileEcosystem.packagist
        case .gradleLockfile, .pomXML: LockfileEcosystem.maven
        case .packageResolved: LockfileEcosystem.swiftURL
        }
    }

    /// The kind for a file name (the last path component), or nil when it is not a lockfile.
    public init?(fileName: String) {
        switch fileName {
        case "package-lock.json", "npm-shrinkwrap.json": self = .npmPackageLock
        case "yarn.lock": self = .yarnLock
        case "pnpm-lock.yaml": self = .pnpmLock
        case "Cargo.lock": self = .cargoLock
        case "go.mod": self = .goMod
        case "poetry.lock": self = .poetryLock
        case "Pipfile.lock": self = .pipfileLock
        case "Gemfile.lock", "gems.locked": self = .gemfileLock
        case "composer.lock": self = .composerLock
        case "gradle.lockfile", "buildscript-gradle.lockfile": self = .gradleLockfile
        case "pom.xml": self = .pomXML
        case "Package.resolved": self = .packageResolved
        default:
            if fileName.hasSuffix(".txt"), fileName.lowercased().contains("requirements") {
                self = .requirementsTxt
            } else {
                return nil
            }
        }
    }
}
