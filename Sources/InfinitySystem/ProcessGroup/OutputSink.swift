import Foundation

/// Receives a process group's output on the reader thread: writes it to a log file up to a
/// cap, then a marker line, then counts and discards the rest. A write error (a full disk)
/// stops writing but never stops reading, so the process is not blocked on a full pipe.
///
/// Used by one reader thread at a time; the finishing thread reads the totals only after
/// the reader has handed over through the group's lock.
final class OutputSink: @unchecked Sendable {
    private let fd: Int32
    private let maxBytes: Int
    private let keepInMemory: Bool
    private(set) var total = 0
    private(set) var kept = 0
    private(set) var truncated = false
    private(set) var memory = Data()
    private(set) var error: String?

    /// The line written where the log is cut.
    static func marker(maxBytes: Int) -> String {
        "\n[infinity] log truncated: the step wrote more than \(maxBytes) bytes; the rest of its output was discarded\n"
    }

    private init(fd: Int32, maxBytes: Int, keepInMemory: Bool) {
        self.fd = fd
        self.maxBytes = max(0, maxBytes)
        self.keepInMemory = keepInMemory
    }

    /// Opens the destination; throws a readable reason when the log file cannot be created.
    static func open(_ destination: ProcessOutputDestination) throws(FileSystemError) -> OutputSink {
        switch destination {
        case .discard:
            return OutputSink(fd: -1, maxBytes: 0, keepInMemory: false)
        case .memory(let maxBytes):
            return OutputSink(fd: -1, maxBytes: maxBytes, keepInMemory: true)
        case .file(let path, let maxBytes):
            let dir = Paths.dirname(path)
            if FileSystem.lstatKind(dir) == nil {
                do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                    throw FileSystemError(.create, path: dir, underlying: error)
                }
            }
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw FileSystemError(.write, path: path, errno: errno) }
            return OutputSink(fd: fd, maxBytes: maxBytes, keepInMemory: false)
        }
    }

    /// Takes one chunk of output.
    func take(_ bytes: UnsafeRawBufferPointer) {
        total += bytes.count
        guard fd >= 0 || keepInMemory, !truncated else { return }
        let room = maxBytes - kept
        let keep = min(room, bytes.count)
        if keep > 0 {
            let part = UnsafeRawBufferPointer(rebasing: bytes[0..<keep])
            if keepInMemory { memory.append(contentsOf: part) } else { write(part) }
            kept += keep
        }
        if keep < bytes.count {
            truncated = true
            if !keepInMemory { write(Array(Self.marker(maxBytes: maxBytes).utf8)) }
        }
    }

    /// Writes the closing note (how much was discarded) and closes the file.
    func close(abandoned: Bool) {
        if fd >= 0 {
            if truncated {
                write(Array("[infinity] \(total - kept) bytes of output were discarded\n".utf8))
            }
            if abandoned {
                write(Array("\n[infinity] output stopped being read: a process outside the step's process group kept it open\n".utf8))
            }
            Glibc.close(fd)
        }
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard fd >= 0, error == nil, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                error = String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }
}
