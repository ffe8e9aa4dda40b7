import Foundation

/// A plan as GitHub Actions matrices: `{"include":[{"repo":"a"},{"repo":"b"}]}`, split into
/// chunks of at most 256 entries (Actions' limit per matrix). Each chunk is one compact JSON
/// line, so a workflow step can write them to `$GITHUB_OUTPUT` and a job per chunk can use
/// `fromJSON(...)`. Only repositories the plan builds are listed, longest chains first.
public enum BuildMatrix {
    /// GitHub Actions' limit on the jobs of one matrix.
    public static let maxEntries = 256

    /// The matrices, one per chunk; `{"include":[]}` alone when nothing needs building.
    public static func chunks(_ plan: BuildPlan, size: Int = maxEntries) -> [String] {
        let repos = plan.toBuild.sorted { ($0.criticalPath, $1.repository) > ($1.criticalPath, $0.repository) }.map(\.repository)
        let width = max(1, min(size, maxEntries))
        var out: [String] = []
        var start = 0
        repeat {
            let part = Array(repos[start..<min(start + width, repos.count)])
            out.append(line(part))
            start += width
        } while start < repos.count
        return out
    }

    static func line(_ repos: [String]) -> String {
        struct Entry: Encodable { var repo: String }
        struct Matrix: Encodable { var include: [Entry] }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(Matrix(include: repos.map(Entry.init)))).map { String(decoding: $0, as: UTF8.self) } ?? "{\"include\":[]}"
    }
}
