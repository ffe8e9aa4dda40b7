import Foundation
import InfinityStore

/// The fields of a build result's `detail` JSON that health reads (the build pipeline's
/// contract: `head_sha`, `duration_seconds`, `failed_step`, `exit_code`, `timed_out`,
/// `log_dir`). Read leniently: a missing or mistyped field is nil, never an error.
struct BuildResultDetail: Sendable, Hashable {
    var headSHA: String?
    var durationSeconds: Double?
    var failedStep: String?
    var exitCode: Int?
    var timedOut: Bool?
    var logDirectory: String?

    init(json: String?) {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        headSHA = object["head_sha"] as? String
        durationSeconds = (object["duration_seconds"] as? NSNumber)?.doubleValue
        failedStep = object["failed_step"] as? String
        exitCode = (object["exit_code"] as? NSNumber)?.intValue
        timedOut = (object["timed_out"] as? NSNumber)?.boolValue
        logDirectory = object["log_dir"] as? String
    }

    init(_ record: RepositoryResultRecord) { self.init(json: record.detail) }
}
