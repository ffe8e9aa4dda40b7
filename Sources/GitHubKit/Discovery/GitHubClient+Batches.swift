import Foundation
import InfinityJSON

extension GitHubClient {
    /// Splits `items` into chunks of `size` and runs `work` on each, at most 4 chunks (and never
    /// more than `maxConcurrentRequests`) at once; the results come back in the chunks' order.
    func inBatches<Result: Sendable>(
        _ items: [String], size: Int, _ work: @escaping @Sendable ([String]) async throws -> Result
    ) async throws -> [Result] {
        let size = max(1, size)
        let batches = stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
        let width = max(1, min(4, configuration.maxConcurrentRequests))
        var results = [Result?](repeating: nil, count: batches.count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                guard next < batches.count else { return }
                let index = next
                let batch = batches[index]
                next += 1
                group.addTask { (index, try await work(batch)) }
            }
            for _ in 0..<width { launch() }
            while let (index, result) = try await group.next() {
                results[index] = result
                launch()
            }
        }
        return results.compactMap { $0 }
    }

    /// The variables `o0`/`n0` … of an aliased `repository(owner:name:)` query for `owner/name` strings.
    static func aliasedRepositoryVariables(_ batch: [String]) throws -> [String: JSONValue] {
        var variables: [String: JSONValue] = [:]
        for (index, fullName) in batch.enumerated() {
            let parts = fullName.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw GitHubError(code: .configuration, message: "'\(fullName.prefix(200))' is not in owner/name form")
            }
            variables["o\(index)"] = .string(parts[0])
            variables["n\(index)"] = .string(parts[1])
        }
        return variables
    }
}
