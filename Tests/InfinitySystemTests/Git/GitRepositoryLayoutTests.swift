import Foundation
import InfinitySystem
import Testing

@Suite("GitRepositoryLayout.detect")
struct GitRepositoryLayoutTests {
    @Test func detectsWorkTreeWithGitDirectory() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("repo")))
        #expect(layout.gitDir == sandbox.path("repo/.git"))
        #expect(layout.commonDir == layout.gitDir)
        #expect(layout.workTree == sandbox.path("repo"))
        #expect(!layout.isBare)
        // Trailing slashes and `.` components do not matter.
        #expect(try GitRepositoryLayout.detect(at: sandbox.path("repo/./")) == layout)
    }

    @Test func detectsBareClone() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("origin", commits: 2)
        try sandbox.git(["clone", "-q", "--bare", "origin", "bare.git"])
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("bare.git")))
        #expect(layout.isBare)
        #expect(layout.gitDir == sandbox.path("bare.git"))
        #expect(layout.commonDir == sandbox.path("bare.git"))
        #expect(try sandbox.git(["rev-parse", "--is-bare-repository"], in: "bare.git") == "true")
    }

    @Test func dotGitDirectoryOpenedDirectlyKeepsItsWorkTree() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("repo/.git")))
        #expect(layout.workTree == sandbox.path("repo"))
        #expect(layout.gitDir == sandbox.path("repo/.git"))
    }

    @Test func detectsLinkedWorktreeThroughCommondir() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("main-repo", commits: 2)
        try sandbox.git(["worktree", "add", "-q", "-b", "feature", "../linked"], in: "main-repo")
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("linked")))
        let gitDir = try sandbox.git(["rev-parse", "--absolute-git-dir"], in: "linked")
        let commonDir = try sandbox.git(["rev-parse", "--path-format=absolute", "--git-common-dir"], in: "linked")
        #expect(layout.gitDir == gitDir)
        #expect(layout.commonDir == commonDir)
        #expect(layout.gitDir != layout.commonDir)
        #expect(layout.workTree == sandbox.path("linked"))
    }

    @Test func detectsSeparateGitDirFile() throws {
        let sandbox = try GitSandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("store"), withIntermediateDirectories: true)
        try sandbox.git(["init", "-q", "--separate-git-dir", sandbox.path("store/repo.git"), "work"])
        let dotGit = try sandbox.read("work/.git")
        #expect(String(decoding: dotGit, as: UTF8.self).hasPrefix("gitdir: "))
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("work")))
        #expect(layout.gitDir == sandbox.path("store/repo.git"))
        #expect(layout.commonDir == layout.gitDir)
        #expect(layout.workTree == sandbox.path("work"))
    }

    @Test func followsRelativeGitdirInDotGitFile() throws {
        let sandbox = try GitSandbox()
        try FileManager.default.createDirectory(atPath: sandbox.path("store"), withIntermediateDirectories: true)
        try sandbox.git(["init", "-q", "--separate-git-dir", sandbox.path("store/repo.git"), "work"])
        try sandbox.write("work/.git", "gitdir: ../store/repo.git\n")
        #expect(try sandbox.git(["rev-parse", "--absolute-git-dir"], in: "work") == sandbox.path("store/repo.git"))
        let layout = try #require(try GitRepositoryLayout.detect(at: sandbox.path("work")))
        #expect(layout.gitDir == sandbox.path("store/repo.git"))
    }

    @Test func returnsNilForPlainAndMissingFolders() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("plain/readme.txt", "not a repository")
        #expect(try GitRepositoryLayout.detect(at: sandbox.path("plain")) == nil)
        #expect(try GitRepositoryLayout.detect(at: sandbox.path("missing")) == nil)
        #expect(try GitRepositoryLayout.detect(at: sandbox.path("plain/readme.txt")) == nil)
    }

    @Test func throwsForDotGitFileWithoutGitdirLine() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("broken/.git", "this is not a gitdir line\n")
        let error = try #require(throws: GitReadError.self) { try GitRepositoryLayout.detect(at: sandbox.path("broken")) }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path("broken/.git"))
    }

    @Test func throwsForDotGitFilePointingNowhere() throws {
        let sandbox = try GitSandbox()
        try sandbox.write("moved/.git", "gitdir: /nonexistent/place/.git\n")
        let error = try #require(throws: GitReadError.self) { try GitRepositoryLayout.detect(at: sandbox.path("moved")) }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path("moved/.git"))
        #expect(error.message.contains("/nonexistent/place/.git"))
    }

    @Test func throwsForDotGitDirectoryWithoutHead() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo")
        try FileManager.default.removeItem(atPath: sandbox.path("repo/.git/HEAD"))
        let error = try #require(throws: GitReadError.self) { try GitRepositoryLayout.detect(at: sandbox.path("repo")) }
        #expect(error.code == .corrupt)
        #expect(error.path == sandbox.path("repo/.git/HEAD"))
    }

    @Test func throwsForWorktreeWhoseCommondirIsGone() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("main-repo", commits: 1)
        try sandbox.git(["worktree", "add", "-q", "-b", "feature", "../linked"], in: "main-repo")
        let gitDir = try sandbox.git(["rev-parse", "--absolute-git-dir"], in: "linked")
        try Data("../../../nowhere\n".utf8).write(to: URL(fileURLWithPath: gitDir + "/commondir"))
        let error = try #require(throws: GitReadError.self) { try GitRepositoryLayout.detect(at: sandbox.path("linked")) }
        #expect(error.code == .corrupt)
        #expect(error.path == gitDir + "/commondir")
    }
}
