import CodeHosts
import Foundation
import InfinityModel
import InfinityStore

/// What the operational and store-backed checks read for one repository, gathered in a
/// few batched queries per pass.
struct OperationalInputs: Sendable {
    var latestBuild: RepositoryResultRecord?
    var latestSuccessfulBuild: RepositoryResultRecord?
    var findings: OpenFindingCounts
    var scans: [Finding.Kind: Date]
}

/// Checks from the store and the manifest: builds, staleness, archive state, findings.
enum OperationalChecks {
    static func evaluate(_ repo: ManifestRepository, inputs: OperationalInputs, settings: HealthSettings, now: Date) -> [CheckResult] {
        [
            build(inputs.latestBuild, head: repo.headSHA),
            buildAge(inputs.latestBuild, inputs.latestSuccessfulBuild, settings: settings, now: now),
            activity(repo.lastCommitAt, settings: settings, now: now),
            archived(repo.archived),
            secrets(inputs),
            vulnerabilities(inputs),
        ]
    }

    static func result(_ id: String, _ outcome: CheckOutcome, _ evidence: String, remedy: String? = nil) -> CheckResult {
        ContentChecks.result(id, outcome, evidence, remedy: remedy)
    }

    static func short(_ sha: String?) -> String { sha.map { String($0.prefix(10)) } ?? "unknown head" }

    static func build(_ latest: RepositoryResultRecord?, head: String?) -> CheckResult {
        guard let latest else { return result("build", .notApplicable, "no build recorded yet") }
        let d = BuildResultDetail(latest)
        var at = "at \(short(d.headSHA)) (run \(latest.runID))"
        if let h = d.headSHA, let head, h != head { at += ", not the current head \(short(head))" }
        switch latest.status {
        case "succeeded", "cached":
            let took = d.durationSeconds.map { String(format: " in %.1fs", $0) } ?? ""
            return result("build", .pass, "build \(latest.status) \(at)\(took)")
        case "failed":
            var what = "build failed \(at)"
            if let step = d.failedStep { what += " in step `\(step)`" }
            if d.timedOut == true { what += ", timed out" } else if let code = d.exitCode { what += ", exit code \(code)" }
            if let logs = d.logDirectory { what += "; logs: \(logs)" }
            return result("build", .fail, what, remedy: "read the step's log and fix the build; `infinity build --repo NAME` re-runs it")
        case "cancelled":
            return result("build", .warn, "build cancelled \(at)", remedy: "run the build again")
        case "skipped":
            return result("build", .notApplicable, "build skipped \(at)")
        default:
            return result("build", .warn, "build ended with unknown status `\(latest.status)` \(at)", remedy: "run the build again")
        }
    }

    static func buildAge(_ latest: RepositoryResultRecord?, _ success: RepositoryResultRecord?, settings: HealthSettings, now: Date) -> CheckResult {
        guard let success else {
            guard latest != nil else { return result("build-age", .notApplicable, "no build recorded yet") }
            return result("build-age", .fail, "no successful build on record", remedy: "fix the build so that it succeeds")
        }
        guard let finished = success.finishedAt ?? success.startedAt else {
            return result("build-age", .notApplicable, "the last successful build (run \(success.runID)) has no time")
        }
        let days = max(0, now.timeIntervalSince(finished) / 86_400)
        let text = String(format: "last successful build %.1f days ago (run %@)", days, success.runID)
        if days > Double(settings.buildStaleAfterDays) {
            return result("build-age", .warn, text + ", older than \(settings.buildStaleAfterDays) days",
                          remedy: "build it again to catch breakage from toolchains and dependencies")
        }
        return result("build-age", .pass, text)
    }

    static func activity(_ lastCommit: Date?, settings: HealthSettings, now: Date) -> CheckResult {
        guard let lastCommit else { return result("activity", .notApplicable, "the head commit's date is unknown") }
        let days = Int(max(0, now.timeIntervalSince(lastCommit)) / 86_400)
        let text = "last commit \(days) day\(days == 1 ? "" : "s") ago"
        if days > settings.staleAfterDays {
            return result("activity", .fail, text + ", past \(settings.staleAfterDays) days",
                          remedy: "archive the repository if it is finished, or give it an owner who keeps it current")
        }
        if days > settings.staleAfterDays / 2 {
            return result("activity", .warn, text + ", over half of \(settings.staleAfterDays) days",
                          remedy: "check whether the repository still has an owner")
        }
        return result("activity", .pass, text)
    }

    static func archived(_ archived: Bool?) -> CheckResult {
        switch archived {
        case .none: return result("archived", .notApplicable, "the code host does not say whether it is archived")
        case .some(true): return result("archived", .warn, "archived: read-only and no longer maintained",
                                        remedy: "exclude it (`exclude:` or `skip_archived: true`) or unarchive it")
        case .some(false): return result("archived", .pass, "not archived")
        }
    }

    static func secrets(_ inputs: OperationalInputs) -> CheckResult {
        guard inputs.scans[.secret] != nil else {
            return result("secrets", .notApplicable, "no secret scan recorded yet")
        }
        let n = inputs.findings.total(.secret)
        guard n > 0 else { return result("secrets", .pass, "no open secret findings") }
        return result("secrets", .fail, "\(n) open secret finding\(n == 1 ? "" : "s") (\(severityText(inputs.findings, .secret)))",
                      remedy: "revoke and rotate each credential, then remove it from the code; `infinity findings --repo NAME` lists them")
    }

