import Foundation
import InfinityModel
import InfinitySystem

/// The checks that look only at the files of the head commit. Their results depend on the
/// tree alone, so the monitor caches them per head SHA (bump `version` when they change).
enum ContentChecks {
    /// Bumped whenever a content check changes what it reports, to drop cached results.
    static let version = 1
    /// Largest workflow or configuration file read.
    static let maxConfigBytes = 1 << 20
    /// Largest executable inspected for a binary header.
    static let maxInspectBytes = 4 << 20
    /// Most executables inspected per repository.
    static let maxInspected = 100

    /// Runs every content check on `tree`. Weights are left at zero; scoring sets them.
    static func evaluate(_ tree: RepositoryTree) async -> [CheckResult] {
        var results: [CheckResult] = []
        let anyDir = ["", ".github", "docs"]
        results.append(await presence(tree, id: "readme", folders: anyDir, matches: { stem($0) == "readme" },
                                      remedy: "add a README.md saying what the repository is and how to build it"))
        results.append(await presence(tree, id: "license", folders: ["", "LICENSES"],
                                      matches: { ["license", "licence", "copying", "unlicense"].contains(stem($0)) || $0.hasPrefix("LICENSES/") },
                                      remedy: "add a LICENSE file (https://choosealicense.com)"))
        results.append(await presence(tree, id: "security-policy", folders: anyDir, matches: { stem($0) == "security" },
                                      remedy: "add SECURITY.md telling how to report a vulnerability privately"))
        results.append(await presence(tree, id: "codeowners", folders: anyDir, matches: { Paths.basename($0) == "CODEOWNERS" },
                                      remedy: "add .github/CODEOWNERS naming the reviewers of each path"))
        results.append(await presence(tree, id: "gitignore", folders: [""], matches: { $0 == ".gitignore" },
                                      remedy: "add a .gitignore for build outputs and local files"))
        results.append(await dependencyUpdates(tree))
        let workflows = tree.children(of: ".github/workflows").filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        results.append(ciWorkflows(tree, workflows: workflows))
        let analysis = await WorkflowAnalyzer.analyze(tree, workflows: workflows)
        results += analysis.results()
        results.append(await BinaryArtifacts.check(tree))
        return results
    }

    /// The file name without its extension, lowercased (`README.md` → `readme`).
    static func stem(_ path: String) -> String {
        let base = Paths.basename(path).lowercased()
        if let dot = base.firstIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
        return base
    }

    static func result(_ id: String, _ outcome: CheckOutcome, _ evidence: String, remedy: String? = nil) -> CheckResult {
        let def = HealthCheckCatalog.definition(id)
        return CheckResult(id: id, title: def?.title ?? id, weight: 0, outcome: outcome, evidence: evidence,
                           remedy: outcome == .pass || outcome == .notApplicable ? nil : remedy)
    }

    /// Pass when a file matching `matches` exists in one of `folders` and is a readable,
    /// non-empty file inside the repository; warn when it exists but is empty or a link out.
    static func presence(_ tree: RepositoryTree, id: String, folders: [String], matches: (String) -> Bool, remedy: String) async -> CheckResult {
        var candidates: [String] = []
        for folder in folders { candidates += tree.children(of: folder).filter(matches) }
        if candidates.isEmpty {
            let where_ = folders.map { $0.isEmpty ? "the root" : "\($0)/" }.joined(separator: ", ")
            return result(id, .fail, "no such file in \(where_)", remedy: remedy)
        }
        var problems: [String] = []
        for path in candidates {
            switch await tree.resolve(path) {
            case .entry(let e):
                if e.kind == .submodule { problems.append("\(path) is a submodule"); continue }
                if e.size == 0 { problems.append("\(path) is empty"); continue }
                return result(id, .pass, path)
            case .outside(let target):
                problems.append("\(path) is a symbolic link to \(target), outside the repository; not followed")
            case .missing:
                problems.append("\(path) is a dangling symbolic link")
            case .failed(let reason):
                problems.append("\(path): \(reason)")
            }
        }
        return result(id, .warn, problems.joined(separator: "; "), remedy: remedy)
    }

    /// Dependabot or Renovate configured.
    static func dependencyUpdates(_ tree: RepositoryTree) async -> CheckResult {
        let renovate = ["renovate.json", "renovate.json5", ".renovaterc", ".renovaterc.json", ".renovaterc.json5",
                        ".github/renovate.json", ".github/renovate.json5", ".gitlab/renovate.json", ".gitlab/renovate.json5"]
        if let path = renovate.first(where: { tree.entries[$0] != nil }) {
            return result("dependency-updates", .pass, "Renovate: \(path)")
        }
        for path in [".github/dependabot.yml", ".github/dependabot.yaml"] where tree.entries[path] != nil {
            switch await tree.read(path, maxBytes: maxConfigBytes) {
            case .text(let text, _):
                if let problem = WorkflowAnalyzer.yamlProblem(text) {
                    return result("dependency-updates", .warn, "\(path) is not valid YAML: \(problem)", remedy: "fix the file so Dependabot can read it")
                }
                if !text.contains("updates") {
                    return result("dependency-updates", .warn, "\(path) has no `updates:` entries", remedy: "list the package ecosystems under `updates:`")
                }
                return result("dependency-updates", .pass, "Dependabot: \(path)")
            case .outside(let target):
                return result("dependency-updates", .warn, "\(path) is a symbolic link to \(target), outside the repository; not followed",
                              remedy: "commit the file itself")
            case .tooLarge(let size):
                return result("dependency-updates", .warn, "\(path) is \(size) bytes, too large to read", remedy: "keep the file small")
            case .failed(let reason):
                return result("dependency-updates", .warn, "cannot read \(path): \(reason)", remedy: "check the file")
            case .missing, .bytes:
                continue
            }
        }
        return result("dependency-updates", .fail, "no .github/dependabot.yml and no Renovate configuration",
                      remedy: "add .github/dependabot.yml (or renovate.json) so dependency updates arrive as pull requests")
    }

    /// Some CI configured: GitHub Actions workflows, or another CI's file.
    static func ciWorkflows(_ tree: RepositoryTree, workflows: [String]) -> CheckResult {
        if !workflows.isEmpty {
            let shown = workflows.prefix(5).joined(separator: ", ") + (workflows.count > 5 ? " … (\(workflows.count))" : "")
            return result("ci-workflows", .pass, "GitHub Actions: \(shown)")
        }
        let others = [".gitlab-ci.yml", ".circleci/config.yml", "Jenkinsfile", ".travis.yml", "azure-pipelines.yml",
                      ".buildkite/pipeline.yml", ".drone.yml", "bitbucket-pipelines.yml", ".woodpecker.yml"]
        if let path = others.first(where: { tree.entries[$0] != nil }) {
            return result("ci-workflows", .pass, "CI configuration: \(path)")
        }
        return result("ci-workflows", .fail, "no .github/workflows/*.yml and no other CI configuration",
                      remedy: "add a workflow that builds and tests every push and pull request")
    }
}
