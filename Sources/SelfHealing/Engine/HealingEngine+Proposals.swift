import BuildPipeline
import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

extension HealingEngine {
    /// Makes the change in a scratch clone (`<state>/workspace/heal/<repo>`, cloned from the
    /// repository's location, or from its mirror when ``sources`` are set) on branch
    /// `infinity/heal/<category>/<short-sha>`, runs the repository's steps there, and hands a
    /// passing change to the proposal sink. Never touches a default branch.
    func propose(_ item: HealingPlanItem, repository: ManifestRepository, options: HealingOptions) async -> ActionResult {
        let clone = Paths.join(pipeline.workspaceDirectory, "heal/\(PathComponent.safe(item.repository))")
        let branch = "infinity/heal/\(item.category.rawValue)/\(item.shortSHA)"
        do {
            // A hosted repository is cloned from its local mirror (fetched with the token if it
            // lacks the head); the pull request is made through the API, so no remote is needed.
            let origin = try await sources?.prepare(repository) ?? repository.location
            if fileSystem.exists(clone) { try fileSystem.removeItem(clone) }
            try fileSystem.createDirectory(Paths.join(pipeline.workspaceDirectory, "heal"))
            try await git.run(in: Paths.join(pipeline.workspaceDirectory, "heal"), ["clone", "-q", "--no-checkout", origin, clone])
            try await git.run(in: clone, ["checkout", "-q", "-B", branch, item.headSHA ?? "HEAD"])
            linkSiblings(of: repository)
        } catch {
            return ActionResult(result: .failed, detail: "could not prepare the scratch clone: \(error)")
        }
        let change: ProposedChange
        do { change = try await makeChange(item, repository: repository, clone: clone) } catch {
            let report = writeReport(item, outcome: "no change proposed", extra: "\(error)")
            return ActionResult(result: .failed, detail: "\(error)", report: report)
        }
        let changed = (try? await changedFiles(clone)) ?? []
        guard !changed.isEmpty else {
            let report = writeReport(item, outcome: "no change proposed", extra: "\(change.summary): nothing changed")
            return ActionResult(result: .failed, detail: "\(change.summary): nothing changed", report: report)
        }
        let verification = await verify(repository, clone: clone)
        let sections = [("Change", change.summary + "\n\n" + changed.map { "- `\($0)`" }.joined(separator: "\n")), ("Verification", verification.text)]
        guard verification.passed else {
            let report = writeReport(item, outcome: "the change did not make the build pass: not proposed", extra: nil, sections: sections)
            return ActionResult(result: .failed, detail: "\(change.summary); the build still fails in the scratch clone", report: report, rebuilt: true)
        }
        let proposal = HealProposal(
            repository: item.repository, origin: repository.location, clone: clone, branch: branch, baseSHA: item.headSHA,
            title: "infinity heal: \(change.title) (\(item.category.rawValue))",
            body: "\(change.summary)\n\nFailure: \(item.category.rawValue) in step \(item.failedStep ?? "?") at \(item.shortSHA)"
                + (item.ruleID.map { ", rule \($0)" } ?? "") + ". The repository's steps pass with this change.",
            changedFiles: changed)
        do {
            let receipt = try await proposals.propose(proposal)
            let report = writeReport(item, outcome: "proposed on branch \(receipt.branch) (\(receipt.reused ? "updated" : "created")), commit \(receipt.commit.prefix(12))",
                                     extra: receipt.url, sections: sections)
            return ActionResult(result: .proposed, detail: "\(change.summary); proposed on \(receipt.branch)\(receipt.reused ? " (branch reused)" : "")",
                                report: report, branch: receipt.branch, rebuilt: true)
        } catch {
            let report = writeReport(item, outcome: "verified but could not be proposed", extra: "\(error)", sections: sections)
            return ActionResult(result: .failed, detail: "could not propose: \(error)", report: report, rebuilt: true)
        }
    }

    /// Makes `../<dependency>` resolve from the scratch clone as it does from the build's work
    /// tree: each repository this one depends on is linked beside the clone, pointing at its
    /// build work tree. An existing folder of that name (another heal's clone) is left alone.
    func linkSiblings(of repository: ManifestRepository) {
        let healDirectory = Paths.join(pipeline.workspaceDirectory, "heal")
        for dependency in repository.dependencies {
            let name = PathComponent.safe(dependency.repository)
            let target = Paths.join(pipeline.workspaceDirectory, "trees/\(name)")
            let link = Paths.join(healDirectory, name)
            guard fileSystem.kindOfItem(target) == .directory else { continue }
            switch fileSystem.kindOfItem(link) {
            case .symlink: try? fileSystem.removeItem(link)
            case nil: break
            default: continue
            }
            _ = symlink(target, link)
        }
    }

    /// A change made in the scratch clone.
    struct ProposedChange {
        var title: String
        var summary: String
    }

