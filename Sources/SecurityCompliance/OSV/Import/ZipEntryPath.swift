/// Validates zip entry paths before anything is written.
enum ZipEntryPath {
    /// The safe relative path components of `path`, or the reason it is unsafe.
    ///
    /// Rejected: absolute paths (`/x`, `\x`, `C:x`), any `..` component, NUL bytes, and
    /// paths with no name at all. `.` and empty components are dropped; `\` counts as `/`.
    static func safeComponents(_ path: String) -> Result<[String], UnsafePath> {
        if path.utf8.contains(0) { return .failure(UnsafePath(reason: "the path contains a NUL byte")) }
        if path.hasPrefix("/") || path.hasPrefix("\\") {
            return .failure(UnsafePath(reason: "the path is absolute"))
        }
        let components = path.split(omittingEmptySubsequences: true) { $0 == "/" || $0 == "\\" }.map(String.init)
        if let first = components.first, first.count == 2, first.hasSuffix(":"),
           first.first?.isLetter == true {
            return .failure(UnsafePath(reason: "the path starts with a drive letter"))
        }
        if components.contains("..") {
            return .failure(UnsafePath(reason: "the path climbs out of the target folder with '..'"))
        }
        let kept = components.filter { $0 != "." }
        guard !kept.isEmpty else { return .failure(UnsafePath(reason: "the path names nothing")) }
        return .success(kept)
    }

    struct UnsafePath: Error {
        let reason: String
    }
}
