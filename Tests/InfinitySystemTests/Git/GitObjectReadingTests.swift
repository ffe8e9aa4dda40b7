import Foundation
import InfinitySystem
import Testing

@Suite("GitRepositoryReader objects")
struct GitObjectReadingTests {
    private func reader(_ sandbox: GitSandbox, _ repo: String, limits: GitReadLimits = .default) throws -> GitRepositoryReader {
        GitRepositoryReader(layout: try #require(try GitRepositoryLayout.detect(at: sandbox.path(repo))), limits: limits)
    }

    /// Largest delta depth `git verify-pack -v` reports for the repository's packs.
    private func maxDeltaDepth(_ sandbox: GitSandbox, _ repo: String, gitDir: String = ".git") throws -> Int {
        let packDirectory = sandbox.path("\(repo)/\(gitDir)/objects/pack")
        var deepest = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: packDirectory) where name.hasSuffix(".idx") {
            let report = try sandbox.git(["verify-pack", "-v", packDirectory + "/" + name], in: repo)
            for line in report.split(separator: "\n") where line.hasPrefix("chain length = ") {
                let depth = Int(line.dropFirst("chain length = ".count).prefix(while: \.isNumber)) ?? 0
                deepest = max(deepest, depth)
            }
        }
        return deepest
    }

