import Foundation

/// Settings of a secret scan; every default is the recommended behaviour.
public struct SecretScanOptions: Sendable {
    /// Files scanned at once (default: the number of active cores).
    public var maxParallel: Int
    /// Files larger than this many bytes are skipped (default 32 MiB).
    public var maxFileSize: Int
    /// Lines longer than this many bytes are not handed to regexes whole; only windows
    /// around their keywords are (default 16 KiB).
    public var maxRegexLineLength: Int
    /// Skip files with a NUL byte in their first 8 KiB.
    public var skipBinaryFiles: Bool
    /// Skip lockfiles named in ``lockfileNames``.
    public var skipLockfiles: Bool
    /// Skip folders named in ``vendoredDirectories``.
    public var skipVendoredDirectories: Bool
    /// File names treated as lockfiles.
    public var lockfileNames: Set<String>
    /// Folder names treated as vendored or generated code.
    public var vendoredDirectories: Set<String>
    /// Extra glob patterns (`*`, `**`, `?`) of paths not to scan.
    public var excludedPaths: [String]
    /// Drop values that look like test fixtures (`test`, `dummy`, `fake`, `example`, …).
    public var ignoreTestFixtures: Bool
    /// Skip files under test folders (`test/`, `tests/`, `spec/`, `fixtures/`, `testdata/`).
    public var skipTestPaths: Bool
    /// Honour `infinity:ignore`, `gitleaks:allow` and `pragma: allowlist secret` comments.
    public var honourInlineIgnores: Bool
    /// Findings whose fingerprints are in this baseline are suppressed.
    public var baseline: SecretBaseline?
    /// The regex engine that runs the rules.
    public var regexEngine: SecretRegexEngine
    /// Maximum findings reported per file (protects against pathological files).
    public var maxFindingsPerFile: Int

    /// Lockfiles skipped by default.
    public static let defaultLockfileNames: Set<String> = [
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
        "Cargo.lock", "Gemfile.lock", "poetry.lock", "Pipfile.lock", "composer.lock", "go.sum",
        "Package.resolved", "packages.lock.json", "mix.lock", "pubspec.lock", "Podfile.lock",
        "flake.lock", "gradle.lockfile", "uv.lock", "pdm.lock", "conan.lock", "deno.lock",
    ]

    /// Vendored folders skipped by default.
    public static let defaultVendoredDirectories: Set<String> = [
        "vendor", "node_modules", "third_party", "third-party", "bower_components", ".git",
        "Pods", "Carthage", ".build", ".venv", "venv", "__pycache__", ".tox", ".gradle",
    ]

    /// Creates options; every argument has the recommended default.
    public init(
        maxParallel: Int = SecretScanOptions.activeCores,
        maxFileSize: Int = 32 << 20,
        maxRegexLineLength: Int = 16 << 10,
        skipBinaryFiles: Bool = true,
        skipLockfiles: Bool = true,
        skipVendoredDirectories: Bool = true,
        lockfileNames: Set<String> = SecretScanOptions.defaultLockfileNames,
        vendoredDirectories: Set<String> = SecretScanOptions.defaultVendoredDirectories,
        excludedPaths: [String] = [],
        ignoreTestFixtures: Bool = true,
        skipTestPaths: Bool = false,
        honourInlineIgnores: Bool = true,
        baseline: SecretBaseline? = nil,
        regexEngine: SecretRegexEngine = .foundation,
        maxFindingsPerFile: Int = 1000
    ) {
        self.maxParallel = max(1, maxParallel)
        self.maxFileSize = maxFileSize
        self.maxRegexLineLength = max(256, maxRegexLineLength)
        self.skipBinaryFiles = skipBinaryFiles
        self.skipLockfiles = skipLockfiles
        self.skipVendoredDirectories = skipVendoredDirectories
        self.lockfileNames = lockfileNames
        self.vendoredDirectories = vendoredDirectories
        self.excludedPaths = excludedPaths
        self.ignoreTestFixtures = ignoreTestFixtures
        self.skipTestPaths = skipTestPaths
        self.honourInlineIgnores = honourInlineIgnores
        self.baseline = baseline
        self.regexEngine = regexEngine
        self.maxFindingsPerFile = maxFindingsPerFile
    }

    /// The number of active processor cores.
    public static var activeCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
