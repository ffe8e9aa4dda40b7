import Foundation
import InfinityModel
import InfinitySystem

/// One repository's result as it travels between machines: `<dir>/<repo>/result.json` with
/// the step logs beside it, log paths relative to that folder. Self-contained, so a matrix
/// job can upload the folder as an artifact and the final job can merge it.
public struct ExchangedResult: Sendable, Codable {
    public static let formatName = "infinity-build-result"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// The run on the machine that built it.
    public var runID: String
    public var result: RepositoryBuildResult
    public var reason: PlanReason?
    public var explanation: String?

    public init(runID: String, result: RepositoryBuildResult, reason: PlanReason?, explanation: String?) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.runID = runID
        self.result = result
        self.reason = reason
        self.explanation = explanation
    }

    enum CodingKeys: String, CodingKey {
        case format, version
        case runID = "run_id"
        case result, reason, explanation
    }
}

/// Writes and reads exchanged results.
public struct BuildExchange: Sendable {
    public var fileSystem: FileSystem
    /// How deep under a merged folder `result.json` files are looked for (artifact downloads
    /// add a folder per artifact).
    public static let searchDepth = 3

    public init(fileSystem: FileSystem = .live) { self.fileSystem = fileSystem }

    /// Writes every result of `report` under `directory`; returns problems in words.
    public func write(_ report: BuildRunReport, to directory: String) -> [String] {
        var problems: [String] = []
        let root = fileSystem.absolute(directory)
        for result in report.results {
            let folder = Paths.join(root, PathComponent.safe(result.repository))
            var portable = result
            portable.detail.logDir = "."
            portable.detail.workTree = nil
            for (i, step) in result.detail.steps.enumerated() {
                guard let log = step.log else { continue }
                let name = Paths.basename(log)
                portable.detail.steps[i].log = name
                // A cached result's logs belong to an earlier run; copy them when they exist.
                guard let data = try? fileSystem.readFile(log) else { portable.detail.steps[i].log = nil; continue }
                do { try fileSystem.writeFileAtomically(Paths.join(folder, name), data) } catch {
                    problems.append("could not copy \(log) into \(folder): \(error)")
                }
            }
            let exchanged = ExchangedResult(runID: report.runID, result: portable, reason: report.reasons[result.repository],
                                            explanation: report.explanations[result.repository])
            do {
                let e = JSONEncoder()
                e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                e.dateEncodingStrategy = .iso8601
                try fileSystem.writeFileAtomically(Paths.join(folder, "result.json"), try e.encode(exchanged))
            } catch {
                problems.append("could not write the result of \(DisplayName.quote(result.repository)) into \(folder): \(error)")
            }
        }
        return problems
    }

    /// A result found on disk, with the folder its relative log paths start from.
    public struct Found: Sendable {
        public var exchanged: ExchangedResult
        public var folder: String
    }

    /// Every `result.json` under `directories` (up to `searchDepth` levels down), and the
    /// files that could not be read.
    public func read(_ directories: [String]) -> (found: [Found], problems: [String]) {
        var found: [Found] = []
        var problems: [String] = []
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for directory in directories {
            let root = fileSystem.absolute(directory)
            guard fileSystem.kindOfItem(root) == .directory else {
                problems.append("\(root) is not a folder of build results")
                continue
            }
            var queue: [(String, Int)] = [(root, 0)]
            while !queue.isEmpty {
                let (folder, depth) = queue.removeFirst()
                let candidate = Paths.join(folder, "result.json")
                if fileSystem.kindOfItem(candidate) == .file {
                    do {
                        let exchanged = try decoder.decode(ExchangedResult.self, from: try fileSystem.readFile(candidate))
                        guard exchanged.format == ExchangedResult.formatName, exchanged.version <= ExchangedResult.currentVersion else {
                            problems.append("\(candidate): not an infinity build result of a known version")
                            continue
                        }
                        found.append(Found(exchanged: exchanged, folder: folder))
                    } catch {
                        problems.append("\(candidate): cannot be read: \(error)")
                    }
                    continue
                }
                guard depth < Self.searchDepth, let entries = try? fileSystem.listDirectory(folder) else { continue }
                for entry in entries where entry.kind == .directory { queue.append((Paths.join(folder, entry.name), depth + 1)) }
            }
        }
        return (found, problems)
    }
}
