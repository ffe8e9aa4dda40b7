import Foundation
@testable import SelfHealing

/// Paths to the classifier's fixtures and to the shared evaluation logs.
enum ClassificationFixtures {
    /// `Tests/SelfHealingTests/Fixtures`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// `Tests/SelfHealingTests/Fixtures/excerpts`.
    static let excerpts = root.appendingPathComponent("excerpts")

    /// The package root (four levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The shared evaluation root: `$INFINITY_SHARED_DIR`, else `../shared` next to the package.
    static let sharedRoot: URL = {
        if let path = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The raw CI logs used for the real-log quality check.
    static let ciLogs = sharedRoot.appendingPathComponent("eval/ci-logs")

    /// Whether the shared CI logs are present (tests that need them skip otherwise).
    static var ciLogsAvailable: Bool {
        FileManager.default.fileExists(atPath: ciLogs.appendingPathComponent("veloren").path)
    }

    /// One excerpt: its file, the category it is filed under, and its optional context.
    struct Excerpt: CustomStringConvertible, Sendable {
        let url: URL
        let expected: FailureCategory
        let context: ClassificationContext

        var description: String { "\(expected.rawValue)/\(url.lastPathComponent)" }
    }

    /// The excerpts filed under `category` (`excerpts/<category>/*.log`, with an optional
    /// `<name>.context.json` next to each).
    static func excerpts(for category: FailureCategory) throws -> [Excerpt] {
        let folder = excerpts.appendingPathComponent(category.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }.sorted()
        return try names.map { name in
            let url = folder.appendingPathComponent(name)
            let contextURL = folder.appendingPathComponent(String(name.dropLast(4)) + ".context.json")
            var context = ClassificationContext()
            if FileManager.default.fileExists(atPath: contextURL.path) {
                context = try JSONDecoder().decode(ClassificationContext.self, from: Data(contentsOf: contextURL))
            }
            return Excerpt(url: url, expected: category, context: context)
        }
    }

    /// All excerpts of every category.
    static func allExcerpts() throws -> [Excerpt] {
        try FailureCategory.allCases.flatMap { try excerpts(for: $0) }
    }

    /// A fresh temporary directory, removed by the caller with `removeItem`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("classifier-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
