import Foundation
import InfinitySystem
import Testing

/// Expected values taken from the git command line, to compare the reader against.
struct GitOracle {
    let sandbox: GitSandbox
    let repo: String

    struct Commit: Equatable {
        var sha: String
        var tree: String
        var parents: [String]
        var authorSeconds: Int64
        var authorZone: String
        var committerSeconds: Int64
        var committerZone: String
        var message: String
    }

    struct TreeEntry: Equatable {
        var mode: String
        var sha: String
        var name: String
    }

    /// Every commit reachable from any ref.
    func allCommits() throws -> [String] {
        try sandbox.git(["rev-list", "--all"], in: repo).split(separator: "\n").map(String.init)
    }

    /// Every commit reachable from any ref (async form, for async tests).
    func allCommits() async throws -> [String] {
        try await sandbox.git(["rev-list", "--all"], in: repo).split(separator: "\n").map(String.init)
    }

    func commit(_ sha: String) throws -> Commit {
        // git has no placeholder for the zone alone: take it from the end of %ai / %ci.
        let fields = try sandbox.git(["log", "-1", "--format=%H%x00%T%x00%P%x00%at%x00%ai%x00%ct%x00%ci", sha], in: repo)
            .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        func zone(_ iso: String) -> String { String(iso.split(separator: " ").last ?? "") }
        let raw = try sandbox.gitBytes(["cat-file", "commit", sha], in: repo)
        var message = ""
        if let blank = (0..<max(0, raw.count - 1)).first(where: { raw[$0] == 10 && raw[$0 + 1] == 10 }) {
            message = String(decoding: raw[(blank + 2)...], as: UTF8.self)
        }
        return Commit(
            sha: fields[0], tree: fields[1], parents: fields[2].split(separator: " ").map(String.init),
            authorSeconds: Int64(fields[3]) ?? -1, authorZone: zone(fields[4]), committerSeconds: Int64(fields[5]) ?? -1,
            committerZone: zone(fields[6]), message: message)
    }

    /// `git ls-tree -z` of a tree-ish: mode, sha and exact name of each entry.
    func tree(_ treeish: String, recursive: Bool = false) throws -> [TreeEntry] {
        Self.treeEntries(try sandbox.gitBytes(["ls-tree", "-z"] + (recursive ? ["-r"] : []) + [treeish], in: repo))
    }

    /// `tree` for async tests.
    func tree(_ treeish: String, recursive: Bool = false) async throws -> [TreeEntry] {
        Self.treeEntries(try await sandbox.gitBytes(["ls-tree", "-z"] + (recursive ? ["-r"] : []) + [treeish], in: repo))
    }

    /// The entries of `git ls-tree -z` output.
    private static func treeEntries(_ output: [UInt8]) -> [TreeEntry] {
        output.split(separator: 0).map { record in
            let tab = record.firstIndex(of: 9)!
            let meta = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            return TreeEntry(mode: String(meta[0]), sha: String(meta[2]), name: String(decoding: record[(tab + 1)...], as: UTF8.self))
        }
    }

    /// Contents of blobs, fetched in one `git cat-file --batch`.
    func blobs(_ shas: [String]) throws -> [String: [UInt8]] {
        let unique = Array(Set(shas))
        let output = try sandbox.gitBytes(["cat-file", "--batch"], in: repo, input: Array((unique.joined(separator: "\n") + "\n").utf8))
        var result: [String: [UInt8]] = [:]
        var cursor = 0
        while cursor < output.count {
            let end = output[cursor...].firstIndex(of: 10)!
            let header = String(decoding: output[cursor..<end], as: UTF8.self).split(separator: " ")
            let size = Int(header[2])!
            result[String(header[0])] = Array(output[(end + 1)..<(end + 1 + size)])
            cursor = end + 1 + size + 1
        }
        return result
    }

    static func kind(forMode mode: String) -> GitTreeEntry.Kind? {
        switch mode {
        case "100644": .blob
        case "100755": .executable
        case "120000": .symlink
        case "040000": .tree
        case "160000": .submodule
        default: nil
        }
    }

    /// Checks every commit, every root tree and every file of every commit against git.
    func expectReaderMatchesEverything(_ reader: GitRepositoryReader) throws {
        let commits = try allCommits()
        #expect(!commits.isEmpty)
        for sha in commits {
            try expectCommit(reader, sha)
            let files = try tree(sha, recursive: true)
            let contents = try blobs(files.filter { $0.mode != "160000" }.map(\.sha))
            for file in files where file.mode != "160000" {
                let read = try reader.file(at: file.name, inCommit: sha, maxBytes: 64 << 20)
                #expect(read == contents[file.sha], "file \(file.name) in \(sha)")
            }
        }
    }

    /// Checks one commit and its root tree against git.
    func expectCommit(_ reader: GitRepositoryReader, _ sha: String) throws {
        let expected = try commit(sha)
        let actual = try reader.commit(sha)
        #expect(actual.sha == expected.sha)
        #expect(actual.tree == expected.tree)
        #expect(actual.parents == expected.parents)
        #expect(actual.author.secondsSince1970 == expected.authorSeconds)
        #expect(actual.author.gitOffset == expected.authorZone)
        #expect(actual.committer.secondsSince1970 == expected.committerSeconds)
        #expect(actual.committer.gitOffset == expected.committerZone)
        #expect(actual.message == expected.message)
        let entries = try reader.rootTree(ofCommit: sha)
        let gitEntries = try tree(sha)
        #expect(entries.map(\.name) == gitEntries.map(\.name))
        #expect(entries.map(\.sha) == gitEntries.map(\.sha))
        #expect(entries.map(\.kind) == gitEntries.map { Self.kind(forMode: $0.mode) })
    }
}