    static func vulnerabilities(_ inputs: OperationalInputs) -> CheckResult {
        guard inputs.scans[.vulnerability] != nil else {
            return result("vulnerabilities", .notApplicable, "no dependency scan recorded yet")
        }
        let f = inputs.findings
        let n = f.total(.vulnerability)
        guard n > 0 else { return result("vulnerabilities", .pass, "no open advisories for the dependencies") }
        let severe = f.count(.vulnerability, .critical) + f.count(.vulnerability, .high)
        return result("vulnerabilities", severe > 0 ? .fail : .warn,
                      "\(n) open advisor\(n == 1 ? "y" : "ies") (\(severityText(f, .vulnerability)))",
                      remedy: "upgrade the affected dependencies to fixed versions")
    }

    static func severityText(_ f: OpenFindingCounts, _ kind: Finding.Kind) -> String {
        Finding.Severity.allCases.reversed().compactMap { s in
            let c = f.count(kind, s)
            return c > 0 ? "\(c) \(s.rawValue)" : nil
        }.joined(separator: ", ")
    }
}

/// Checks answered by the code host through `HostHealthSignals`.
enum HostChecks {
    static func evaluate(_ repo: HostedRepository, signals: any HostHealthSignals, settings: HealthSettings, now: Date) async -> [CheckResult] {
        [
            await ci(repo, signals),
            await protection(repo, signals),
            await openItems(repo, signals, settings: settings, now: now),
        ]
    }

    static func result(_ id: String, _ outcome: CheckOutcome, _ evidence: String, remedy: String? = nil) -> CheckResult {
        ContentChecks.result(id, outcome, evidence, remedy: remedy)
    }

    static func ci(_ repo: HostedRepository, _ signals: any HostHealthSignals) async -> CheckResult {
        do {
            switch try await signals.ciStatus(of: repo) {
            case .notApplicable(let why): return result("ci-status", .notApplicable, why)
            case .value(let s):
                let at = s.sha.map { " on \(OperationalChecks.short($0))" } ?? ""
                let detail = s.detail.isEmpty ? "" : ": \(s.detail)"
                switch s.state {
                case .success: return result("ci-status", .pass, "CI green\(at)\(detail)")
                case .failure: return result("ci-status", .fail, "CI failing\(at)\(detail)\(s.url.map { " (\($0))" } ?? "")", remedy: "fix the failing CI checks on the default branch")
                case .pending: return result("ci-status", .warn, "CI still running\(at)\(detail)", remedy: "wait for CI, or look for stuck jobs")
                case .none: return result("ci-status", .warn, "no CI ran\(at)", remedy: "make CI run on pushes to the default branch")
                }
            }
        } catch {
            return result("ci-status", .notApplicable, "the code host did not answer: \(error)")
        }
    }

    static func protection(_ repo: HostedRepository, _ signals: any HostHealthSignals) async -> CheckResult {
        do {
            switch try await signals.branchProtection(of: repo) {
            case .notApplicable(let why): return result("branch-protection", .notApplicable, why)
            case .value(let p):
                let branch = repo.defaultBranch ?? "the default branch"
                guard p.protected else {
                    return result("branch-protection", .fail, "\(branch) is not protected", remedy: "protect \(branch): require reviews and status checks, forbid force pushes")
                }
                var gaps: [String] = []
                if !p.requiresReviews { gaps.append("no required reviews") }
                if !p.requiresStatusChecks { gaps.append("no required status checks") }
                if p.allowsForcePushes { gaps.append("force pushes allowed") }
                if gaps.isEmpty { return result("branch-protection", .pass, "\(branch) is protected") }
                return result("branch-protection", .warn, "\(branch) is protected but: \(gaps.joined(separator: ", "))", remedy: "tighten the protection rule of \(branch)")
            }
        } catch {
            return result("branch-protection", .notApplicable, "the code host did not answer: \(error)")
        }
    }

    static func openItems(_ repo: HostedRepository, _ signals: any HostHealthSignals, settings: HealthSettings, now: Date) async -> CheckResult {
        do {
            switch try await signals.openItems(of: repo) {
            case .notApplicable(let why): return result("open-items", .notApplicable, why)
            case .value(let items):
                let limit = Double(settings.openItemStaleAfterDays)
                func days(_ d: Date?) -> Double? { d.map { max(0, now.timeIntervalSince($0) / 86_400) } }
                let issueAge = days(items.oldestIssueOpenedAt), prAge = days(items.oldestPullRequestOpenedAt)
                let text = "\(items.openIssues) open issue\(items.openIssues == 1 ? "" : "s")"
                    + (issueAge.map { String(format: " (oldest %.0f days)", $0) } ?? "")
                    + ", \(items.openPullRequests) open pull request\(items.openPullRequests == 1 ? "" : "s")"
                    + (prAge.map { String(format: " (oldest %.0f days)", $0) } ?? "")
                if (issueAge ?? 0) > limit || (prAge ?? 0) > limit {
                    return result("open-items", .warn, text + ", past \(settings.openItemStaleAfterDays) days",
                                  remedy: "triage the oldest issues and pull requests: answer, merge or close them")
                }
                return result("open-items", .pass, text)
            }
        } catch {
            return result("open-items", .notApplicable, "the code host did not answer: \(error)")
        }
    }
}
