import Foundation
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("System seams")
struct SystemTests {
    struct Interrupted: Error {}

    @Test("an interrupted atomic write leaves the old file intact and no temporary file behind")
    func atomicWriteInterrupted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("config/repositories.json")
        try AtomicFile.write(Data("old".utf8), to: path)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(Data(repeating: 0x41, count: 1 << 20), to: path, beforeRename: { throw Interrupted() })
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url("config")) == ["repositories.json"])
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    @Test("an atomic write into an unwritable folder fails with the path and keeps the old file")
    func atomicWriteFails() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("locked/file.txt")
        try AtomicFile.write(Data("old".utf8), to: path)
        // A folder in place of the temp file's parent makes creation fail even for root.
        let blocked = dir.url("locked/file.txt/child")
        #expect(throws: FileSystemError.self) { try AtomicFile.write(Data("x".utf8), to: blocked) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test("bounded map keeps order and never exceeds the limit")
    func boundedMap() async {
        actor Gauge {
            var now = 0, peak = 0
            func enter() { now += 1; peak = max(peak, now) }
            func leave() { now -= 1 }
        }
        let gauge = Gauge()
        let out = await BoundedConcurrency.map(Array(0..<50), limit: 4) { i -> Int in
            await gauge.enter()
            try? await Task.sleep(for: .milliseconds(2))
            await gauge.leave()
            return i * 2
        }
        #expect(out == (0..<50).map { $0 * 2 })
        #expect(await gauge.peak <= 4)
        #expect(await BoundedConcurrency.map([Int](), limit: 4) { $0 }.isEmpty)
    }

    @Test("paths normalize lexically")
    func paths() {
        #expect(Paths.normalize("/a/./b/../c/") == "/a/c")
        #expect(Paths.normalize("a/../../b") == "../b")
        #expect(Paths.isInside("/a/b/c", root: "/a/b") && !Paths.isInside("/a/bc", root: "/a/b"))
        #expect(Paths.join("/a", "b", "/c") == "/c")
    }

    @Test("the process runner passes arguments as a vector, never through a shell")
    func processVector() async throws {
        let out = try await ProcessRunner.live.checked("/bin/echo", ["$(touch /tmp/never)", "a b"])
        #expect(out.stdoutText == "$(touch /tmp/never) a b\n")
        let fail = try await ProcessRunner.live.run("/bin/sh", ["-c", "exit 3"], nil, nil)
        #expect(fail.exitCode == 3 && !fail.succeeded)
        await #expect(throws: ProcessError.self) { try await ProcessRunner.live.checked("no-such-program-xyz", []) }
    }

    @Test("git head is read through the CLI, including unborn branches")
    func gitHead() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let fixture = GitFixture()
        let sha = try await fixture.makeRepository(at: dir.url("r"), files: ["a.txt": "a"], branch: "trunk", date: 1_600_000_000)
        let head = try await GitCLI().head(of: dir.url("r"))
        #expect(head == RepositoryHeadInfo(branch: "trunk", sha: sha, committedAt: Date(timeIntervalSince1970: 1_600_000_000)))
        try FileManager.default.createDirectory(atPath: dir.url("empty"), withIntermediateDirectories: true)
        try await GitCLI().run(in: dir.url("empty"), ["init", "-q", "-b", "main"])
        let unborn = try await GitCLI().head(of: dir.url("empty"))
        #expect(unborn.branch == "main" && unborn.sha == nil)
    }
}
