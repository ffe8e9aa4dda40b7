import Foundation

/// A set of accepted findings, stored as JSON, whose fingerprints are not reported again.
///
/// File format (`version` 1):
/// ```json
/// {"version": 1, "entries": [{"fingerprint": "…", "rule_id": "…", "file": "…", "line": 3}]}
/// ```
/// Only `fingerprint` matters for matching; the other fields help a reader.
public struct SecretBaseline: Codable, Sendable, Hashable {
    /// One accepted finding.
    public struct Entry: Codable, Sendable, Hashable {
        /// The finding's fingerprint.
        public var fingerprint: String
        /// The rule that found it.
        public var ruleID: String?
        /// The file it was in.
        public var file: String?
        /// Its line when accepted.
        public var line: Int?

        /// Creates an entry.
        public init(fingerprint: String, ruleID: String? = nil, file: String? = nil, line: Int? = nil) {
            self.fingerprint = fingerprint
            self.ruleID = ruleID
            self.file = file
            self.line = line
        }

        enum CodingKeys: String, CodingKey {
            case fingerprint
            case ruleID = "rule_id"
            case file, line
        }
    }

    /// Format version; 1.
    public var version: Int
    /// Accepted findings.
    public var entries: [Entry]

    /// Creates a baseline from entries.
    public init(entries: [Entry] = []) {
        self.version = 1
        self.entries = entries
    }

    /// Creates a baseline accepting every given finding.
    public init(findings: [SecretFinding]) {
        self.init(entries: findings.map {
            Entry(fingerprint: $0.fingerprint, ruleID: $0.ruleID, file: $0.file, line: $0.line)
        })
    }

    /// Whether `finding` is accepted by this baseline.
    public func contains(_ finding: SecretFinding) -> Bool {
        fingerprints.contains(finding.fingerprint)
    }

    /// The accepted fingerprints.
    public var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    /// Decodes a baseline from JSON; `file` is used in the error message.
    public static func decode(_ data: Data, file: String) throws(SecretScanError) -> SecretBaseline {
        do {
            return try JSONDecoder().decode(SecretBaseline.self, from: data)
        } catch {
            throw SecretScanError(
                code: .invalidBaseline,
                message: "the baseline is not valid JSON of the form {\"version\":1,\"entries\":[{\"fingerprint\":…}]}; "
                    + "regenerate it with the scanner",
                file: file, underlying: String(describing: error))
        }
    }

    /// Encodes the baseline as pretty, key-sorted JSON.
    public func encoded() throws(SecretScanError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw SecretScanError(
                code: .invalidBaseline, message: "the baseline could not be encoded",
                underlying: String(describing: error))
        }
    }
}
