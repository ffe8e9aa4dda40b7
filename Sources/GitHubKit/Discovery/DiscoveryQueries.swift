import Foundation

/// The GraphQL documents discovery uses; validated against GitHub's public schema by the tests.
public enum DiscoveryQueries {
    /// One page of an organization's repositories with everything discovery needs, without file texts.
    ///
    /// Variables: `login: String!`, `first: Int!` (1–100), `after: String`.
    public static let organizationRepositories = organizationRepositories(files: [])

    /// One page of an organization's repositories with everything discovery needs, plus the text
    /// of the named root files at `HEAD` (aliases `file0` … in the order given), so build systems
    /// are detected without any further request. `object` fields are not connections: they add
    /// nothing to the query's rate-limit cost.
    ///
    /// Variables: `login: String!`, `first: Int!` (1–100), `after: String`.
    public static func organizationRepositories(files: [String]) -> String {
        ownerRepositories(.organization, files: files)
    }

    /// Whose repositories a discovery lists.
    public enum OwnerKind: String, Sendable {
        /// `organization(login:)`: every repository of the organization.
        case organization
        /// `user(login:)`: the repositories the user owns (`ownerAffiliations: [OWNER]`).
        case user
    }

    /// ``organizationRepositories(files:)`` for an organization or a user.
    public static func ownerRepositories(_ kind: OwnerKind, files: [String]) -> String {
        let fileFields = files.enumerated().map { index, path in
            "\n        \(fileAlias(index)): object(expression: \"HEAD:\(literal(path))\") { ...RootFile }"
        }.joined()
        let fragment = files.isEmpty ? "" : """


            fragment RootFile on GitObject {
              ... on Blob { text byteSize isBinary isTruncated }
            }
            """
        return """
            query \(kind == .organization ? "OrganizationRepositories" : "UserRepositories")($login: String!, $first: Int!, $after: String) {
              \(kind.rawValue)(login: $login) {
                repositories(first: $first, after: $after, \(kind == .user ? "ownerAffiliations: [OWNER], " : "")orderBy: {field: NAME, direction: ASC}) {
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
                    object(expression: "HEAD:") { ... on Tree { entries { name type oid } } }\(fileFields)
                  }
                }
              }
              rateLimit { cost remaining resetAt limit }
            }\(fragment)
            """
    }

    /// The alias of the `index`th requested file.
    static func fileAlias(_ index: Int) -> String { "file\(index)" }

    /// `text` escaped for a GraphQL string literal.
    static func literal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

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
