import InfinityJSON
import SecurityCompliance
import Testing

@Suite("CVSS scores and severity levels")
struct SeverityTests {
    @Test("CVSS v3.1 base scores match the specification's calculator", arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5),
        ("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
    ])
    func v3BaseScores(vector: String, expected: Double) {
        #expect(CVSSScore.v3BaseScore(vector) == expected)
    }

    @Test("invalid CVSS vectors give no score")
    func invalidVectors() {
        #expect(CVSSScore.v3BaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H") == nil)
        #expect(CVSSScore.v3BaseScore("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == nil)
        #expect(CVSSScore.v3BaseScore("garbage") == nil)
    }

    @Test("CVSS v2 base scores follow the v2 equations")
    func v2BaseScores() {
        #expect(CVSSScore.v2BaseScore("AV:N/AC:L/Au:N/C:P/I:P/A:P") == 7.5)
        #expect(CVSSScore.v2BaseScore("AV:N/AC:M/Au:N/C:N/I:P/A:N") == 4.3)
        #expect(CVSSScore.v2BaseScore("AV:N/AC:L/Au:N/C:C/I:C/A:C") == 10.0)
    }

    @Test("the CVSS v4 approximation ranks a network RCE critical and a local info leak low")
    func v4Approximation() throws {
        let rce = try #require(CVSSScore.v4ApproximateScore(
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
        #expect(AdvisorySeverity(cvssScore: rce) == .critical)
        let leak = try #require(CVSSScore.v4ApproximateScore(
            "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N"))
        #expect(AdvisorySeverity(cvssScore: leak) == .low)
        #expect(CVSSScore.v4ApproximateScore("CVSS:4.0/AV:N/AC:L") == nil)
    }

    @Test("score thresholds map to levels")
    func thresholds() {
        #expect(AdvisorySeverity(cvssScore: 0.0) == .low)
        #expect(AdvisorySeverity(cvssScore: 3.9) == .low)
        #expect(AdvisorySeverity(cvssScore: 4.0) == .medium)
        #expect(AdvisorySeverity(cvssScore: 6.9) == .medium)
        #expect(AdvisorySeverity(cvssScore: 7.0) == .high)
        #expect(AdvisorySeverity(cvssScore: 8.9) == .high)
        #expect(AdvisorySeverity(cvssScore: 9.0) == .critical)
        #expect(AdvisorySeverity.low < .critical)
        #expect(AdvisorySeverity(word: "MODERATE") == .medium)
        #expect(AdvisorySeverity(word: "Important") == .high)
        #expect(AdvisorySeverity(word: "whatever") == nil)
    }

    @Test("resolution prefers CVSS v3, then a database severity word, then v4, then v2")
    func resolverPriority() {
        let v3 = OSVSeverityScore(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N")
        let v4 = OSVSeverityScore(type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
        let v2 = OSVSeverityScore(type: "CVSS_V2", score: "AV:N/AC:M/Au:N/C:N/I:P/A:N")
        let word = OSVJSONValue.object(["severity": .string("MODERATE")])
        func resolved(_ scores: [OSVSeverityScore], _ databaseSpecific: OSVJSONValue? = nil) -> AdvisorySeverity? {
            let advisory = OSVSample.advisory("R", ecosystem: "npm", name: "x", severity: scores,
                                              databaseSpecific: databaseSpecific)
            return SeverityResolver.resolve(advisory).level
        }
        #expect(resolved([v4, v3], word) == .low)
        #expect(resolved([v4], word) == .medium)
        #expect(resolved([v4, v2]) == .critical)
        #expect(resolved([v2]) == .medium)
        #expect(resolved([OSVSeverityScore(type: "Ubuntu", score: "high")]) == .high)
        #expect(resolved([]) == nil)
    }
}
