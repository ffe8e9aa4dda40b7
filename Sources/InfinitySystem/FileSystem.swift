import Foundation

/// The file-system seam: everything the orchestrator reads or writes on disk goes through it,
/// so tests run it in temp folders and dry runs can refuse writes in one place.
public struct FileSystem: Sendable {
    /// Kinds of directory entries, without following symbolic links.
    public enum EntryKind: Sendable, Hashable {
        case file, directory, symlink, other
    }

    /// One entry of a directory listing.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var kind: EntryKind
        public init(name: String, kind: EntryKind) {
            self.name = name
            self.kind = kind
        }
    }

    public var readFile: @Sendable (_ path: String) throws -> Data
    public var writeFileAtomically: @Sendable (_ path: String, _ data: Data) throws -> Void
    public var listDirectory: @Sendable (_ path: String) throws -> [Entry]
    public var kindOfItem: @Sendable (_ path: String) -> EntryKind?
    public var createDirectory: @Sendable (_ path: String) throws -> Void
    public var removeItem: @Sendable (_ path: String) throws -> Void
    public var resolveSymlinks: @Sendable (_ path: String) -> String
    public var currentDirectory: @Sendable () -> String

    public init(
        readFile: @escaping @Sendable (String) throws -> Data,
        writeFileAtomically: @escaping @Sendable (String, Data) throws -> Void,
        listDirectory: @escaping @Sendable (String) throws -> [Entry],
        kindOfItem: @escaping @Sendable (String) -> EntryKind?,
        createDirectory: @escaping @Sendable (String) throws -> Void,
        removeItem: @escaping @Sendable (String) throws -> Void,
        resolveSymlinks: @escaping @Sendable (String) -> String,
        currentDirectory: @escaping @Sendable () -> String
    ) {
        self.readFile = readFile
        self.writeFileAtomically = writeFileAtomically
        self.listDirectory = listDirectory
        self.kindOfItem = kindOfItem
        self.createDirectory = createDirectory
        self.removeItem = removeItem
        self.resolveSymlinks = resolveSymlinks
        self.currentDirectory = currentDirectory
    }

    /// Whether something exists at `path` (a dangling symlink counts).
    public func exists(_ path: String) -> Bool { kindOfItem(path) != nil }

    /// Writes text as UTF-8, atomically.
    public func writeText(_ text: String, to path: String) throws {
        try writeFileAtomically(path, Data(text.utf8))
    }

    /// Makes `path` absolute against the current directory, and tidies `.`/`..`.
    public func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        return Paths.normalize(joined)
    }
}

extension FileSystem {
    /// The real file system.
    public static let live = FileSystem(
        readFile: { path in
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw FileSystemError(.read, path: path, underlying: error)
            }
        },
        writeFileAtomically: { path, data in try AtomicFile.write(data, to: path) },
        listDirectory: { path in
            guard let dir = opendir(path) else { throw FileSystemError(.list, path: path, errno: errno) }
            defer { closedir(dir) }
            var out: [Entry] = []
            while let ent = readdir(dir) {
                let name = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let kind: EntryKind
                switch Int32(ent.pointee.d_type) {
                case Int32(DT_DIR): kind = .directory
                case Int32(DT_REG): kind = .file
                case Int32(DT_LNK): kind = .symlink
                case Int32(DT_UNKNOWN): kind = Self.lstatKind(path + "/" + name) ?? .other
                default: kind = .other
                }
                out.append(Entry(name: name, kind: kind))
            }
            return out.sorted { $0.name < $1.name }
        },
        kindOfItem: { path in lstatKind(path) },
        createDirectory: { path in
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw FileSystemError(.create, path: path, underlying: error)
            }
        },
        removeItem: { path in
            guard lstatKind(path) != nil else { return }
            do { try FileManager.default.removeItem(atPath: path) } catch {
                throw FileSystemError(.remove, path: path, underlying: error)
            }
        },
        resolveSymlinks: { path in
            guard let resolved = realpath(path, nil) else { return path }
            defer { free(resolved) }
            return String(cString: resolved)
        },
        currentDirectory: { FileManager.default.currentDirectoryPath }
    )

    static func lstatKind(_ path: String) -> EntryKind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        case S_IFLNK: return .symlink
        default: return .other
        }
    }
}

/// A file-system operation that failed, with the path and the reason.
public struct FileSystemError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public enum Operation: String, Sendable {
        case read, write, list, create, remove, rename
    }

    public var operation: Operation
    public var path: String
    public var reason: String

    public init(_ operation: Operation, path: String, underlying: any Error) {
        self.operation = operation
        self.path = path
        let ns = underlying as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            self.reason = String(cString: strerror(Int32(posix.code)))
        } else {
            self.reason = ns.localizedDescription
        }
    }

    public init(_ operation: Operation, path: String, errno code: Int32) {
        self.operation = operation
        self.path = path
        self.reason = String(cString: strerror(code))
    }

    public init(_ operation: Operation, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(operation.rawValue) \(path): \(reason)" }
    public var errorDescription: String? { description }
}
