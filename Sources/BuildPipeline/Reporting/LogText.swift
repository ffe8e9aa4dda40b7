import Foundation

/// Reading and cleaning step logs for reports: the tail of a (possibly huge, possibly
/// binary) file, with terminal escapes and control characters removed.
public enum LogText {
    /// The last `maxLines` lines of the log, reading at most its last `maxBytes` bytes.
    public static func tail(_ path: String, maxLines: Int = 40, maxBytes: Int = 16 * 1024) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let end = lseek(fd, 0, SEEK_END)
        guard end >= 0 else { return nil }
        let start = max(0, end - off_t(maxBytes))
        guard lseek(fd, start, SEEK_SET) >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(end - start))
        var got = 0
        while got < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        var text = clean(String(decoding: bytes.prefix(got), as: UTF8.self))
        if start > 0, let newline = text.firstIndex(of: "\n") { text = String(text[text.index(after: newline)...]) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.suffix(maxLines).joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// Removes ANSI escape sequences and control characters other than newline and tab;
    /// `\r` progress redraws keep only their last state.
    public static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var line = String.UnicodeScalarView()
        var carriageReturn = false
        func endLine() { out.append(contentsOf: line); line.removeAll() }
        while let s = iterator.next() {
            if carriageReturn {
                carriageReturn = false
                if s.value != 0x0A { line.removeAll() }
            }
            switch s.value {
            case 0x1B:
                // CSI: ESC [ params final-byte; other escapes: drop the next scalar.
                guard let next = iterator.next() else { break }
                if next == "[" {
                    var count = 0
                    while let p = iterator.next(), count < 64 {
                        count += 1
                        if (0x40...0x7E).contains(p.value) { break }
                    }
                }
            case 0x0A:
                endLine()
                out.append(s)
            case 0x0D:
                carriageReturn = true
            case 0x09:
                line.append(s)
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0xFFFE, 0xFFFF:
                continue
            default:
                line.append(s)
            }
        }
        endLine()
        return String(out)
    }
}
