import Foundation

/// `RepositoryContent` read straight from the object store by `GitRepositoryReader`:
/// no process per repository.
struct NativeGitContent: RepositoryContent {
    let reader: GitRepositoryReader
    let commit: String

    func listFiles(limit: Int) async throws -> [String] {
        var files: [String] = []
        var stack: [(prefix: String, tree: String)] = [("", try reader.commit(commit).tree)]
        var visitedTrees = 0
        while let (prefix, tree) = stack.popLast(), files.count < limit {
            visitedTrees += 1
            if visitedTrees > limit { break }
            for entry in try reader.tree(tree) {
                let path = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                switch entry.kind {
                case .tree: stack.append((path, entry.sha))
                case .blob, .executable, .symlink: files.append(path)
                case .submodule: continue
                }
                if files.count >= limit { break }
            }
        }
        return files.sorted()
    }

    func readFile(_ path: String, maxBytes: Int) async throws -> Data? {
        let result: Result<[UInt8]?, GitReadError> = Result { () throws(GitReadError) -> [UInt8]? in
            try reader.file(at: path, inCommit: commit, maxBytes: maxBytes)
        }
        switch result {
        case .success(let bytes): return bytes.map { Data($0) }
        case .failure(let error):
            if error.code == .tooLarge { return nil }
            throw error
        }
    }
}

extension GitInspector {
    /// The live inspector: reads `.git` files directly (refs, packed refs, loose and packed
    /// objects), and falls back to the git CLI for what the reader does not support
    /// (SHA-256 or reftable repositories) or cannot read.
    public static func live(git: GitCLI = GitCLI()) -> GitInspector {
        GitInspector(
            probe: { path in
                do {
                    guard let layout = try GitRepositoryLayout.detect(at: path) else { return .notRepository }
                    return .repository(bare: layout.isBare)
                } catch let error as GitReadError {
                    return .unreadable(reason: error.message)
                } catch {
                    return .unreadable(reason: "\(error)")
                }
            },
            head: { path in
                if let reader = try? nativeReader(path) {
                    do {
                        let head = try reader.head()
                        guard let sha = head.sha else { return RepositoryHeadInfo(branch: head.branch, sha: nil, committedAt: nil) }
                        let commit = try reader.commit(sha)
                        return RepositoryHeadInfo(branch: head.branch, sha: sha,
                                                  committedAt: Date(timeIntervalSince1970: TimeInterval(commit.committer.secondsSince1970)))
                    } catch let error as GitReadError where error.code == .unsupported {
                        // fall through to the CLI
                    }
                }
                return try await git.head(of: path)
            },
            content: { path, commit in
                if let reader = try? nativeReader(path) { return NativeGitContent(reader: reader, commit: commit) }
                return git.content(of: path, commit: commit)
            }
        )
    }

    /// A reader for `path` when the reader supports the repository's format.
    static func nativeReader(_ path: String) throws -> GitRepositoryReader? {
        guard let layout = try GitRepositoryLayout.detect(at: path) else { return nil }
        let reader = GitRepositoryReader(layout: layout)
        try reader.checkSupported()
        return reader
    }
}
