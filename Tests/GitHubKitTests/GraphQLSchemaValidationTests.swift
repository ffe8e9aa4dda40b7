import Foundation
import GitHubKit
import Testing

/// Whether python3 with graphql-core and the shared schema are present.
enum GraphQLTooling {
    static let available: Bool = {
        guard SharedData.available, let python = which("python3") else { return false }
        return (try? runProcess(python, ["-c", "import graphql"]).status) == 0
    }()
}

/// Validates the client's GraphQL documents against GitHub's public schema with graphql-core.
///
/// Run: `INFINITY_SHARED_DIR=/work/shared swift test --filter GraphQLSchemaValidationTests`
/// (needs `python3` with `graphql-core`: `pip install graphql-core`).
@Suite("GraphQL documents validate against GitHub's schema", .enabled(if: GraphQLTooling.available, "needs python3 with graphql-core (pip install graphql-core) and shared/github-api (INFINITY_SHARED_DIR)"))
struct GraphQLSchemaValidationTests {
    static let validator = """
        import gzip, sys, graphql
        schema = graphql.build_schema(gzip.open(sys.argv[1], 'rt', encoding='utf-8').read())
        failed = False
        for path in sys.argv[2:]:
            errors = graphql.validate(schema, graphql.parse(open(path, encoding='utf-8').read()))
            for error in errors:
                failed = True
                print(path, error.message)
        print('invalid' if failed else 'valid')
        sys.exit(1 if failed else 0)
        """

    @Test("the discovery query (with and without build files) and the batched status and health queries are valid GitHub GraphQL")
    func queriesValidate() async throws {
        let python = try #require(which("python3"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("graphql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (name, query) in [
            ("discovery.graphql", DiscoveryQueries.organizationRepositories),
            ("discovery-user.graphql", DiscoveryQueries.ownerRepositories(.user, files: ["Makefile"])),
            ("discovery-files.graphql", DiscoveryQueries.organizationRepositories(files: ["Package.swift", ".infinity.yml", "we\"ird\\name"])),
            ("statuses-1.graphql", DiscoveryQueries.defaultBranchStatuses(count: 1)),
            ("statuses-100.graphql", DiscoveryQueries.defaultBranchStatuses(count: 100)),
            ("health-1.graphql", DiscoveryQueries.defaultBranchHealth(count: 1)),
            ("health-100.graphql", DiscoveryQueries.defaultBranchHealth(count: DiscoveryQueries.healthBatchLimit)),
        ] {
            let url = directory.appendingPathComponent(name)
            try Data(query.utf8).write(to: url)
            files.append(url.path)
        }
        let schema = SharedData.githubAPI.appendingPathComponent("github-graphql-schema.graphql.gz").path
        let result = try await runProcess(python, ["-c", Self.validator, schema] + files)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("valid"))
    }

    @Test("the validator does reject an invalid document")
    func validatorRejectsInvalidQuery() async throws {
        let python = try #require(which("python3"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("invalid-\(UUID().uuidString).graphql")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("query { organization(login: \"x\") { repositories(first: 10) { nodes { noSuchField } } } }".utf8).write(to: url)
        let schema = SharedData.githubAPI.appendingPathComponent("github-graphql-schema.graphql.gz").path
        let result = try await runProcess(python, ["-c", Self.validator, schema, url.path])
        #expect(result.status != 0)
        #expect(result.output.contains("noSuchField"))
    }
}
