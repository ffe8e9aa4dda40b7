import Foundation

/// A change proposed for review: files changed on a branch and a pull request (or, for the
/// local provider, a local branch).
public struct ProposedChange: Sendable, Hashable {
    /// The branch the change lives on, e.g. `infinity/heal/dependency/1a2b3c4`.
    public var branch: String
    /// The pull request number, when the host has pull requests.
    public var number: Int?
    /// Where to look at it (a pull request URL or a branch name).
    public var url: String
    /// Whether an existing branch/pull request was reused instead of opening a new one.
    public var reused: Bool

    public init(branch: String, number: Int?, url: String, reused: Bool) {
        self.branch = branch
        self.number = number
        self.url = url
        self.reused = reused
    }
}

/// What a change proposal asks for.
public struct ChangeRequest: Sendable, Hashable {
    /// `owner/name`.
    public var repository: String
    /// The branch the change targets (never written to).
    public var baseBranch: String
    /// The failure category, for the branch name.
    public var category: String
    /// The commit the fix is based on, for the branch name.
    public var baseSHA: String
    public var title: String
    public var body: String
    public var commitMessage: String
    /// Path → new content.
    public var files: [String: Data]

    public init(repository: String, baseBranch: String, category: String, baseSHA: String, title: String, body: String,
                commitMessage: String, files: [String: Data]) {
        self.repository = repository
        self.baseBranch = baseBranch
        self.category = category
        self.baseSHA = baseSHA
        self.title = title
        self.body = body
        self.commitMessage = commitMessage
        self.files = files
    }

    /// `infinity/heal/<category>/<short-sha>`, with the category reduced to `[a-z0-9-]`.
    public var branchName: String {
        let cleaned = category.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let category = String(cleaned).split(separator: "-").joined(separator: "-")
        return "infinity/heal/\(category.isEmpty ? "fix" : category)/\(baseSHA.prefix(7))"
    }
}

/// Proposes changes for review instead of pushing to a default branch.
public protocol ChangeProposer: Sendable {
    /// Commits `request.files` to `request.branchName` and opens a pull request for it; when the
    /// branch or an open pull request from it already exists, they are reused (the branch gets a
    /// new commit on top, no second pull request is opened).
    func propose(_ request: ChangeRequest) async throws -> ProposedChange
}

/// A CI run of a repository, as far as healing needs it.
public struct CIRun: Sendable, Hashable {
    public var id: Int64
    public var headSHA: String
    public var conclusion: String?
    public var url: String

    public init(id: Int64, headSHA: String, conclusion: String?, url: String) {
        self.id = id
        self.headSHA = headSHA
        self.conclusion = conclusion
        self.url = url
    }
}

/// A failed CI job and its log.
public struct FailedJobLog: Sendable, Hashable {
    public var jobID: Int64
    public var name: String
    public var log: String

    public init(jobID: Int64, name: String, log: String) {
        self.jobID = jobID
        self.name = name
        self.log = log
    }
}

/// Re-runs CI and reads its logs (GitHub Actions).
public protocol WorkflowRunner: Sendable {
    /// The latest completed run on `branch` that failed, if the latest completed run failed.
    func latestFailedRun(repository: String, branch: String) async throws -> CIRun?
    /// Re-runs the failed jobs of `run`.
    func rerunFailedJobs(repository: String, run: CIRun) async throws
    /// The logs of the failed jobs of `run` (at most `maxBytes` of each, the tail kept).
    func failedJobLogs(repository: String, run: CIRun, maxBytes: Int) async throws -> [FailedJobLog]
}

/// One alert of a host's security scanning. Never holds a secret value: a secret-scanning
/// alert carries the secret's type and where it was found, not the secret.
public struct SecurityAlert: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case codeScanning = "code-scanning", secretScanning = "secret-scanning", dependabot

        /// `github-code-scanning`, `github-secret-scanning`, `github-dependabot`: how findings name it.
        public var findingSource: String { "github-\(rawValue)" }
    }

    public var source: Source
    public var number: Int
    /// The rule, secret type or advisory id.
    public var rule: String
    public var severity: String?
    public var summary: String
    public var url: String
    /// `owner/name` of the repository, when the listing said (organization-level listings).
    public var repository: String?
    /// The file (code scanning: the latest instance; secret scanning: the first location;
    /// Dependabot: the manifest), relative to the repository root.
    public var file: String?
    public var line: Int?
    /// Code scanning: the tool (`CodeQL`).
    public var tool: String?
    /// Code scanning: the rule's own severity (`error`, `warning`, `note`) when `severity` is the
    /// security severity.
    public var ruleSeverity: String?
    /// Dependabot: the package ecosystem as GitHub names it (`npm`, `pip`, `maven` …).
    public var ecosystem: String?
    /// Dependabot: the package name.
    public var package: String?
    /// Dependabot: every id of the advisory (GHSA first, then CVE …).
    public var advisoryIDs: [String]
    /// Dependabot: the vulnerable range, e.g. `< 1.26.5`.
    public var vulnerableRange: String?
    /// Dependabot: the first patched version.
    public var fixedVersion: String?
    /// Secret scanning: `active`, `inactive` or `unknown`.
    public var validity: String?
    /// Secret scanning: whether the secret leaked publicly.
    public var publiclyLeaked: Bool?

    public init(source: Source, number: Int, rule: String, severity: String?, summary: String, url: String,
                repository: String? = nil, file: String? = nil, line: Int? = nil, tool: String? = nil, ruleSeverity: String? = nil,
                ecosystem: String? = nil, package: String? = nil, advisoryIDs: [String] = [], vulnerableRange: String? = nil,
                fixedVersion: String? = nil, validity: String? = nil, publiclyLeaked: Bool? = nil) {
        self.source = source
        self.number = number
        self.rule = rule
        self.severity = severity
        self.summary = summary
        self.url = url
        self.repository = repository
        self.file = file
        self.line = line
        self.tool = tool
        self.ruleSeverity = ruleSeverity
        self.ecosystem = ecosystem
        self.package = package
        self.advisoryIDs = advisoryIDs
        self.vulnerableRange = vulnerableRange
        self.fixedVersion = fixedVersion
        self.validity = validity
        self.publiclyLeaked = publiclyLeaked
    }
}

/// Uploads SARIF and lists the host's own security alerts.
public protocol CodeScanningHost: Sendable {
    /// Uploads a SARIF report for `commitSHA` on `ref`; returns the host's id of the analysis.
    func uploadSARIF(repository: String, sarif: Data, commitSHA: String, ref: String) async throws -> String?
    /// Open code-scanning, secret-scanning and Dependabot alerts.
    func openAlerts(repository: String) async throws -> [SecurityAlert]
}
