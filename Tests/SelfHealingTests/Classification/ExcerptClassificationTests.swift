import Foundation
import Testing
@testable import SelfHealing

@Suite("Excerpts of real toolchain output are classified into their category")
struct ExcerptClassificationTests {
    let classifier = FailureClassifier()

    @Test("every category has at least six excerpts")
    func everyCategoryHasExcerpts() throws {
        for category in FailureCategory.allCases {
            let count = try ClassificationFixtures.excerpts(for: category).count
            #expect(count >= 6, "only \(count) excerpts for \(category.rawValue)")
        }
    }

    @Test("each excerpt is classified as the category it is filed under", arguments: FailureCategory.allCases)
    func excerptsOfCategory(_ category: FailureCategory) throws {
        for excerpt in try ClassificationFixtures.excerpts(for: category) {
            let verdict = try classifier.classify(fileAt: excerpt.url.path, context: excerpt.context)
            #expect(verdict.category == category, "\(excerpt): got \(verdict.category.rawValue) via \(verdict.ruleID ?? "-")")
            #expect(verdict.coarseClass == category.coarseClass)
            #expect((0...1).contains(verdict.confidence))
            if category != .unknown {
                #expect(!verdict.evidence.isEmpty, "\(excerpt): no evidence")
                #expect(verdict.confidence >= 0.3, "\(excerpt): confidence \(verdict.confidence)")
                #expect(verdict.ruleID != nil)
                #expect(verdict.remedy?.isEmpty == false)
            } else {
                #expect(verdict.confidence <= 0.2, "\(excerpt): an unknown failure should not be confident")
            }
        }
    }

    @Test("evidence lines point at lines of the file, in order, and quote their text")
    func evidenceLinesPointAtTheLog() throws {
        for excerpt in try ClassificationFixtures.allExcerpts() {
            let raw = try Data(contentsOf: excerpt.url)
            let lines = raw.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let verdict = try classifier.classify(fileAt: excerpt.url.path, context: excerpt.context)
            let numbers = verdict.evidence.map(\.line)
            #expect(numbers == numbers.sorted(), "\(excerpt)")
            for evidence in verdict.evidence {
                #expect(evidence.line >= 1 && evidence.line <= lines.count, "\(excerpt): line \(evidence.line)")
                guard evidence.line <= lines.count else { continue }
                // The end of the cleaned text is in the raw line once colour escapes are removed.
                let rawLine = lines[evidence.line - 1].replacingOccurrences(of: "\t", with: " ")
                let probe = String(evidence.text.hasSuffix("…") ? evidence.text.prefix(12) : evidence.text.suffix(12))
                let visible = rawLine.replacingOccurrences(of: "\u{1B}\\[[0-9;]*[A-Za-z]", with: "", options: .regularExpression)
                #expect(visible.contains(probe), "\(excerpt): line \(evidence.line) does not contain \(probe)")
            }
        }
    }

    @Test("quality on the excerpts meets the targets: coarse accuracy ≥ 90 %, macro-F1 ≥ 0.75")
    func excerptQuality() throws {
        var samples: [ClassificationEvaluation.Sample] = []
        for excerpt in try ClassificationFixtures.allExcerpts() {
            let verdict = try classifier.classify(fileAt: excerpt.url.path, context: excerpt.context)
            samples.append(.init(name: excerpt.description, expected: excerpt.expected, predicted: verdict.category))
        }
        let evaluation = ClassificationEvaluation(samples: samples)
        #expect(samples.count >= 120)
        #expect(evaluation.coarseAccuracy >= 0.9)
        #expect(evaluation.macroF1 >= 0.75)
    }
}
