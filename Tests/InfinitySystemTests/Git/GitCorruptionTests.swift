import Foundation
import InfinitySystem
import Testing

/// Damaged repositories must give a GitReadError naming the file, never a crash or a hang.
@Suite("GitRepositoryReader corrupt input")
struct GitCorruptionTests {
    private func reader(_ sandbox: GitSandbox, _ repo: String = "repo") throws -> GitRepositoryReader {
        GitRepositoryReader(layout: try #require(try GitRepositoryLayout.detect(at: sandbox.path(repo))))
    }

    private func truncate(_ path: String, to length: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(length))
        try handle.close()
    }

    private func packFiles(_ sandbox: GitSandbox) throws -> (pack: String, index: String) {
        let directory = sandbox.path("repo/.git/objects/pack")
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".pack") })
        return (directory + "/" + pack, directory + "/" + pack.dropLast(5) + ".idx")
    }

    @Test func truncatedLooseObjectNamesItsFile() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 2)
        let sha = try sandbox.git(["rev-parse", "HEAD"], in: "repo")
        let path = sandbox.path("repo/.git/objects/\(sha.prefix(2))/\(sha.dropFirst(2))")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        for length in [0, 1, 2, size / 2, size - 1] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            try truncate(path, to: length)
            let error = try #require(throws: GitReadError.self, "length \(length)") { try reader(sandbox).commit(sha) }
            #expect(error.code == .corrupt)
            #expect(error.path == path)
        }
        #expect(try !sandbox.gitStatus(["cat-file", "-p", sha], in: "repo"))
    }

    @Test func garbageLooseObjectIsCorrupt() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        let sha = try sandbox.git(["rev-parse", "HEAD"], in: "repo")
        let path = "repo/.git/objects/\(sha.prefix(2))/\(sha.dropFirst(2))"
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sandbox.path(path))
        try sandbox.write(path, "this is not zlib data at all")
        let error = try #require(throws: GitReadError.self) { try reader(sandbox).commit(sha) }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path(path))
    }

    @Test func garbagePackedRefsNamesFileAndLine() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 2)
        try sandbox.git(["gc", "-q"], in: "repo")
        var text = String(decoding: try sandbox.read("repo/.git/packed-refs"), as: UTF8.self)
        text += "this line is garbage\n"
        try sandbox.write("repo/.git/packed-refs", text)
        let error = try #require(throws: GitReadError.self) { try reader(sandbox).head() }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path("repo/.git/packed-refs"))
        let line = text.split(separator: "\n").count
        #expect(error.message.contains("line \(line)"))
        #expect(try !sandbox.gitStatus(["rev-parse", "HEAD"], in: "repo"))
    }

    @Test func truncatedPackIndexNamesItsFile() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 3)
        try sandbox.git(["gc", "-q"], in: "repo")
        let (_, index) = try packFiles(sandbox)
        let original = try Data(contentsOf: URL(fileURLWithPath: index))
        let head = try sandbox.git(["rev-parse", "HEAD"], in: "repo")
        for length in [0, 7, 500, 1031, 1100, original.count - 41, original.count - 1] {
            try original.prefix(length).write(to: URL(fileURLWithPath: index))
            let error = try #require(throws: GitReadError.self, "length \(length)") { try reader(sandbox).commit(head) }
            #expect(error.code == .corrupt, "length \(length)")
            #expect(error.path == index, "length \(length)")
        }
    }

    @Test func truncatedPackDataIsCorruptNotACrash() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 6)
        try sandbox.git(["repack", "-adf", "--depth=50"], in: "repo")
        let (pack, _) = try packFiles(sandbox)
        let objects = try sandbox.git(["rev-list", "--all", "--objects"], in: "repo").split(separator: "\n").map { String($0.prefix(40)) }
        let original = try Data(contentsOf: URL(fileURLWithPath: pack))
        for length in [original.count / 3, original.count / 2, original.count - 21] {
            try original.prefix(length).write(to: URL(fileURLWithPath: pack))
            let reader = try reader(sandbox)
            var failures = 0
            for sha in objects {
                do {
                    _ = try reader.blob(sha, maxBytes: 1 << 30)
                } catch {
                    if error.code != .unexpectedType {
                        #expect(error.code == .corrupt, "\(sha) at length \(length): \(error)")
                        #expect(error.path == pack)
                        failures += 1
                    }
                }
            }
            #expect(failures > 0, "length \(length)")
        }
    }

    @Test func flippedBytesInPackAndIndexNeverCrash() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 5)
        try sandbox.git(["repack", "-adf", "--depth=50"], in: "repo")
        let (pack, index) = try packFiles(sandbox)
        let objects = try sandbox.git(["rev-list", "--all", "--objects"], in: "repo").split(separator: "\n").map { String($0.prefix(40)) }
        let expected = try GitOracle(sandbox: sandbox, repo: "repo").blobs(objects)
        var failures = 0, reads = 0
        for file in [pack, index] {
            let original = try Data(contentsOf: URL(fileURLWithPath: file))
            for position in stride(from: 0, to: original.count, by: max(1, original.count / 60)) {
                var damaged = original
                damaged[position] ^= 0x5A
                try damaged.write(to: URL(fileURLWithPath: file))
                let reader = try reader(sandbox)
                for sha in objects {
                    reads += 1
                    // Like git, the reader does not re-hash objects, so a flip can go unnoticed;
                    // what matters here is that every outcome is a value or a GitReadError.
                    do {
                        _ = try reader.blob(sha, maxBytes: 1 << 30)
                    } catch {
                        failures += 1
                    }
                }
            }
            try original.write(to: URL(fileURLWithPath: file))
        }
        #expect(failures > 0)
        #expect(reads > failures)
        // With the files restored, a new reader reads every object as git does.
        let restored = try reader(sandbox)
        for sha in objects {
            do {
                #expect(try restored.blob(sha, maxBytes: 1 << 30) == expected[sha])
            } catch {
                #expect(error.code == .unexpectedType, "\(sha): \(error)")
            }
        }
    }

    @Test func headWithGarbageIsCorrupt() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        for content in ["garbage\n", "ref: not-under-refs\n", "ref: refs/heads/../../config\n", "0123456789abcdef\n"] {
            try sandbox.write("repo/.git/HEAD", content)
            let error = try #require(throws: GitReadError.self, "\(content)") { try reader(sandbox).head() }
            #expect(error.code == .corrupt, "\(content)")
            #expect(error.path == sandbox.path("repo/.git/HEAD"))
        }
    }

    @Test func headPointingAtGarbageRefNamesTheRefFile() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        try sandbox.write("repo/.git/refs/heads/main", "not a sha\n")
        let error = try #require(throws: GitReadError.self) { try reader(sandbox).head() }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path("repo/.git/refs/heads/main"))
    }

    @Test func headPointingAtMissingRefIsUnbornAsGitSeesIt() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 2)
        try sandbox.write("repo/.git/HEAD", "ref: refs/heads/vanished\n")
        let head = try reader(sandbox).head()
        #expect(head.branch == (try sandbox.git(["symbolic-ref", "--short", "HEAD"], in: "repo")))
        #expect(head.sha == nil)
        #expect(try !sandbox.gitStatus(["rev-parse", "--verify", "-q", "HEAD"], in: "repo"))
    }

    @Test func refToMissingObjectIsNotFound() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        let missing = String(repeating: "ab", count: 20)
        try sandbox.write("repo/.git/refs/heads/main", missing + "\n")
        let reader = try reader(sandbox)
        let head = try reader.head()
        #expect(head.sha == missing)
        let error = try #require(throws: GitReadError.self) { try reader.commit(missing) }
        #expect(error.code == .notFound)
        #expect(error.path == sandbox.path("repo/.git/objects"))
        #expect(error.message.contains(missing))
    }

    @Test func symbolicRefLoopHitsTheDepthLimit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        try sandbox.write("repo/.git/refs/heads/a", "ref: refs/heads/b\n")
        try sandbox.write("repo/.git/refs/heads/b", "ref: refs/heads/a\n")
        try sandbox.write("repo/.git/HEAD", "ref: refs/heads/a\n")
        let error = try #require(throws: GitReadError.self) { try reader(sandbox).head() }
        #expect(error.code == .limitExceeded)
    }

    @Test func missingAlternateIsSkippedLikeGit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 2)
        try sandbox.write("repo/.git/objects/info/alternates", "# comment\n/nonexistent/objects\n../../elsewhere/objects\n")
        let reader = try reader(sandbox)
        let head = try #require(try reader.head().sha)
        #expect(try sandbox.git(["rev-parse", "HEAD"], in: "repo") == head)
        try GitOracle(sandbox: sandbox, repo: "repo").expectCommit(reader, head)
    }
}
