// Development driver for benchmarks: `secretscan [--json] [--engine foundation|swift-regex]
// [--portable-rules] [--rules FILE] [--baseline FILE] [--write-baseline FILE] [--jobs N] PATH...`.
// Not delivered: `infinity scan secrets` is wired to the same library API.
import Foundation
import SecurityCompliance

struct Arguments {
    var json = false
    var engine = SecretRegexEngine.foundation
    var rulesFile: String?
    var baselineFile: String?
    var writeBaseline: String?
    var jobs: Int?
    var portableRules = false
    var paths: [String] = []
}

func parse(_ raw: [String]) -> Arguments? {
    var arguments = Arguments()
    var iterator = raw.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--json": arguments.json = true
        case "--engine":
            guard let value = iterator.next(), let engine = SecretRegexEngine(rawValue: value) else { return nil }
            arguments.engine = engine
        case "--rules": arguments.rulesFile = iterator.next()
        case "--baseline": arguments.baselineFile = iterator.next()
        case "--write-baseline": arguments.writeBaseline = iterator.next()
        case "--jobs": arguments.jobs = iterator.next().flatMap(Int.init)
        case "--portable-rules": arguments.portableRules = true
        default: arguments.paths.append(argument)
        }
    }
    return arguments.paths.isEmpty ? nil : arguments
}

func run() async -> Int32 {
    guard let arguments = parse(Array(CommandLine.arguments.dropFirst())) else {
        FileHandle.standardError.write(Data("usage: secretscan [--json] [--engine foundation|swift-regex] [--portable-rules] [--rules FILE] [--baseline FILE] [--write-baseline FILE] [--jobs N] PATH...\n".utf8))
        return 2
    }
    do {
        var rules = SecretRuleSet.default
        if let file = arguments.rulesFile {
            rules = try rules.extending(yaml: String(contentsOfFile: file, encoding: .utf8), file: file)
        }
        if arguments.portableRules {
            // Only rules both engines compile (Swift Regex has no lookbehind), for engine comparisons.
            rules = SecretRuleSet(rules: rules.rules.filter { (try? Regex($0.regex)) != nil }, allowlist: rules.allowlist)
        }
        var options = SecretScanOptions(regexEngine: arguments.engine)
        if let jobs = arguments.jobs { options.maxParallel = max(1, jobs) }
        if let file = arguments.baselineFile {
            options.baseline = try SecretBaseline.decode(Data(contentsOf: URL(fileURLWithPath: file)), file: file)
        }
        let scanner = try SecretScanner(rules: rules, options: options)
        let report = try await scanner.scan(paths: arguments.paths)
        if let file = arguments.writeBaseline {
            try SecretBaseline(findings: report.findings).encoded().write(to: URL(fileURLWithPath: file))
        }
        if arguments.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            var text = ""
            for finding in report.findings {
                text += "\(finding.file):\(finding.line):\(finding.column): \(finding.severity.rawValue) \(finding.ruleID) \(finding.redacted)\n"
            }
            text += "\(report.findings.count) finding(s) in \(report.filesScanned) file(s), \(report.bytesScanned) bytes\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return report.findings.isEmpty ? 0 : 1
    } catch {
        FileHandle.standardError.write(Data("secretscan: \(error)\n".utf8))
        return 2
    }
}

exit(await run())
