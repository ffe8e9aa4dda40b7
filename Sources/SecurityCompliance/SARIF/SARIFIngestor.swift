import Foundation

/// Reads SARIF 2.1.0 files from any tool (CodeQL, Trivy, Semgrep, our own) into
/// ``SecurityFinding``s.
///
/// Per result:
/// - `tool` is the run's `tool.driver.name`; `repository` is the one passed in, else the
///   run's `infinity.repository` property.
/// - The rule is found through `rule.toolComponent` + `rule.index`/`ruleIndex` (CodeQL keeps
///   rules in `tool.extensions`), else by id in the driver and the extensions.
/// - `severity`: the result's, else the rule's `properties.security-severity` bucketed
///   (≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low); without a score, the result's `level`,
///   else the rule's `defaultConfiguration.level`, else SARIF's default `warning`
///   (error → high, warning → medium, note/none → low).
/// - The location is the first location's `physicalLocation` (an `index` is resolved
///   through `run.artifacts`); the URI is percent-decoded and made relative to
///   ``sourceRoot`` when it is an absolute path below it.
/// - `fingerprint`: our own `infinityFindingId/v1` when present (round trip); else a
///   FNV-1a-64 hex hash of (tool, rule id, file, the result's `fingerprints` or its
///   `primaryLocationLineHash`), which moves with the code as GitHub's alerts do; else a
///   hash of (tool, rule id, file, start line, message). FNV-1a is not cryptographic; it
///   only needs to be stable.
/// - Results with `kind` `pass` or `notApplicable`, `baselineState` `absent`, or an
///   accepted suppression are not findings and are skipped.
///
/// Members the model does not know are ignored.
public struct SARIFIngestor: Sendable {
    /// Largest file accepted, in bytes (after decompression for `.sarif.gz`).
    public var maxFileBytes: Int
    /// Absolute checkout root, used to make absolute file URIs relative.
    public var sourceRoot: String?
    /// Reads a file, refusing ones larger than the given byte count.
    public var readFile: @Sendable (_ path: String, _ maxBytes: Int) throws -> Data

    /// Creates an ingestor reading from disk by default.
    public init(
        maxFileBytes: Int = 512 << 20,
        sourceRoot: String? = nil,
        readFile: @escaping @Sendable (_ path: String, _ maxBytes: Int) throws -> Data = SARIFIngestor.liveReadFile
    ) {
        self.maxFileBytes = maxFileBytes
        self.sourceRoot = sourceRoot
        self.readFile = readFile
    }

    /// Reads a file from disk, refusing directories and files over `maxBytes`.
    @Sendable public static func liveReadFile(_ path: String, maxBytes: Int) throws -> Data {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SARIFError(code: .fileUnreadable, message: "The file does not exist; check the path.", file: path)
        }
        guard !isDirectory.boolValue else {
            throw SARIFError(code: .fileUnreadable, message: "This is a directory; pass a .sarif file.", file: path)
        }
        if let size = (try? fileManager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > maxBytes {
            throw SARIFError(
                code: .fileTooLarge,
                message: "The file has \(size.intValue) bytes, more than the \(maxBytes) allowed; raise maxFileBytes or split it.",
                file: path)
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SARIFError(code: .fileUnreadable, message: "The file could not be read; check its permissions.", file: path, underlying: error)
        }
    }

    /// Reads the SARIF file at `path` (plain or gzip) into findings.
    ///
    /// - Parameter repository: stamped on every finding; defaults to the run's
    ///   `infinity.repository` property.
    /// - Throws: ``SARIFError`` naming the file and, for bad content, the JSON path.
    public func findings(fromFileAt path: String, repository: String? = nil) throws -> [SecurityFinding] {
        let data: Data
        do {
            data = try readFile(path, maxFileBytes)
        } catch let error as SARIFError {
            throw error
        } catch {
            throw SARIFError(code: .fileUnreadable, message: "The file could not be read.", file: path, underlying: error)
        }
        return try findings(fromData: data, fileName: path, repository: repository)
    }

    /// Parses SARIF bytes (plain or gzip) into findings; `fileName` is used in errors.
    public func findings(fromData data: Data, fileName: String, repository: String? = nil) throws -> [SecurityFinding] {
        findings(from: try decodeLog(data, fileName: fileName), repository: repository)
    }

    /// Decodes SARIF bytes (plain or gzip) into a ``SARIFLog``, checking the version.
    public func decodeLog(_ data: Data, fileName: String) throws -> SARIFLog {
        var data = data
        if GzipCodec.isGzip(data) {
            do {
                data = try GzipCodec.gunzip(data, maxOutputBytes: maxFileBytes)
            } catch var error as SARIFError {
                error.file = fileName
                throw error
            }
        } else if data.count > maxFileBytes {
            throw SARIFError(
                code: .fileTooLarge, message: "The file has \(data.count) bytes, more than the \(maxFileBytes) allowed.",
                file: fileName)
        }
        let decoder = JSONDecoder()
        let header: VersionHeader
        do {
            header = try decoder.decode(VersionHeader.self, from: data)
        } catch {
            throw Self.mapDecodingError(error, fileName: fileName)
        }
        guard header.version == SARIFLog.supportedVersion else {
            throw SARIFError(
                code: .unsupportedVersion,
                message: "SARIF version '\(header.version)' is not supported; convert the file to SARIF 2.1.0.",
                file: fileName, codingPath: "version")
        }
        do {
            return try decoder.decode(SARIFLog.self, from: data)
        } catch {
            throw Self.mapDecodingError(error, fileName: fileName)
        }
    }

    /// The `version` member alone, read before the full decode.
    private struct VersionHeader: Decodable {
        var version: String
    }

    /// Turns a `DecodingError` into a ``SARIFError`` naming the file and the JSON path.
    static func mapDecodingError(_ error: any Error, fileName: String) -> SARIFError {
        guard let decodingError = error as? DecodingError else {
            return SARIFError(code: .malformedJSON, message: "The file is not valid JSON.", file: fileName, underlying: error)
        }
        switch decodingError {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return SARIFError(
                code: .malformedJSON, message: "The file is not valid JSON: \(context.debugDescription)",
                file: fileName, underlying: context.underlyingError)
        case .dataCorrupted(let context):
            return SARIFError(
                code: .malformedSARIF, message: "Invalid value: \(context.debugDescription)",
                file: fileName, codingPath: formatPath(context.codingPath))
        case .keyNotFound(let key, let context):
            return SARIFError(
                code: .malformedSARIF, message: "Required member '\(key.stringValue)' is missing.",
                file: fileName, codingPath: formatPath(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            return SARIFError(
                code: .malformedSARIF, message: "Expected \(describe(type)) here.",
                file: fileName, codingPath: formatPath(context.codingPath))
        case .valueNotFound(let type, let context):
            return SARIFError(
                code: .malformedSARIF, message: "Expected \(describe(type)) here, found null.",
                file: fileName, codingPath: formatPath(context.codingPath))
        @unknown default:
            return SARIFError(code: .malformedSARIF, message: "The file is not valid SARIF.", file: fileName, underlying: error)
        }
    }

    /// `runs[0].results[3].message` from coding keys.
    static func formatPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
