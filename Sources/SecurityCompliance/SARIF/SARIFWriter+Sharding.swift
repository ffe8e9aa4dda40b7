/// Splitting one tool's findings into runs of at most `limit` results.
extension SARIFWriter {
    /// Splits sorted `findings` into shards of at most `limit` results, keeping order
    /// inside each shard.
    ///
    /// A finding's shard is chosen by a stable hash of (tool, rule id, fingerprint, file),
    /// which does not involve line numbers, so a finding keeps its shard (and its GitHub
    /// category) while code moves around it. The shard count is the smallest power of two
    /// that keeps every shard within `limit`. When hashing cannot spread the findings
    /// within four times the minimum count (many findings with the same identity), they
    /// are cut into consecutive slices of the sorted order instead.
    ///
    /// Returns one element (possibly empty) when no split is needed; otherwise every
    /// shard, empty ones included.
    static func shard(_ findings: [SecurityFinding], limit: Int) -> [[SecurityFinding]] {
        let limit = max(1, limit)
        guard findings.count > limit else { return [findings] }
        let minimum = (findings.count + limit - 1) / limit
        var count = 1
        while count < minimum { count *= 2 }
        let keys = findings.map { StableHash.fnv1a64([$0.tool, $0.ruleId, $0.fingerprint, $0.file ?? ""]) }
        while count <= minimum * 4 {
            var shards = [[SecurityFinding]](repeating: [], count: count)
            for (finding, key) in zip(findings, keys) {
                shards[Int(key % UInt64(count))].append(finding)
            }
            if shards.allSatisfy({ $0.count <= limit }) { return shards }
            count *= 2
        }
        return stride(from: 0, to: findings.count, by: limit).map {
            Array(findings[$0..<min($0 + limit, findings.count)])
        }
    }
}
