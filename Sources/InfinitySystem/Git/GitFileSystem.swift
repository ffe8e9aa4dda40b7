#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin POSIX helpers used by the git reader; they never read more than asked.
enum GitFileSystem {
    /// What a path is, as far as the reader cares.
    enum Kind: Sendable, Hashable { case directory, regular, other }

    /// Metadata used to notice that a file changed.
    struct Stamp: Sendable, Hashable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int64
        var modifiedNanoseconds: Int64
    }

    /// The kind of `path` (following symlinks), or nil when it does not exist.
    static func kind(_ path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    /// A change stamp for `path`, or nil when it does not exist.
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let mtime = info.st_mtimespec
        #else
        let mtime = info.st_mtim
        #endif
        return Stamp(
            device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino),
            size: Int64(info.st_size), modifiedSeconds: Int64(mtime.tv_sec),
            modifiedNanoseconds: Int64(mtime.tv_nsec))
    }

    /// Reads a whole small file. Returns nil when it does not exist (or is a directory);
    /// throws `.tooLarge` past `maxBytes` and `.io` on other failures.
    static func readFile(_ path: String, maxBytes: Int) throws(GitReadError) -> [UInt8]? {
        let fd = posixOpenReadOnly(path)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw GitReadError.io(path, call: "open", errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw GitReadError.io(path, call: "fstat", errno: errno) }
        if info.st_mode & S_IFMT == S_IFDIR { return nil }
        let tooLarge = GitReadError(
            code: .tooLarge, path: path,
            message: "file is larger than the \(maxBytes)-byte limit; raise GitReadLimits.maxMetadataFileBytes or use git")
        guard Int(info.st_size) <= maxBytes else { throw tooLarge }
        // Room for one byte more than stat said, to notice a file that grew while being read.
        var result = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == result.count {
                guard result.count <= maxBytes else { throw tooLarge }
                result.append(contentsOf: repeatElement(0, count: min(result.count, 1 << 20)))
            }
            let n = result.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EISDIR { return nil }
                throw GitReadError.io(path, call: "read", errno: code)
            }
            if n == 0 { break }
            filled += n
            // A short read of a regular file is its end: spare the extra read that returns 0.
            if filled < result.count { break }
        }
        result.removeLast(result.count - filled)
        return result
    }

    /// The names in directory `path` (without `.` and `..`), or nil when it cannot be opened.
    static func listDirectory(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// An open read-only file descriptor, closed when the value goes away.
final class GitFileDescriptor: Sendable {
    let fd: Int32
    let path: String
    /// The file size when it was opened.
    let size: Int

    private init(fd: Int32, path: String, size: Int) {
        self.fd = fd
        self.path = path
        self.size = size
    }

    /// Opens `path` for reading; nil when it does not exist. `size` is -1 unless `withSize`.
    static func open(_ path: String, withSize: Bool = true) throws(GitReadError) -> GitFileDescriptor? {
        let fd = posixOpenReadOnly(path)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw GitReadError.io(path, call: "open", errno: code)
        }
        guard withSize else { return GitFileDescriptor(fd: fd, path: path, size: -1) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw GitReadError.io(path, call: "fstat", errno: code)
        }
        return GitFileDescriptor(fd: fd, path: path, size: Int(info.st_size))
    }

    deinit { close(fd) }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (0 at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(GitReadError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            throw GitReadError.io(path, call: "pread", errno: code)
        }
    }

    /// Reads sequentially from the current position (for streaming loose objects).
    func readNext(into buffer: UnsafeMutableRawBufferPointer) throws(GitReadError) -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            let n = posixRead(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            let code = errno
            if code == EINTR { continue }
            throw GitReadError.io(path, call: "read", errno: code)
        }
    }
}

/// A read-only memory map of a whole file, unmapped when the value goes away.
///
/// `@unchecked Sendable`: the mapping is private, read-only and never changes after `init`.
final class GitMappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let path: String

    private init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// Maps `path`; nil when it does not exist. An empty file maps to an empty buffer.
    static func map(_ path: String) throws(GitReadError) -> GitMappedFile? {
        let fd = posixOpenReadOnly(path)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw GitReadError.io(path, call: "open", errno: code)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw GitReadError.io(path, call: "fstat", errno: errno) }
        let size = Int(info.st_size)
        guard size > 0 else { return GitMappedFile(bytes: UnsafeRawBufferPointer(start: nil, count: 0), path: path) }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw GitReadError.io(path, call: "mmap", errno: errno)
        }
        return GitMappedFile(bytes: UnsafeRawBufferPointer(start: base, count: size), path: path)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

private func posixOpenReadOnly(_ path: String) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
