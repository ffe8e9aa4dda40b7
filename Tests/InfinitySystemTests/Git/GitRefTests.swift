import Foundation
import InfinitySystem
import Testing

@Suite("GitRepositoryReader refs")
struct GitRefTests {
    private func reader(_ sandbox: GitSandbox, _ repo: String) throws -> GitRepositoryReader {
        GitRepositoryReader(layout: try #require(try GitRepositoryLayout.detect(at: sandbox.path(repo))))
    }

    @Test func headNamesNonDefaultBranchAndItsCommit() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("repo", branch: "trunk/été-2024")
        try sandbox.write("repo/a.txt", "a\n")
        try sandbox.commitAll("repo", "first")
        let head = try reader(sandbox, "repo").head()
        #expect(head.branch == (try sandbox.git(["symbolic-ref", "--short", "HEAD"], in: "repo")))
        #expect(head.branch == "trunk/été-2024")
        #expect(head.sha == (try sandbox.git(["rev-parse", "HEAD"], in: "repo")))
    }

    @Test func detachedHeadHasNoBranch() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 3)
        try sandbox.git(["checkout", "-q", "--detach", "HEAD~1"], in: "repo")
        let head = try reader(sandbox, "repo").head()
        #expect(head.branch == nil)
        #expect(head.sha == (try sandbox.git(["rev-parse", "HEAD"], in: "repo")))
        #expect(try sandbox.git(["rev-parse", "--abbrev-ref", "HEAD"], in: "repo") == "HEAD")
    }

    @Test func unbornBranchHasBranchButNoCommit() throws {
        let sandbox = try GitSandbox()
        try sandbox.initRepository("fresh", branch: "develop")
        let head = try reader(sandbox, "fresh").head()
        #expect(head.branch == (try sandbox.git(["symbolic-ref", "--short", "HEAD"], in: "fresh")))
        #expect(head.sha == nil)
        #expect(try !sandbox.gitStatus(["rev-parse", "--verify", "-q", "HEAD"], in: "fresh"))
    }

    @Test func packedRefsOnlyWithPeeledTagResolveLikeGit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 4)
        try sandbox.git(["branch", "feature/x", "HEAD~2"], in: "repo")
        try sandbox.git(["tag", "-a", "-m", "release one", "v1.0", "HEAD~1"], in: "repo")
        try sandbox.git(["tag", "lightweight", "HEAD~3"], in: "repo")
        try sandbox.git(["gc", "-q"], in: "repo")
        // After gc every ref lives in packed-refs only, with a `^` line for the annotated tag.
        let looseRefs = try sandbox.git(["for-each-ref", "--format=%(refname)"], in: "repo").split(separator: "\n")
        for ref in looseRefs { #expect(!FileManager.default.fileExists(atPath: sandbox.path("repo/.git/\(ref)"))) }
        let packed = String(decoding: try sandbox.read("repo/.git/packed-refs"), as: UTF8.self)
        #expect(packed.contains("\n^"))

        let reader = try reader(sandbox, "repo")
        let listing = try sandbox.git(["for-each-ref", "--format=%(refname) %(objectname)"], in: "repo")
        for line in listing.split(separator: "\n") {
            let parts = line.split(separator: " ")
            #expect(try reader.resolve(ref: String(parts[0])) == String(parts[1]), "\(parts[0])")
        }
        #expect(try reader.head().sha == (try sandbox.git(["rev-parse", "HEAD"], in: "repo")))
        let tagObject = try #require(try reader.resolve(ref: "v1.0"))
        #expect(tagObject == (try sandbox.git(["rev-parse", "v1.0"], in: "repo")))
        #expect(try reader.commit(tagObject).sha == (try sandbox.git(["rev-parse", "v1.0^{commit}"], in: "repo")))
    }

    @Test func shortNamesResolveInGitOrder() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("origin", commits: 3)
        try sandbox.git(["clone", "-q", "origin", "clone"])
        try sandbox.git(["tag", "shared", "HEAD~2"], in: "clone")
        try sandbox.git(["branch", "shared", "HEAD~1"], in: "clone")  // a tag wins over a branch
        let reader = try reader(sandbox, "clone")
        for name in ["HEAD", "main", "shared", "origin/main", "origin", "refs/heads/main", "heads/shared", "tags/shared"] {
            let expected = try sandbox.git(["rev-parse", "--verify", "-q", name], in: "clone")
            #expect(try reader.resolve(ref: name) == expected, "\(name)")
        }
        #expect(try reader.resolve(ref: "no-such-branch") == nil)
        #expect(try reader.resolve(ref: "refs/heads/no-such-branch") == nil)
        #expect(throws: GitReadError.self) { try reader.resolve(ref: "../../etc/passwd") }
    }

    @Test func looseRefWinsOverPackedRef() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 3)
        try sandbox.git(["pack-refs", "--all"], in: "repo")
        try sandbox.git(["update-ref", "refs/heads/main", "HEAD~2"], in: "repo")
        let reader = try reader(sandbox, "repo")
        let expected = try sandbox.git(["rev-parse", "refs/heads/main"], in: "repo")
        #expect(try reader.resolve(ref: "refs/heads/main") == expected)
        #expect(try reader.head().sha == expected)
    }

    @Test func linkedWorktreeHasItsOwnHead() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("main-repo", commits: 3)
        try sandbox.git(["worktree", "add", "-q", "-b", "side", "../linked", "HEAD~1"], in: "main-repo")
        try sandbox.write("linked/side.txt", "side\n")
        try sandbox.commitAll("linked", "side commit")
        let linked = try reader(sandbox, "linked")
        let head = try linked.head()
        #expect(head.branch == "side")
        #expect(head.sha == (try sandbox.git(["rev-parse", "HEAD"], in: "linked")))
        #expect(try reader(sandbox, "main-repo").head().sha == (try sandbox.git(["rev-parse", "HEAD"], in: "main-repo")))
        try GitOracle(sandbox: sandbox, repo: "linked").expectCommit(linked, try #require(head.sha))
    }

    @Test func pseudoRefsWithTrailingDataResolveLikeGit() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("origin", commits: 2)
        try sandbox.git(["clone", "-q", "origin", "clone"])
        try sandbox.git(["fetch", "-q", "origin"], in: "clone")
        let fetchHead = String(decoding: try sandbox.read("clone/.git/FETCH_HEAD"), as: UTF8.self)
        #expect(fetchHead.contains("\t"))
        let reader = try reader(sandbox, "clone")
        #expect(try reader.resolve(ref: "FETCH_HEAD") == (try sandbox.git(["rev-parse", "FETCH_HEAD"], in: "clone")))
    }

    @Test func symbolicRefChainIsFollowed() throws {
        let sandbox = try GitSandbox()
        try sandbox.makeHistory("repo", commits: 1)
        try sandbox.git(["symbolic-ref", "refs/heads/alias", "refs/heads/main"], in: "repo")
        try sandbox.git(["symbolic-ref", "HEAD", "refs/heads/alias"], in: "repo")
        let head = try reader(sandbox, "repo").head()
        #expect(head.branch == "alias")
        #expect(head.sha == (try sandbox.git(["rev-parse", "HEAD"], in: "repo")))
    }
}
