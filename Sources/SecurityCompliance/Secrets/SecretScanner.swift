/// Scans files and folders for secrets with a rule set.
///
/// ```swift
/// let scanner = try SecretScanner(rules: .default)
/// let report = try await scanner.scan(paths: ["."])
/// ```
/// Files are read whole (up to ``SecretScanOptions/maxFileSize``), passed through an
/// Aho–Corasick keyword filter, and only lines holding a keyword meet the regexes. Files
/// are scanned in parallel by a bounded task group of at most
/// ``SecretScanOptions/maxParallel`` children.
public struct SecretScanner: Sendable {
    /// The rules in use.
    public let rules: SecretRuleSet
    /// The scan settings.
    public let options: SecretScanOptions
    let fileSystem: SecretScanFileSystem
    let engine: SecretBufferScanner
    let excluded: [GlobPattern]

    /// Creates a scanner; throws when a rule's regex is invalid or unsafe.
    ///
    /// - Parameters:
    ///   - rules: the rules (default: the built-in set).
    ///   - options: scan settings.
    ///   - fileSystem: the file-system seam (default: the real one).
    public init(
        rules: SecretRuleSet = .default, options: SecretScanOptions = .init(),
        fileSystem: SecretScanFileSystem = .live
    ) throws(SecretScanError) {
        self.rules = rules
        self.options = options
        self.fileSystem = fileSystem
        self.engine = try SecretBufferScanner(ruleSet: rules, options: options)
        self.excluded = (options.excludedPaths + rules.allowlist.paths).map(GlobPattern.init)
    }

    /// Scans files and folders (recursively) and returns every finding.
    ///
    /// A path that does not exist throws; problems with single files inside a folder are
    /// reported in ``SecretScanReport/diagnostics`` and do not stop the scan.
    public func scan(paths: [String]) async throws(SecretScanError) -> SecretScanReport {
        var report = SecretScanReport()
        var files: [String] = []
        for path in paths {
            var normalized = path
            while normalized.count > 1, normalized.hasSuffix("/") { normalized.removeLast() }
            if normalized.hasPrefix("./"), normalized.count > 2 { normalized.removeFirst(2) }
            switch fileSystem.kind(normalized) {
            case .file:
                if let reason = skipReason(forFile: normalized) {
                    report.skipped.append(SkippedFile(path: normalized, reason: reason))
                } else {
                    files.append(normalized)
                }
            case .directory:
                walk(normalized, files: &files, report: &report)
            case .other:
                report.diagnostics.append("\(normalized): not a regular file or folder; skipped")
            case nil:
                throw SecretScanError(
                    code: .unreadablePath, message: "the path does not exist; pass an existing file or folder",
                    file: normalized)
            }
        }
        let partials = await scanInParallel(files)
        for partial in partials {
            report.findings += partial.findings
            report.filesScanned += partial.filesScanned
            report.bytesScanned += partial.bytesScanned
            report.skipped += partial.skipped
            report.suppressedInline += partial.suppressedInline
            report.suppressedByBaseline += partial.suppressedByBaseline
            report.diagnostics += partial.diagnostics
        }
        report.findings.sort { ($0.file, $0.line, $0.column, $0.ruleID) < ($1.file, $1.line, $1.column, $1.ruleID) }
        report.skipped.sort { $0.path < $1.path }
        return report
    }

    /// Scans one in-memory buffer as if it were the file at `path`.
    public func scan(bytes: [UInt8], path: String) -> [SecretFinding] {
        bytes.withUnsafeBufferPointer { engine.scan($0, path: path).findings }
    }

    /// Depth-first walk that skips vendored and excluded folders without descending.
    private func walk(_ root: String, files: inout [String], report: inout SecretScanReport) {
        var stack = [root]
        while let directory = stack.popLast() {
            let entries: [SecretScanFileSystem.Entry]
            do {
                entries = try fileSystem.list(directory)
            } catch {
                report.diagnostics.append(String(describing: error))
                continue
            }
            for entry in entries.sorted(by: { $0.name > $1.name }) {
                let path = directory == "." ? entry.name
                    : directory == "/" ? "/" + entry.name : directory + "/" + entry.name
                switch entry.kind {
                case .directory:
                    if options.skipVendoredDirectories, options.vendoredDirectories.contains(entry.name) {
                        report.skipped.append(SkippedFile(path: path, reason: .vendored))
                    } else if isExcluded(path) || (options.skipTestPaths && Self.testFolders.contains(entry.name)) {
                        report.skipped.append(SkippedFile(path: path, reason: .excluded))
                    } else {
                        stack.append(path)
                    }
                case .file:
                    if let reason = skipReason(forFile: path) {
                        report.skipped.append(SkippedFile(path: path, reason: reason))
                    } else {
                        files.append(path)
                    }
                case .other:
                    continue
                }
            }
        }
    }

    static let testFolders: Set<String> = ["test", "tests", "spec", "specs", "fixtures", "testdata", "__tests__"]

    private func skipReason(forFile path: String) -> SkippedFile.Reason? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if options.skipLockfiles, options.lockfileNames.contains(name) { return .lockfile }
        if isExcluded(path) { return .excluded }
        return nil
    }

    private func isExcluded(_ path: String) -> Bool {
        excluded.contains { $0.matches(path) }
    }
}
