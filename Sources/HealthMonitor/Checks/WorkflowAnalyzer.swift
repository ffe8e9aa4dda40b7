import Foundation
import InfinityModel
import InfinitySystem
import Yams

/// Reads GitHub Actions workflows and reports, with file:line, what the three workflow
/// checks look for: token permissions, dangerous patterns and unpinned actions.
///
/// Hostile input is bounded: files past 1 MiB are not parsed, documents with many YAML
/// aliases are refused before parsing (alias bombs), and the walk visits at most
/// `nodeBudget` nodes per file.
struct WorkflowAnalyzer {
    /// One problem in one workflow.
    struct Issue: Sendable, Hashable {
        var location: String
        var message: String
        var outcome: CheckOutcome
    }

    static let nodeBudget = 50_000
    static let aliasLimit = 64
    /// Owners whose actions count as first party: unpinned ones warn instead of failing.
    static let firstPartyOwners: Set<String> = ["actions", "github"]

    var analyzed: [String] = []
    /// Workflows that could not be read or parsed, with the reason.
    var unreadable: [Issue] = []
    var permissions: [Issue] = []
    var dangerous: [Issue] = []
    var pinning: [Issue] = []
    var actionReferences = 0

    /// Reads and analyses every workflow file.
    static func analyze(_ tree: RepositoryTree, workflows: [String]) async -> WorkflowAnalyzer {
        var a = WorkflowAnalyzer()
        for path in workflows {
            switch await tree.read(path, maxBytes: ContentChecks.maxConfigBytes) {
            case .text(let text, _):
                a.analyze(path: path, text: text)
            case .tooLarge(let size):
                a.unreadable.append(Issue(location: path, message: "\(path) is \(size) bytes, past the 1 MiB limit; not parsed", outcome: .warn))
            case .outside(let target):
                a.unreadable.append(Issue(location: path, message: "\(path) is a symbolic link to \(target), outside the repository; not followed", outcome: .warn))
            case .failed(let reason):
                a.unreadable.append(Issue(location: path, message: "cannot read \(path): \(reason)", outcome: .warn))
            case .missing, .bytes:
                a.unreadable.append(Issue(location: path, message: "\(path) is a dangling symbolic link", outcome: .warn))
            }
        }
        return a
    }

    /// A YAML syntax problem in `text` (with line), or nil when it parses.
    static func yamlProblem(_ text: String) -> String? {
        if aliasCount(text) > aliasLimit { return "more than \(aliasLimit) YAML aliases; refused" }
        do { _ = try Yams.compose(yaml: text); return nil } catch { return describe(error) }
    }

    mutating func analyze(path: String, text: String) {
        if Self.aliasCount(text) > Self.aliasLimit {
            unreadable.append(Issue(location: path, message: "\(path) uses more than \(Self.aliasLimit) YAML aliases; not expanded", outcome: .warn))
            return
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                unreadable.append(Issue(location: path, message: "\(path) is empty", outcome: .warn))
                return
            }
            root = node
        } catch {
            unreadable.append(Issue(location: path, message: "\(path): malformed YAML: \(Self.describe(error))", outcome: .warn))
            return
        }
        guard let top = root.mapping else {
            unreadable.append(Issue(location: path, message: "\(path): a workflow must be a mapping, found \(Self.kind(root))", outcome: .warn))
            return
        }
        var budget = Self.nodeBudget
        guard Self.count(root, budget: &budget) else {
            unreadable.append(Issue(location: path, message: "\(path) is too large or nested to analyse (over \(Self.nodeBudget) nodes)", outcome: .warn))
            return
        }
        analyzed.append(path)
        let triggers = Self.triggers(Self.value(top, "on") ?? Self.value(top, "true"))
        let privileged = triggers.contains("pull_request_target") || triggers.contains("workflow_run")
        let jobs = Self.value(top, "jobs")?.mapping

