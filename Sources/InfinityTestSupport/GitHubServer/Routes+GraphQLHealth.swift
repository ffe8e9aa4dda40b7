import InfinityJSON
import Foundation
import GitHubKit

extension ServerState {
    /// Answers aliased `repository(owner:name:)` queries that ask for health fields (branch
    /// protection, open issues or pull requests), charging what GitHub would (``GraphQLCost``);
    /// nil for any other query.
    ///
    /// Per repository: `nameWithOwner`, `viewerCanAdminister`, `defaultBranchRef` (head, CI
    /// rollup, `branchProtectionRule`, `refUpdateRule`), and `issues` / `pullRequests` with
    /// `totalCount` and the first `n` open items oldest first, as the query's `first` says.
    /// What the credentials may see follows each repository's ``GitHubTestViewerAccess``.
    mutating func graphQLHealth(query: String, variables: JSONValue) -> RouteResult? {
        guard query.contains("branchProtectionRule") || query.contains("refUpdateRule") || query.contains("pullRequests(") else {
            return nil
        }
        func failure(_ type: String, _ message: String) -> RouteResult {
            .json(200, .object(["errors": .array([.object(["type": .string(type), "message": .string(message)])])]))
        }
        guard let cost = GraphQLCost.of(query, variables: variables) else {
            return failure("PARSE_ERROR", "The test server could not parse this GraphQL document")
        }
        if let first = cost.outOfRange.first {
            return failure("ARGUMENT_LIMIT", "Requesting \(first) records exceeds the `first`/`last` limit of 100 records.")
        }
        if cost.nodes > GraphQLCost.nodeLimit {
            return failure("MAX_NODE_LIMIT_EXCEEDED", "This query requests up to \(cost.nodes) possible nodes which exceeds the maximum limit of \(GraphQLCost.nodeLimit).")
        }
        let aliased = aliasedRepositories(in: query, variables: variables)
        guard !aliased.isEmpty else { return nil }
        let issuePage = Self.pageSize(of: "issues", in: query)
        let pullPage = Self.pageSize(of: "pullRequests", in: query)
        var data: [String: JSONValue] = [:]
        var errors: [JSONValue] = []
        for field in aliased {
            let alias = field.alias
            guard let repo = field.repository else {
                data[alias] = .null
                errors.append(Self.graphQLError("NOT_FOUND", "Could not resolve to a Repository with the name '\(field.owner)/\(field.name)'.", path: [alias]))
                continue
            }
            if repo.viewerAccess == .withoutIssues {
                // `issues` and `pullRequests` are non-null: their errors null the whole repository.
                data[alias] = .null
                for field in ["issues", "pullRequests"] {
                    errors.append(Self.graphQLError("FORBIDDEN", "Resource not accessible by personal access token", path: [alias, field]))
                }
                continue
            }
            var node: [String: JSONValue] = [
                "nameWithOwner": .string(repo.fullName), "viewerCanAdminister": .bool(repo.viewerAccess == .admin),
                "issues": openItems(repo, pulls: false, page: issuePage),
                "pullRequests": openItems(repo, pulls: true, page: pullPage),
            ]
            var ref = branchRef(repo)
            if case .object(var fields) = ref {
                let rule = repo.effectiveProtectionRule
                switch repo.viewerAccess {
                case .admin, .withoutIssues:
                    fields["branchProtectionRule"] = rule.map { Self.protectionRuleJSON($0, pattern: repo.defaultBranch) } ?? .null
                    fields["refUpdateRule"] = rule.map { Self.refUpdateRuleJSON($0, pattern: repo.defaultBranch) } ?? .null
                case .write:
                    fields["branchProtectionRule"] = .null
                    fields["refUpdateRule"] = rule.map { Self.refUpdateRuleJSON($0, pattern: repo.defaultBranch) } ?? .null
                case .withoutAdministration:
                    fields["branchProtectionRule"] = .null
                    fields["refUpdateRule"] = .null
                    for field in ["branchProtectionRule", "refUpdateRule"] {
                        errors.append(Self.graphQLError("FORBIDDEN", "Resource not accessible by integration", path: [alias, "defaultBranchRef", field]))
                    }
                }
                ref = .object(fields)
            }
            node["defaultBranchRef"] = ref
            data[alias] = .object(node)
        }
        return graphQLAnswer(data: data, errors: errors, cost: cost.points, query: query)
    }

    /// `{ totalCount nodes { createdAt } }` of the open issues (or pull requests), oldest first.
    func openItems(_ repo: ServerRepository, pulls: Bool, page: Int) -> JSONValue {
        let dates: [Date]
        if pulls {
            dates = repo.pulls.values.filter { $0.state == "open" }.map(\.createdAt).sorted()
        } else {
            dates = repo.issues.values.filter { $0.state == "open" && repo.pulls[$0.number] == nil }.map(\.createdAt).sorted()
        }
        return .object([
            "totalCount": .int(dates.count),
            "nodes": .array(dates.prefix(page).map { .object(["createdAt": ServerJSON.date($0)]) }),
        ])
    }

    /// The `first:` of `field(…)` in the query (1 when absent).
    static func pageSize(of field: String, in query: String) -> Int {
        guard let range = query.range(of: #"\b\#(field)\([^)]*\bfirst:\s*(\d+)"#, options: .regularExpression) else { return 1 }
        let digits = query[range].reversed().prefix { $0.isNumber }.reversed()
        return Int(String(digits)) ?? 1
    }

    static func graphQLError(_ type: String, _ message: String, path: [String]) -> JSONValue {
        .object([
            "type": .string(type), "path": .array(path.map { .string($0) }), "message": .string(message),
            "locations": .array([]),
        ])
    }

    static func protectionRuleJSON(_ rule: GitHubTestProtectionRule, pattern: String) -> JSONValue {
        .object([
            "pattern": .string(pattern), "requiresApprovingReviews": .bool(rule.requiredApprovingReviewCount != nil),
            "requiredApprovingReviewCount": rule.requiredApprovingReviewCount.map { .int($0) } ?? .null,
            "requiresStatusChecks": .bool(rule.requiredStatusChecks != nil),
            "requiredStatusCheckContexts": .array((rule.requiredStatusChecks ?? []).map { .string($0) }),
            "allowsForcePushes": .bool(rule.allowsForcePushes), "allowsDeletions": .bool(rule.allowsDeletions),
            "isAdminEnforced": .bool(rule.enforceAdmins),
        ])
    }

    static func refUpdateRuleJSON(_ rule: GitHubTestProtectionRule, pattern: String) -> JSONValue {
        .object([
            "pattern": .string(pattern),
            "requiredApprovingReviewCount": rule.requiredApprovingReviewCount.map { .int($0) } ?? .null,
            "requiredStatusCheckContexts": .array((rule.requiredStatusChecks ?? []).map { .string($0) }),
            "allowsForcePushes": .bool(rule.allowsForcePushes), "allowsDeletions": .bool(rule.allowsDeletions),
        ])
    }
}
