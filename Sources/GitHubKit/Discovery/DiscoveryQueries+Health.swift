extension DiscoveryQueries {
    /// Most repositories one ``defaultBranchHealth(count:)`` query asks for.
    ///
    /// GitHub charges a query one point per 100 connection requests it may need (rounded, at
    /// least 1): each repository adds two single-item connections (`issues`, `pullRequests`),
    /// so 100 repositories cost 2 points and may return at most 200 connection nodes — far
    /// from the 500,000-node limit. 1,000 repositories take 10 queries.
    public static let healthBatchLimit = 100

    /// Everything a health pass asks GitHub about up to 100 repositories, in one query by alias:
    /// the default-branch head and its CI rollup, the branch protection rule of the default
    /// branch (`branchProtectionRule` as administrators see it, `refUpdateRule` as everyone
    /// else does), whether the credentials administer the repository, and the open issues and
    /// pull requests — counts plus the creation date of the oldest of each.
    ///
    /// Variables `o0`/`n0` … `oN`/`nN`: owner and name of each repository.
    public static func defaultBranchHealth(count: Int) -> String {
        let count = max(1, min(healthBatchLimit, count))
        let declarations = (0..<count).map { "$o\($0): String!, $n\($0): String!" }.joined(separator: ", ")
        let fields = (0..<count).map { index in
            "  r\(index): repository(owner: $o\(index), name: $n\(index)) { ...DefaultBranchHealth }"
        }.joined(separator: "\n")
        return """
            query DefaultBranchHealth(\(declarations)) {
            \(fields)
              rateLimit { cost remaining resetAt limit }
            }

            fragment DefaultBranchHealth on Repository {
              nameWithOwner
              viewerCanAdminister
              defaultBranchRef {
                name
                target { ... on Commit { oid committedDate statusCheckRollup { state } } }
                branchProtectionRule {
                  pattern
                  requiresApprovingReviews
                  requiredApprovingReviewCount
                  requiresStatusChecks
                  requiredStatusCheckContexts
                  allowsForcePushes
                  allowsDeletions
                  isAdminEnforced
                }
                refUpdateRule {
                  pattern
                  requiredApprovingReviewCount
                  requiredStatusCheckContexts
                  allowsForcePushes
                  allowsDeletions
                }
              }
              issues(states: OPEN, first: 1, orderBy: {field: CREATED_AT, direction: ASC}) { totalCount nodes { createdAt } }
              pullRequests(states: OPEN, first: 1, orderBy: {field: CREATED_AT, direction: ASC}) { totalCount nodes { createdAt } }
            }
            """
    }
}
