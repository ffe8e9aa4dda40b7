import Foundation

/// One SARIF file ready for `POST /repos/{owner}/{repo}/code-scanning/sarifs`.
public struct SARIFUpload: Sendable {
    /// The repository the file is for (`nil` for findings without one).
    public var repository: String?
    /// The log.
    public var log: SARIFLog
    /// The log as JSON (what ``SARIFWriter/encode(_:)`` produced).
    public var json: Data
    /// `json`, gzip-compressed; at most `maxGzippedFileBytes`.
    public var gzipped: Data

    /// Creates an upload.
    public init(repository: String?, log: SARIFLog, json: Data, gzipped: Data) {
        self.repository = repository
        self.log = log
        self.json = json
        self.gzipped = gzipped
    }

    /// The `sarif` field of the upload request: `gzipped`, base64-encoded.
    public var gzipBase64: String { gzipped.base64EncodedString() }
}

extension SARIFWriter {
    /// Most planning rounds before giving up on fitting the size limit.
    private static let maxSizeRounds = 64

    /// Builds the logs like ``makeLogs(findings:toolVersion:sourceReader:)``, encodes and
    /// compresses them, and makes sure every file is within `maxGzippedFileBytes`.
    ///
    /// A file that is too large is split into files with fewer runs; a single run that is
    /// too large makes its tool split into more shards (each round halves that tool's
    /// results per shard). The result is sorted by repository.
    ///
    /// - Parameter repositories: repositories that get files even without findings (their
    ///   ``Configuration/alwaysEmittedTools`` runs are written empty).
    /// - Throws: ``SARIFError`` `uploadTooLarge` when one result alone does not fit.
    public func makeUploads(
        findings: [SecurityFinding], toolVersion: String,
        sourceReader: SARIFSourceReader = .unavailable, repositories: [String?] = []
    ) throws -> [SARIFUpload] {
        var shardLimits: [RunKey: Int] = [:]
        for _ in 0..<Self.maxSizeRounds {
            let plans = try plan(
                findings: findings, repositories: repositories, toolVersion: toolVersion,
                sourceReader: sourceReader, shardLimits: shardLimits)
            var uploads: [SARIFUpload] = []
            var oversized: [RunKey: Int] = [:]
            for plan in plans {
                let size = configuration.limits.maxRunsPerFile
                for start in stride(from: 0, to: plan.runs.count, by: size) {
                    let chunk = Array(plan.runs[start..<min(start + size, plan.runs.count)])
                    try pack(chunk, repository: plan.repository, into: &uploads, oversized: &oversized)
                }
            }
            if oversized.isEmpty { return uploads }
            for (key, resultCount) in oversized {
                guard resultCount > 1 else {
                    throw SARIFError(
                        code: .uploadTooLarge,
                        message: "A single \(key.tool) result"
                            + (key.repository.map { " for repository \($0)" } ?? "")
                            + " compresses to more than \(configuration.limits.maxGzippedFileBytes) bytes; "
                            + "shorten its message or rule description.")
                }
                shardLimits[key] = min(shardLimits[key] ?? .max, resultCount / 2)
            }
        }
        throw SARIFError(
            code: .uploadTooLarge,
            message: "Could not fit the SARIF output under \(configuration.limits.maxGzippedFileBytes) "
                + "gzip bytes per file after \(Self.maxSizeRounds) rounds of splitting; reduce the findings.")
    }

    /// Encodes `runs` as one file if it fits, else halves the runs; records single runs that
    /// do not fit in `oversized` (with their result count).
    private func pack(
        _ runs: [PlannedRun], repository: String?, into uploads: inout [SARIFUpload],
        oversized: inout [RunKey: Int]
    ) throws {
        guard !runs.isEmpty else { return }
        let log = SARIFLog(runs: runs.map(\.run))
        let json = try encode(log)
        let gzipped = try GzipCodec.gzip(json)
        if gzipped.count <= configuration.limits.maxGzippedFileBytes {
            uploads.append(SARIFUpload(repository: repository, log: log, json: json, gzipped: gzipped))
        } else if runs.count > 1 {
            let middle = runs.count / 2
            try pack(Array(runs[..<middle]), repository: repository, into: &uploads, oversized: &oversized)
            try pack(Array(runs[middle...]), repository: repository, into: &uploads, oversized: &oversized)
        } else {
            oversized[runs[0].key] = max(oversized[runs[0].key] ?? 0, runs[0].resultCount)
        }
    }
}
