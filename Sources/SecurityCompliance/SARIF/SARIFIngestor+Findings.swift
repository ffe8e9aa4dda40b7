import Foundation
import InfinityJSON

/// Turning a decoded ``SARIFLog`` into findings.
extension SARIFIngestor {
    /// The findings in `log` (see the type's documentation for the rules).
    public func findings(from log: SARIFLog, repository: String? = nil) -> [SecurityFinding] {
        var findings: [SecurityFinding] = []
        for run in log.runs {
            let tool = run.tool.driver.name
            let runRepository = repository ?? run.properties?[SARIFWriter.repositoryPropertyKey]?.stringValue
            for result in run.results ?? [] where Self.isFinding(result) {
                findings.append(finding(for: result, in: run, tool: tool, repository: runRepository))
            }
        }
        return findings
    }

    /// `false` for results that report no problem or that were suppressed or fixed.
    static func isFinding(_ result: SARIFResult) -> Bool {
        if let kind = result.kind, kind == "pass" || kind == "notApplicable" { return false }
        if result.baselineState == "absent" { return false }
        if let suppressions = result.suppressions,
            suppressions.contains(where: { $0.status == nil || $0.status == "accepted" })
        {
            return false
        }
        return true
    }

    private func finding(for result: SARIFResult, in run: SARIFRun, tool: String, repository: String?) -> SecurityFinding {
        let rule = Self.rule(for: result, in: run.tool)
        let ruleId = result.ruleId ?? result.rule?.id ?? rule?.id ?? "unknown-rule"

        let severity: SecuritySeverity
        if let score = result.properties?.securitySeverityScore ?? rule?.properties?.securitySeverityScore {
            severity = SecuritySeverity(securitySeverityScore: score)
        } else {
            let level = result.level ?? rule?.defaultConfiguration?.level ?? .warning
            severity = SecuritySeverity(level: level) ?? .medium
        }

        let physical = result.locations?.first?.physicalLocation
        var file: String?
        if let artifact = physical?.artifactLocation {
            var location = artifact
            if location.uri == nil, let index = location.index, index >= 0,
                let artifacts = run.artifacts, index < artifacts.count, let target = artifacts[index].location
            {
                location = target
            }
            file = location.uri.map { SARIFPath.filePath(fromURI: $0, sourceRoot: sourceRoot) }
        }
        let region = physical?.region
        let message = Self.messageText(result.message, rule: rule)

        let fingerprint: String
        if let own = result.partialFingerprints?[SARIFWriter.findingFingerprintKey], !own.isEmpty {
            fingerprint = own
        } else if let stable = Self.stableFingerprintBasis(result) {
            fingerprint = StableHash.hex([tool, ruleId, file ?? "", stable])
        } else {
            fingerprint = StableHash.hex([tool, ruleId, file ?? "", region?.startLine.map(String.init) ?? "", message])
        }

        return SecurityFinding(
            tool: tool,
            ruleId: ruleId,
            ruleName: rule?.name,
            ruleDescription: rule?.fullDescription?.text ?? rule?.shortDescription?.text,
            severity: severity.rawValue,
            message: message,
            repository: repository,
            file: file,
            startLine: region?.startLine,
            startColumn: region?.startColumn,
            endLine: region?.endLine,
            endColumn: region?.endColumn,
            fingerprint: fingerprint,
            helpURI: rule?.helpUri)
    }

    /// The tool's own fingerprints (sorted `key=value` pairs), else its line hash.
    static func stableFingerprintBasis(_ result: SARIFResult) -> String? {
        if let fingerprints = result.fingerprints, !fingerprints.isEmpty {
            return fingerprints.keys.sorted().map { "\($0)=\(fingerprints[$0] ?? "")" }.joined(separator: "\n")
        }
        if let hash = result.partialFingerprints?[SARIFWriter.lineHashKey], !hash.isEmpty {
            return "\(SARIFWriter.lineHashKey)=\(hash)"
        }
        return nil
    }

    /// Finds the rule a result refers to.
    static func rule(for result: SARIFResult, in tool: SARIFTool) -> SARIFReportingDescriptor? {
        let extensions = tool.extensions ?? []
        var component = tool.driver
        if let reference = result.rule?.toolComponent {
            if let index = reference.index, index >= 0, index < extensions.count {
                component = extensions[index]
            } else if let name = reference.name, let match = extensions.first(where: { $0.name == name }) {
                component = match
            }
        }
        let id = result.ruleId ?? result.rule?.id
        let rules = component.rules ?? []
        if let index = result.rule?.index ?? result.ruleIndex, index >= 0, index < rules.count,
            id == nil || rules[index].id == id || id?.hasPrefix(rules[index].id + "/") == true
        {
            return rules[index]
        }
        guard let id else { return nil }
        for candidate in [tool.driver] + extensions {
            if let match = candidate.rules?.first(where: { $0.id == id }) { return match }
        }
        return nil
    }

    /// The message's text: `text`, else `markdown`, else the rule's message string `id`
    /// with `{n}` placeholders filled from `arguments`.
    static func messageText(_ message: SARIFMessage, rule: SARIFReportingDescriptor?) -> String {
        if let text = message.text { return text }
        if let markdown = message.markdown { return markdown }
        guard let id = message.id, let template = rule?.messageStrings?[id] else { return "" }
        return fill(template.text, arguments: message.arguments ?? [])
    }

    /// Replaces `{0}`, `{1}`, … with arguments; `{{` and `}}` stand for braces.
    static func fill(_ template: String, arguments: [String]) -> String {
        var output = ""
        var characters = template[...]
        while let character = characters.popFirst() {
            if character == "{", characters.first == "{" {
                characters.removeFirst()
                output.append("{")
            } else if character == "}", characters.first == "}" {
                characters.removeFirst()
                output.append("}")
            } else if character == "{", let close = characters.firstIndex(of: "}"),
                let index = Int(characters[..<close]), index >= 0, index < arguments.count
            {
                output += arguments[index]
                characters = characters[characters.index(after: close)...]
            } else {
                output.append(character)
            }
        }
        return output
    }
}
