/// Resolves `objects/info/alternates` chains into a list of objects directories.
enum GitAlternates {
    /// `objectsDirectory` followed by every alternate it (transitively) names, without repeats.
    ///
    /// Relative entries are relative to the objects directory holding the file, as in git.
    /// Alternates that do not exist are skipped, as git does (with a warning).
    static func resolve(from objectsDirectory: String, limits: GitReadLimits) throws(GitReadError) -> [String] {
        var result = [objectsDirectory]
        var seen: Set<String> = [GitPath.normalize(objectsDirectory)]
        var frontier = [objectsDirectory]
        var depth = 0
        while !frontier.isEmpty {
            var next: [String] = []
            for directory in frontier {
                let file = directory + "/info/alternates"
                guard let bytes = try GitFileSystem.readFile(file, maxBytes: limits.maxMetadataFileBytes) else { continue }
                guard depth < limits.maxAlternatesDepth else {
                    throw GitReadError(
                        code: .limitExceeded, path: file,
                        message: "alternates nest deeper than \(limits.maxAlternatesDepth) levels; flatten them or use git")
                }
                for line in bytes.split(separator: UInt8(ascii: "\n")) {
                    var entry = String(decoding: line, as: UTF8.self)
                    if entry.hasSuffix("\r") { entry.removeLast() }
                    if entry.isEmpty || entry.hasPrefix("#") { continue }
                    if entry.hasPrefix("\"") {
                        guard let unquoted = GitPath.unquoteC(entry) else {
                            throw GitReadError.corrupt(file, "alternates entry \(entry) has bad quoting")
                        }
                        entry = unquoted
                    }
                    let path = GitPath.normalize(GitPath.join(directory, entry))
                    guard GitFileSystem.kind(path) == .directory, seen.insert(path).inserted else { continue }
                    result.append(path)
                    next.append(path)
                }
            }
            frontier = next
            depth += 1
        }
        return result
    }
}