    /// Applies the action's change in `clone`.
    func makeChange(_ item: HealingPlanItem, repository: ManifestRepository, clone: String) async throws -> ProposedChange {
        switch item.action {
        case .bumpVulnerable:
            return try bumpVulnerable(item.repository, clone: clone)
        case .updateDependencies:
            let commands = DependencyUpdate.commands(in: clone, fileSystem: fileSystem)
            guard !commands.isEmpty else { throw HealProposalError("no dependency update command fits this repository (no lock or manifest file known)", repository: item.repository) }
            try await runAll(commands, in: clone, repository: item.repository)
            return ProposedChange(title: "update dependencies", summary: "ran " + commands.map { "`\($0)`" }.joined(separator: ", "))
        case .autofixLint:
            let commands = DependencyUpdate.formatters(in: clone, fileSystem: fileSystem, path: environment["PATH"] ?? "/usr/bin:/bin")
            guard !commands.isEmpty else { throw HealProposalError("no formatter for this project is installed", repository: item.repository) }
            try await runAll(commands, in: clone, repository: item.repository)
            return ProposedChange(title: "apply the formatter", summary: "ran " + commands.map { "`\($0)`" }.joined(separator: ", "))
        case .resetConfiguration:
            return try await resetConfiguration(item, clone: clone)
        default:
            throw HealProposalError("\(item.action.rawValue) makes no change", repository: item.repository)
        }
    }

    /// Moves packages flagged by open `vulnerability` findings to their fixed versions in
    /// `requirements*.txt` (`pkg==x`) and `package.json` (`"pkg": "^x"`).
    func bumpVulnerable(_ repository: String, clone: String) throws -> ProposedChange {
        let findings = try store.findings(repository: repository, states: [.open]).filter { $0.kind == .vulnerability }
        let bumps = findings.compactMap { VulnerableBump(detail: $0.finding.detail, advisory: $0.finding.ruleID) }
        guard !bumps.isEmpty else { throw HealProposalError("no open vulnerability finding names a fixed version", repository: repository) }
        var done: [String] = []
        for entry in (try? fileSystem.listDirectory(clone)) ?? [] where entry.kind == .file {
            let isRequirements = entry.name.hasPrefix("requirements") && entry.name.hasSuffix(".txt")
            guard isRequirements || entry.name == "package.json" else { continue }
            let path = Paths.join(clone, entry.name)
            let text = String(decoding: try fileSystem.readFile(path), as: UTF8.self)
            var lines = text.components(separatedBy: "\n")
            for i in lines.indices {
                for b in bumps {
                    if let replaced = isRequirements ? b.requirementsLine(lines[i]) : b.packageJSONLine(lines[i]) {
                        lines[i] = replaced
                        done.append("\(b.package) → \(b.fixed) (\(b.advisory)) in \(entry.name)")
                    }
                }
            }
            let updated = lines.joined(separator: "\n")
            if updated != text { try fileSystem.writeText(updated, to: path) }
        }
        guard !done.isEmpty else { throw HealProposalError("the flagged packages are not pinned in requirements*.txt or package.json", repository: repository) }
        return ProposedChange(title: "bump vulnerable dependencies", summary: done.joined(separator: "; "))
    }

    /// Restores configuration files changed since the last commit whose build passed.
    func resetConfiguration(_ item: HealingPlanItem, clone: String) async throws -> ProposedChange {
        let records = try store.results(repository: item.repository, stage: "build", limit: 200)
        guard let good = records.first(where: { $0.status == BuildStatus.succeeded.rawValue && BuildDetail.parse($0.detail)?.headSHA != item.headSHA }),
              let goodSHA = BuildDetail.parse(good.detail)?.headSHA else {
            throw HealProposalError("no earlier commit with a passing build is known", repository: item.repository)
        }
        let names = String(decoding: try await git.run(in: clone, ["diff", "--name-only", goodSHA, "HEAD"]), as: UTF8.self)
            .split(separator: "\n").map(String.init).filter(DependencyUpdate.isConfigurationFile)
        guard !names.isEmpty else { throw HealProposalError("no configuration file changed since \(goodSHA.prefix(12))", repository: item.repository) }
        try await git.run(in: clone, ["checkout", goodSHA, "--"] + names)
        return ProposedChange(title: "reset configuration", summary: "restored \(names.joined(separator: ", ")) to \(goodSHA.prefix(12)), the last commit whose build passed")
    }

    /// Files the work tree changed (modified, added, deleted).
    func changedFiles(_ clone: String) async throws -> [String] {
        String(decoding: try await git.run(in: clone, ["status", "--porcelain", "--untracked-files=all"]), as: UTF8.self)
            .split(separator: "\n").compactMap { line in line.count > 3 ? String(line.dropFirst(3)) : nil }
    }