    @Test func readsLooseObjectsLikeGit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 6)
        #expect(try sandbox.git(["count-objects", "-v"], in: "repo").contains("packs: 0"))
        try GitOracle(sandbox: sandbox, repo: "repo").expectReaderMatchesEverything(try reader(sandbox, "repo"))
    }

    @Test func readsPacksAfterGc() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 8)
        try sandbox.git(["gc", "-q"], in: "repo")
        #expect(try sandbox.git(["count-objects", "-v"], in: "repo").contains("count: 0"))
        try GitOracle(sandbox: sandbox, repo: "repo").expectReaderMatchesEverything(try reader(sandbox, "repo"))
    }

    @Test func resolvesDeepOffsetDeltaChainsAfterAggressiveRepack() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 30)
        try sandbox.git(["repack", "-adf", "--depth=50", "--window=50"], in: "repo")
        let depth = try maxDeltaDepth(sandbox, "repo")
        #expect(depth >= 5, "the fixture should produce real delta chains")
        try GitOracle(sandbox: sandbox, repo: "repo").expectReaderMatchesEverything(try reader(sandbox, "repo"))
    }

    @Test func resolvesReferenceDeltas() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 10)
        try sandbox.git(["-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "--depth=50"], in: "repo")
        #expect(try maxDeltaDepth(sandbox, "repo") >= 2)
        try GitOracle(sandbox: sandbox, repo: "repo").expectReaderMatchesEverything(try reader(sandbox, "repo"))
    }

    @Test func deltaChainLongerThanLimitIsRefusedExactlyWhereGitReportsIt() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 20)
        try sandbox.git(["repack", "-adf", "--depth=50", "--window=50"], in: "repo")
        let limit = 3
        let strict = try reader(sandbox, "repo", limits: GitReadLimits(maxDeltaChainDepth: limit))
        let packDirectory = sandbox.path("repo/.git/objects/pack")
        let index = try #require(try FileManager.default.contentsOfDirectory(atPath: packDirectory).first { $0.hasSuffix(".idx") })
        // verify-pack -v: "sha type size size-in-pack offset [depth base-sha]".
        var refused = 0, accepted = 0
        for line in try sandbox.git(["verify-pack", "-v", packDirectory + "/" + index], in: "repo").split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[0].count == 40, fields[1] == "blob" || fields[1] == "tree" else { continue }
            let depth = fields.count >= 7 ? Int(fields[5]) ?? 0 : 0
            do {
                if fields[1] == "blob" { _ = try strict.blob(String(fields[0]), maxBytes: 1 << 30) } else { _ = try strict.tree(String(fields[0])) }
                #expect(depth <= limit, "\(fields[0]) has depth \(depth)")
                accepted += 1
            } catch {
                #expect(error.code == .limitExceeded)
                #expect(depth > limit, "\(fields[0]) has depth \(depth)")
                refused += 1
            }
        }
        #expect(refused > 0)
        #expect(accepted > 0)
    }

    @Test(arguments: ["1", "2,64"])
    func readsIndexVersionsAndLargeOffsetTables(indexVersion: String) throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 6)
        try sandbox.git(["repack", "-adq"], in: "repo")
        // Rewrite the index: version 1, or version 2 with every offset above 64 in the 64-bit table.
        let packDirectory = sandbox.path("repo/.git/objects/pack")
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: packDirectory).first { $0.hasSuffix(".pack") })
        let stem = String(pack.dropLast(5))
        try FileManager.default.removeItem(atPath: "\(packDirectory)/\(stem).idx")
        try sandbox.git(["index-pack", "--index-version=\(indexVersion)", "-o", "\(packDirectory)/\(stem).idx", "\(packDirectory)/\(pack)"], in: "repo")
        let header = try sandbox.read("repo/.git/objects/pack/\(stem).idx").prefix(4)
        #expect((header == [0xFF, 0x74, 0x4F, 0x63]) == (indexVersion != "1"))
        try GitOracle(sandbox: sandbox, repo: "repo").expectReaderMatchesEverything(try reader(sandbox, "repo"))
    }

    @Test func readsBareClone() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("origin", commits: 5)
        try sandbox.git(["clone", "-q", "--bare", "origin", "bare.git"])
        let reader = try reader(sandbox, "bare.git")
        #expect(try reader.head() == GitHead(branch: "main", sha: try sandbox.git(["rev-parse", "HEAD"], in: "bare.git")))
        try GitOracle(sandbox: sandbox, repo: "bare.git").expectReaderMatchesEverything(reader)
    }

    @Test func readsObjectsThroughAlternates() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("origin", commits: 5)
        try sandbox.git(["gc", "-q"], in: "origin")
        try sandbox.git(["clone", "-q", "--shared", "origin", "shared"])
        #expect(FileManager.default.fileExists(atPath: sandbox.path("shared/.git/objects/info/alternates")))
        try sandbox.write("shared/local.txt", "only in the clone\n")
        try sandbox.commitAll("shared", "local commit", date: "1700500000 +0200")
        let reader = try reader(sandbox, "shared")
        try GitOracle(sandbox: sandbox, repo: "shared").expectReaderMatchesEverything(reader)
    }

    @Test func readsThroughSeparateGitDir() throws {
        let sandbox = try GitSandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("store"), withIntermediateDirectories: true)
        try sandbox.git(["init", "-q", "-b", "main", "--separate-git-dir", sandbox.path("store/x.git"), "work"])
        try sandbox.write("work/file.txt", "content\n")
        try sandbox.commitAll("work", "c1", date: "1700000000 -0330")
        let reader = try reader(sandbox, "work")
        #expect(try reader.head().sha == (try sandbox.git(["rev-parse", "HEAD"], in: "work")))
        try GitOracle(sandbox: sandbox, repo: "work").expectReaderMatchesEverything(reader)
    }

    @Test func commitTimesAndZonesMatchGitLog() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        let reader = try reader(sandbox, "repo")
        for date in ["1700000000 +0000", "1234567890 -0800", "1600000000 +0530", "1500000000 +1400", "1000000000 -1100", "315532800 +0100"] {
            try sandbox.commitAll("repo", "at \(date)", date: date)
            let expected = try sandbox.git(["log", "-1", "--format=%ct %ci"], in: "repo").split(separator: " ")
            let commit = try reader.commit(try #require(try reader.head().sha))
            #expect(String(commit.committer.secondsSince1970) == expected[0])
            #expect(commit.committer.gitOffset == expected.last.map(String.init))
            #expect(commit.author == commit.committer)
        }
    }

    @Test func unusualNamesAndEntryKindsMatchLsTree() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        let names = ["with space.txt", "quote\"d 'name'.md", "new\nline", "naïve-日本語.swift", "tab\there", "back\\slash"]
        for name in names { try sandbox.write("repo/dir with space/\(name)", "content of \(name)\n") }
        try sandbox.write("repo/empty", "")
        try sandbox.write("repo/run.sh", "#!/bin/sh\necho hi\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.path("repo/run.sh"))
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("repo/link"), withDestinationPath: "dir with space/with space.txt")
        try sandbox.git(["add", "-A"], in: "repo")
        try sandbox.git(["commit", "-q", "-m", "names"], in: "repo")
        // A gitlink (submodule entry) without cloning anything.
        let head = try sandbox.git(["rev-parse", "HEAD"], in: "repo")
        try sandbox.git(["update-index", "--add", "--cacheinfo", "160000,\(head),vendor/sub"], in: "repo")
        try sandbox.git(["commit", "-q", "-m", "submodule"], in: "repo")
        try sandbox.git(["repack", "-adq"], in: "repo")

        let reader = try reader(sandbox, "repo")
        let oracle = GitOracle(sandbox: sandbox, repo: "repo")
        try oracle.expectReaderMatchesEverything(reader)
        let commit = try #require(try reader.head().sha)
        let nested = try reader.tree(try #require(try reader.rootTree(ofCommit: commit).first { $0.name == "dir with space" }?.sha))
        #expect(nested.map(\.name) == (try oracle.tree("HEAD:dir with space").map(\.name)))
        #expect(Set(nested.map(\.name)) == Set(names))
        let kinds = Dictionary(uniqueKeysWithValues: try reader.rootTree(ofCommit: commit).map { ($0.name, $0.kind) })
        #expect(kinds["run.sh"] == .executable)
        #expect(kinds["link"] == .symlink)
        #expect(kinds["vendor"] == .tree)
        #expect(try reader.tree(try #require(try reader.rootTree(ofCommit: commit).first { $0.name == "vendor" }?.sha)).first?.kind == .submodule)
        #expect(try reader.file(at: "link", inCommit: commit) == Array("dir with space/with space.txt".utf8))
        #expect(try reader.file(at: "dir with space/new\nline", inCommit: commit) == Array("content of new\nline\n".utf8))
    }

    @Test func fileLookupHandlesMissingDirectoriesAndSizeLimit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 3)
        try sandbox.git(["gc", "-q"], in: "repo")
        let reader = try reader(sandbox, "repo")
        let commit = try #require(try reader.head().sha)
        #expect(try reader.file(at: "Package.swift", inCommit: commit) == (try sandbox.gitBytes(["show", "HEAD:Package.swift"], in: "repo")))
        #expect(try reader.file(at: "src/module/code.swift", inCommit: commit) == (try sandbox.gitBytes(["show", "HEAD:src/module/code.swift"], in: "repo")))
        #expect(try reader.file(at: "nope.txt", inCommit: commit) == nil)
        #expect(try reader.file(at: "src/nope/code.swift", inCommit: commit) == nil)
        #expect(try reader.file(at: "big.txt/inside", inCommit: commit) == nil)
        #expect(try reader.file(at: "src/module", inCommit: commit) == nil)
        let size = try #require(Int(try sandbox.git(["cat-file", "-s", "HEAD:big.txt"], in: "repo")))
        #expect(try reader.file(at: "big.txt", inCommit: commit, maxBytes: size)?.count == size)
        let error = try #require(throws: GitReadError.self) { try reader.file(at: "big.txt", inCommit: commit, maxBytes: size - 1) }
        #expect(error.code == .tooLarge)
        #expect(throws: GitReadError.self) { try reader.file(at: "../etc/passwd", inCommit: commit) }
    }

    @Test func largeBlobsStreamAcrossManyChunksLooseAndPacked() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        // 3 MiB of pseudo-random (incompressible) bytes, then a variant that shares most of them.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var data = [UInt8](repeating: 0, count: 3 << 20)
        for index in data.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            data[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try sandbox.write("repo/blob.bin", bytes: data)
        try sandbox.commitAll("repo", "large")
        data.replaceSubrange(1_000_000..<1_000_100, with: [UInt8](repeating: 7, count: 300))
        try sandbox.write("repo/blob.bin", bytes: data)
        try sandbox.commitAll("repo", "large, changed", date: "1700001000 +0000")
        let oracle = GitOracle(sandbox: sandbox, repo: "repo")
        try oracle.expectReaderMatchesEverything(try reader(sandbox, "repo"))
        try sandbox.git(["repack", "-adf", "--depth=50"], in: "repo")
        #expect(try maxDeltaDepth(sandbox, "repo") >= 1)
        let reader = try reader(sandbox, "repo")
        try oracle.expectReaderMatchesEverything(reader)
        let head = try #require(try reader.head().sha)
        let error = try #require(throws: GitReadError.self) { try reader.file(at: "blob.bin", inCommit: head) }
        #expect(error.code == .tooLarge)
        #expect(try reader.file(at: "blob.bin", inCommit: head, maxBytes: 4 << 20) == data)
    }

    @Test func wrongObjectTypesAndBadShasAreReported() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        let reader = try reader(sandbox, "repo")
        let tree = try sandbox.git(["rev-parse", "HEAD^{tree}"], in: "repo")
        #expect(throws: GitReadError.self) { try reader.commit(tree) }
        let commit = try sandbox.git(["rev-parse", "HEAD"], in: "repo")
        let typeError = try #require(throws: GitReadError.self) { try reader.tree(commit) }
        #expect(typeError.code == .unexpectedType)
        let badSha = try #require(throws: GitReadError.self) { try reader.commit("abc123") }
        #expect(badSha.code == .invalidArgument)
        let missing = try #require(throws: GitReadError.self) { try reader.commit(String(repeating: "0", count: 40)) }
        #expect(missing.code == .notFound)
    }

    @Test func sharedReaderIsSafeAcrossConcurrentTasks() async throws {
        let sandbox = try GitSandbox()
        try await sandbox.makeHistory("repo", commits: 10)
        try await sandbox.git(["repack", "-adf", "--depth=50"], in: "repo")
        let reader = try reader(sandbox, "repo")
        let oracle = GitOracle(sandbox: sandbox, repo: "repo")
        let commits = try await oracle.allCommits()
        var expected: [[String]] = []
        for commit in commits { expected.append(try await oracle.tree(commit).map(\.sha)) }
        let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for round in 0..<4 {
                for (index, sha) in commits.enumerated() {
                    group.addTask {
                        _ = round
                        return (index, try reader.rootTree(ofCommit: sha).map(\.sha))
                    }
                }
            }
            var collected: [(Int, [String])] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == commits.count * 4)
        for (index, shas) in results { #expect(shas == expected[index]) }
    }

    @Test func sha256RepositoryIsUnsupported() throws {
        let sandbox = try GitSandbox()
        try sandbox.git(["init", "-q", "--object-format=sha256", "repo"])
        try sandbox.write("repo/a.txt", "a\n")
        try sandbox.commitAll("repo", "first")
        let reader = try reader(sandbox, "repo")
        let error = try #require(throws: GitReadError.self) { try reader.head() }
        #expect(error.code == .unsupported)
        #expect(error.path == sandbox.path("repo/.git/config"))
        #expect(error.message.contains("sha256"))
    }

    @Test func reftableRepositoryIsUnsupported() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        try sandbox.git(["config", "core.repositoryformatversion", "1"], in: "repo")
        try sandbox.git(["config", "extensions.refStorage", "reftable"], in: "repo")
        let error = try #require(throws: GitReadError.self) { try reader(sandbox, "repo").resolve(ref: "HEAD") }
        #expect(error.code == .unsupported)
    }
}
