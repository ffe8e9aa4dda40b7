import InfinityJSON
import Foundation

/// `data` of ``DiscoveryQueries/defaultBranchHealth(count:)``: aliases `r0`…`rN`. Every field
/// is optional, because a partial error nulls its field (or, for a non-null field, the whole
/// alias) and the other aliases must still decode.
struct AliasedRepositoryHealth: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var pattern: String?
        var requiresApprovingReviews: Bool?
        var requiredApprovingReviewCount: Int?
        var requiresStatusChecks: Bool?
        var requiredStatusCheckContexts: [String?]?
        var allowsForcePushes: Bool?
        var allowsDeletions: Bool?
        var isAdminEnforced: Bool?

        func summary(_ source: ProtectionRuleSummary.Source) -> ProtectionRuleSummary {
            let contexts = (requiredStatusCheckContexts ?? []).compactMap { $0 }
            let count = requiredApprovingReviewCount
            return ProtectionRuleSummary(
                pattern: pattern ?? "", requiresApprovingReviews: requiresApprovingReviews ?? ((count ?? 0) > 0),
                requiredApprovingReviewCount: count, requiresStatusChecks: requiresStatusChecks ?? !contexts.isEmpty,
                requiredStatusCheckContexts: contexts, allowsForcePushes: allowsForcePushes ?? false,
                allowsDeletions: allowsDeletions ?? false, isAdminEnforced: source == .branchProtectionRule ? isAdminEnforced : nil,
                source: source)
        }
    }
    struct Ref: Decodable, Sendable {
        var name: String?
        var target: BranchRef.Target?
        var branchProtectionRule: Rule?
        var refUpdateRule: Rule?
    }
    struct Items: Decodable, Sendable {
        struct Item: Decodable, Sendable { var createdAt: Date? }
        var totalCount: Int?
        var nodes: [Item?]?
        var oldest: Date? { nodes?.compactMap { $0?.createdAt }.min() }
    }
    struct Node: Decodable, Sendable {
        var nameWithOwner: String?
        var viewerCanAdminister: Bool?
        var defaultBranchRef: Ref?
        var issues: Items?
        var pullRequests: Items?
    }

    /// Decoded aliases; an alias whose value does not decode is listed in `undecodable`.
    var byAlias: [String: Node] = [:]
    var undecodable: Set<String> = []

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AliasedRepositoryStatuses.Key.self)
        for key in container.allKeys where key.stringValue.hasPrefix("r") && Int(key.stringValue.dropFirst()) != nil {
            do {
                if let node = try container.decodeIfPresent(Node.self, forKey: key) { byAlias[key.stringValue] = node }
            } catch {
                undecodable.insert(key.stringValue)
            }
        }
    }
}

/// The `errors[]` of a health query sorted by alias and by the part of the answer they hit.
struct HealthQueryProblems {
    struct Parts {
        var whole: GraphQLErrorDetail?
        var branch: GraphQLErrorDetail?
        var protectionRule: GraphQLErrorDetail?
        var updateRule: GraphQLErrorDetail?
        var openItems: GraphQLErrorDetail?

        /// The error about the repository as a whole, else the first about one of its parts.
        var first: GraphQLErrorDetail? { whole ?? openItems ?? branch ?? protectionRule ?? updateRule }
    }

    var byAlias: [String: Parts] = [:]

    init(_ errors: [GraphQLErrorDetail]) {
        for error in errors {
            guard let path = error.path, let alias = path.first?.stringValue else { continue }
            let rest = path.dropFirst().compactMap(\.stringValue)
            var parts = byAlias[alias] ?? Parts()
            if rest.contains("branchProtectionRule") {
                parts.protectionRule = parts.protectionRule ?? error
            } else if rest.contains("refUpdateRule") {
                parts.updateRule = parts.updateRule ?? error
            } else if rest.first == "defaultBranchRef" {
                parts.branch = parts.branch ?? error
            } else if rest.first == "issues" || rest.first == "pullRequests" {
                parts.openItems = parts.openItems ?? error
            } else {
                parts.whole = parts.whole ?? error
            }
            byAlias[alias] = parts
        }
    }
}

extension RepositoryHealthSnapshot {
    /// The snapshot of one alias from its decoded node (nil: the alias was null) and its errors.
    init(repository: String, node: AliasedRepositoryHealth.Node?, problems: HealthQueryProblems.Parts, undecodable: Bool) {
        guard let node else {
            // Like the status query: not found, with the reason when it was not NOT_FOUND. An error
            // in a non-null field (`issues`, `pullRequests`) nulls the whole alias: that is the reason.
            let whole = problems.first.flatMap { $0.type == "NOT_FOUND" ? nil : Self.describe($0) }
            let error = undecodable ? "GitHub's answer for this repository could not be decoded" : whole
            self.init(repository: repository, found: false, error: error)
            return
        }
        let ref = node.defaultBranchRef
        let ciError = problems.branch.map(Self.describe)
        self.init(
            repository: node.nameWithOwner ?? repository, found: true, error: problems.whole.map(Self.describe),
            defaultBranch: ref?.name, headCommit: ref?.target?.oid, ciState: ref?.target?.statusCheckRollup?.state,
            ciError: ciError,
            protection: Self.protection(ref, problems: problems, admin: node.viewerCanAdminister),
            viewerCanAdminister: node.viewerCanAdminister)
        if let error = problems.openItems {
            openItemsError = Self.describe(error)
        } else if let issues = node.issues, let pulls = node.pullRequests, let issueCount = issues.totalCount,
            let pullCount = pulls.totalCount
        {
            openItems = OpenItemCounts(openIssues: issueCount, openPullRequests: pullCount,
                                       oldestIssueCreatedAt: issues.oldest, oldestPullRequestCreatedAt: pulls.oldest)
        } else {
            openItemsError = "GitHub returned no open issue or pull request counts"
        }
    }

    /// A rule visible in either field means protected. Without one, the field meant for the
    /// viewer decides: `branchProtectionRule` for administrators, `refUpdateRule` (the view
    /// GitHub gives everyone else) otherwise; if that field failed, the answer is unreadable.
    static func protection(_ ref: AliasedRepositoryHealth.Ref?, problems: HealthQueryProblems.Parts, admin: Bool?)
        -> BranchProtectionReading
    {
        guard let ref else {
            return problems.branch.map { .unreadable(describe($0)) } ?? .noDefaultBranch
        }
        if let rule = ref.branchProtectionRule { return .protected(rule.summary(.branchProtectionRule)) }
        if let rule = ref.refUpdateRule { return .protected(rule.summary(.refUpdateRule)) }
        let deciding: GraphQLErrorDetail?
        switch admin {
        case .some(true): deciding = problems.protectionRule
        case .some(false): deciding = problems.updateRule
        case .none: deciding = problems.protectionRule != nil && problems.updateRule != nil ? problems.protectionRule : nil
        }
        guard let deciding else { return .unprotected }
        return .unreadable(describe(deciding))
    }

    static func describe(_ error: GraphQLErrorDetail) -> String {
        "\(error.type ?? "ERROR"): \(error.message.prefix(300))"
    }
}
