import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

extension HealingEngine {
    /// What an action did, before bookkeeping.
    struct ActionResult {
        var result: HealingOutcome.Result
        var detail: String
        var report: String? = nil
        var branch: String? = nil
        /// Whether a rebuild ran (spends retry budget).
        var rebuilt = false
        /// The item as finally understood (a confirmed flaky test changes its category).
        var item: HealingPlanItem? = nil
        /// Extra facts for the attempt row (flips).
        var note: String? = nil
    }

    /// Applies an allowed item and records it; records a skip otherwise.
    func apply(_ item: HealingPlanItem, repository: ManifestRepository, manifest: Manifest, options: HealingOptions) async -> HealingOutcome {
        let now = clock.now()
        let audit = "heal.\(item.action.rawValue)"
        guard item.allowed else {
            try? store.appendAudit(AuditEntry(at: now, runID: options.runID, action: audit, target: item.repository, outcome: "skipped", detail: item.verdict))
            if !item.verdict.hasPrefix("already") && !item.verdict.hasPrefix("waiting") {
                _ = try? store.recordHealAttempt(HealAttemptRecord(repository: item.repository, category: item.category.rawValue, action: item.action.rawValue,
                                                                   headSHA: item.headSHA, startedAt: now, finishedAt: now, outcome: "skipped",
                                                                   retried: false, detail: HealAttemptNote.text(item.buildRunID, item.verdict)))
            }
            if item.verdict.hasPrefix("already") {
                // Handled before (reported, alerted, healed): the request is answered.
                for id in item.requestIDs { _ = try? store.markHealingRequest(id: id, .done, from: .pending, detail: nil) }
            }
            return HealingOutcome(item: item, result: .skipped, detail: item.verdict)
        }
        let attemptID = try? store.recordHealAttempt(HealAttemptRecord(
            repository: item.repository, category: item.category.rawValue, action: item.action.rawValue, headSHA: item.headSHA,
            startedAt: now, outcome: "pending", retried: item.action.retriesBuild, detail: HealAttemptNote.text(item.buildRunID, "started")))
        _ = try? store.openIncident(repository: item.repository, category: item.category.rawValue, at: min(item.failedAt ?? now, now))
        for id in item.requestIDs { _ = try? store.markHealingRequest(id: id, .taken, from: .pending) }
        logger.info("healing", metadata: ["repo.name": "\(item.repository)", "heal.category": "\(item.category.rawValue)", "heal.action": "\(item.action.rawValue)"])

        let done = await perform(item, repository: repository, manifest: manifest, options: options)
        let finalItem = done.item ?? item
        let finished = clock.now()
        let outcome: String
        switch done.result {
        case .healed: outcome = "succeeded"
        case .proposed: outcome = "proposed"
        case .failed: outcome = "failed"
        case .reported: outcome = "reported"
        case .alerted: outcome = "alerted"
        case .scheduled: outcome = "scheduled"
        case .skipped, .planned: outcome = "skipped"
        }
        if let attemptID {
            let text = done.result == .scheduled ? done.detail : HealAttemptNote.text(item.buildRunID, done.note ?? done.detail)
            try? store.finishHealAttempt(id: attemptID, outcome: outcome, at: finished, detail: text, retried: done.rebuilt,
                                        category: finalItem.category.rawValue)
        }
        try? store.appendAudit(AuditEntry(at: finished, runID: options.runID, action: audit, target: item.repository,
                                          outcome: outcome, detail: "\(finalItem.category.rawValue): \(done.detail)"))
        if done.rebuilt || item.action.proposesChange {
            recordBreaker(item.repository, success: done.result == .healed || done.result == .proposed)
        }
        if done.result == .healed, let incident = try? store.resolveIncident(repository: item.repository, by: item.action.rawValue, at: finished) {
            try? store.appendAudit(AuditEntry(at: finished, runID: options.runID, action: "heal.recovered", target: item.repository, outcome: "ok",
                                              detail: "incident \(incident.category) resolved by \(item.action.rawValue) after \(HealingRunReport.duration(finished.timeIntervalSince(incident.openedAt)))"))
        }
        if done.result != .scheduled {
            for id in item.requestIDs { _ = try? store.markHealingRequest(id: id, .done, detail: nil) }
        }
        return HealingOutcome(item: finalItem, result: done.result, detail: done.detail, report: done.report, branch: done.branch)
    }

