import Foundation

/// Helpers for repository URLs: credential stripping and a normal form for matching.
public enum RepositoryURL {
    /// Whether `text` looks like a remote git URL rather than a local path.
    public static func isRemote(_ text: String) -> Bool {
        if text.contains("://") { return true }
        // scp-like `git@host:org/repo`
        if let colon = text.firstIndex(of: ":"), let at = text.firstIndex(of: "@"), at < colon, !text.hasPrefix("/") { return true }
        return false
    }

    /// The URL without any `user:password@` part, so tokens never reach manifests or logs.
    public static func stripCredentials(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<hostEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + String(authority[authority.index(after: at)...]) + String(rest[hostEnd...])
    }

    /// Whether the URL carries credentials.
    public static func hasCredentials(_ url: String) -> Bool { stripCredentials(url) != url }

    /// A normal form for comparing repository URLs: `host/path`, lowercased, without scheme,
    /// credentials, `.git` or trailing slashes. `git@github.com:Org/Repo.git` and
    /// `https://github.com/org/repo` both become `github.com/org/repo`.
    public static func normalize(_ url: String) -> String {
        var s = stripCredentials(url.trimmingCharacters(in: .whitespaces))
        for prefix in ["git+", "github:"] where s.hasPrefix(prefix) {
            s = prefix == "github:" ? "github.com/" + s.dropFirst(prefix.count) : String(s.dropFirst(prefix.count))
        }
        if let r = s.range(of: "://") {
            s = String(s[r.upperBound...])
            if let at = s.firstIndex(of: "@"), let slash = s.firstIndex(of: "/"), at < slash { s = String(s[s.index(after: at)...]) }
        } else if let at = s.firstIndex(of: "@"), let colon = s.firstIndex(of: ":"), at < colon {
            s = String(s[s.index(after: at)...]).replacingFirst(":", with: "/")
        }
        if let hash = s.firstIndex(of: "#") { s = String(s[..<hash]) }
        while s.hasSuffix("/") { s.removeLast() }
        if s.hasSuffix(".git") { s.removeLast(4) }
        // drop an explicit port
        if let slash = s.firstIndex(of: "/"), let colon = s[..<slash].firstIndex(of: ":") {
            s = String(s[..<colon]) + String(s[slash...])
        }
        return s.lowercased()
    }

    /// The repository name a URL or path points at: its last component without `.git`.
    public static func repositoryName(_ urlOrPath: String) -> String {
        var s = stripCredentials(urlOrPath)
        while s.hasSuffix("/") { s.removeLast() }
        var last = String(s.split(whereSeparator: { $0 == "/" || $0 == ":" }).last ?? Substring(s))
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
