import Foundation
import Testing
@testable import SelfHealing

@Suite("Results encode to the agreed JSON shape and categories map to coarse classes")
struct ClassificationAPITests {
    @Test("JSON keys are file, category, class, confidence, evidence[line,text], rule, remedy")
    func jsonShape() throws {
        let verdict = FailureClassifier().classify(text: "error: 2 vulnerabilities found!\n", file: "jobs/audit.log")
        let data = try JSONEncoder().encode(verdict)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["file", "category", "class", "confidence", "evidence", "rule", "remedy"])
        #expect(object["file"] as? String == "jobs/audit.log")
        #expect(object["category"] as? String == "vulnerable_dependency")
        #expect(object["class"] as? String == "build")
        let evidence = try #require(object["evidence"] as? [[String: Any]])
        #expect(Set(evidence.first?.keys ?? [:].keys) == ["line", "text"])
        #expect(evidence.first?["line"] as? Int == 1)
        let decoded = try JSONDecoder().decode(Classification.self, from: data)
        #expect(decoded == verdict)
    }

    @Test("an absent file is null and absent rule/remedy are omitted")
    func optionalKeys() throws {
        let verdict = Classification(category: .unknown, confidence: 0)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(verdict)) as? [String: Any])
        #expect(object["file"] is NSNull)
        #expect(object["rule"] == nil)
        #expect(object["remedy"] == nil)
    }

    @Test("coarse classes follow the specification")
    func coarseClasses() {
        let build: Set<FailureCategory> = [.compileError, .lintError, .vulnerableDependency, .dependencyResolution, .cacheCorruption]
        let test: Set<FailureCategory> = [.testFailure, .flakyTest]
        for category in FailureCategory.allCases {
            let expected: FailureClass = build.contains(category) ? .build : test.contains(category) ? .test : category == .unknown ? .unknown : .env
            #expect(category.coarseClass == expected, "\(category)")
        }
        #expect(FailureCategory.allCases.count == 15)
        #expect(FailureCategory(rawValue: "out_of_memory") == .outOfMemory)
    }

    @Test("the context decodes from JSON with defaults for missing keys")
    func contextJSON() throws {
        let json = #"{"exitCode": 137, "history": [{"commitSHA": "abc", "result": "passed"}]}"#
        let context = try JSONDecoder().decode(ClassificationContext.self, from: Data(json.utf8))
        #expect(context.exitCode == 137)
        #expect(context.timedOut == false)
        #expect(context.history == [PriorOutcome(commitSHA: "abc", result: .passed)])
    }
}

@Suite("Quality figures are computed correctly")
struct ClassificationEvaluationTests {
    @Test("precision, recall, F1, accuracies and macro-F1 match a hand computation")
    func figures() {
        let samples: [ClassificationEvaluation.Sample] = [
            .init(name: "a", expected: .testFailure, predicted: .testFailure),
            .init(name: "b", expected: .testFailure, predicted: .flakyTest),
            .init(name: "c", expected: .network, predicted: .network),
            .init(name: "d", expected: .network, predicted: .infrastructure),
        ]
        let evaluation = ClassificationEvaluation(samples: samples)
        #expect(evaluation.accuracy == 0.5)
        #expect(evaluation.coarseAccuracy == 1.0)  // flaky/test and network/infrastructure share classes
        let scores = Dictionary(uniqueKeysWithValues: evaluation.scores.map { ($0.category, $0) })
        #expect(scores[.testFailure]?.precision == 1.0)
        #expect(scores[.testFailure]?.recall == 0.5)
        #expect(abs((scores[.testFailure]?.f1 ?? 0) - 2.0 / 3.0) < 1e-9)
        #expect(scores[.flakyTest]?.f1 == 0)
        // F1: test 2/3, flaky 0, network 2/3, infrastructure 0 → macro 1/3; over labels only → 2/3.
        #expect(abs(evaluation.macroF1 - 1.0 / 3.0) < 1e-9)
        #expect(abs(evaluation.macroF1OverLabels - 2.0 / 3.0) < 1e-9)
        #expect(evaluation.confusion[.network]?[.infrastructure] == 1)
        let markdown = evaluation.markdown(title: "t")
        #expect(markdown.contains("| category | support | predicted | precision | recall | F1 |"))
        #expect(markdown.contains("`b`: test_failure → flaky_test"))
    }
}
