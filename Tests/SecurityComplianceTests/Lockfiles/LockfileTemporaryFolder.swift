import Foundation

/// A real folder under the system temporary directory, removed after `body` returns.
func withTemporaryFolder<T>(_ body: (LockfileTemporaryFolder) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("lockfile-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(LockfileTemporaryFolder(path: path))
}

/// Writes files into a test folder.
struct LockfileTemporaryFolder {
    let path: String

    /// Writes `contents` to `relativePath` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> String {
        try write(relativePath, Data(contents.utf8))
    }

    /// Writes bytes to `relativePath` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relativePath: String, _ contents: Data) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(to: URL(fileURLWithPath: full))
        return full
    }
}
