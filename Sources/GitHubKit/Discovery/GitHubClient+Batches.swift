import Foundation

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
}
