import Foundation
/// Small pure helpers for slash-separated paths.
public enum Paths {
    /// Joins path components with single slashes.
    public static func join(_ parts: String...) -> String { join(parts) }

    public static func join(_ parts: [String]) -> String {
        var out = ""
        for p in parts where !p.isEmpty {
            if out.isEmpty { out = p; continue }
            if p.hasPrefix("/") { out = p; continue }
            out += out.hasSuffix("/") ? p : "/" + p
        }
        return out
    }

    /// Removes `.` and resolves `..` lexically; keeps a leading slash.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var stack: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = stack.last, last != ".." { stack.removeLast() } else if !absolute { stack.append(part) }
                continue
            }
            stack.append(part)
        }
        let body = stack.joined(separator: "/")
        return absolute ? "/" + body : (body.isEmpty ? "." : body)
    }

    /// Whether `path` is `root` or inside it (both absolute and normalized).
    public static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The last component.
    public static func basename(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// Everything before the last component.
    public static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }
}
