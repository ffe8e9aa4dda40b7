import Foundation

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
        try await Task.detached {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_TERMINAL_PROMPT"] = "0"
            environment["LC_ALL"] = "C"
            process.environment = environment
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // Drain stderr concurrently so a chatty git cannot block on a full pipe.
            let errorTask = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }
            let output = stdout.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let errors = await errorTask.value
            return Output(
                stdout: [UInt8](output), stderr: String(decoding: errors, as: UTF8.self),
                exitCode: process.terminationStatus)
        }.value
    }
}
