import InfinityTestSupport
import Foundation
import SecurityCompliance

/// Helpers shared by the SARIF tests: where the shared eval data lives, temp folders,
/// running external tools.
enum SARIFTestSupport {
    /// The shared folder: `$INFINITY_SHARED_DIR`, else `../shared` next to the package root.
    static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        // This file is <root>/Tests/SecurityComplianceTests/SARIF/SARIFTestSupport.swift.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }

    /// `shared/eval/sarif-fingerprints` (codeql-action fixtures, MIT).
    static var fingerprintFixtures: URL {
        sharedDirectory.appendingPathComponent("eval/sarif-fingerprints", isDirectory: true)
    }

    /// `shared/schemas/sarif`.
    static var schemaDirectory: URL {
        sharedDirectory.appendingPathComponent("schemas/sarif", isDirectory: true)
    }

    /// `true` when the fingerprint fixtures are present.
    static var hasFingerprintFixtures: Bool {
        FileManager.default.fileExists(atPath: fingerprintFixtures.appendingPathComponent("hash-cases.json").path)
    }

    /// `true` when both SARIF schemas are present.
    static var hasSchemas: Bool {
        ["oasis", "codeql-action"].allSatisfy {
            FileManager.default.fileExists(
                atPath: schemaDirectory.appendingPathComponent("\($0)/sarif-schema-2.1.0.json").path)
        }
    }

    /// Reads a fixture file.
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fingerprintFixtures.appendingPathComponent(name))
    }

    /// `source-files.json`: file name → contents.
    static func sourceFiles() throws -> [String: String] {
        struct SourceFiles: Decodable { var files: [String: String] }
        return try JSONDecoder().decode(SourceFiles.self, from: fixture("source-files.json")).files
    }

    /// A new empty folder under the system temp folder.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sarif-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `true` when `python3 -c "import jsonschema"` works.
    static var pythonHasJSONSchema: Bool {
        guard let python = executable("python3") else { return false }
        return (try? run(python, ["-c", "import jsonschema"]).status) == 0
    }

    /// Looks `name` up on `PATH`.
    static func executable(_ name: String) -> String? { ExternalProgram.path(name) }

    /// Runs a program to completion; returns its exit status and combined output. Blocks the
    /// calling thread: for synchronous probes such as `pythonHasJSONSchema`.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, output: String) {
        try ExternalProgram.run(executable, arguments, stdin: stdin)
    }

    /// Runs a program to completion without holding a cooperative thread; returns its exit
    /// status and combined output.
    static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) async throws -> (status: Int32, output: String) {
        try await ExternalProgram.run(executable, arguments, stdin: stdin)
    }

    /// A finding with sensible defaults for tests.
    static func finding(
        tool: String = "infinity-secrets", ruleId: String = "aws-access-key-id", severity: String = "high",
        message: String = "AWS access key id found (redacted: AKIA****************)", repository: String? = "api",
        file: String? = "config/settings.yml", startLine: Int? = 3, startColumn: Int? = 5, endLine: Int? = 3,
        endColumn: Int? = 25, fingerprint: String? = nil, ruleName: String? = "AWS access key id",
        ruleDescription: String? = "An AWS access key id is committed to the repository.",
        helpURI: String? = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"
    ) -> SecurityFinding {
        SecurityFinding(
            tool: tool, ruleId: ruleId, ruleName: ruleName, ruleDescription: ruleDescription, severity: severity,
            message: message, repository: repository, file: file, startLine: startLine, startColumn: startColumn,
            endLine: endLine, endColumn: endColumn,
            fingerprint: fingerprint ?? "fp-\(tool)-\(ruleId)-\(file ?? "")-\(startLine ?? 0)",
            helpURI: helpURI)
    }
}
