/// Checks a repository's config for formats this reader does not implement.
enum GitRepositoryFormat {
    /// nil when the repository is readable; otherwise the `.unsupported` (or config) error.
    static func check(layout: GitRepositoryLayout, limits: GitReadLimits) -> GitReadError? {
        let path = GitPath.join(layout.commonDir, "config")
        let config: GitConfigFile
        do {
            config = try GitConfigFile.load(path, limits: limits)
        } catch {
            return error
        }
        let version = Int(config.value("core.repositoryformatversion") ?? "0") ?? -1
        guard version == 0 || version == 1 else {
            return GitReadError(
                code: .unsupported, path: path,
                message: "core.repositoryformatversion \(config.value("core.repositoryformatversion") ?? "?") is not supported; use the git command line")
        }
        if version == 1 {
            if let format = config.value("extensions.objectformat")?.lowercased(), format != "sha1" {
                return GitReadError(
                    code: .unsupported, path: path,
                    message: "object format \(format) (extensions.objectformat) is not supported; use the git command line")
            }
            if let storage = config.value("extensions.refstorage")?.lowercased(), storage != "files" {
                return GitReadError(
                    code: .unsupported, path: path,
                    message: "ref storage \(storage) (extensions.refstorage) is not supported; use the git command line")
            }
        }
        return nil
    }
}
