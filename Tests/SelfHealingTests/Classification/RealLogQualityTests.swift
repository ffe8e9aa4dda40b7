import Foundation
import Testing
@testable import SelfHealing

@Suite(
    "Quality on the labelled real CI logs (needs $INFINITY_SHARED_DIR/eval/ci-logs)",
    .enabled(if: ClassificationFixtures.ciLogsAvailable, "shared CI logs not found; set INFINITY_SHARED_DIR to the shared folder")
)
struct RealLogQualityTests {
    @Test("coarse accuracy ≥ 90 % and macro-F1 over labelled categories ≥ 0.75")
    func qualityTargets() throws {
        let labelsURL = ClassificationFixtures.root.appendingPathComponent("ci-logs-labels.json")
        let labels = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: labelsURL))
        #expect(labels.count >= 300)
        let classifier = FailureClassifier()
        var samples: [ClassificationEvaluation.Sample] = []
        for (name, label) in labels {
            let expected = try #require(FailureCategory(rawValue: label), "\(name): unknown label \(label)")
            let verdict = try classifier.classify(fileAt: ClassificationFixtures.ciLogs.appendingPathComponent(name).path)
            samples.append(.init(name: name, expected: expected, predicted: verdict.category))
        }
        let evaluation = ClassificationEvaluation(samples: samples)
        #expect(evaluation.coarseAccuracy >= 0.9, "\(evaluation.markdown(title: "real logs"))")
        #expect(evaluation.macroF1OverLabels >= 0.75, "\(evaluation.markdown(title: "real logs"))")
    }
}

@Suite("The labels of the real CI logs are complete")
struct CILogLabelTests {
    @Test("every label has a reason")
    func labelsHaveReasons() throws {
        let labels = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: ClassificationFixtures.root.appendingPathComponent("ci-logs-labels.json")))
        let reasons = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: ClassificationFixtures.root.appendingPathComponent("ci-logs-labels.reasons.json")))
        #expect(labels.count == 366)
        #expect(Set(labels.keys) == Set(reasons.keys))
        #expect(labels.values.allSatisfy { FailureCategory(rawValue: $0) != nil })
        #expect(reasons.values.allSatisfy { !$0.isEmpty })
    }
}
