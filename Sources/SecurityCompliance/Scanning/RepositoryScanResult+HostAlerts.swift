import Foundation
import InfinityModel

/// The findings of one kind to record, and which earlier findings of that kind this recording
/// speaks for (only those may be marked fixed when they are not seen now).
public struct FindingBatch: Sendable {
    public var kind: Finding.Kind
    public var findings: [Finding]
    public var speaksFor: @Sendable (String) -> Bool

    public init(kind: Finding.Kind, findings: [Finding], speaksFor: @escaping @Sendable (String) -> Bool) {
        self.kind = kind
        self.findings = findings
        self.speaksFor = speaksFor
    }
}

extension RepositoryScanResult {
    /// A host alert noted on one of our findings that is the same thing.
    struct AlsoReported: Encodable {
        var source: String
        var number: Int
        var url: String
    }

    /// The fingerprint prefix of every host-alert finding (`github-…:`).
    static let hostFingerprintPrefix = "github-"

    /// What to record: our secrets and dependencies (each only when scanned) and the host's
    /// alerts (each source only when it was listed in full), one batch per kind. A batch speaks
    /// for our earlier findings of its kind only when we scanned that kind, and for the host's
    /// earlier alerts of a source only when that source was listed — so a feature that is off or
    /// a listing that failed never marks anything fixed.
    public var findingBatches: [FindingBatch] {
        let listed = Set(hostAlertSources)
        var batches: [FindingBatch] = []
        for kind in [Finding.Kind.secret, .vulnerability, .sarif] {
            let ours: [Finding]
            let oursScanned: Bool
            switch kind {
            case .secret: (ours, oursScanned) = (scannedSecrets ? storeSecretFindings : [], scannedSecrets)
            case .vulnerability: (ours, oursScanned) = (scannedDependencies ? storeDependencyFindings : [], scannedDependencies)
            case .sarif: (ours, oursScanned) = ([], false)
            }
            let sources = Set(hostAlerts.filter { $0.kind == kind }.map(\.source)).union(Self.hostSources(of: kind)).intersection(listed)
            guard oursScanned || !sources.isEmpty else { continue }
            let host = separateHostAlerts.filter { $0.kind == kind && sources.contains($0.source) }.map(\.storeFinding)
            let prefix = Self.hostFingerprintPrefix
            batches.append(FindingBatch(kind: kind, findings: ours + host) { fingerprint in
                if fingerprint.hasPrefix(prefix) {
                    return sources.contains { fingerprint.hasPrefix($0 + ":") }
                }
                return oursScanned
            })
        }
        return batches
    }

    /// The host sources whose alerts are findings of `kind`.
    static func hostSources(of kind: Finding.Kind) -> [String] {
        switch kind {
        case .secret: ["github-secret-scanning"]
        case .vulnerability: ["github-dependabot"]
        case .sarif: ["github-code-scanning"]
        }
    }

    /// `value` as JSON, with `also_reported_by` listing the host alerts merged into the finding
    /// `fingerprint` (omitted when there are none).
    func annotatedJSON(_ value: some Encodable, fingerprint: String) -> String {
        let also = hostAlerts.filter { $0.mergedInto.contains(fingerprint) }
            .map { AlsoReported(source: $0.source, number: $0.number, url: $0.url) }
        guard !also.isEmpty else { return Self.json(value) }
        return Self.json(Annotated(base: value, alsoReportedBy: also))
    }

    /// An encodable value plus `also_reported_by`, in one JSON object.
    struct Annotated<Base: Encodable>: Encodable {
        var base: Base
        var alsoReportedBy: [AlsoReported]

        enum CodingKeys: String, CodingKey { case alsoReportedBy = "also_reported_by" }

        func encode(to encoder: any Encoder) throws {
            try base.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(alsoReportedBy, forKey: .alsoReportedBy)
        }
    }
}
