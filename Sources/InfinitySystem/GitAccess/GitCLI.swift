import Foundation

/// Runs the git command-line tool on one repository: the fallback where the `.git` files
/// cannot be read directly, and the tool for writes (clone, fetch, worktrees).
///
/// Arguments are passed as a vector, never through a shell; `GIT_TERMINAL_PROMPT=0` and a
/// fixed environment keep git from asking for credentials or reading user hooks.
public struct GitCLI: Sendable {
    public var runner: ProcessRunner
    public var executable: String

    public init(runner: ProcessRunner = .live, executable: String = "git") {
        self.runner = runner
        self.executable = executable
    }

    /// The environment every git call gets: no prompts, no pager, no user or system config surprises.
    public static func environment(_ base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var env: [String: String] = [:]
        for key in ["PATH", "HOME", "LANG", "TMPDIR", "GIT_EXEC_PATH", "SSH_AUTH_SOCK"] {
            if let v = base[key] { env[key] = v }
        }
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_PAGER"] = "cat"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["LC_ALL"] = "C"
        return env
    }

    /// Runs `git -C path args…` and returns stdout; throws `GitError` with git's message.
    @discardableResult
    public func run(in path: String, _ args: [String], environment extra: [String: String] = [:]) async throws -> Data {
        var env = Self.environment()
        for (k, v) in extra { env[k] = v }
        let out: ProcessOutput
        do {
            out = try await runner.run(executable, ["-C", path] + args, nil, env)
        } catch {
            throw GitError(path: path, message: "\(error)")
        }
        guard out.succeeded else {
            let msg = out.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GitError(path: path, message: "`git \(args.first ?? "")` failed: \(msg.isEmpty ? "exit \(out.exitCode)" : String(msg.prefix(400)))")
        }
        return out.stdout
    }

    /// Branch, head SHA and commit time, in two git calls.
    public func head(of path: String) async throws -> RepositoryHeadInfo {
        let branchOut = try? await run(in: path, ["symbolic-ref", "-q", "--short", "HEAD"])
        let branch = branchOut.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let log = try? await run(in: path, ["log", "-1", "--format=%H %ct"]) else {
            // An unborn branch: no commits yet.
            return RepositoryHeadInfo(branch: branch.flatMap { $0.isEmpty ? nil : $0 }, sha: nil, committedAt: nil)
        }
        let parts = String(decoding: log, as: UTF8.self).split(separator: " ")
        let sha = parts.first.map(String.init)
        let time = parts.count > 1 ? Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)).map { Date(timeIntervalSince1970: $0) } : nil
        return RepositoryHeadInfo(branch: branch.flatMap { $0.isEmpty ? nil : $0 }, sha: sha, committedAt: time)
    }

    /// Content of `commit` in the repository at `path`, read through git.
    public func content(of path: String, commit: String) -> some RepositoryContent {
        GitCLIContent(git: self, path: path, commit: commit)
    }
}

/// `RepositoryContent` through `git ls-tree` and `git cat-file`.
struct GitCLIContent: RepositoryContent {
    let git: GitCLI
    let path: String
    let commit: String

    func listFiles(limit: Int) async throws -> [String] {
        let out = try await git.run(in: path, ["ls-tree", "-r", "-z", "--name-only", commit])
        var files: [String] = []
        for part in out.split(separator: 0, omittingEmptySubsequences: true) {
            files.append(String(decoding: part, as: UTF8.self))
            if files.count >= limit { break }
        }
        return files
    }

    func readFile(_ file: String, maxBytes: Int) async throws -> Data? {
        guard let sizeOut = try? await git.run(in: path, ["cat-file", "-s", "\(commit):\(file)"]) else { return nil }
        let size = Int(String(decoding: sizeOut, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard size <= maxBytes else { return nil }
        return try await git.run(in: path, ["cat-file", "blob", "\(commit):\(file)"])
    }
}
