import Foundation
import GRDB

extension StateStore {
    /// Finishes run `id` as failed with `summary` if it is still `running` (its orchestrator
    /// was killed); returns whether it was. A run finished meanwhile is left as it is.
    @discardableResult
    public func failRunIfRunning(_ id: String, summary: String, at date: Date) throws(StoreError) -> Bool {
        try write("fail an interrupted run") { db in
            try db.execute(sql: "UPDATE runs SET finished_at = ?, status = 'failed', summary = ? WHERE id = ? AND status = 'running'",
                           arguments: [date.timeIntervalSince1970, summary, id])
            return db.changesCount > 0
        }
    }
}
