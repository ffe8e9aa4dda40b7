import Foundation

extension SecretScanner {
    /// Scans every commit reachable from any ref of the repository at `repoPath`: the lines
    /// each commit added (`git log -p --all`), with findings carrying the commit that added
    /// the secret. A secret added in several commits is reported once, at its oldest commit.
    ///
    /// - Parameters:
    ///   - repoPath: a git work tree or bare repository.
    ///   - git: runs the git CLI (default: the real one).
    /// - Throws: ``SecretScanError`` with code `gitFailed` when git fails.
    public func scanHistory(repoPath: String, git: SecretGitRunner = .live) async throws(SecretScanError) -> SecretScanReport {
        let arguments = [
            "log", "-p", "-U0", "--all", "--no-color", "--no-ext-diff", "--no-renames", "--diff-filter=AMC",
            "--format=commit %H", "--no-textconv", "--full-index",
        ]
        let output: SecretGitRunner.Output
        do {
            output = try await git.run(arguments, repoPath)
        } catch {
            throw SecretScanError(
                code: .gitFailed, message: "could not run git; check that git is installed", file: repoPath,
                underlying: String(describing: error))
        }
        guard output.exitCode == 0 else {
            throw SecretScanError(
                code: .gitFailed,
                message: "`git log` failed (exit \(output.exitCode)); check that the path is a git repository",
                file: repoPath, underlying: output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let patches = GitPatchParser.addedLines(in: output.stdout)
        var report = SecretScanReport()
        var seen: [String: Int] = [:]
        for patch in patches {
            if isSkippedInHistory(patch.path) { continue }
            if options.skipBinaryFiles, patch.bytes.prefix(8192).contains(0) { continue }
            let result = patch.bytes.withUnsafeBufferPointer { buffer in
                engine.scan(buffer, path: patch.path, commit: patch.commit) { line in
                    line - 1 < patch.lineNumbers.count ? patch.lineNumbers[line - 1] : line
                }
            }
            report.bytesScanned += patch.bytes.count
            report.suppressedInline += result.suppressedInline
            report.suppressedByBaseline += result.suppressedByBaseline
            for finding in result.findings {
                // git log lists newest first: a later sighting is an older commit.
                if let index = seen[finding.fingerprint] {
                    report.findings[index] = finding
                } else {
                    seen[finding.fingerprint] = report.findings.count
                    report.findings.append(finding)
                }
            }
        }
        report.filesScanned = Set(patches.map(\.path)).count
        report.findings.sort { ($0.file, $0.line, $0.column, $0.ruleID) < ($1.file, $1.line, $1.column, $1.ruleID) }
        return report
    }

    /// Whether a path in history falls under the same skip settings as a working-tree scan.
    private func isSkippedInHistory(_ path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        if options.skipLockfiles, let name = components.last, options.lockfileNames.contains(name) { return true }
        if options.skipVendoredDirectories, components.dropLast().contains(where: options.vendoredDirectories.contains) {
            return true
        }
        if options.skipTestPaths, components.dropLast().contains(where: Self.testFolders.contains) { return true }
        return excluded.contains { $0.matches(path) }
    }
}
