import Foundation

/// Planning: validated, sorted findings grouped into repositories, tools and shards.
extension SARIFWriter {
    /// A run and where it came from.
    struct PlannedRun {
        var key: RunKey
        var resultCount: Int
        var run: SARIFRun
    }

    /// The runs of one repository, in output order.
    struct RepositoryPlan {
        var repository: String?
        var runs: [PlannedRun]
    }

    /// Identifies one tool's runs in one repository.
    struct RunKey: Hashable {
        var repository: String?
        var tool: String
    }

    /// Validates, deduplicates, groups, sorts and shards `findings` into runs.
    ///
    /// - Parameter repositories: repositories that get a log even without findings.
    /// - Parameter shardLimits: per tool, a result limit lower than `maxResultsPerRun`
    ///   (used when a run is too large once compressed).
    func plan(
        findings: [SecurityFinding], repositories: [String?], toolVersion: String,
        sourceReader: SARIFSourceReader, shardLimits: [RunKey: Int]
    ) throws -> [RepositoryPlan] {
        var byRepository: [String?: [SecurityFinding]] = [:]
        for repository in repositories { byRepository[repository, default: []] = [] }
        var seen = Set<SecurityFinding>()
        for finding in findings {
            try validate(finding)
            if seen.insert(finding).inserted {
                byRepository[finding.repository, default: []].append(finding)
            }
        }
        let repositoryOrder = byRepository.keys.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (nil, _): rhs != nil
            case (_, nil): false
            case let (left?, right?): left < right
            }
        }
        return repositoryOrder.map { repository in
            let repositoryFindings = byRepository[repository] ?? []
            let hashes = lineHashes(for: repositoryFindings, repository: repository, reader: sourceReader)
            var byTool = Dictionary(grouping: repositoryFindings, by: \.tool)
            for tool in configuration.alwaysEmittedTools where byTool[tool] == nil { byTool[tool] = [] }
            var runs: [PlannedRun] = []
            for tool in byTool.keys.sorted() {
                let key = RunKey(repository: repository, tool: tool)
                let sorted = (byTool[tool] ?? []).sorted(by: Self.precedes)
                let rules = ruleTable(for: sorted)
                let limit = min(shardLimits[key] ?? .max, configuration.limits.maxResultsPerRun)
                let shards = Self.shard(sorted, limit: limit)
                for (index, shard) in shards.enumerated() {
                    let run = makeRun(
                        tool: tool, repository: repository, toolVersion: toolVersion,
                        shard: shards.count > 1 ? (index + 1, shards.count) : nil,
                        findings: shard, rules: rules, lineHashes: hashes)
                    runs.append(PlannedRun(key: key, resultCount: shard.count, run: run))
                }
            }
            return RepositoryPlan(repository: repository, runs: runs)
        }
    }

    /// Rejects findings that cannot be written faithfully.
    func validate(_ finding: SecurityFinding) throws {
        let place = "\(finding.tool)/\(finding.ruleId) at \(finding.file ?? "(no file)")"
            + (finding.startLine.map { ":\($0)" } ?? "")
            + (finding.repository.map { " in repository \($0)" } ?? "")
        if finding.tool.trimmingCharacters(in: .whitespaces).isEmpty {
            throw SARIFError(code: .invalidFinding, message: "Finding \(place) has an empty tool name; set `tool`.")
        }
        if finding.ruleId.trimmingCharacters(in: .whitespaces).isEmpty {
            throw SARIFError(code: .invalidFinding, message: "Finding \(place) has an empty rule id; set `ruleId`.")
        }
        if finding.fingerprint.isEmpty {
            throw SARIFError(code: .invalidFinding, message: "Finding \(place) has an empty fingerprint; set `fingerprint`.")
        }
        if SecuritySeverity(parsing: finding.severity) == nil {
            throw SARIFError(
                code: .invalidFinding,
                message: "Finding \(place) has severity '\(finding.severity)'; use low, medium, high or critical.")
        }
    }

    /// A total order on findings of one tool, so output does not depend on input order.
    static func precedes(_ lhs: SecurityFinding, _ rhs: SecurityFinding) -> Bool {
        func compare<T: Comparable>(_ left: T, _ right: T) -> Bool? {
            left == right ? nil : left < right
        }
        if let order = compare(lhs.file ?? "", rhs.file ?? "") { return order }
        if let order = compare(lhs.startLine ?? 0, rhs.startLine ?? 0) { return order }
        if let order = compare(lhs.startColumn ?? 0, rhs.startColumn ?? 0) { return order }
        if let order = compare(lhs.endLine ?? 0, rhs.endLine ?? 0) { return order }
        if let order = compare(lhs.endColumn ?? 0, rhs.endColumn ?? 0) { return order }
        if let order = compare(lhs.ruleId, rhs.ruleId) { return order }
        if let order = compare(lhs.fingerprint, rhs.fingerprint) { return order }
        if let order = compare(lhs.message, rhs.message) { return order }
        if let order = compare(lhs.severity, rhs.severity) { return order }
        if let order = compare(lhs.ruleName ?? "", rhs.ruleName ?? "") { return order }
        if let order = compare(lhs.ruleDescription ?? "", rhs.ruleDescription ?? "") { return order }
        if let order = compare(lhs.helpURI ?? "", rhs.helpURI ?? "") { return order }
        // Presence differences (nil vs "") last, so the order stays total.
        let left = [lhs.file, lhs.ruleName, lhs.ruleDescription, lhs.helpURI].map { $0 == nil ? 0 : 1 }
        let right = [rhs.file, rhs.ruleName, rhs.ruleDescription, rhs.helpURI].map { $0 == nil ? 0 : 1 }
        return left.lexicographicallyPrecedes(right)
    }

    /// Line hashes of every (file, line) the findings point at, read once per file.
    func lineHashes(
        for findings: [SecurityFinding], repository: String?, reader: SARIFSourceReader
    ) -> [String: [Int: String]] {
        var linesByFile: [String: Set<Int>] = [:]
        for finding in findings {
            guard let file = finding.file, let line = finding.startLine, line >= 1 else { continue }
            linesByFile[relativePath(file), default: []].insert(line)
        }
        var hashes: [String: [Int: String]] = [:]
        for (file, lines) in linesByFile {
            guard let bytes = reader.read(repository, file) else { continue }
            hashes[file] = PrimaryLocationLineHash.hashes(forFileContents: bytes, lines: lines)
        }
        return hashes
    }

    /// The path a finding's file has in the log (relative when it can be).
    func relativePath(_ file: String) -> String {
        let location = SARIFPath.artifactLocation(forFile: file, sourceRoot: configuration.sourceRoot)
        if location.uriBaseId != nil, let uri = location.uri {
            return SARIFPath.percentDecode(uri) ?? uri
        }
        return SARIFPath.normalize(file)
    }
}
