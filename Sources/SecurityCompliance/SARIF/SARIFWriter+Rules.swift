import Foundation
import InfinityJSON

/// Building rules, results and runs from sorted findings.
extension SARIFWriter {
    /// Tags every rule we write carries (GitHub shows `security-severity` for rules
    /// tagged `security`).
    static let securityTag = "security"

    /// A rule as written, keyed by the finding's original rule id.
    struct RuleInfo {
        var descriptor: SARIFReportingDescriptor
    }

    /// One deduplicated rule per rule id; name, description and help link are the first
    /// non-empty ones in sorted finding order, severity the highest.
    func ruleTable(for findings: [SecurityFinding]) -> [String: RuleInfo] {
        var grouped: [String: [SecurityFinding]] = [:]
        for finding in findings { grouped[finding.ruleId, default: []].append(finding) }
        var table: [String: RuleInfo] = [:]
        for (ruleId, group) in grouped {
            let name = group.lazy.compactMap(\.ruleName).first { !$0.isEmpty }
            let description = group.lazy.compactMap(\.ruleDescription).first { !$0.isEmpty }
            let helpURI = group.lazy.compactMap(\.helpURI).first(where: Self.isAbsoluteURI)
            let severity = group.compactMap { SecuritySeverity(parsing: $0.severity) }.max() ?? .medium
            let id = shortenedRuleId(ruleId)
            let limits = configuration.limits

            var helpText = description ?? name ?? ruleId
            var helpMarkdown = helpText
            if let helpURI {
                helpText += "\n\nMore information: \(helpURI)"
                helpMarkdown += "\n\n[More information](\(helpURI))"
            }
            var properties = SARIFPropertyBag()
            properties.tags = Array([Self.securityTag, toolSlug(group[0].tool)].prefix(limits.maxTagsPerRule))
            properties.securitySeverity = severity.securitySeverityText
            if let precision = configuration.precisionByTool[group[0].tool] { properties.precision = precision }

            let descriptor = SARIFReportingDescriptor(
                id: id,
                name: name,
                shortDescription: description.map {
                    SARIFMultiformatMessageString(text: Self.truncate($0, to: limits.maxShortDescriptionLength))
                },
                fullDescription: description.map { SARIFMultiformatMessageString(text: $0) },
                help: SARIFMultiformatMessageString(text: helpText, markdown: helpMarkdown),
                helpUri: helpURI,
                defaultConfiguration: SARIFReportingConfiguration(level: severity.level),
                properties: properties)
            table[ruleId] = RuleInfo(descriptor: descriptor)
        }
        return table
    }

    /// Builds one run: the rules its findings use (sorted by id), its results, its category.
    func makeRun(
        tool: String, repository: String?, toolVersion: String, shard: (index: Int, count: Int)?,
        findings: [SecurityFinding], rules: [String: RuleInfo], lineHashes: [String: [Int: String]]
    ) -> SARIFRun {
        let usedRules = Set(findings.map(\.ruleId)).compactMap { rules[$0]?.descriptor }
            .sorted { $0.id < $1.id }
        var indexById: [String: Int] = [:]
        for (index, rule) in usedRules.enumerated() { indexById[rule.id] = index }

        let results = findings.map { finding -> SARIFResult in
            let ruleId = shortenedRuleId(finding.ruleId)
            let severity = SecuritySeverity(parsing: finding.severity) ?? .medium
            var partialFingerprints = [Self.findingFingerprintKey: finding.fingerprint]
            var locations: [SARIFLocation]?
            if let file = finding.file {
                let artifact = SARIFPath.artifactLocation(forFile: file, sourceRoot: configuration.sourceRoot)
                let region = Self.region(for: finding)
                locations = [SARIFLocation(physicalLocation: SARIFPhysicalLocation(artifactLocation: artifact, region: region))]
                if let line = region?.startLine, let hash = lineHashes[relativePath(file)]?[line] {
                    partialFingerprints[Self.lineHashKey] = hash
                }
            }
            return SARIFResult(
                ruleId: ruleId,
                ruleIndex: indexById[ruleId],
                level: severity.level,
                message: SARIFMessage(text: Self.truncate(finding.message, to: configuration.limits.maxMessageLength)),
                locations: locations,
                partialFingerprints: partialFingerprints,
                properties: SARIFPropertyBag(["security-severity": .string(severity.securitySeverityText)]))
        }

        let ownTool = tool.hasPrefix("infinity-")
        let driver = SARIFToolComponent(
            name: tool,
            version: ownTool && !toolVersion.isEmpty ? toolVersion : nil,
            semanticVersion: ownTool && Self.isSemanticVersion(toolVersion) ? toolVersion : nil,
            informationUri: ownTool ? configuration.informationURI.flatMap { Self.isAbsoluteURI($0) ? $0 : nil } : nil,
            rules: usedRules)

        var properties = SARIFPropertyBag()
        if let repository { properties[Self.repositoryPropertyKey] = .string(repository) }
        if let shard { properties[Self.shardPropertyKey] = .string("\(shard.index)/\(shard.count)") }

        return SARIFRun(
            tool: SARIFTool(driver: driver),
            automationDetails: SARIFRunAutomationDetails(id: category(tool: tool, shard: shard)),
            results: results,
            originalUriBaseIds: [
                SARIFPath.sourceRootBaseId: SARIFArtifactLocation(
                    description: SARIFMessage(text: "The root of the repository checkout."))
            ],
            columnKind: "utf16CodeUnits",
            properties: properties.isEmpty ? nil : properties)
    }

