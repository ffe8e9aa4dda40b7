import Foundation

/// Locates the read-only shared evaluation material (`/work/shared` in development).
///
/// The root is `$INFINITY_SHARED_DIR` when set, else `<package root>/../shared`.
enum SharedFixtures {
    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // <package root>/Tests/SecurityComplianceTests/OSV/SharedFixtures.swift
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared", isDirectory: true)
    }

    /// `<shared>/eval/osv-versions`.
    static var osvVersions: URL { root.appendingPathComponent("eval/osv-versions", isDirectory: true) }

    /// Whether the OSV version fixtures are present.
    static var hasOSVVersions: Bool {
        FileManager.default.fileExists(atPath: osvVersions.appendingPathComponent("README.md").path)
    }
}