    /// Runs the action itself.
    func perform(_ item: HealingPlanItem, repository: ManifestRepository, manifest: Manifest, options: HealingOptions) async -> ActionResult {
        switch item.action {
        case .clearCache:
            do {
                let cleared = try pipeline.cache.clear(repository: item.repository, runID: options.runID,
                                                       reason: "heal: \(item.category.rawValue)\(item.ruleID.map { " (\($0))" } ?? "")")
                return await rebuild(item, manifest: manifest, options: options, prefix: "cleared \(cleared.removed.count) cache folder(s)")
            } catch {
                return ActionResult(result: .failed, detail: "could not clear the cache: \(error)")
            }
        case .rerun:
            var done = await rerunFailedStep(item, manifest: manifest, options: options)
            if item.category == .testFailure && done.result == .failed {
                // The confirmation re-run failed too: a real test failure, reported.
                done.report = writeReport(item, outcome: "the failed step failed again on the same commit: a real test failure", extra: done.detail)
                done.result = .reported
                done.detail = "failed again on re-run; reported" + Self.testsSuffix(item)
            }
            return done
        case .retry:
            return await retryWithBackoff(item, manifest: manifest, options: options)
        case .retryOnce:
            var done = await rebuild(item, manifest: manifest, options: options, hostCI: true, prefix: "retried once")
            if done.result == .failed {
                done.report = writeReport(item, outcome: "still failing after one retry: reported, not retried again", extra: done.detail)
            }
            return done
        case .cleanWorkspace:
            let tree = Paths.join(pipeline.workspaceDirectory, "trees/\(PathComponent.safe(item.repository))")
            let tmp = Paths.join(pipeline.workspaceDirectory, "tmp/\(PathComponent.safe(item.repository))")
            var removed: [String] = []
            for path in [tree, tmp] where fileSystem.exists(path) {
                do { try fileSystem.removeItem(path); removed.append(path) } catch {
                    return ActionResult(result: .failed, detail: "could not remove \(path): \(error)")
                }
            }
            try? store.appendAudit(AuditEntry(at: clock.now(), runID: options.runID, action: "workspace.clean", target: item.repository,
                                              outcome: "ok", detail: removed.isEmpty ? "nothing to remove" : "removed \(removed.joined(separator: ", "))"))
            return await rebuild(item, manifest: manifest, options: options, prefix: "cleaned the workspace")
        case .retryWithLowerParallelism:
            return await rebuild(item, manifest: manifest, options: options, maxParallel: 1, hostCI: true, prefix: "rebuilt with max_parallel 1")
        case .alertHumans:
            let report = writeReport(item, outcome: "authentication failed: never retried; a person must fix the credentials", extra: nil)
            return ActionResult(result: .alerted, detail: "never retried; humans alerted", report: report)
        case .report:
            return await reportFailure(item, manifest: manifest, options: options)
        case .updateDependencies, .resetConfiguration, .autofixLint, .bumpVulnerable:
            return await propose(item, repository: repository, options: options)
        }
    }

    /// Rebuilds one repository (all steps, or `onlySteps`) ignoring the result cache.
    func rebuild(_ item: HealingPlanItem, manifest: Manifest, options: HealingOptions, onlySteps: Set<BuildStep.Name>? = nil,
                 maxParallel: Int? = nil, hostCI: Bool = false, prefix: String) async -> ActionResult {
        var prefix = prefix
        if hostCI, !options.dryRun, let hostRerun, let repository = manifest.repository(named: item.repository) {
            do {
                if let link = try await hostRerun(repository) { prefix += "; re-ran the failed CI jobs (\(link))" }
            } catch {
                prefix += "; could not re-run the failed CI jobs: \(error)"
            }
        }
        let buildOptions = BuildOptions(repositories: [item.repository], force: true, maxParallel: maxParallel, onlySteps: onlySteps,
                                        trigger: "heal", appendStepSummary: false)
        do {
            let report = try await pipeline.build(manifest: manifest, options: buildOptions, runID: options.runID)
            guard let result = report.results.first(where: { $0.repository == item.repository }) else {
                return ActionResult(result: .failed, detail: "\(prefix); the rebuild produced no result", rebuilt: true)
            }
            if result.status.isAcceptable {
                return ActionResult(result: .healed, detail: "\(prefix); rebuild passed", rebuilt: true)
            }
            let step = result.failedStep.map { "\($0.name) failed" + ($0.reason.map { ": \($0)" } ?? "") } ?? result.status.rawValue
            return ActionResult(result: .failed, detail: "\(prefix); rebuild still fails (\(step))", rebuilt: true)
        } catch {
            return ActionResult(result: .failed, detail: "\(prefix); could not rebuild: \(error)")
        }
    }

