/// The GraphQL documents discovery uses; validated against GitHub's public schema by the tests.
public enum DiscoveryQueries {
    /// One page of an organization's repositories with everything discovery needs.
    ///
    /// Variables: `login: String!`, `first: Int!` (1–100), `after: String`.
    public static let organizationRepositories = """
        query OrganizationRepositories($login: String!, $first: Int!, $after: String) {
          organization(login: $login) {
            repositories(first: $first, after: $after, orderBy: {field: NAME, direction: ASC}) {
              totalCount
              pageInfo { hasNextPage endCursor }
              nodes {
                name
                nameWithOwner
                isArchived
                isFork
                visibility
                pushedAt
                url
                repositoryTopics(first: 20) { nodes { topic { name } } }
                defaultBranchRef {
                  name
                  target { ... on Commit { oid committedDate statusCheckRollup { state } } }
                }
                languages(first: 10, orderBy: {field: SIZE, direction: DESC}) { edges { size node { name } } }
                object(expression: "HEAD:") { ... on Tree { entries { name type } } }
              }
            }
          }
          rateLimit { cost remaining resetAt limit }
        }
        """

    /// The default-branch head and CI rollup of up to 100 repositories in one query, by alias.
    ///
    /// Variables `o0`/`n0` … `oN`/`nN`: owner and name of each repository.
    public static func defaultBranchStatuses(count: Int) -> String {
        let count = max(1, min(100, count))
        let declarations = (0..<count).map { "$o\($0): String!, $n\($0): String!" }.joined(separator: ", ")
        let fields = (0..<count).map { index in
            "  r\(index): repository(owner: $o\(index), name: $n\(index)) { ...DefaultBranchStatus }"
        }.joined(separator: "\n")
        return """
            query DefaultBranchStatuses(\(declarations)) {
            \(fields)
              rateLimit { cost remaining resetAt limit }
            }

            fragment DefaultBranchStatus on Repository {
              nameWithOwner
              defaultBranchRef {
                name
                target { ... on Commit { oid committedDate statusCheckRollup { state } } }
              }
            }
            """
    }
}
