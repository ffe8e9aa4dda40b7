import Foundation
import InfinitySystem

/// Why `ExternalProgram.run(_:_:stdin:maxOutputBytes:) async` could not give a result.
public struct ExternalProgramError: Error, CustomStringConvertible, Sendable {
    /// The program that was to run.
    public var executable: String
    /// What went wrong and what to do about it.
    public var reason: String

    public var description: String { "\(executable): \(reason)" }
}

extension ExternalProgram {
    /// Runs `executable` to completion with `stdin` as its input; returns the exit status
    /// (128 + the signal number when a signal ended it) and the combined standard output and
    /// error.
    ///
    /// The async counterpart of the blocking `run`: the program runs through
    /// `ProcessGroupRunner.live`, whose reader and waiter are their own threads, so no
    /// cooperative thread waits on the pipe or on `waitpid`. Use it from async tests.
    /// Standard input, when given, is written to a temporary file first and redirected in by
    /// `/bin/sh` (the path and the arguments are passed as a vector, never as shell text).
    /// Output past `maxOutputBytes` throws rather than return a cut result.
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, maxOutputBytes: Int = 64 << 20
    ) async throws -> (status: Int32, output: String) {
        var program = executable
        var vector = arguments
        var inputFile: String?
        if let stdin {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("external-program-stdin-\(UUID().uuidString)").path
            do { try stdin.write(to: URL(fileURLWithPath: path)) } catch {
                throw ExternalProgramError(executable: executable, reason: "cannot write its standard input to \(path): \(error); check that the temporary directory is writable")
            }
            inputFile = path
            program = "/bin/sh"
            vector = ["-c", "input=$1; shift; exec \"$@\" < \"$input\"", "sh", path, executable] + arguments
        }
        defer { if let inputFile { try? FileManager.default.removeItem(atPath: inputFile) } }
        let outcome = await ProcessGroupRunner.live.run(ProcessGroupRequest(
            executable: program, arguments: vector, directory: FileManager.default.currentDirectoryPath,
            environment: ProcessInfo.processInfo.environment, output: .memory(maxBytes: maxOutputBytes)))
        if outcome.cancelled { throw CancellationError() }
        if outcome.truncated {
            throw ExternalProgramError(executable: executable, reason: "printed \(outcome.outputBytes) bytes, more than the \(maxOutputBytes) kept; pass a larger maxOutputBytes")
        }
        switch outcome.termination {
        case .exited(let code): return (code, outcome.outputText)
        case .signaled(let signal): return (128 + signal, outcome.outputText)
        case .failedToStart(let why): throw ExternalProgramError(executable: executable, reason: "did not start: \(why)")
        }
    }
}