    /// Re-runs the failed step on the same commit; a pass is a flip of a flaky test.
    func rerunFailedStep(_ item: HealingPlanItem, manifest: Manifest, options: HealingOptions) async -> ActionResult {
        let step = item.failedStep.flatMap(BuildStep.Name.init(rawValue:))
        var done = await rebuild(item, manifest: manifest, options: options, onlySteps: step.map { [$0] }, hostCI: true,
                                 prefix: "re-ran \(step?.rawValue ?? "the build") on \(item.shortSHA)")
        if done.result == .healed {
            var flaky = item
            flaky.category = .flakyTest
            done.item = flaky
            done.note = HealAttemptNote.flip(tests: item.failingTests, detail: done.detail)
            if item.category == .testFailure { done.detail = "confirmation re-run passed: flaky, not broken; " + done.detail }
            done.detail += "; flip recorded" + (item.failingTests.isEmpty ? "" : " for " + item.failingTests.prefix(3).joined(separator: ", "))
        }
        return done
    }

    /// Retries after a full-jitter backoff; a long wait is scheduled for a later pass instead.
    func retryWithBackoff(_ item: HealingPlanItem, manifest: Manifest, options: HealingOptions) async -> ActionResult {
        let now = clock.now()
        let earlier = (try? store.healAttempts(since: budget.windowStart(now), repository: item.repository)) ?? []
        let due = earlier.first { $0.outcome == "scheduled" && HealAttemptNote.notBefore($0.detail).map { $0 <= now } == true }
        if let due, let id = due.id {
            try? store.finishHealAttempt(id: id, outcome: "retried", at: now, detail: nil)
            return await rebuild(item, manifest: manifest, options: options, hostCI: true, prefix: "scheduled retry ran")
        }
        let attempt = earlier.filter { $0.action == HealingAction.retry.rawValue && $0.retried && $0.outcome != "pending" }.count
        let delay = Backoff(base: settings.backoffBase, cap: settings.backoffCap).delay(attempt: attempt, random: random())
        if delay > options.maxInlineBackoff {
            let notBefore = now.addingTimeInterval(Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
            return ActionResult(result: .scheduled, detail: HealAttemptNote.scheduled(item.buildRunID, notBefore: notBefore, delay: delay))
        }
        do { try await clock.sleep(delay) } catch {
            return ActionResult(result: .failed, detail: "interrupted while waiting \(delay) before the retry")
        }
        return await rebuild(item, manifest: manifest, options: options, hostCI: true, prefix: "retried after \(delay) backoff")
    }

    /// Writes the report of a failure nothing can repair automatically.
    func reportFailure(_ item: HealingPlanItem, manifest: Manifest, options: HealingOptions) async -> ActionResult {
        let report = writeReport(item, outcome: "no automatic repair for \(item.category.rawValue): reported", extra: nil)
        return ActionResult(result: .reported, detail: "reported" + Self.testsSuffix(item), report: report)
    }

    static func testsSuffix(_ item: HealingPlanItem) -> String {
        item.failingTests.isEmpty ? "" : " (\(item.failingTests.count) failing test\(item.failingTests.count == 1 ? "" : "s"))"
    }
}

extension HealAttemptNote {
    /// The detail of a rerun that passed: a flip, with the tests that failed before.
    static func flip(tests: [String], detail: String) -> String {
        "flip tests=\(tests.joined(separator: ",")) \(detail)"
    }

    /// The tests named in a flip note.
    static func flipTests(_ detail: String?) -> [String]? {
        guard let detail, let range = detail.range(of: " flip tests=") ?? detail.range(of: "flip tests=") else { return nil }
        let list = detail[range.upperBound...].prefix { $0 != " " }
        return list.split(separator: ",").map(String.init)
    }
}
