#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The file-system operations the scanner needs, as closures with a live POSIX default,
/// so tests and other callers can substitute their own.
public struct SecretScanFileSystem: Sendable {
    /// What a path names.
    public enum EntryKind: Sendable, Equatable {
        /// A regular file.
        case file
        /// A directory.
        case directory
        /// Anything else (symbolic link, socket, device); never followed or read.
        case other
    }

    /// One directory entry.
    public struct Entry: Sendable, Equatable {
        /// The entry's name (no slashes).
        public var name: String
        /// What it is; symbolic links are `other` and are not followed.
        public var kind: EntryKind

        /// Creates an entry.
        public init(name: String, kind: EntryKind) {
            self.name = name
            self.kind = kind
        }
    }

    /// What a path names, without following a final symbolic link; `nil` if it does not exist.
    public var kind: @Sendable (_ path: String) -> EntryKind?
    /// The entries of a directory.
    public var list: @Sendable (_ path: String) throws -> [Entry]
    /// The file's size in bytes.
    public var size: @Sendable (_ path: String) throws -> Int
    /// The file's bytes.
    public var read: @Sendable (_ path: String) throws -> [UInt8]

    /// Creates a file system from closures.
    public init(
        kind: @escaping @Sendable (String) -> EntryKind?,
        list: @escaping @Sendable (String) throws -> [Entry],
        size: @escaping @Sendable (String) throws -> Int,
        read: @escaping @Sendable (String) throws -> [UInt8]
    ) {
        self.kind = kind
        self.list = list
        self.size = size
        self.read = read
    }

    /// The real file system through POSIX calls.
    public static let live = SecretScanFileSystem(
        kind: { path in
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .directory
            default: return .other
            }
        },
        list: { path in
            guard let directory = opendir(path) else { throw SecretScanFileSystem.posixError("cannot list", path) }
            defer { closedir(directory) }
            var entries: [Entry] = []
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let kind: EntryKind
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): kind = .file
                case Int32(DT_DIR): kind = .directory
                case Int32(DT_UNKNOWN):
                    var info = stat()
                    if lstat(path + "/" + name, &info) == 0 {
                        let mode = info.st_mode & S_IFMT
                        kind = mode == S_IFREG ? .file : mode == S_IFDIR ? .directory : .other
                    } else {
                        kind = .other
                    }
                default: kind = .other
                }
                entries.append(Entry(name: name, kind: kind))
            }
            return entries
        },
        size: { path in
            var info = stat()
            guard stat(path, &info) == 0 else { throw SecretScanFileSystem.posixError("cannot stat", path) }
            return Int(info.st_size)
        },
        read: { path in
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw SecretScanFileSystem.posixError("cannot open", path) }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { throw SecretScanFileSystem.posixError("cannot stat", path) }
            var capacity = max(Int(info.st_size), 0)
            var bytes = [UInt8](repeating: 0, count: capacity)
            var filled = 0
            while true {
                if filled == capacity {
                    // The file grew (or reports size 0, like /proc files): read on in chunks.
                    capacity = max(capacity * 2, 64 << 10)
                    bytes.append(contentsOf: [UInt8](repeating: 0, count: capacity - bytes.count))
                }
                let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return systemRead(descriptor, base + filled, capacity - filled)
                }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw SecretScanFileSystem.posixError("cannot read", path)
                }
                if count == 0 { break }
                filled += count
            }
            bytes.removeSubrange(filled...)
            return bytes
        }
    )

    static func posixError(_ what: String, _ path: String) -> SecretScanError {
        SecretScanError(
            code: .unreadablePath, message: "\(what) the path; check that it exists and is readable", file: path,
            underlying: String(cString: strerror(errno)))
    }
}

@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
