import Foundation

/// Writes files so that a reader sees either the old content or the new, never a mix:
/// the data goes to a temporary file in the same folder, is flushed, then renamed over.
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the parent folder if needed.
    public static func write(_ data: Data, to path: String) throws {
        try write(data, to: path, beforeRename: nil)
    }

    /// As `write(_:to:)`, with a hook run after the temporary file is complete and before it
    /// replaces the target — tests use it to interrupt a write at the worst moment.
    public static func write(_ data: Data, to path: String, beforeRename: (() throws -> Void)?) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty, FileSystem.lstatKind(dir) == nil {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw FileSystemError(.create, path: dir, underlying: error)
            }
        }
        let base = (path as NSString).lastPathComponent
        let temp = (dir.isEmpty ? "." : dir) + "/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(.write, path: path, errno: errno) }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        let writeResult: Int32 = data.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return 0 }
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
        if writeResult != 0 {
            close(fd)
            throw FileSystemError(.write, path: path, errno: writeResult)
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw FileSystemError(.write, path: path, errno: e)
        }
        close(fd)
        try beforeRename?()
        guard rename(temp, path) == 0 else { throw FileSystemError(.rename, path: path, errno: errno) }
        ok = true
    }
}