    /// `<prefix>/<tool>/`, or `<prefix>/<tool>/shard-<i>-of-<n>/` for a split tool.
    func category(tool: String, shard: (index: Int, count: Int)?) -> String {
        var category = "\(configuration.categoryPrefix)/\(toolSlug(tool))/"
        if let shard { category += "shard-\(shard.index)-of-\(shard.count)/" }
        return category
    }

    /// `infinity-secrets` → `secrets`; `Trivy` → `trivy`; other characters become `-`.
    func toolSlug(_ tool: String) -> String {
        let base = tool.hasPrefix("infinity-") ? String(tool.dropFirst("infinity-".count)) : tool
        let slug = String(base.lowercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
                ? character : "-"
        })
        return slug.isEmpty ? "tool" : slug
    }

    /// A rule id within GitHub's length limit: long ids keep a prefix and gain a hash.
    func shortenedRuleId(_ ruleId: String) -> String {
        let limit = configuration.limits.maxRuleIdLength
        guard ruleId.utf8.count > limit else { return ruleId }
        let suffix = "-" + StableHash.hex([ruleId])
        var prefix = ""
        var bytes = 0
        for character in ruleId {
            let size = character.utf8.count
            if bytes + size > limit - suffix.utf8.count { break }
            prefix.append(character)
            bytes += size
        }
        return prefix + suffix
    }

    /// The region of a finding, dropping values SARIF would reject (non-positive, end
    /// before start).
    static func region(for finding: SecurityFinding) -> SARIFRegion? {
        guard let startLine = finding.startLine, startLine >= 1 else { return nil }
        var region = SARIFRegion(startLine: startLine)
        if let column = finding.startColumn, column >= 1 { region.startColumn = column }
        if let endLine = finding.endLine, endLine >= startLine { region.endLine = endLine }
        if let endColumn = finding.endColumn, endColumn >= 1 {
            let sameLine = (region.endLine ?? startLine) == startLine
            if !sameLine || endColumn >= (region.startColumn ?? 1) { region.endColumn = endColumn }
        }
        return region
    }

    /// Cuts `text` to `limit` characters, ending with a visible marker.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let marker = " … [truncated]"
        return String(text.prefix(max(0, limit - marker.count))) + marker
    }

    /// `true` for an absolute URI such as `https://example.com/x`.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace }), let components = URLComponents(string: text),
            let scheme = components.scheme, !scheme.isEmpty
        else { return false }
        return true
    }

    /// `true` for `MAJOR.MINOR.PATCH` with optional `-pre` and `+build` parts.
    static func isSemanticVersion(_ text: String) -> Bool {
        text.wholeMatch(of: #/[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?/#) != nil
    }
}
