// classify-bench: a dev-only measuring tool for the failure classifier (not delivered).
//
//   classify-bench classify [--rules USER.yaml] [--context CTX.json] LOG...   JSON line per log
//   classify-bench quality --labels LABELS.json --root DIR [--split all|dev|heldout] [--title T]
//   classify-bench quality --excerpts DIR [--split all|dev|heldout] [--title T]
//
// Real-log split: a label key whose number (log-NNN) is divisible by 3 is held out.
// Excerpt split: files named `ho-*.log` are held out.
import Foundation
import SelfHealing

struct Options {
    var command = ""
    var rules: String?
    var context: String?
    var labels: String?
    var root: String?
    var excerpts: String?
    var split = "all"
    var title: String?
    var files: [String] = []
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("classify-bench: \(message)\n".utf8))
    exit(2)
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var iterator = arguments.dropFirst().makeIterator()
    guard let command = iterator.next() else { fail("missing command (classify | quality)") }
    options.command = command
    while let argument = iterator.next() {
        func value() -> String {
            guard let next = iterator.next() else { fail("\(argument) needs a value") }
            return next
        }
        switch argument {
        case "--rules": options.rules = value()
        case "--context": options.context = value()
        case "--labels": options.labels = value()
        case "--root": options.root = value()
        case "--excerpts": options.excerpts = value()
        case "--split": options.split = value()
        case "--title": options.title = value()
        default: options.files.append(argument)
        }
    }
    return options
}

func makeClassifier(_ options: Options) -> FailureClassifier {
    guard let path = options.rules else { return FailureClassifier() }
    do {
        return FailureClassifier(rules: try FailureRuleSet.default.extended(withFileAt: path))
    } catch {
        fail("\(error)")
    }
}

func loadContext(_ path: String?) -> ClassificationContext {
    guard let path, let data = FileManager.default.contents(atPath: path) else { return ClassificationContext() }
    do {
        return try JSONDecoder().decode(ClassificationContext.self, from: data)
    } catch {
        fail("\(path): invalid context JSON: \(error)")
    }
}

func include(_ heldOut: Bool, _ split: String) -> Bool {
    switch split {
    case "dev": return !heldOut
    case "heldout": return heldOut
    default: return true
    }
}

func classifyCommand(_ options: Options) {
    let classifier = makeClassifier(options)
    let context = loadContext(options.context)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for file in options.files {
        do {
            let verdict = try classifier.classify(fileAt: file, context: context)
            let data = try encoder.encode(verdict)
            print(String(decoding: data, as: UTF8.self))
        } catch {
            fail("\(error)")
        }
    }
}

func qualityCommand(_ options: Options) {
    let classifier = makeClassifier(options)
    var samples: [ClassificationEvaluation.Sample] = []
    var title = options.title ?? "quality"
    if let labelsPath = options.labels {
        guard let root = options.root else { fail("--labels needs --root") }
        guard let data = FileManager.default.contents(atPath: labelsPath),
              let labels = try? JSONDecoder().decode([String: String].self, from: data) else {
            fail("cannot read labels \(labelsPath)")
        }
        for (name, label) in labels.sorted(by: { $0.key < $1.key }) {
            guard let expected = FailureCategory(rawValue: label) else { fail("\(name): unknown category \(label)") }
            let number = Int(name.filter(\.isNumber)) ?? 1
            guard include(number % 3 == 0, options.split) else { continue }
            do {
                let verdict = try classifier.classify(fileAt: root + "/" + name)
                samples.append(.init(name: name, expected: expected, predicted: verdict.category))
            } catch {
                fail("\(error)")
            }
        }
        title = options.title ?? "labelled real logs (\(options.split))"
    } else if let directory = options.excerpts {
        let fileManager = FileManager.default
        for category in FailureCategory.allCases {
            let folder = directory + "/" + category.rawValue
            guard let names = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".log") {
                guard include(name.hasPrefix("ho-"), options.split) else { continue }
                let path = folder + "/" + name
                let context = loadContext(fileManager.fileExists(atPath: path.dropLast(4) + ".context.json") ? String(path.dropLast(4)) + ".context.json" : nil)
                do {
                    let verdict = try classifier.classify(fileAt: path, context: context)
                    samples.append(.init(name: category.rawValue + "/" + name, expected: category, predicted: verdict.category))
                } catch {
                    fail("\(error)")
                }
            }
        }
        title = options.title ?? "excerpts (\(options.split))"
    } else {
        fail("quality needs --labels/--root or --excerpts")
    }
    print(ClassificationEvaluation(samples: samples).markdown(title: title, listMisses: 40))
    print("")
}

let options = parse(CommandLine.arguments)
switch options.command {
case "classify": classifyCommand(options)
case "quality": qualityCommand(options)
case "keywords":
    // Lists each regex pattern's pre-filter keywords (tab-separated), for tuning keyword choice.
    for rule in makeClassifier(options).rules.enabledRules {
        for pattern in rule.patterns where pattern.usesRegexEngine {
            print([rule.id, pattern.text, pattern.keywords.joined(separator: "|")].joined(separator: "\t"))
        }
    }
default: fail("unknown command \(options.command) (classify | quality)")
}
