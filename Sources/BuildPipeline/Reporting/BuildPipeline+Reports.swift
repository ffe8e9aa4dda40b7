import Foundation
import InfinitySystem
import Synchronization

extension BuildPipeline {
    /// Writes `summary.md`, `results.json` and `junit.xml` into the run folder and appends
    /// the summary to `$GITHUB_STEP_SUMMARY` when it is set; returns problems in words.
    func writeReports(_ report: BuildRunReport, appendStepSummary: Bool) -> [String] {
        var problems: [String] = []
        let markdown = BuildSummary.markdown(report)
        let files: [(String, Data)] = [
            ("summary.md", Data(markdown.utf8)),
            ("results.json", report.json()),
            ("junit.xml", Data(BuildJUnit.xml(report).utf8)),
        ]
        // Each write waits for the disk (atomic writes sync); the three wait side by side.
        let failures = Mutex<[String]>([])
        let fileSystem = self.fileSystem
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let (name, data) = files[i]
            do { try fileSystem.writeFileAtomically(Paths.join(report.runDirectory, name), data) } catch {
                failures.withLock { $0.append("could not write \(name): \(error)") }
            }
        }
        problems += failures.withLock { $0 }.sorted()
        if appendStepSummary, let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
            if let problem = Self.append(Data((markdown + "\n").utf8), to: path) { problems.append(problem) }
        }
        return problems
    }

    /// Appends to a file (the step summary is shared with other steps, so never replaced).
    static func append(_ data: Data, to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "could not open $GITHUB_STEP_SUMMARY (\(path)): \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let failed: Int32? = data.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            var offset = 0
            while offset < raw.count {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        return failed.map { "could not append to $GITHUB_STEP_SUMMARY (\(path)): \(String(cString: strerror($0)))" }
    }
}
