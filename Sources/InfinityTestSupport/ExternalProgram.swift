import Foundation

/// Outside programs that some tests check against (python3, gzip, check-jsonschema …):
/// finding them on PATH and running them to completion.
public enum ExternalProgram {
    /// The path of `name` on PATH, if it is installed.
    public static func path(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` to completion with `stdin` as its input; returns the exit status and
    /// the combined standard output and error.
    ///
    /// This form blocks the calling thread until the program ends: keep it for synchronous
    /// code (`.enabled(if:)` probes). Async tests use the `async` overload, which does not
    /// hold a cooperative thread.
    public static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        try? output.fileHandleForReading.close()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
