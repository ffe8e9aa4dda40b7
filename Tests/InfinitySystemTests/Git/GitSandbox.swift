import Foundation
import InfinitySystem
import Testing

/// A temporary folder in which tests build real repositories with the git command line.
///
/// Every git call gets a fixed identity, fixed dates (unless given) and no user or system
/// config, so results depend only on what the test does. The folder is removed on deinit.
final class GitSandbox {
    /// A failed git invocation, with what it printed.
    struct CommandFailure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var stderr: String
        var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    let root: String

    init() throws {
        var base = FileManager.default.temporaryDirectory.path
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        root = base + "/gitreader-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// `root/relative`.
    func path(_ relative: String) -> String { root + "/" + relative }

    /// Runs git in `directory` (relative to root) and returns its standard output as bytes.
    @discardableResult
    func gitBytes(
        _ arguments: [String], in directory: String = "", date: String = "1700000000 +0000", input: [UInt8]? = nil,
        allowFailure: Bool = false
    ) throws -> [UInt8] {
        let call = invocation(arguments, in: directory, date: date)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = call.arguments
        process.currentDirectoryURL = URL(fileURLWithPath: call.directory)
        process.environment = call.environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            let writer = inputPipe.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(Data(input))
                try? writer.close()
            }
        }
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let errorReader = Thread.detachNewThreadWithResult { err.fileHandleForReading.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errorOutput = errorReader.wait()
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw CommandFailure(
                arguments: arguments, status: process.terminationStatus,
                stderr: String(decoding: errorOutput, as: UTF8.self))
        }
        return [UInt8](output)
    }

    /// The arguments, environment and working folder of one git call.
    private func invocation(_ arguments: [String], in directory: String, date: String)
        -> (arguments: [String], environment: [String: String], directory: String)
    {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = root
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        environment["LC_ALL"] = "C"
        let fixed = ["-c", "user.name=Test Author", "-c", "user.email=test@example.com",
            "-c", "init.defaultBranch=main", "-c", "gc.auto=0", "-c", "core.autocrlf=false"]
        return (fixed + arguments, environment, directory.isEmpty ? root : path(directory))
    }

    /// Runs git in `directory` and returns its standard output as bytes, without blocking a
    /// cooperative thread (through `ProcessRunner.live`): the form for async tests.
    @discardableResult
    func gitBytes(
        _ arguments: [String], in directory: String = "", date: String = "1700000000 +0000", allowFailure: Bool = false
    ) async throws -> [UInt8] {
        let call = invocation(arguments, in: directory, date: date)
        let output = try await ProcessRunner.live.run("/usr/bin/git", call.arguments, call.directory, call.environment)
        if !output.succeeded && !allowFailure {
            throw CommandFailure(arguments: arguments, status: output.exitCode, stderr: output.stderrText)
        }
        return [UInt8](output.stdout)
    }

    /// Runs git and returns its output as text without the final newline.
    @discardableResult
    func git(_ arguments: [String], in directory: String = "", date: String = "1700000000 +0000") throws -> String {
        var text = String(decoding: try gitBytes(arguments, in: directory, date: date), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Runs git and returns its output as text without the final newline (async form).
    @discardableResult
    func git(_ arguments: [String], in directory: String = "", date: String = "1700000000 +0000") async throws -> String {
        var text = String(decoding: try await gitBytes(arguments, in: directory, date: date), as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Exit status of a git command (for commands expected to fail).
    func gitStatus(_ arguments: [String], in directory: String = "") throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.isEmpty ? root : path(directory))
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = root
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Writes `contents` to `relative` (creating folders).
    func write(_ relative: String, _ contents: String) throws {
        try write(relative, bytes: Array(contents.utf8))
    }

    /// Writes raw bytes to `relative` (creating folders).
    func write(_ relative: String, bytes: [UInt8]) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    /// Reads raw bytes of `relative`.
    func read(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// `git init` of a new work tree repository at `name`.
    func initRepository(_ name: String, branch: String = "main") throws {
        try git(["init", "-q", "-b", branch, name])
    }

    /// Stages everything in `repo` and commits it with `message` at `date`.
    func commitAll(_ repo: String, _ message: String, date: String = "1700000000 +0000") throws {
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "--allow-empty", "-m", message], in: repo, date: date)
    }

    /// A repository with a few commits on `main`, nested folders and files that share most of
    /// their content from commit to commit, so that a repack stores real deltas.
    func makeHistory(_ name: String, commits: Int = 12) throws {
        try initRepository(name)
        for step in historySteps(commits: commits) {
            for (file, contents) in step.files { try write("\(name)/\(file)", contents) }
            try commitAll(name, step.message, date: step.date)
        }
    }

    /// `makeHistory` for async tests: the same commits, with git run through the async form.
    func makeHistory(_ name: String, commits: Int = 12) async throws {
        try await git(["init", "-q", "-b", "main", name])
        for step in historySteps(commits: commits) {
            for (file, contents) in step.files { try write("\(name)/\(file)", contents) }
            try await git(["add", "-A"], in: name)
            try await git(["commit", "-q", "--allow-empty", "-m", step.message], in: name, date: step.date)
        }
    }

    /// The files, message and date of each commit `makeHistory` makes.
    private func historySteps(commits: Int) -> [(files: [(String, String)], message: String, date: String)] {
        var lines = (0..<400).map { "line \($0): the quick brown fox jumps over the lazy dog \($0 * 7919 % 1000)" }
        var steps: [(files: [(String, String)], message: String, date: String)] = []
        for index in 0..<commits {
            lines[(index * 37) % lines.count] = "changed in commit \(index)"
            lines.append("appended in commit \(index)")
            let files = [
                ("big.txt", lines.joined(separator: "\n") + "\n"),
                ("src/module/code.swift", lines.prefix(200 + index).joined(separator: "\n")),
                ("docs/readme.md", "# Read me\n\nrevision \(index)\n" + lines.suffix(50).joined(separator: "\n")),
                ("Package.swift", "// swift-tools-version: 6.1\n// revision \(index)\n"),
            ]
            let zone = ["+0000", "+0530", "-0800", "+1400", "-0000", "+0100"][index % 6]
            steps.append((files, "commit \(index)\n\nbody line for \(index)\n", "\(1_700_000_000 + index * 3600) \(zone)"))
        }
        return steps
    }
}

fileprivate extension Thread {
    /// Runs `body` on a new thread; `wait()` returns its result.
    static func detachNewThreadWithResult<T: Sendable>(_ body: @escaping @Sendable () -> T) -> ThreadResult<T> {
        let result = ThreadResult<T>()
        Thread.detachNewThread { result.set(body()) }
        return result
    }
}

/// A value produced on another thread.
fileprivate final class ThreadResult<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: T?

    func set(_ newValue: T) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> T {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value { return value }
            condition.wait()
        }
    }
}
