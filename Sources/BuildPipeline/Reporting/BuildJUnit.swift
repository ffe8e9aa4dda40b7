import Foundation
import InfinityModel

/// The run as JUnit XML: a test suite per repository and a test case per step. Failed steps
/// carry the tail of their log; steps not run, cached repositories and repositories skipped
/// because a dependency failed are `<skipped>`; interrupted steps are `<error>`.
public enum BuildJUnit {
    public static func xml(_ report: BuildRunReport) -> String {
        var suites: [String] = []
        var tests = 0, failures = 0, errors = 0, skipped = 0
        for r in report.results {
            var cases: [String] = []
            var sf = 0, se = 0, ss = 0
            let steps: [StepResult]
            switch r.status {
            case .cached:
                steps = r.detail.steps.isEmpty ? [StepResult(name: "build", status: .skipped, command: "")] : r.detail.steps
            case .skipped:
                steps = [StepResult(name: "build", status: .skipped, command: "")]
            default:
                steps = r.detail.steps
            }
            for step in steps {
                var body = ""
                let time = r.status == .cached ? 0 : step.durationSeconds
                if r.status == .cached {
                    body = "<skipped message=\"\(attr("cached: succeeded in run \(r.detail.cachedFromRun ?? "?")"))\"/>"
                    ss += 1
                } else if r.status == .skipped {
                    body = "<skipped message=\"\(attr(r.detail.reason ?? "skipped"))\"/>"
                    ss += 1
                } else {
                    switch step.status {
                    case .succeeded:
                        break
                    case .failed:
                        let tail = step.log.flatMap { LogText.tail($0, maxLines: 80) } ?? ""
                        let type = step.timedOut ? "timeout" : step.signal.map { "signal \($0)" } ?? step.exitCode.map { "exit \($0)" } ?? "error"
                        body = "<failure message=\"\(attr(step.reason ?? "failed"))\" type=\"\(attr(type))\">\(text(tail))</failure>"
                        sf += 1
                    case .cancelled:
                        body = "<error message=\"\(attr(step.reason ?? "cancelled"))\" type=\"cancelled\"/>"
                        se += 1
                    case .skipped:
                        body = "<skipped message=\"\(attr(step.reason ?? "not run"))\"/>"
                        ss += 1
                    }
                }
                if let log = step.log, r.status != .cached { body += "<system-out>\(text("log: " + log))</system-out>" }
                cases.append("    <testcase classname=\"\(attr(r.repository))\" name=\"\(attr(step.name))\" time=\"\(seconds(time))\">\(body)</testcase>")
            }
            tests += cases.count; failures += sf; errors += se; skipped += ss
            let time = r.status == .cached ? 0 : r.detail.durationSeconds
            let stamp = r.startedAt.map { ISO8601DateFormatter().string(from: $0) } ?? ""
            suites.append("  <testsuite name=\"\(attr(r.repository))\" tests=\"\(cases.count)\" failures=\"\(sf)\" errors=\"\(se)\" skipped=\"\(ss)\" time=\"\(seconds(time))\" timestamp=\"\(stamp)\">\n"
                + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"infinity build \(attr(report.runID))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(report.durationSeconds))\">\n"
            + suites.joined(separator: "\n") + (suites.isEmpty ? "" : "\n") + "</testsuites>\n"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Character data: escaped, with characters XML 1.0 forbids removed.
    static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for s in value.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if s.value == 0x9 || s.value == 0xA || s.value == 0xD || (0x20...0xD7FF).contains(s.value)
                    || (0xE000...0xFFFD).contains(s.value) || (0x10000...0x10FFFF).contains(s.value) {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    /// An attribute value: as `text`, with quotes and line breaks escaped too.
    static func attr(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
    }
}
