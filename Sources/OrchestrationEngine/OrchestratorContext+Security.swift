import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import SecurityCompliance

/// Settings a security scan takes from the command line; each one falls back to the
/// configuration's `security:` section, then to the default.
public struct SecurityScanRequest: Sendable {
    public var secrets: Bool
    public var dependencies: Bool
    public var history: Bool
    /// `--osv-db`; else `security.osv_db`; else `.infinity/osv`.
    public var osvDatabase: String?
    /// `--baseline FILE`.
    public var baselinePath: String?

    public init(secrets: Bool = true, dependencies: Bool = true, history: Bool = false, osvDatabase: String? = nil,
                baselinePath: String? = nil) {
        self.secrets = secrets
        self.dependencies = dependencies
        self.history = history
        self.osvDatabase = osvDatabase
        self.baselinePath = baselinePath
    }
}

extension OrchestratorContext {
    /// `<state>/reports`: where scan summaries are written.
    public var reportsDirectory: String { Paths.join(stateDirectory, "reports") }

    /// The OSV database folder: the flag, else `security.osv_db`, resolved against the project root.
    public func osvDatabasePath(_ flag: String?) -> String {
        if let flag { return fileSystem.absolute(flag) }
        return resolve(configuration.security.osvDatabase)
    }

    /// The secret rules: the shipped set, extended by `security.rules_file` when set.
    public func secretRules() throws(SecurityScanError) -> SecretRuleSet {
        guard let file = configuration.security.rulesFile else { return .default }
        let path = resolve(file)
        do {
            let text = String(decoding: try fileSystem.readFile(path), as: UTF8.self)
            return try SecretRuleSet.default.extending(yaml: text, file: path)
        } catch {
            throw SecurityScanError(.configuration, "cannot use the rules file \(path) (security.rules_file)", underlying: error)
        }
    }

    /// A scanner configured from the request and the configuration. An OSV database that
    /// does not exist is left out (dependency scans then report that it is missing).
    public func makeSecurityScanner(_ request: SecurityScanRequest) throws(SecurityScanError) -> RepositorySecurityScanner {
        var baseline: SecretBaseline?
        if let path = request.baselinePath {
            let absolute = fileSystem.absolute(path)
            do {
                baseline = try SecretBaseline.decode(try fileSystem.readFile(absolute), file: absolute)
            } catch {
                throw SecurityScanError(.configuration, "cannot read the baseline \(absolute); write one with --write-baseline", underlying: error)
            }
        }
        let osvPath = osvDatabasePath(request.osvDatabase)
        var osv: OSVDatabase?
        if request.dependencies, fileSystem.kindOfItem(osvPath) == .directory {
            do {
                osv = try OSVDatabase.load(from: osvPath).0
            } catch {
                throw SecurityScanError(.configuration, "cannot load the OSV database at \(osvPath); re-import it with `infinity osv import`",
                                        underlying: error)
            }
        }
        let settings = SecurityScanSettings(
            secrets: request.secrets,
            dependencies: request.dependencies, history: request.history, rules: try secretRules(),
            skipPaths: configuration.security.skipPaths, baseline: baseline, osv: osv, osvLocation: osvPath,
            maxParallel: max(1, ProcessInfo.processInfo.activeProcessorCount))
        return RepositorySecurityScanner(settings: settings, git: SecretGitRunner.live)
    }

    /// Writes the report as `<state>/reports/security-<run>.md` and `.json` (atomically), and
    /// appends the markdown to `$GITHUB_STEP_SUMMARY` when it is set. Returns the two paths.
    public func writeSecurityReport(_ report: SecurityReport) throws -> (markdown: String, json: String) {
        let markdown = report.markdown()
        let base = Paths.join(reportsDirectory, "security-\(report.runID)")
        try fileSystem.writeFileAtomically(base + ".md", Data(markdown.utf8))
        try fileSystem.writeFileAtomically(base + ".json", try report.json())
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty,
           let handle = FileHandle(forWritingAtPath: summary) {
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try handle.write(contentsOf: Data((markdown + "\n").utf8))
        }
        return (base + ".md", base + ".json")
    }
}
