import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether a process is still running (a zombie counts as gone: PID 1 in a container may not reap).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

/// Polls `condition` every 20 ms for up to `seconds`.
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// Checks XML with Foundation's parser.
enum XMLValidity {
    static func isWellFormed(_ data: Data) -> Bool {
        XMLParser(data: data).parse()
    }
}
