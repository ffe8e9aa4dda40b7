import Foundation

/// Quality figures of a classifier on labelled logs: confusion matrix, per-category
/// precision/recall/F1, fine and coarse accuracy, macro-F1, rendered as markdown.
public struct ClassificationEvaluation: Sendable, Hashable {
    /// One labelled log and the classifier's answer.
    public struct Sample: Sendable, Hashable {
        /// The log's name.
        public var name: String
        /// The label.
        public var expected: FailureCategory
        /// The classifier's category.
        public var predicted: FailureCategory

        /// Creates a sample.
        public init(name: String, expected: FailureCategory, predicted: FailureCategory) {
            self.name = name
            self.expected = expected
            self.predicted = predicted
        }
    }

    /// Precision, recall and F1 of one category.
    public struct CategoryScore: Sendable, Hashable {
        /// The category.
        public var category: FailureCategory
        /// How many samples carry this label.
        public var support: Int
        /// How many samples were predicted as this category.
        public var predicted: Int
        /// How many of those were right.
        public var truePositives: Int

        /// Correct predictions of this category over all predictions of it (0 when none).
        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        /// Correct predictions of this category over all samples labelled with it (0 when none).
        public var recall: Double { support == 0 ? 0 : Double(truePositives) / Double(support) }
        /// Harmonic mean of precision and recall.
        public var f1: Double {
            let sum = precision + recall
            return sum == 0 ? 0 : 2 * precision * recall / sum
        }
    }

    /// The samples evaluated.
    public let samples: [Sample]

    /// Creates an evaluation of `samples`.
    public init(samples: [Sample]) {
        self.samples = samples
    }

    /// Categories that occur as label or prediction, in declaration order.
    public var categories: [FailureCategory] {
        let present = Set(samples.map(\.expected)).union(samples.map(\.predicted))
        return FailureCategory.allCases.filter(present.contains)
    }

    /// `matrix[expected][predicted]` counts.
    public var confusion: [FailureCategory: [FailureCategory: Int]] {
        var matrix: [FailureCategory: [FailureCategory: Int]] = [:]
        for sample in samples {
            matrix[sample.expected, default: [:]][sample.predicted, default: 0] += 1
        }
        return matrix
    }

    /// Scores of every category in ``categories``.
    public var scores: [CategoryScore] {
        categories.map { category in
            CategoryScore(
                category: category,
                support: samples.count { $0.expected == category },
                predicted: samples.count { $0.predicted == category },
                truePositives: samples.count { $0.expected == category && $0.predicted == category }
            )
        }
    }

    /// Share of samples whose fine category is right.
    public var accuracy: Double {
        samples.isEmpty ? 0 : Double(samples.count { $0.expected == $0.predicted }) / Double(samples.count)
    }

    /// Share of samples whose coarse class is right.
    public var coarseAccuracy: Double {
        samples.isEmpty ? 0 : Double(samples.count { $0.expected.coarseClass == $0.predicted.coarseClass }) / Double(samples.count)
    }

    /// Mean F1 over the categories that occur as a label or as a prediction (a category that
    /// is only ever predicted, wrongly, counts with F1 = 0).
    public var macroF1: Double {
        let all = scores
        return all.isEmpty ? 0 : all.map(\.f1).reduce(0, +) / Double(all.count)
    }

    /// Mean F1 over the categories that occur as a label only.
    public var macroF1OverLabels: Double {
        let labelled = scores.filter { $0.support > 0 }
        return labelled.isEmpty ? 0 : labelled.map(\.f1).reduce(0, +) / Double(labelled.count)
    }

    /// The samples the classifier got wrong.
    public var misclassified: [Sample] { samples.filter { $0.expected != $0.predicted } }

    /// A markdown report: summary, per-category table, confusion matrix and the misses.
    public func markdown(title: String, listMisses: Int = 20) -> String {
        var lines: [String] = []
        lines.append("### \(title)")
        lines.append("")
        lines.append("| samples | fine accuracy | coarse-class accuracy | macro-F1 (labels ∪ predictions) | macro-F1 (labels only) |")
        lines.append("|---:|---:|---:|---:|---:|")
        lines.append("| \(samples.count) | \(Self.percent(accuracy)) | \(Self.percent(coarseAccuracy)) | \(Self.decimal(macroF1)) | \(Self.decimal(macroF1OverLabels)) |")
        lines.append("")
        lines.append("| category | support | predicted | precision | recall | F1 |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for score in scores {
            lines.append("| \(score.category.rawValue) | \(score.support) | \(score.predicted) | \(Self.decimal(score.precision)) | \(Self.decimal(score.recall)) | \(Self.decimal(score.f1)) |")
        }
        lines.append("")
        let columns = categories
        lines.append("Confusion matrix (rows: label, columns: prediction)")
        lines.append("")
        lines.append("| label \\ predicted | " + columns.map { Self.short($0) }.joined(separator: " | ") + " |")
        lines.append("|---|" + columns.map { _ in "---:" }.joined(separator: "|") + "|")
        let matrix = confusion
        for row in columns {
            let cells = columns.map { column -> String in
                let count = matrix[row]?[column] ?? 0
                return count == 0 ? "·" : (row == column ? "**\(count)**" : "\(count)")
            }
            lines.append("| \(row.rawValue) | " + cells.joined(separator: " | ") + " |")
        }
        let misses = misclassified
        if !misses.isEmpty && listMisses > 0 {
            lines.append("")
            lines.append("Misclassified (\(misses.count)\(misses.count > listMisses ? ", first \(listMisses)" : "")):")
            lines.append("")
            for sample in misses.prefix(listMisses) {
                lines.append("- `\(sample.name)`: \(sample.expected.rawValue) → \(sample.predicted.rawValue)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func short(_ category: FailureCategory) -> String {
        let abbreviations: [FailureCategory: String] = [
            .compileError: "compile", .lintError: "lint", .vulnerableDependency: "vuln",
            .dependencyResolution: "deps", .cacheCorruption: "cache", .configError: "config",
            .testFailure: "test", .flakyTest: "flaky", .timeout: "timeout", .outOfMemory: "oom",
            .diskFull: "disk", .network: "net", .infrastructure: "infra", .auth: "auth", .unknown: "unknown",
        ]
        return abbreviations[category] ?? category.rawValue
    }

    private static func percent(_ value: Double) -> String {
        String(format: "%.1f %%", value * 100)
    }

    private static func decimal(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