        // Token permissions.
        let topPermissions = Self.value(top, "permissions")
        if let p = topPermissions {
            let writes = Self.writeScopes(p)
            if p.scalar?.string == "write-all" {
                permissions.append(Issue(location: Self.at(path, p), message: "top-level `permissions: write-all` gives every job a write token", outcome: .fail))
            } else if !writes.isEmpty {
                permissions.append(Issue(location: Self.at(path, p), message: "top-level permissions grant write to \(writes.joined(separator: ", ")); grant writes in the jobs that need them", outcome: .warn))
            }
        }
        for (name, job) in Self.pairs(jobs) {
            let jp = job.mapping.flatMap { Self.value($0, "permissions") }
            if let jp, jp.scalar?.string == "write-all" {
                permissions.append(Issue(location: Self.at(path, jp), message: "job `\(name)` has `permissions: write-all`", outcome: .fail))
            } else if topPermissions == nil, jp == nil {
                permissions.append(Issue(location: Self.at(path, job), message: "no top-level `permissions:` and job `\(name)` sets none: its token gets the repository default, which may be write", outcome: .fail))
            }
        }

        // Steps: pinning and dangerous patterns.
        for (name, job) in Self.pairs(jobs) {
            guard let jm = job.mapping else { continue }
            if let uses = Self.value(jm, "uses") { checkPinning(path: path, node: uses, context: "job `\(name)`") }
            for step in Self.value(jm, "steps")?.sequence.map(Array.init) ?? [] {
                guard let sm = step.mapping else { continue }
                if let uses = Self.value(sm, "uses") {
                    checkPinning(path: path, node: uses, context: "job `\(name)`")
                    if privileged, let action = uses.scalar?.string, action.lowercased().hasPrefix("actions/checkout"),
                       let ref = Self.value(sm, "with")?.mapping.flatMap({ Self.value($0, "ref") })?.scalar?.string,
                       Self.untrustedRef(ref) {
                        dangerous.append(Issue(location: Self.at(path, uses),
                                               message: "job `\(name)` checks out the pull request's head (`ref: \(ref)`) in a \(triggers.contains("pull_request_target") ? "pull_request_target" : "workflow_run") workflow, which runs with secrets and a write token",
                                               outcome: .fail))
                    }
                }
                if let run = Self.value(sm, "run"), let script = run.scalar?.string {
                    for expression in Self.expressions(in: script) where Self.attackerControlled(expression) {
                        dangerous.append(Issue(location: Self.at(path, run),
                                               message: "job `\(name)` interpolates `${{ \(expression) }}` into a `run:` script (script injection); pass it through `env:` and quote the variable",
                                               outcome: .fail))
                    }
                }
            }
        }
    }

    mutating func checkPinning(path: String, node: Node, context: String) {
        guard let uses = node.scalar?.string else { return }
        actionReferences += 1
        if uses.hasPrefix("./") { return }
        if uses.hasPrefix("docker://") {
            if !uses.contains("@sha256:") {
                pinning.append(Issue(location: Self.at(path, node), message: "\(context) uses `\(uses)` without an image digest", outcome: .warn))
            }
            return
        }
        guard let at = uses.lastIndex(of: "@") else {
            pinning.append(Issue(location: Self.at(path, node), message: "\(context) uses `\(uses)` without any version", outcome: .fail))
            return
        }
        let ref = uses[uses.index(after: at)...]
        if ref.count == 40, ref.allSatisfy(\.isHexDigit) { return }
        let owner = uses.split(separator: "/").first.map { String($0).lowercased() } ?? ""
        let firstParty = Self.firstPartyOwners.contains(owner)
        pinning.append(Issue(location: Self.at(path, node),
                             message: "\(context) uses `\(uses)`, a movable \(firstParty ? "first-party " : "")reference instead of a full commit SHA",
                             outcome: firstParty ? .warn : .fail))
    }

    /// The three check results.
    func results() -> [CheckResult] {
        guard !analyzed.isEmpty || !unreadable.isEmpty else {
            return ["workflow-permissions", "dangerous-workflows", "pinned-actions"].map {
                ContentChecks.result($0, .notApplicable, "no GitHub Actions workflows")
            }
        }
        return [
            Self.fold("workflow-permissions", permissions, unreadable: unreadable, analyzed: analyzed.count,
                      passText: "every workflow restricts its token",
                      remedy: "add `permissions: contents: read` at the top of each workflow and grant writes per job"),
            Self.fold("dangerous-workflows", dangerous, unreadable: unreadable, analyzed: analyzed.count,
                      passText: "no dangerous patterns",
                      remedy: "never check out the PR head in pull_request_target; pass event fields to scripts through `env:`"),
            Self.fold("pinned-actions", pinning, unreadable: unreadable, analyzed: analyzed.count,
                      passText: actionReferences == 0 ? "no actions referenced" : "\(actionReferences) action references, all pinned",
                      remedy: "pin each action to a full commit SHA (`uses: owner/repo@<40 hex> # vX.Y`); Dependabot keeps pins fresh"),
        ]
    }

    static func fold(_ id: String, _ issues: [Issue], unreadable: [Issue], analyzed: Int, passText: String, remedy: String) -> CheckResult {
        let all = issues + unreadable
        guard !all.isEmpty else { return ContentChecks.result(id, .pass, "\(analyzed) workflow\(analyzed == 1 ? "" : "s"): \(passText)") }
        let outcome: CheckOutcome = issues.contains { $0.outcome == .fail } ? .fail : .warn
        let shown = all.prefix(8).map { "\($0.location): \($0.message)" }.joined(separator: "; ")
        let more = all.count > 8 ? " … and \(all.count - 8) more" : ""
        if analyzed == 0 && issues.isEmpty {
            return ContentChecks.result(id, .warn, "no workflow could be analysed: " + shown + more, remedy: "fix the workflow files")
        }
        return ContentChecks.result(id, outcome, shown + more, remedy: remedy)
    }

    // MARK: YAML helpers

    static func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
        for (k, v) in mapping where k.scalar?.string == key { return v }
        return nil
    }

    static func pairs(_ mapping: Node.Mapping?) -> [(String, Node)] {
        guard let mapping else { return [] }
        return mapping.compactMap { k, v in k.scalar.map { ($0.string, v) } }
    }

    static func at(_ path: String, _ node: Node) -> String {
        guard let line = node.mark?.line else { return path }
        return "\(path):\(line)"
    }

    static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    /// Event names from `on:` (a name, a list of names, or a mapping of names).
    static func triggers(_ node: Node?) -> Set<String> {
        guard let node else { return [] }
        switch node {
        case .scalar(let s): return [s.string]
        case .sequence(let seq): return Set(seq.compactMap { $0.scalar?.string })
        case .mapping(let m): return Set(m.compactMap { $0.key.scalar?.string })
        case .alias: return []
        }
    }

    /// Scopes a permissions node grants write to.
    static func writeScopes(_ node: Node) -> [String] {
        guard let m = node.mapping else { return [] }
        return m.compactMap { k, v in v.scalar?.string == "write" ? k.scalar?.string : nil }.sorted()
    }

    /// Whether a checkout `ref:` names the untrusted pull request head.
    static func untrustedRef(_ ref: String) -> Bool {
        let r = ref.replacingOccurrences(of: " ", with: "")
        return r.contains("github.event.pull_request.head") || r.contains("github.head_ref")
            || r.contains("github.event.workflow_run.head") || r.contains("refs/pull/")
    }

    /// Whether an expression reads event data an outsider controls.
    static func attackerControlled(_ expression: String) -> Bool {
        expression.contains("github.event.") || expression.contains("github.head_ref")
    }

    /// The bodies of `${{ … }}` expressions in `script`, bounded.
    static func expressions(in script: String) -> [String] {
        var out: [String] = []
        var rest = script[...]
        while out.count < 100, let open = rest.range(of: "${{") {
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            out.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// Counts nodes up to `budget`; false when the document is larger.
    static func count(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 { return false }
        switch node {
        case .scalar, .alias: return true
        case .sequence(let seq):
            for n in seq where !count(n, budget: &budget) { return false }
            return true
        case .mapping(let m):
            for (k, v) in m where !count(k, budget: &budget) || !count(v, budget: &budget) { return false }
            return true
        }
    }

    /// A cheap upper bound on the YAML aliases (`*name`) in `text`.
    static func aliasCount(_ text: String) -> Int {
        var n = 0
        var previous: UInt8 = 0x20
        var afterStar = false
        for byte in text.utf8 {
            if afterStar {
                if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D { n += 1 }
                afterStar = false
            }
            if byte == 0x2A, [0x20, 0x09, 0x0A, 0x5B, 0x2C, 0x3A, 0x2D, 0x7B].contains(previous) { afterStar = true }
            previous = byte
        }
        return n
    }

    static func describe(_ error: any Error) -> String {
        if let y = error as? YamlError {
            switch y {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return "line \(mark.line): \(problem)"
            default:
                return "\(y)"
            }
        }
        return "\(error)"
    }
}
