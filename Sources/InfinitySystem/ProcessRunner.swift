import Foundation

/// The result of a finished process.
public struct ProcessOutput: Sendable {
    public var exitCode: Int32
    /// The signal that ended the process, if a signal did.
    public var signal: Int32?
    public var stdout: Data
    public var stderr: Data

    public var succeeded: Bool { exitCode == 0 && signal == nil }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// A process that could not be started or failed, with the command and a short reason.
public struct ProcessError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var executable: String
    public var arguments: [String]
    public var reason: String
    public var output: ProcessOutput?

    public init(executable: String, arguments: [String], reason: String, output: ProcessOutput? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.reason = reason
        self.output = output
    }

    public var description: String {
        var text = "`\(([Paths.basename(executable)] + arguments).joined(separator: " "))` \(reason)"
        if let err = output?.stderrText.trimmingCharacters(in: .whitespacesAndNewlines), !err.isEmpty {
            text += ": " + String(err.prefix(500))
        }
        return text
    }

    public var errorDescription: String? { description }
}

/// The process seam: runs a program with an argument vector (never through a shell unless
/// the caller runs `/bin/sh -c` on purpose), an explicit environment and working directory.
public struct ProcessRunner: Sendable {
    public var run: @Sendable (_ executable: String, _ arguments: [String], _ directory: String?, _ environment: [String: String]?) async throws -> ProcessOutput

    public init(run: @escaping @Sendable (String, [String], String?, [String: String]?) async throws -> ProcessOutput) {
        self.run = run
    }

    /// Runs and throws `ProcessError` unless the process exits 0.
    public func checked(_ executable: String, _ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) async throws -> ProcessOutput {
        let out = try await run(executable, arguments, directory, environment)
        guard out.succeeded else {
            let why = out.signal.map { "was killed by signal \($0)" } ?? "exited with status \(out.exitCode)"
            throw ProcessError(executable: executable, arguments: arguments, reason: why, output: out)
        }
        return out
    }

    /// Real processes through Foundation's `Process`; output is collected in memory.
    public static let live = ProcessRunner { executable, arguments, directory, environment in
        let path = try resolveExecutable(executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        let collector = OutputCollector()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ProcessOutput, any Error>) in
            let group = DispatchGroup()
            group.enter(); group.enter(); group.enter()
            process.terminationHandler = { _ in group.leave() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: ProcessError(executable: executable, arguments: arguments, reason: "could not start: \(error.localizedDescription)"))
                return
            }
            // Each read end is closed as soon as it is drained: left to deallocation, the
            // descriptors pile up over thousands of processes (seen: 5,000+ open pipes in one
            // health pass) until Foundation's `Process.run()` crashes.
            // The blocking reads run on private serial queues, which overcommit, never on the
            // CPU-wide global pool that timers elsewhere depend on.
            DispatchQueue(label: "infinity.process.stdout").async {
                collector.setOut(outPipe.fileHandleForReading.readDataToEndOfFile())
                try? outPipe.fileHandleForReading.close()
                group.leave()
            }
            DispatchQueue(label: "infinity.process.stderr").async {
                collector.setErr(errPipe.fileHandleForReading.readDataToEndOfFile())
                try? errPipe.fileHandleForReading.close()
                group.leave()
            }
            group.notify(queue: DispatchQueue(label: "infinity.process.done")) {
                let signaled = process.terminationReason == .uncaughtSignal
                continuation.resume(returning: ProcessOutput(
                    exitCode: signaled ? 128 + process.terminationStatus : process.terminationStatus,
                    signal: signaled ? process.terminationStatus : nil,
                    stdout: collector.out, stderr: collector.err
                ))
            }
        }
    }

    /// Finds `name` on PATH unless it is already a path.
    public static func resolveExecutable(_ name: String) throws -> String {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw ProcessError(executable: name, arguments: [], reason: "was not found on PATH")
    }
}

/// Collects the two output streams from their reader threads.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var _out = Data(), _err = Data()
    func setOut(_ d: Data) { lock.withLock { _out = d } }
    func setErr(_ d: Data) { lock.withLock { _err = d } }
    var out: Data { lock.withLock { _out } }
    var err: Data { lock.withLock { _err } }
}
