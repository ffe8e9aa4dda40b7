import Foundation
import InfinitySystem

/// What a security scan looks for and with which rules and data.
public struct SecurityScanSettings: Sendable {
    /// Scan for leaked secrets.
    public var secrets: Bool
    /// Scan lockfiles for vulnerable dependencies.
    public var dependencies: Bool
    /// Also scan every commit of the history for secrets (needs a local repository).
    public var history: Bool
    /// The secret rules (shipped rules, possibly extended by `security.rules_file`).
    public var rules: SecretRuleSet
    /// Path globs never scanned (`security.skip_paths`).
    public var skipPaths: [String]
    /// Secret findings to suppress.
    public var baseline: SecretBaseline?
    /// The offline advisory database; dependency scans need it.
    public var osv: OSVDatabase?
    /// Where the OSV database was looked for, for messages.
    public var osvLocation: String
    /// Largest file read, in bytes.
    public var maxFileSize: Int
    /// Files scanned at once inside one repository.
    public var maxParallel: Int

    public init(secrets: Bool = true, dependencies: Bool = true, history: Bool = false, rules: SecretRuleSet = .default,
                skipPaths: [String] = [], baseline: SecretBaseline? = nil, osv: OSVDatabase? = nil,
                osvLocation: String = OSVDatabase.defaultFolder, maxFileSize: Int = 32 << 20,
                maxParallel: Int = SecretScanOptions.activeCores) {
        self.secrets = secrets
        self.dependencies = dependencies
        self.history = history
        self.rules = rules
        self.skipPaths = skipPaths
        self.baseline = baseline
        self.osv = osv
        self.osvLocation = osvLocation
        self.maxFileSize = maxFileSize
        self.maxParallel = maxParallel
    }
}

/// Scans one repository's commit (read from git objects) or paths on disk for secrets and
/// vulnerable dependencies. Never throws: a repository that cannot be scanned comes back
/// with ``RepositoryScanResult/error`` set, and problems with single files become diagnostics.
public struct RepositorySecurityScanner: Sendable {
    public var settings: SecurityScanSettings
    /// Runs git for history scans.
    public var git: SecretGitRunner

    public init(settings: SecurityScanSettings, git: SecretGitRunner = .live) {
        self.settings = settings
        self.git = git
    }

    /// Folders never read from a commit (the secret scanner's vendored folders and the
    /// lockfile scanner's skipped ones).
    static let vendored = SecretScanOptions.defaultVendoredDirectories.union(LockfileScanner.defaultSkippedDirectories)

    /// Scans the files of one commit, read through `content`; `historyPath`, when given and
    /// history is on, is the local repository whose every commit is scanned for secrets.
    public func scan(content: any RepositoryContent, repository: String, commit: String?,
                     historyPath: String? = nil) async -> RepositoryScanResult {
        var result = RepositoryScanResult(repository: repository, commit: commit)
        let snapshot: RepositorySnapshot
        do {
            snapshot = try await RepositorySnapshot.load(content, maxFileSize: settings.maxFileSize, vendored: Self.vendored)
        } catch {
            result.error = "cannot read \(repository) at \(commit ?? "HEAD"): \(error)"
            return result
        }
        if snapshot.skippedLarge > 0 {
            result.diagnostics.append("\(repository): \(snapshot.skippedLarge) file(s) over \(settings.maxFileSize) bytes not scanned")
        }
        if settings.secrets {
            await scanSecrets(paths: ["."], fileSystem: snapshot.secretFileSystem, into: &result)
            if settings.history, let historyPath { await scanHistory(historyPath, into: &result) }
        }
        if settings.dependencies {
            let lockfiles = LockfileScanner(fileSystem: snapshot.lockfileFileSystem)
            scanDependencies(lockfiles.findLockfiles(under: "."), scanner: lockfiles, into: &result)
        }
        return result
    }

