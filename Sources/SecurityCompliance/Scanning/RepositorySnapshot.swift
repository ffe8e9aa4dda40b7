import Foundation
import InfinitySystem

/// The files of one commit held in memory, read through a ``RepositoryContent`` (git
/// objects, no checkout), and offered to the secret and lockfile scanners through their
/// file-system seams.
///
/// Paths are relative to the repository root; the root itself is `"."`. Files under
/// vendored folders (`node_modules`, `vendor`, `.git` …) and files larger than the size
/// limit are not read; both are counted in ``skippedLarge`` / ``skippedVendored``.
public struct RepositorySnapshot: Sendable {
    /// File bytes by relative path.
    public let files: [String: [UInt8]]
    /// Child names of each folder (`"."` is the root), with whether each is a folder.
    let folders: [String: [String: Bool]]
    /// Files not read because they were over the size limit.
    public let skippedLarge: Int
    /// Files not read because they were under a vendored folder.
    public let skippedVendored: Int

    /// Most files listed per repository.
    public static let fileLimit = 200_000

    /// Builds a snapshot from files already in memory (tests, callers with their own source).
    public init(files: [String: [UInt8]], skippedLarge: Int = 0, skippedVendored: Int = 0) {
        var folders: [String: [String: Bool]] = [".": [:]]
        for path in files.keys {
            let parts = path.split(separator: "/").map(String.init)
            var parent = "."
            for (index, part) in parts.enumerated() {
                let isFolder = index < parts.count - 1
                folders[parent, default: [:]][part] = isFolder
                parent = parent == "." ? part : parent + "/" + part
            }
        }
        self.files = files
        self.folders = folders
        self.skippedLarge = skippedLarge
        self.skippedVendored = skippedVendored
    }

    /// Reads every file of `content` up to `maxFileSize` bytes, skipping folders named in `vendored`.
    public static func load(_ content: any RepositoryContent, maxFileSize: Int,
                            vendored: Set<String>) async throws -> RepositorySnapshot {
        var files: [String: [UInt8]] = [:]
        var large = 0
        var skipped = 0
        for path in try await content.listFiles(limit: fileLimit) {
            let components = path.split(separator: "/")
            if components.dropLast().contains(where: { vendored.contains(String($0)) }) {
                skipped += 1
                continue
            }
            if let data = try await content.readFile(path, maxBytes: maxFileSize) {
                files[path] = [UInt8](data)
            } else {
                large += 1
            }
        }
        return RepositorySnapshot(files: files, skippedLarge: large, skippedVendored: skipped)
    }

    /// `./a/b` → `a/b`; `.` and `./` → `.`.
    static func key(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return p.isEmpty ? "." : String(p)
    }

    static func missing(_ path: String) -> SecurityScanError {
        SecurityScanError(.unreadable, "\(path) is not in the scanned commit")
    }

    /// The snapshot as the secret scanner's file system.
    public var secretFileSystem: SecretScanFileSystem {
        let files = files, folders = folders
        return SecretScanFileSystem(
            kind: { path in
                let k = Self.key(path)
                if files[k] != nil { return .file }
                return folders[k] != nil ? .directory : nil
            },
            list: { path in
                guard let children = folders[Self.key(path)] else { throw Self.missing(path) }
                return children.map { SecretScanFileSystem.Entry(name: $0.key, kind: $0.value ? .directory : .file) }
            },
            size: { path in
                guard let bytes = files[Self.key(path)] else { throw Self.missing(path) }
                return bytes.count
            },
            read: { path in
                guard let bytes = files[Self.key(path)] else { throw Self.missing(path) }
                return bytes
            })
    }

    /// The snapshot as the lockfile scanner's file system.
    public var lockfileFileSystem: LockfileFileSystem {
        let files = files, folders = folders
        return LockfileFileSystem(
            readFile: { path in
                guard let bytes = files[Self.key(path)] else { throw Self.missing(path) }
                return bytes
            },
            fileSize: { path in files[Self.key(path)]?.count },
            listDirectory: { path in
                guard let children = folders[Self.key(path)] else { throw Self.missing(path) }
                return children.map { LockfileFileSystem.Entry(name: $0.key, isDirectory: $0.value) }
            })
    }
}
