import Foundation
/// Runs work over many items with at most `limit` running at once: a sliding window over a
/// task group, so a thousand repositories never become a thousand concurrent tasks.
public enum BoundedConcurrency {
    /// Maps `items` with at most `limit` concurrent calls; results keep the input order.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item],
        limit: Int,
        _ transform: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        guard !items.isEmpty else { return [] }
        let width = max(1, min(limit, items.count))
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            while next < width {
                let i = next
                group.addTask { (i, await transform(items[i])) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next
                    group.addTask { (j, await transform(items[j])) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}
