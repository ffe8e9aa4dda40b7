import Foundation

/// A file found in the database folder, with what the index cache is keyed by.
public struct OSVFileInfo: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Last modification, in nanoseconds since 1970.
    public var modified: Int64

    public init(path: String, size: Int64, modified: Int64) {
        self.path = path
        self.size = size
        self.modified = modified
    }
}

/// The file operations the OSV database and importer need; ``LocalOSVFileSystem`` is the live one.
public protocol OSVFileSystem: Sendable {
    /// The regular files under `folder` (any depth) whose names end in `.json`, sorted by
    /// path; folders and files whose names start with `.` are skipped.
    func jsonFiles(under folder: String) throws -> [OSVFileInfo]
    /// The contents of a file.
    func readFile(at path: String) throws -> Data
    /// Writes `data` to `path`, creating parent folders.
    func writeFile(_ data: Data, to path: String) throws
    /// Creates a folder and its parents.
    func createDirectory(at path: String) throws
    /// Renames `source` to `destination` (same file system: atomic).
    func moveItem(from source: String, to destination: String) throws
    /// Removes a file or a folder tree.
    func removeItem(at path: String) throws
    /// Whether something exists at `path`, and whether it is a folder.
    func itemExists(at path: String) -> (exists: Bool, isDirectory: Bool)
}

/// The live file system, through a `FileManager` of its own.
public struct LocalOSVFileSystem: OSVFileSystem {
    public init() {}

    public func jsonFiles(under folder: String) throws -> [OSVFileInfo] {
        var files: [OSVFileInfo] = []
        try collectJSONFiles(in: folder, depth: 0, into: &files)
        return files.sorted { $0.path < $1.path }
    }

    /// Walks a folder with `readdir` (much faster than `URL.resourceValues` per file); symbolic
    /// links are not followed, and the depth is bounded against loops and pathological trees.
    private func collectJSONFiles(in folder: String, depth: Int, into files: inout [OSVFileInfo]) throws {
        guard depth < 64 else { return }
        guard let directory = opendir(folder) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: folder])
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let format = info.st_mode & S_IFMT
                kind = format == S_IFDIR ? Int32(DT_DIR) : (format == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK))
            }
            if kind == Int32(DT_DIR) {
                // An unreadable subfolder is left out rather than failing the whole listing.
                try? collectJSONFiles(in: path, depth: depth + 1, into: &files)
            } else if kind == Int32(DT_REG), name.lowercased().hasSuffix(".json") {
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                files.append(OSVFileInfo(path: path, size: Int64(info.st_size),
                                         modified: LocalOSVFileSystem.nanoseconds(info)))
            }
        }
    }

    private static func nanoseconds(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        return Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    public func readFile(at path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path), options: [.mappedIfSafe])
    }

    public func writeFile(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager().createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func createDirectory(at path: String) throws {
        try FileManager().createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func moveItem(from source: String, to destination: String) throws {
        guard rename(source, destination) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    public func removeItem(at path: String) throws {
        try FileManager().removeItem(atPath: path)
    }

    public func itemExists(at path: String) -> (exists: Bool, isDirectory: Bool) {
        var isDirectory: ObjCBool = false
        let exists = FileManager().fileExists(atPath: path, isDirectory: &isDirectory)
        return (exists, isDirectory.boolValue)
    }
}
