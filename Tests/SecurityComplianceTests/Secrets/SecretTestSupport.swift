import Foundation
@testable import SecurityCompliance

/// Builds fake but correctly shaped secrets at run time, so the repository holds no
/// literal secret that push protection or other scanners would flag.
struct FakeSecrets {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let alnum = upper + lower + digits
    static let hex = "0123456789abcdef"
    static let base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    static let base64 = alnum + "+/"
    static let urlSafe = alnum + "_-"

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random string of `count` characters from `alphabet` that contains no fixture word.
    mutating func string(_ alphabet: String, _ count: Int) -> String {
        let characters = Array(alphabet)
        while true {
            let value = String((0..<count).map { _ in characters[Int(next() % UInt64(characters.count))] })
            let lower = value.lowercased()
            let markers = SecretValueHeuristics.fixtureMarkers
            if !markers.contains(where: { lower.contains($0) }) { return value }
        }
    }

    /// Base64 of `bytes` random bytes.
    mutating func base64(bytes: Int) -> String {
        Data((0..<bytes).map { _ in UInt8(truncatingIfNeeded: next()) }).base64EncodedString()
    }
}

/// Joins parts; used so literal prefixes like `gh` + `p_` never appear whole in the source.
func join(_ parts: String...) -> String { parts.joined() }

/// A temporary folder removed when the value is released.
final class SecretTemporaryFolder: @unchecked Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/secretscan-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` (or bytes) to `relative`, creating folders; returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }
}

/// Scans in-memory text as a file named `name` with the default rules.
func findings(in text: String, name: String = "config.env", options: SecretScanOptions = .init()) throws -> [SecretFinding] {
    try SecretScanner(options: options).scan(bytes: Array(text.utf8), path: name)
}

/// Every string a report can show: JSON, text lines, descriptions.
func everyOutputString(of report: SecretScanReport) throws -> [String] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var outputs = [String(decoding: try encoder.encode(report), as: UTF8.self)]
    for finding in report.findings {
        outputs.append(String(describing: finding))
        outputs.append(String(reflecting: finding))
        outputs.append("\(finding.file):\(finding.line):\(finding.column) \(finding.ruleID) \(finding.redacted) \(finding.description)")
    }
    outputs.append(String(describing: report))
    return outputs
}
