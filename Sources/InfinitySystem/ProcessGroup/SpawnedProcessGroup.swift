import Foundation
import Synchronization

/// The live process-group runner: one spawned leader, a reader thread that drains its output
/// into an `OutputSink`, a waiter thread that reaps it, and timers that stop the group.
///
/// Threads rather than the cooperative pool: reading a pipe and `waitpid` block, and a
/// blocked cooperative thread would stall unrelated tasks.
final class SpawnedProcessGroup: Sendable {
    /// Where timeouts and drain graces are scheduled.
    static let timerQueue = DispatchQueue(label: "infinity.process-group.timers")

    private struct State {
        var pid: pid_t = 0
        var exitStatus: Int32?
        var readerDone = false
        var abandoned = false
        var timedOut = false
        var cancelled = false
        var finished = false
        var continuation: CheckedContinuation<ProcessGroupOutcome, Never>?
        var timers: [PendingTimer] = []
    }

    private let request: ProcessGroupRequest
    private let sink: OutputSink
    private let outputFD: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let started: ContinuousClock.Instant
    private let state = Mutex(State())

    private init(request: ProcessGroupRequest, sink: OutputSink, outputFD: Int32, wakeRead: Int32, wakeWrite: Int32) {
        self.request = request
        self.sink = sink
        self.outputFD = outputFD
        self.wakeRead = wakeRead
        self.wakeWrite = wakeWrite
        self.started = .now
    }

    /// Runs `request` to its end (or its stop) and describes how it ended.
    static func run(_ request: ProcessGroupRequest) async -> ProcessGroupOutcome {
        if Task.isCancelled { return ProcessGroupOutcome(termination: .failedToStart("cancelled before it started"), cancelled: true) }
        let sink: OutputSink
        do { sink = try OutputSink.open(request.output) } catch {
            return ProcessGroupOutcome(termination: .failedToStart("cannot open the log: \(error)"))
        }
        var out: [Int32] = [-1, -1], wake: [Int32] = [-1, -1]
        guard Spawn.makePipe(&out) else {
            sink.close(abandoned: false)
            return ProcessGroupOutcome(termination: .failedToStart("cannot create a pipe: \(String(cString: strerror(errno)))"))
        }
        guard Spawn.makePipe(&wake) else {
            close(out[0]); close(out[1]); sink.close(abandoned: false)
            return ProcessGroupOutcome(termination: .failedToStart("cannot create a pipe: \(String(cString: strerror(errno)))"))
        }
        let spawned: pid_t
        do { spawned = try Spawn.start(request, outputFD: out[1]) } catch {
            close(out[0]); close(out[1]); close(wake[0]); close(wake[1]); sink.close(abandoned: false)
            return ProcessGroupOutcome(termination: .failedToStart(error.reason))
        }
        close(out[1])
        let group = SpawnedProcessGroup(request: request, sink: sink, outputFD: out[0], wakeRead: wake[0], wakeWrite: wake[1])
        group.state.withLock { $0.pid = spawned }
        group.register(spawned)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                group.state.withLock { $0.continuation = continuation }
                group.begin()
            }
        } onCancel: {
            group.stop(cancelled: true)
        }
    }

    /// The orchestrator's own start time, recorded with each registered group.
    private static let orchestratorStartTicks = ProcessStartTime.ticks(of: getpid())

    /// Writes the group's running record when the request asks for one. Best effort: a
    /// record that cannot be written only means the group cannot be reaped after a crash.
    private func register(_ pid: pid_t) {
        guard let registration = request.registration else { return }
        let record = RunningGroupRecord(processGroup: pid, leaderStartTicks: ProcessStartTime.ticks(of: pid), orchestratorPID: getpid(),
                                        orchestratorStartTicks: Self.orchestratorStartTicks, labels: registration.labels)
        try? RunningGroupRecords(directory: registration.directory).add(record)
    }

    /// Starts the reader, the waiter and the timeout.
    private func begin() {
        Thread { [self] in readLoop() }.start()
        Thread { [self] in waitLoop() }.start()
        if let timeout = request.timeout {
            schedule(after: timeout) { [self] in stop(cancelled: false) }
        }
    }

    /// Stops the group: SIGTERM now, SIGKILL after the grace period if the leader is still there.
    func stop(cancelled: Bool) {
        let pid: pid_t? = state.withLock { s in
            guard s.exitStatus == nil, !s.finished, s.pid > 0 else { return nil }
            if cancelled { s.cancelled = true } else { s.timedOut = true }
            return s.pid
        }
        guard let pid else { return }
        kill(-pid, SIGTERM)
        schedule(after: request.killGrace) { [self] in
            let alive = state.withLock { $0.exitStatus == nil }
            if alive { kill(-pid, SIGKILL) }
        }
    }

    private func schedule(after delay: Duration, _ body: @escaping @Sendable () -> Void) {
        let timer = PendingTimer(DispatchWorkItem(block: body))
        let ok = state.withLock { s -> Bool in
            guard !s.finished else { return false }
            s.timers.append(timer)
            return true
        }
        guard ok else { return }
        let (seconds, attoseconds) = delay.components
        let nanos = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        // A private serial queue targets the overcommitting root queue, so timers fire on time
        // even when the CPU-wide global pool is busy with blocking work elsewhere.
        Self.timerQueue.asyncAfter(deadline: .now() + .nanoseconds(nanos), execute: timer.item)
    }

    /// Reads the output until end of file, or until woken after the drain grace.
    private func readLoop() {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var abandoned = false
        var fds = [pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        reading: while true {
            fds[0].revents = 0; fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[0].revents != 0 {
                let n = read(outputFD, buffer, size)
                if n > 0 { sink.take(UnsafeRawBufferPointer(start: buffer, count: n)); continue }
                if n == 0 { break reading }
                if errno == EINTR || errno == EAGAIN { continue }
                break reading
            }
            if fds[1].revents != 0 { abandoned = true; break reading }
        }
        close(outputFD)
        sink.close(abandoned: abandoned)
        state.withLock { $0.readerDone = true; $0.abandoned = abandoned }
        finishIfDone()
    }

    /// Reaps the leader, then kills what is left of its group and bounds the drain.
    private func waitLoop() {
        let pid = state.withLock { $0.pid }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno == EINTR { continue }
            status = 0x7F00 // unknown: reported as exit 127
            break
        }
        // Background children of the step die with it; a leftover group member would also
        // keep the output pipe open.
        kill(-pid, SIGKILL)
        if let registration = request.registration { RunningGroupRecords(directory: registration.directory).remove(pid) }
        state.withLock { $0.exitStatus = status }
        schedule(after: request.drainGrace) { [self] in
            let reading = state.withLock { !$0.readerDone }
            if reading {
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
            }
        }
        finishIfDone()
    }

    /// Resumes the caller once the leader is reaped and the output is drained.
    private func finishIfDone() {
        let done: (CheckedContinuation<ProcessGroupOutcome, Never>, ProcessGroupOutcome, [PendingTimer])? = state.withLock { s in
            guard !s.finished, s.readerDone, let status = s.exitStatus, let continuation = s.continuation else { return nil }
            s.finished = true
            let low = status & 0x7F
            let termination: ProcessGroupOutcome.Termination = low == 0 ? .exited((status >> 8) & 0xFF) : .signaled(low)
            let outcome = ProcessGroupOutcome(
                termination: termination, timedOut: s.timedOut, cancelled: s.cancelled, duration: .now - started,
                outputBytes: sink.total, keptBytes: sink.kept, truncated: sink.truncated, output: sink.memory,
                outputError: sink.error, outputAbandoned: s.abandoned)
            let timers = s.timers
            s.timers = []
            return (continuation, outcome, timers)
        }
        guard let (continuation, outcome, timers) = done else { return }
        for t in timers { t.item.cancel() }
        close(wakeRead)
        close(wakeWrite)
        continuation.resume(returning: outcome)
    }
}

