import Foundation

/// Reads a repository file's bytes for `primaryLocationLineHash`: the seam between the
/// SARIF writer and the file system. Returns `nil` when the file is unavailable; the
/// result then simply carries no line hash.
public struct SARIFSourceReader: Sendable {
    /// Reads `path` (relative to the repository root, `/`-separated) of `repository`.
    public var read: @Sendable (_ repository: String?, _ path: String) -> [UInt8]?

    /// Creates a reader from a closure.
    public init(_ read: @escaping @Sendable (_ repository: String?, _ path: String) -> [UInt8]?) {
        self.read = read
    }

    /// Reads nothing: no line hashes are computed.
    public static let unavailable = SARIFSourceReader { _, _ in nil }

    /// Reads every repository's files from one checkout folder.
    public static func checkout(root: String, maxFileBytes: Int = 64 << 20) -> SARIFSourceReader {
        SARIFSourceReader { _, path in readFile(path, under: root, maxFileBytes: maxFileBytes) }
    }

    /// Reads each repository's files from its own checkout folder (keyed by repository name).
    public static func checkouts(_ roots: [String: String], maxFileBytes: Int = 64 << 20) -> SARIFSourceReader {
        SARIFSourceReader { repository, path in
            guard let repository, let root = roots[repository] else { return nil }
            return readFile(path, under: root, maxFileBytes: maxFileBytes)
        }
    }

    /// Reads `path` below `root`, refusing paths that leave `root`, directories, and files
    /// larger than `maxFileBytes`.
    static func readFile(_ path: String, under root: String, maxFileBytes: Int) -> [UInt8]? {
        let relative = SARIFPath.normalize(path)
        let rootPath = SARIFPath.normalize(root)
        let full: String
        if relative.hasPrefix("/") {
            let prefix = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
            guard relative.hasPrefix(prefix), !SARIFPath.escapesRoot(String(relative.dropFirst(prefix.count)))
            else { return nil }
            full = relative
        } else {
            guard !SARIFPath.escapesRoot(relative) else { return nil }
            full = (rootPath.hasSuffix("/") ? rootPath : rootPath + "/") + relative
        }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
            let attributes = try? fileManager.attributesOfItem(atPath: full),
            let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxFileBytes,
            let data = fileManager.contents(atPath: full)
        else { return nil }
        return [UInt8](data)
    }
}
