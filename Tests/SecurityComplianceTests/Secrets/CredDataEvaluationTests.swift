import Foundation
import Testing
@testable import SecurityCompliance

/// Scores the default rules against the CredData subset in the shared evaluation folder
/// (`$INFINITY_SHARED_DIR/eval/secrets/creddata`, default `../shared` beside the package),
/// with the dataset README's line-matching rule. Skipped when the folder is missing.
@Suite("CredData evaluation", .enabled(if: CredData.root != nil, "shared/eval/secrets/creddata not found; set INFINITY_SHARED_DIR"))
struct CredDataEvaluationTests {
    @Test("F1 without UUID-only rows is at least 0.75")
    func f1Target() async throws {
        let root = try #require(CredData.root)
        let labels = try CredData.labels(root: root)
        // Absolute paths (no change of working directory, which tests share).
        let report = try await SecretScanner().scan(paths: [root + "/data"])
        var found: [String: Set<Int>] = [:]
        for finding in report.findings {
            found[String(finding.file.dropFirst(root.count + 1)), default: []].insert(finding.line)
        }
        var tp = 0, fp = 0, fn = 0
        for label in labels where label.categories != ["UUID"] {
            let hit = found[label.file]?.contains { label.start <= $0 && $0 <= label.end } ?? false
            if label.truth { if hit { tp += 1 } else { fn += 1 } } else if hit { fp += 1 }
        }
        let precision = Double(tp) / Double(max(1, tp + fp))
        let recall = Double(tp) / Double(max(1, tp + fn))
        let f1 = 2 * precision * recall / max(1e-9, precision + recall)
        #expect(f1 >= 0.75, "P \(precision) R \(recall) F1 \(f1)")
        #expect(report.filesScanned > 2000)
    }
}

enum CredData {
    struct Label {
        var file: String
        var start: Int
        var end: Int
        var truth: Bool
        var categories: [String]
    }

    static var root: String? {
        let shared = ProcessInfo.processInfo.environment["INFINITY_SHARED_DIR"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("../shared")
                .standardizedFileURL.path
        let path = shared + "/eval/secrets/creddata"
        return FileManager.default.fileExists(atPath: path + "/meta") ? path : nil
    }

    /// Reads the label CSVs (no quoted fields occur in the columns used).
    static func labels(root: String) throws -> [Label] {
        var labels: [Label] = []
        let meta = root + "/meta"
        for name in try FileManager.default.contentsOfDirectory(atPath: meta).sorted() where name.hasSuffix(".csv") {
            let text = try String(contentsOfFile: meta + "/" + name, encoding: .utf8)
            for row in text.split(separator: "\n").dropFirst() {
                let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 13, let start = Int(fields[5]), let end = Int(fields[6]) else { continue }
                labels.append(Label(
                    file: fields[4], start: start, end: end, truth: fields[7] == "T",
                    categories: fields[12].trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").map(String.init)))
            }
        }
        return labels
    }
}