    /// Runs shell commands in the clone; the first failure stops.
    func runAll(_ commands: [String], in clone: String, repository: String) async throws {
        for command in commands {
            let outcome = await processes.run(recorded(.shell(command, directory: clone, environment: stepEnvironment(), output: .memory(maxBytes: 64_000),
                                                              timeout: configuration.build.timeout), repository: repository, step: "fix"))
            if let problem = Self.failure(of: command, outcome) { throw HealProposalError(problem, repository: repository) }
        }
    }

    /// `request` with a running-group record, so a verification left running by a killed
    /// orchestrator is stopped by the next build (`BuildPipeline.reapOrphanedSteps`).
    func recorded(_ request: ProcessGroupRequest, repository: String, step: String) -> ProcessGroupRequest {
        var request = request
        request.registration = RunningGroupRegistration(directory: BuildPipeline.runningDirectory(stateDirectory: stateDirectory),
                                                        labels: ["repository": repository, "step": step])
        return request
    }

    /// What went wrong with a command, nil when it succeeded.
    static func failure(of command: String, _ outcome: ProcessGroupOutcome) -> String? {
        guard !outcome.succeeded else { return nil }
        let code = outcome.exitCode.map(String.init) ?? "?"
        return "`\(command)` failed (exit \(code)): \(outcome.outputText.suffix(500))"
    }

    /// Runs the repository's steps in the scratch clone.
    func verify(_ repository: ManifestRepository, clone: String) async -> (passed: Bool, text: String) {
        var text = ""
        for step in repository.steps.sorted(by: { $0.name < $1.name }) {
            let outcome = await processes.run(recorded(.shell(step.run, directory: clone, environment: stepEnvironment(), output: .memory(maxBytes: 64_000),
                                                              timeout: configuration.build.timeout), repository: repository.name, step: "verify " + step.name.rawValue))
            text += "- \(step.name.rawValue): `\(step.run)` → \(outcome.succeeded ? "passed" : "failed (exit \(outcome.exitCode.map(String.init) ?? "?"))")\n"
            if !outcome.succeeded {
                text += "\n```\n\(outcome.outputText.suffix(2_000))\n```\n"
                return (false, text)
            }
        }
        return (true, text.isEmpty ? "no steps to run" : text)
    }

    /// The environment of commands run in a scratch clone.
    func stepEnvironment() -> [String: String] {
        var env = ["PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": environment["HOME"] ?? "/tmp", "LANG": environment["LANG"] ?? "C.UTF-8"]
        for name in configuration.build.passEnvironment { env[name] = environment[name] }
        return env
    }
}

/// One package to move to a fixed version, read from a vulnerability finding's detail JSON
/// (`package`/`name`, `version`, `fixed_version`/`fixed`/`fixed_versions`).
struct VulnerableBump {
    var package: String
    var fixed: String
    var advisory: String

    init?(detail: String?, advisory: String) {
        guard let detail, let object = try? JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any],
              let package = (object["package"] ?? object["name"]) as? String else { return nil }
        let fixed = (object["fixed_version"] ?? object["fixed"]) as? String ?? (object["fixed_versions"] as? [String])?.first
        guard let fixed, !fixed.isEmpty else { return nil }
        self.package = package
        self.fixed = fixed
        self.advisory = advisory
    }

    /// `pkg==old` (any case, `-`/`_` alike) → `pkg==fixed`, keeping a trailing comment.
    func requirementsLine(_ line: String) -> String? {
        guard let eq = line.range(of: "==") else { return nil }
        let name = line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
        guard Self.normal(name) == Self.normal(package) else { return nil }
        let rest = line[eq.upperBound...]
        let comment = rest.firstIndex(of: "#").map { " " + rest[$0...] } ?? ""
        let current = rest.prefix { $0 != "#" && $0 != ";" && $0 != " " }
        guard current != fixed else { return nil }
        return "\(name)==\(fixed)\(comment)"
    }

    /// `"pkg": "^old"` → `"pkg": "^fixed"`.
    func packageJSONLine(_ line: String) -> String? {
        let key = "\"\(package)\":"
        guard let k = line.range(of: key) else { return nil }
        let after = line[k.upperBound...]
        guard let open = after.firstIndex(of: "\""), let close = after[after.index(after: open)...].firstIndex(of: "\"") else { return nil }
        let value = after[after.index(after: open)..<close]
        let prefix = value.prefix { $0 == "^" || $0 == "~" || $0 == "=" }
        guard value.dropFirst(prefix.count) != fixed else { return nil }
        return String(line[..<k.upperBound]) + String(after[..<open]) + "\"\(prefix)\(fixed)\"" + String(after[after.index(after: close)...])
    }

    static func normal(_ name: String) -> String { name.lowercased().replacingOccurrences(of: "_", with: "-") }
}
