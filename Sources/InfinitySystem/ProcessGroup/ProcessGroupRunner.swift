import Foundation

/// Where a process group's combined standard output and standard error go.
public enum ProcessOutputDestination: Sendable, Hashable {
    /// A log file, created or truncated. At most `maxBytes` are kept; after that a marker
    /// line is written and the rest of the output is read and discarded, so a step that
    /// prints gigabytes never fills the disk and never blocks on a full pipe.
    case file(path: String, maxBytes: Int)
    /// Kept in memory, at most `maxBytes` (for short tool probes).
    case memory(maxBytes: Int)
    /// Read and discarded.
    case discard
}

/// One command to run as its own process group.
public struct ProcessGroupRequest: Sendable {
    /// An absolute path to the program (`/bin/sh` for build steps); never looked up on PATH.
    public var executable: String
    /// The arguments after `argv[0]`, passed as a vector, never through a shell.
    public var arguments: [String]
    /// The working directory; the process does not start if it cannot be entered.
    public var directory: String
    /// The complete environment: nothing from the orchestrator's own leaks in.
    public var environment: [String: String]
    public var output: ProcessOutputDestination
    /// After this long the whole group gets SIGTERM, then SIGKILL after `killGrace`.
    public var timeout: Duration?
    /// Time between SIGTERM and SIGKILL when a group is stopped.
    public var killGrace: Duration
    /// How long to keep reading after the group is gone, when a process that escaped the
    /// group (with `setsid`) still holds the output open.
    public var drainGrace: Duration
    /// Keep a record of the group under this registration while it runs (build steps), so
    /// a later orchestrator can stop it if this one is killed; nil: no record.
    public var registration: RunningGroupRegistration? = nil

    public init(executable: String, arguments: [String], directory: String, environment: [String: String],
                output: ProcessOutputDestination, timeout: Duration? = nil, killGrace: Duration = .seconds(5),
                drainGrace: Duration = .seconds(2)) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
        self.output = output
        self.timeout = timeout
        self.killGrace = killGrace
        self.drainGrace = drainGrace
    }

    /// `/bin/sh -c command`: how build steps run. The command text comes from the manifest;
    /// nothing else (no repository name, no path) is ever put into shell text.
    public static func shell(_ command: String, directory: String, environment: [String: String],
                             output: ProcessOutputDestination, timeout: Duration?, killGrace: Duration = .seconds(5)) -> ProcessGroupRequest {
        ProcessGroupRequest(executable: "/bin/sh", arguments: ["-c", command], directory: directory, environment: environment,
                            output: output, timeout: timeout, killGrace: killGrace)
    }
}

/// How a process group's run ended.
public struct ProcessGroupOutcome: Sendable, Hashable {
    /// The leader's fate.
    public enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signaled(Int32)
        /// The process never ran: the reason (bad directory, missing program, log not writable).
        case failedToStart(String)
    }

    public var termination: Termination
    /// The timeout expired and the group was stopped.
    public var timedOut: Bool
    /// The calling task was cancelled and the group was stopped.
    public var cancelled: Bool
    public var duration: Duration
    /// Bytes the group wrote in total.
    public var outputBytes: Int
    /// Bytes kept in the destination (without the truncation marker).
    public var keptBytes: Int
    /// Output past the cap was discarded.
    public var truncated: Bool
    /// The kept output for `.memory`; empty otherwise.
    public var output: Data
    /// Writing the log failed part-way (a full disk); the process still ran to its end.
    public var outputError: String?
    /// A process outside the group kept the output open past `drainGrace`; reading stopped.
    public var outputAbandoned: Bool

    public init(termination: Termination, timedOut: Bool = false, cancelled: Bool = false, duration: Duration = .zero,
                outputBytes: Int = 0, keptBytes: Int = 0, truncated: Bool = false, output: Data = Data(),
                outputError: String? = nil, outputAbandoned: Bool = false) {
        self.termination = termination
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.duration = duration
        self.outputBytes = outputBytes
        self.keptBytes = keptBytes
        self.truncated = truncated
        self.output = output
        self.outputError = outputError
        self.outputAbandoned = outputAbandoned
    }

    /// The exit status, when the leader exited on its own.
    /// (Not inlined: Swift 6.3.1's release optimizer crashed in CopyPropagation when this was
    /// inlined into async callers in other modules.)
    public var exitCode: Int32? {
        @inline(never) get {
            if case .exited(let code) = termination { return code }
            return nil
        }
    }

    /// The signal that ended the leader, if one did.
    public var signal: Int32? {
        if case .signaled(let s) = termination { return s }
        return nil
    }

    /// Exited 0, in time, not cancelled.
    public var succeeded: Bool { exitCode == 0 && !timedOut && !cancelled }

    /// The text a caller shows for the output, with invalid UTF-8 replaced.
    public var outputText: String { String(decoding: output, as: UTF8.self) }
}

/// The process-group seam: runs one command as the leader of a new process group
/// (`posix_spawn` with `POSIX_SPAWN_SETPGROUP`), streams its output with a byte cap, and
/// stops the whole group — SIGTERM, then SIGKILL after a grace period — on timeout or when
/// the calling task is cancelled. When the leader exits, what is left of its group is killed,
/// so background children of a step never outlive it.
///
/// `ProcessRunner` stays the seam for short commands whose output is collected (git);
/// this one is for long-running, untrusted commands.
public struct ProcessGroupRunner: Sendable {
    public var run: @Sendable (ProcessGroupRequest) async -> ProcessGroupOutcome

    public init(run: @escaping @Sendable (ProcessGroupRequest) async -> ProcessGroupOutcome) {
        self.run = run
    }

    /// Real processes on this machine.
    public static let live = ProcessGroupRunner { request in await SpawnedProcessGroup.run(request) }
}