/// A scheduled timer, cancelled when the group finishes (work items are thread-safe).
private final class PendingTimer: @unchecked Sendable {
    let item: DispatchWorkItem
    init(_ item: DispatchWorkItem) { self.item = item }
}

/// `posix_spawn` with a new process group, default signal dispositions, stdin from
/// /dev/null, stdout and stderr into one pipe, and no other inherited descriptors.
enum Spawn {
    struct Failure: Error {
        var reason: String
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `_np` file actions, which the Swift Glibc module does not declare.
    private static let extensions: (chdir: AddChdir?, closefrom: AddClosefrom?) = {
        let handle = dlopen(nil, RTLD_NOW)
        let chdir = dlsym(handle, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
        let closefrom = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddClosefrom.self) }
        return (chdir, closefrom)
    }()

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let pipe2: Pipe2? = dlsym(dlopen(nil, RTLD_NOW), "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// A pipe whose ends close on exec, so no other spawned program inherits them.
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 { return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) } == 0 }
        guard pipe(&fds) == 0 else { return false }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return true
    }

    static func start(_ request: ProcessGroupRequest, outputFD: Int32) throws(Failure) -> pid_t {
        guard request.executable.hasPrefix("/") else { throw Failure(reason: "\(request.executable) is not an absolute path") }
        guard FileSystem.lstatKind(request.directory) != nil else {
            throw Failure(reason: "the working directory \(request.directory) does not exist")
        }
        var executable = request.executable
        var arguments = request.arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 1)
        posix_spawn_file_actions_adddup2(&actions, outputFD, 2)
        if let chdir = extensions.chdir {
            guard chdir(&actions, request.directory) == 0 else { throw Failure(reason: "cannot use \(request.directory) as the working directory") }
        } else {
            // Without addchdir_np: a shell changes directory, with the path as a positional
            // parameter (never as shell text), then execs the program.
            arguments = ["-c", "cd -- \"$0\" && exec \"$@\"", request.directory, executable] + arguments
            executable = "/bin/sh"
        }
        if let closefrom = extensions.closefrom { _ = closefrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        // Every catchable signal back to its default: the orchestrator ignores SIGINT/SIGTERM
        // for its own handlers, and ignored signals would otherwise be inherited.
        for sig in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&defaults, Int32(sig)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = request.environment
            .filter { !$0.key.isEmpty && !$0.key.contains("=") && !$0.key.contains("\0") && !$0.value.contains("\0") }
            .sorted { $0.key < $1.key }
            .map { strdup("\($0.key)=\($0.value)") }
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = (argv + [nil]).withUnsafeBufferPointer { a in
            (envp + [nil]).withUnsafeBufferPointer { e in
                posix_spawn(&pid, executable, &actions, &attributes, a.baseAddress!, e.baseAddress!)
            }
        }
        guard rc == 0 else {
            throw Failure(reason: "could not start \(executable) in \(request.directory): \(String(cString: strerror(rc)))")
        }
        return pid
    }
}
