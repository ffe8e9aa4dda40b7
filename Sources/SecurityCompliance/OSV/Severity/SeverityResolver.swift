import InfinityJSON

/// Derives one ``AdvisorySeverity`` (and a CVSS score when there is one) from an advisory.
///
/// Sources, first found wins:
/// 1. the highest CVSS v3.x base score among `severity[]` of the advisory and of the
///    matched `affected[]` entries (computed from the vector);
/// 2. a severity word in `database_specific.severity` (GHSA's `MODERATE`…), of the
///    advisory or of the matched entries, or in their `ecosystem_specific.severity`;
/// 3. the highest approximate CVSS v4 score (see ``CVSSScore``);
/// 4. the highest CVSS v2 base score (0–3.9 low, 4–6.9 medium, 7–10 high);
/// 5. any other `severity[]` entry whose score is a severity word (`Ubuntu`: `medium`).
public enum SeverityResolver {
    /// The resolved level and, when a CVSS source decided it, the score used.
    public static func resolve(
        _ vulnerability: OSVVulnerability, affected: [OSVAffected] = []
    ) -> (level: AdvisorySeverity?, score: Double?) {
        var cache = ScoreCache()
        return resolve(vulnerability, affected: affected, cache: &cache)
    }

    /// Memoised CVSS v3 scores by vector; databases repeat the same few thousand vectors.
    struct ScoreCache {
        private var scores: [String: Double?] = [:]

        mutating func v3Score(_ vector: String) -> Double? {
            if let known = scores[vector] { return known }
            let computed = CVSSScore.v3BaseScore(vector)
            scores[vector] = computed
            return computed
        }
    }

    static func resolve(
        _ vulnerability: OSVVulnerability, affected: [OSVAffected], cache: inout ScoreCache
    ) -> (level: AdvisorySeverity?, score: Double?) {
        let scores = vulnerability.severity + affected.flatMap(\.severity)
        var v3Scores: [Double] = []
        for score in scores where isCVSS3(score) {
            if let value = cache.v3Score(score.score) { v3Scores.append(value) }
        }
        if let best = v3Scores.max() {
            return (AdvisorySeverity(cvssScore: best), best)
        }
        let containers = [vulnerability.databaseSpecific] + affected.flatMap { [$0.databaseSpecific, $0.ecosystemSpecific] }
        let words = containers.compactMap { $0?["severity"]?.stringValue }.compactMap(AdvisorySeverity.init(word:))
        if let highest = words.max() { return (highest, nil) }
        if let best = scores.compactMap({ $0.type == "CVSS_V4" ? CVSSScore.v4ApproximateScore($0.score) : nil }).max() {
            return (AdvisorySeverity(cvssScore: best), best)
        }
        if let best = scores.compactMap({ $0.type == "CVSS_V2" ? CVSSScore.v2BaseScore($0.score) : nil }).max() {
            let level: AdvisorySeverity = best >= 7 ? .high : (best >= 4 ? .medium : .low)
            return (level, best)
        }
        if let word = scores.compactMap({ AdvisorySeverity(word: $0.score) }).max() { return (word, nil) }
        return (nil, nil)
    }

    private static func isCVSS3(_ score: OSVSeverityScore) -> Bool {
        score.type == "CVSS_V3" || score.score.hasPrefix("CVSS:3.")
    }
}