    /// Scans files and folders on disk; `repositoryPath`, when history is on, is scanned as a git repository.
    public func scan(paths: [String], name: String = "paths") async -> RepositoryScanResult {
        var result = RepositoryScanResult(repository: name)
        if settings.secrets {
            await scanSecrets(paths: paths, fileSystem: .live, into: &result)
            if settings.history {
                for path in paths where GitInspector.probeByLayout(path) != .notRepository {
                    await scanHistory(path, into: &result)
                }
            }
        }
        if settings.dependencies {
            let lockfiles = LockfileScanner()
            var files: [String] = []
            for path in paths {
                if lockfiles.fileSystem.fileSize(path) != nil {
                    if LockfileScanner.kind(forFileName: Paths.basename(path)) != nil { files.append(path) }
                } else {
                    files += lockfiles.findLockfiles(under: path)
                }
            }
            scanDependencies(files, scanner: lockfiles, into: &result)
        }
        return result
    }

    private func secretScanner(_ fileSystem: SecretScanFileSystem) throws(SecretScanError) -> SecretScanner {
        let options = SecretScanOptions(maxParallel: settings.maxParallel, maxFileSize: settings.maxFileSize,
                                        excludedPaths: settings.skipPaths, baseline: settings.baseline)
        return try SecretScanner(rules: settings.rules, options: options, fileSystem: fileSystem)
    }

    private func scanSecrets(paths: [String], fileSystem: SecretScanFileSystem, into result: inout RepositoryScanResult) async {
        do {
            let report = try await secretScanner(fileSystem).scan(paths: paths)
            result.secrets += report.findings
            result.filesScanned += report.filesScanned
            result.suppressedByBaseline += report.suppressedByBaseline
            result.diagnostics += report.diagnostics
            result.scannedSecrets = true
        } catch {
            result.diagnostics.append("secrets: \(error)")
            if result.error == nil { result.error = "secret scan failed: \(error)" }
        }
    }

    private func scanHistory(_ path: String, into result: inout RepositoryScanResult) async {
        do {
            let report = try await secretScanner(.live).scanHistory(repoPath: path, git: git)
            let known = Set(result.secrets.map(\.fingerprint))
            result.secrets += report.findings.filter { !known.contains($0.fingerprint) }
            result.suppressedByBaseline += report.suppressedByBaseline
        } catch {
            result.diagnostics.append("history of \(path): \(error)")
        }
    }

    private func scanDependencies(_ files: [String], scanner: LockfileScanner, into result: inout RepositoryScanResult) {
        guard let osv = settings.osv else {
            if !files.isEmpty {
                result.diagnostics.append("dependencies: no OSV database at \(settings.osvLocation); "
                    + "run `infinity osv import all.zip` (or pass --osv-db) to check \(files.count) lockfile(s)")
            }
            return
        }
        var packages: [ScannedPackage] = []
        for file in files {
            let parsed = scanner.parse(fileAt: file)
            let shown = RepositorySnapshot.key(file)
            packages += parsed.packages.map { var p = $0; p.file = RepositorySnapshot.key(p.file); return p }
            result.diagnostics += parsed.diagnostics.map { d in
                var d = d
                d.file = shown
                return d.description
            }
        }
        result.packagesScanned += packages.count
        result.scannedDependencies = true
        let matches = osv.vulnerabilities(for: packages.map { OSVQuery(ecosystem: $0.ecosystem, name: $0.name, version: $0.version) })
        var seen = Set<String>()
        for (package, found) in zip(packages, matches) where !found.isEmpty {
            let safe = osv.nearestSafeVersion(ecosystem: package.ecosystem, name: package.name, version: package.version)
            for match in found {
                let finding = DependencyFinding(
                    file: package.file, line: package.line, ecosystem: package.ecosystem, package: package.name,
                    installedVersion: package.version, advisoryID: match.id, aliases: match.aliases, summary: match.summary,
                    severity: FindingSeverity(match.severity), fixedVersion: match.fixedVersion, safeVersion: safe)
                if seen.insert(finding.fingerprint).inserted { result.dependencies.append(finding) }
            }
        }
        result.dependencies.sort { ($0.file, $0.package, $0.advisoryID) < ($1.file, $1.package, $1.advisoryID) }
    }
}
