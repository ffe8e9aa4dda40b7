import Foundation

/// Extracts the added lines of each file in each commit from `git log -p -U0` output.
enum GitPatchParser {
    /// The lines one commit added to one file, joined with newlines.
    struct Patch {
        var commit: String
        var path: String
        var bytes: [UInt8]
        /// The new-file line number of each added line.
        var lineNumbers: [Int]
    }

    static func addedLines(in output: [UInt8]) -> [Patch] {
        var patches: [Patch] = []
        var commit = ""
        var current: Patch?
        var nextLine = 0
        var inHeader = false
        func flush() {
            if let patch = current, !patch.lineNumbers.isEmpty { patches.append(patch) }
            current = nil
        }
        var start = 0
        while start < output.count {
            var end = start
            while end < output.count, output[end] != 10 { end += 1 }
            let line = output[start..<end]
            start = end + 1
            if line.count == 47 || line.count == 71, line.starts(with: Array("commit ".utf8)) {
                flush()
                inHeader = false
                commit = String(decoding: line.dropFirst(7), as: UTF8.self)
                continue
            }
            if line.starts(with: Array("diff --git ".utf8)) {
                flush()
                inHeader = true
                continue
            }
            if inHeader, line.starts(with: Array("+++ ".utf8)) {
                inHeader = false
                let raw = String(decoding: line.dropFirst(4), as: UTF8.self)
                guard let path = Self.path(fromHeader: raw) else {
                    current = nil
                    continue
                }
                current = Patch(commit: commit, path: path, bytes: [], lineNumbers: [])
                continue
            }
            if line.starts(with: Array("@@ ".utf8)) {
                nextLine = Self.newStart(hunkHeader: line) ?? 1
                continue
            }
            if !inHeader, line.first == UInt8(ascii: "+"), current != nil {
                current?.bytes.append(contentsOf: line.dropFirst())
                current?.bytes.append(10)
                current?.lineNumbers.append(nextLine)
                nextLine += 1
            }
        }
        flush()
        return patches
    }

    /// `b/path/to/file` or `"b/quoted path"` → `path/to/file`; `/dev/null` → nil.
    static func path(fromHeader raw: String) -> String? {
        var text = raw
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        if text == "/dev/null" { return nil }
        if text.hasPrefix("b/") { text.removeFirst(2) }
        if let tab = text.firstIndex(of: "\t") { text = String(text[..<tab]) }
        return text.isEmpty ? nil : text
    }

    /// The new-file start line from `@@ -a,b +c,d @@`.
    static func newStart(hunkHeader line: ArraySlice<UInt8>) -> Int? {
        guard let plus = line.firstIndex(of: UInt8(ascii: "+")) else { return nil }
        var value = 0
        var index = plus + 1
        var digits = 0
        while index < line.endIndex, line[index] >= 48, line[index] <= 57 {
            value = value * 10 + Int(line[index] - 48)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
