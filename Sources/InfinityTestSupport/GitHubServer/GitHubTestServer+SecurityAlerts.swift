import Foundation
import NIOConcurrencyHelpers

/// The alert listings a test can steer.
public enum GitHubTestAlertListing: String, Sendable, CaseIterable {
    case codeScanning = "code-scanning"
    case secretScanning = "secret-scanning"
    case dependabot
}

extension GitHubTestServer {
    /// Turns a security feature of `fullName` on or off (see ``GitHubTestAlertFeature``).
    public func setAlertFeature(_ fullName: String, _ listing: GitHubTestAlertListing, _ feature: GitHubTestAlertFeature) {
        core.state.withLockedValue { state in
            switch listing {
            case .codeScanning: state.repositories[fullName.lowercased()]?.security.codeScanning = feature
            case .secretScanning: state.repositories[fullName.lowercased()]?.security.secretScanning = feature
            case .dependabot: state.repositories[fullName.lowercased()]?.security.dependabot = feature
            }
        }
    }

    /// Removes the synthetic alerts of `fullName` (so a test sees only the ones it adds).
    public func clearSyntheticAlerts(_ fullName: String) {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard state.repositories[key] != nil else { return }
            state.repositories[key]?.codeScanningAlerts = 0
            state.repositories[key]?.secretScanningAlerts = 0
            state.repositories[key]?.dependabotAlerts = 0
        }
    }

    /// Adds a Dependabot alert; returns its number.
    @discardableResult
    public func addDependabotAlert(_ fullName: String, _ alert: GitHubTestDependabotAlert) -> Int {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key] else { return 0 }
            state.repositories[key]?.security.dependabotAlerts.append(alert)
            return repo.dependabotAlerts + repo.security.dependabotAlerts.count + 1
        }
    }

    /// Adds a secret-scanning alert; returns its number.
    @discardableResult
    public func addSecretScanningAlert(_ fullName: String, _ alert: GitHubTestSecretAlert) -> Int {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key] else { return 0 }
            state.repositories[key]?.security.secretAlerts.append(alert)
            return repo.secretScanningAlerts + repo.security.secretAlerts.count + 1
        }
    }

    /// Adds a code-scanning alert; returns its number.
    @discardableResult
    public func addCodeScanningAlert(_ fullName: String, _ alert: GitHubTestCodeScanningAlert) -> Int {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key] else { return 0 }
            state.repositories[key]?.security.codeAlerts.append(alert)
            return repo.codeScanningAlerts + repo.security.codeAlerts.count + 1
        }
    }

    /// Closes an alert (`fixed`, or `resolved` for secret scanning): it leaves the open listing.
    public func closeAlert(_ fullName: String, _ listing: GitHubTestAlertListing, number: Int) {
        core.state.withLockedValue { _ = $0.repositories[fullName.lowercased()]?.security.closed.insert("\(listing.rawValue)#\(number)") }
    }

    /// Makes the organization-level alert listings answer 403 (or answer again).
    public func setOrganizationAlertsForbidden(_ forbidden: Bool) {
        core.state.withLockedValue { $0.configuration.organizationAlertsForbidden = forbidden }
    }

    /// Commits `files` (path → content) on top of the default branch of `fullName`.
    public func commitFiles(_ fullName: String, _ files: [String: Data], message: String = "Add files") {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key], let head = repo.headSHA, let commit = repo.commits[head],
                  var tree = repo.trees[commit.tree] else { return }
            for (path, content) in files {
                let sha = GitObjectID.blob(content)
                state.repositories[key]?.blobs[sha] = content
                tree[path] = TreeItem(mode: "100644", type: "blob", sha: sha, size: content.count)
            }
            let treeSHA = GitObjectID.tree(tree)
            state.repositories[key]?.trees[treeSHA] = tree
            let stamp = state.now.addingTimeInterval(1)
            let sha = GitObjectID.commit(tree: treeSHA, parents: [head], message: message, date: stamp)
            state.repositories[key]?.commits[sha] = ServerCommit(sha: sha, tree: treeSHA, parents: [head], message: message, date: stamp)
            state.repositories[key]?.refs["refs/heads/\(repo.defaultBranch)"] = sha
            state.touch(key, pushed: true)
        }
    }
}
