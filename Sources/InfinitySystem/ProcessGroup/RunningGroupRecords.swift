import Foundation

/// Asks the process-group runner to keep a durable record of a group while it runs, so a
/// later orchestrator can stop the group if this one dies without stopping it (SIGKILL,
/// the OOM killer, a CI runner's timeout).
public struct RunningGroupRegistration: Sendable, Hashable {
    /// The folder of records (`<state>/workspace/running`).
    public var directory: String
    /// What the group is, for the warning that names it and for the store: `repository`,
    /// `step`, `run_id`. Never secrets.
    public var labels: [String: String]

    public init(directory: String, labels: [String: String]) {
        self.directory = directory
        self.labels = labels
    }
}

/// One running process group as recorded on disk: `<directory>/<pgid>.json`.
public struct RunningGroupRecord: Sendable, Hashable, Codable {
    /// The process group id (= the leader's pid).
    public var processGroup: Int32
    /// The leader's start time (`/proc/<pid>/stat` field 22, clock ticks since boot), so a
    /// group id reused by an unrelated process after the group ended is not signalled.
    public var leaderStartTicks: UInt64?
    /// The orchestrator that started the group.
    public var orchestratorPID: Int32
    /// The orchestrator's start time, so a reused pid is not taken for the orchestrator.
    public var orchestratorStartTicks: UInt64?
    public var labels: [String: String]

    public init(processGroup: Int32, leaderStartTicks: UInt64?, orchestratorPID: Int32, orchestratorStartTicks: UInt64?,
                labels: [String: String]) {
        self.processGroup = processGroup
        self.leaderStartTicks = leaderStartTicks
        self.orchestratorPID = orchestratorPID
        self.orchestratorStartTicks = orchestratorStartTicks
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey {
        case processGroup = "process_group"
        case leaderStartTicks = "leader_start_ticks"
        case orchestratorPID = "orchestrator_pid"
        case orchestratorStartTicks = "orchestrator_start_ticks"
        case labels
    }

    /// The orchestrator that wrote the record still runs: its pid exists with the same start time.
    public var orchestratorAlive: Bool {
        // A zombie (killed, not yet reaped by its parent) is gone too.
        guard RunningGroupRecords.isRunning(orchestratorPID) else { return false }
        guard let recorded = orchestratorStartTicks, let now = ProcessStartTime.ticks(of: orchestratorPID) else {
            // No start time to compare (no /proc): a present pid counts as alive.
            return true
        }
        return recorded == now
    }
}

/// A process's start time from `/proc/<pid>/stat`.
public enum ProcessStartTime {
    /// Field 22 (`starttime`, clock ticks after boot) of `/proc/<pid>/stat`; nil when the
    /// process does not exist or there is no /proc.
    public static func ticks(of pid: Int32) -> UInt64? {
        // fields[0] is field 3 (state), so field 22 is fields[19].
        guard let fields = statFields(of: pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// The fields of `/proc/<pid>/stat` from field 3 (state) on; nil without the file.
    static func statFields(of pid: Int32) -> [String]? {
        guard pid > 0, let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces or ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }
}

/// The folder of running-group records: written by the runner when a registered group
/// starts, removed when it ends, and read by `reapOrphans` at the start of a build.
public struct RunningGroupRecords: Sendable {
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The record file of a group.
    public func path(for processGroup: Int32) -> String { Paths.join(directory, "\(processGroup).json") }

    /// Writes the record of a group that has just started (atomically).
    public func add(_ record: RunningGroupRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(record) } catch { throw FileSystemError(.write, path: path(for: record.processGroup), underlying: error) }
        try AtomicFile.write(data, to: path(for: record.processGroup))
    }

    /// Removes the record of a group that has ended.
    public func remove(_ processGroup: Int32) {
        unlink(path(for: processGroup))
    }

    /// The records on disk with their files; unreadable files are returned as nil records.
    public func list() -> [(path: String, record: RunningGroupRecord?)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { name in
            let file = Paths.join(directory, name)
            let record = FileManager.default.contents(atPath: file).flatMap { try? JSONDecoder().decode(RunningGroupRecord.self, from: $0) }
            return (file, record)
        }
    }

    /// A group that was stopped because its orchestrator was gone.
    public struct Reaped: Sendable, Hashable {
        public var record: RunningGroupRecord
        /// Processes of the group were still there (and were signalled).
        public var wasRunning: Bool
        /// SIGKILL was needed after the grace period.
        public var killed: Bool
    }

    /// Stops the groups whose orchestrator is gone — SIGTERM, up to `grace` for them to end,
    /// then SIGKILL — and deletes their records. Records of a live orchestrator are left alone;
    /// an unreadable record is deleted. `sleep` is the clock seam's wait.
    public func reapOrphans(grace: Duration, sleep: @Sendable (Duration) async throws -> Void) async -> [Reaped] {
        var reaped: [Reaped] = []
        for (file, record) in list() {
            guard let record else {
                unlink(file)
                continue
            }
            guard !record.orchestratorAlive else { continue }
            let group = record.processGroup
            var wasRunning = false, killed = false
            if group > 1, Self.sameGroup(record) {
                wasRunning = Self.groupExists(group)
                if wasRunning {
                    kill(-group, SIGTERM)
                    let step = Duration.milliseconds(50)
                    var waited = Duration.zero
                    while waited < grace, Self.groupExists(group) {
                        try? await sleep(step)
                        waited += step
                    }
                    if Self.groupExists(group) {
                        kill(-group, SIGKILL)
                        killed = true
                    }
                }
            }
            unlink(file)
            reaped.append(Reaped(record: record, wasRunning: wasRunning, killed: killed))
        }
        return reaped
    }

    /// Some process of the group still runs. With /proc, zombies (exited, not yet reaped —
    /// an orphaned group's are reaped by whatever adopted them, possibly never in a container)
    /// do not count; without it, any member does.
    static func groupExists(_ group: Int32) -> Bool {
        guard kill(-group, 0) == 0 || errno == EPERM else { return false }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries {
            guard let pid = Int32(entry), let stat = ProcessStartTime.statFields(of: pid), stat.count > 2 else { continue }
            // stat[0] is field 3 (state), stat[2] field 5 (process group).
            if stat[2] == String(group), stat[0] != "Z", stat[0] != "X" { return true }
        }
        return false
    }

    /// Whether process `pid` exists and has not exited (a zombie has).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = ProcessStartTime.statFields(of: pid) else { return kill(pid, 0) == 0 || errno == EPERM }
        return stat.first != "Z" && stat.first != "X"
    }

    /// The group id still names the recorded group: its leader is gone (the kernel does not
    /// reuse a pid still used as a group id), or it is the leader that was recorded.
    static func sameGroup(_ record: RunningGroupRecord) -> Bool {
        guard let recorded = record.leaderStartTicks, let now = ProcessStartTime.ticks(of: record.processGroup) else { return true }
        return recorded == now
    }
}
