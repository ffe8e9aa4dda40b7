import Foundation
import InfinityJSON

/// Adds `partialFingerprints.primaryLocationLineHash` to the results of any SARIF document,
/// as GitHub's codeql-action does before uploading (its `addFingerprints`), without
/// touching anything else in the document.
///
/// For each result whose first location has a `physicalLocation.artifactLocation` and a
/// `region.startLine`:
/// - the file is found from `artifactLocation.uri`, or, without a `uri`, from
///   `run.artifacts[index].location`;
/// - the URI is percent-decoded; a `file://` prefix is removed; other schemes are skipped;
///   absolute paths outside ``sourceRoot`` are skipped; relative paths are taken relative to
///   ``sourceRoot`` (and, unlike upstream, skipped if `..` leaves it);
/// - the line's hash is set when the result has none; an existing, different value is kept
///   and reported as a conflict.
///
/// Each file is read and hashed once.
public struct SARIFFingerprinter: Sendable {
    /// A result whose existing line hash differs from the computed one.
    public struct Conflict: Sendable, Hashable {
        /// The resolved file path.
        public var file: String
        /// The 1-based line.
        public var line: Int
        /// The value already in the document (kept).
        public var existing: String
        /// The value computed from the file.
        public var computed: String

        /// Creates a conflict record.
        public init(file: String, line: Int, existing: String, computed: String) {
            self.file = file
            self.line = line
            self.existing = existing
            self.computed = computed
        }
    }

    /// What ``addFingerprints(to:)`` did.
    public struct Report: Sendable, Hashable {
        /// Results that received a line hash.
        public var added: Int = 0
        /// Results whose existing line hash was kept although it differs.
        public var conflicts: [Conflict] = []
        /// Results that could not be fingerprinted (no region, no file, unreadable file).
        public var skipped: Int = 0

        /// Creates an empty report.
        public init() {}
    }

    /// Absolute path of the checkout the URIs are relative to.
    public var sourceRoot: String
    /// Reads a file by absolute path; `nil` when missing, a directory, or unreadable.
    public var readFile: @Sendable (_ path: String) -> [UInt8]?

    /// Creates a fingerprinter. The default reader reads files of up to 64 MiB from disk.
    public init(
        sourceRoot: String,
        readFile: @escaping @Sendable (_ path: String) -> [UInt8]? = SARIFFingerprinter.liveReadFile
    ) {
        self.sourceRoot = sourceRoot
        self.readFile = readFile
    }

    /// Reads a regular file of at most 64 MiB from disk by absolute path.
    @Sendable public static func liveReadFile(_ path: String) -> [UInt8]? {
        SARIFSourceReader.readFile(path, under: "/", maxFileBytes: 64 << 20)
    }

    /// Returns `sarif` with line hashes added, and what was done.
    public func addFingerprints(to sarif: JSONValue) -> (sarif: JSONValue, report: Report) {
        guard case .object(var log) = sarif, case .array(var runs)? = log["runs"] else {
            return (sarif, Report())
        }
        var report = Report()
        // Pass 1: which (file, line) each result needs.
        var requests: [(run: Int, result: Int, file: String, line: Int)] = []
        var linesByFile: [String: Set<Int>] = [:]
        for (runIndex, run) in runs.enumerated() {
            let artifacts = run["artifacts"]?.arrayValue ?? []
            for (resultIndex, result) in (run["results"]?.arrayValue ?? []).enumerated() {
                guard let primary = result["locations"]?.arrayValue?.first,
                    let physical = primary["physicalLocation"], let artifactLocation = physical["artifactLocation"],
                    artifactLocation.objectValue != nil
                else {
                    report.skipped += 1
                    continue
                }
                guard let line = physical["region"]?["startLine"]?.intValue,
                    let file = resolve(artifactLocation, artifacts: artifacts)
                else {
                    report.skipped += 1
                    continue
                }
                requests.append((runIndex, resultIndex, file, line))
                linesByFile[file, default: []].insert(line)
            }
        }
        // Hash each file once.
        var hashes: [String: [Int: String]] = [:]
        for (file, lines) in linesByFile {
            guard let bytes = readFile(file) else { continue }
            hashes[file] = PrimaryLocationLineHash.hashes(forFileContents: bytes, lines: lines)
        }
        // Pass 2: write them.
        for request in requests {
            guard let hash = hashes[request.file]?[request.line],
                case .object(var run) = runs[request.run], case .array(var results)? = run["results"],
                case .object(var result) = results[request.result]
            else {
                report.skipped += 1
                continue
            }
            var partial: [String: JSONValue]
            switch result["partialFingerprints"] {
            case nil, .null?: partial = [:]
            case .object(let existing)?: partial = existing
            default:
                report.skipped += 1
                continue
            }
            let existing = partial[SARIFWriter.lineHashKey]?.stringValue ?? ""
            if existing.isEmpty {
                partial[SARIFWriter.lineHashKey] = .string(hash)
                report.added += 1
            } else if existing != hash {
                report.conflicts.append(Conflict(file: request.file, line: request.line, existing: existing, computed: hash))
            }
            result["partialFingerprints"] = .object(partial)
            results[request.result] = .object(result)
            run["results"] = .array(results)
            runs[request.run] = .object(run)
        }
        log["runs"] = .array(runs)
        return (.object(log), report)
    }

    /// Parses SARIF bytes, adds line hashes, and re-encodes with sorted keys.
    public func addFingerprints(toSARIFData data: Data, fileName: String) throws -> (data: Data, report: Report) {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SARIFError(code: .malformedJSON, message: "The file is not valid JSON.", file: fileName, underlying: error)
        }
        let (updated, report) = addFingerprints(to: document)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return (try encoder.encode(updated), report)
        } catch {
            throw SARIFError(code: .encoding, message: "Could not encode the SARIF log.", file: fileName, underlying: error)
        }
    }

    /// The absolute file path an artifact location stands for, or `nil` when it cannot be
    /// fingerprinted.
    func resolve(_ location: JSONValue, artifacts: [JSONValue]) -> String? {
        var location = location
        if location["uri"] == nil, let index = location["index"]?.intValue {
            guard index >= 0, index < artifacts.count, let target = artifacts[index]["location"],
                target.objectValue != nil
            else { return nil }
            location = target
        }
        guard let rawURI = location["uri"]?.stringValue, var uri = rawURI.removingPercentEncoding else {
            return nil
        }
        if uri.hasPrefix("file://") { uri = String(uri.dropFirst("file://".count)) }
        if uri.contains("://") { return nil }
        let root = sourceRoot.hasSuffix("/") ? String(sourceRoot.dropLast()) : sourceRoot
        if uri.hasPrefix("/") {
            guard uri.hasPrefix(root + "/"), !SARIFPath.escapesRoot(String(uri.dropFirst(root.count + 1))) else {
                return nil
            }
            return uri
        }
        guard !SARIFPath.escapesRoot(uri) else { return nil }
        return root + "/" + uri
    }
}
