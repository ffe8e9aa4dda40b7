import Foundation
import InfinitySystem

/// Runs the git CLI for history scans; a struct of closures with a live `Process` default
/// so tests and embedders can substitute their own.
public struct SecretGitRunner: Sendable {
    /// What a git command produced.
    public struct Output: Sendable {
        /// Standard output bytes.
        public var stdout: [UInt8]
        /// Standard error text.
        public var stderr: String
        /// Exit status.
        public var exitCode: Int32

        /// Creates an output.
        public init(stdout: [UInt8], stderr: String, exitCode: Int32) {
            self.stdout = stdout
            self.stderr = stderr
            self.exitCode = exitCode
        }
    }

    /// Runs `git` with `arguments` in `directory`.
    public var run: @Sendable (_ arguments: [String], _ directory: String) async throws -> Output

    /// Creates a runner from a closure.
    public init(run: @escaping @Sendable (_ arguments: [String], _ directory: String) async throws -> Output) {
        self.run = run
    }

    /// Runs the `git` found on `PATH` as a child process.
    public static let live = SecretGitRunner { arguments, directory in
        // Through the process seam: its pipes are drained off the cooperative thread pool,
        // so a long `git log -p` never starves other tasks.
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        let out = try await ProcessRunner.live.run("/usr/bin/env", ["git", "-C", directory] + arguments, nil, environment)
        return Output(stdout: [UInt8](out.stdout), stderr: out.stderrText, exitCode: out.exitCode)
    }
}
