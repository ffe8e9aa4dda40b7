import Foundation

/// Finds the git commit in a resolved URL of a JavaScript dependency.
///
/// It recognises the shapes npm, yarn and pnpm write: `git+ssh://…#<sha>`,
/// `https://…/repo.git#<sha>`, `github:owner/repo#<sha>`, `…#commit=<sha>`,
/// `https://codeload.github.com/o/r/tar.gz/<sha>`, and GitHub/GitLab/Bitbucket URLs whose
/// fragment or `ref` query is the commit. Written as plain string checks, not regular
/// expressions, so it stays linear on long inputs.
enum GitCommitExtractor {
    /// The commit named by `resolution`, or an empty string.
    static func commit(from resolution: String) -> String {
        if let hash = resolution.lastIndex(of: "#") {
            let prefix = resolution[..<hash]
            let fragment = resolution[resolution.index(after: hash)...]
            if isWord(fragment) {
                let gitSchemes = ["git://", "git+ssh://", "git+https://", "ssh://"]
                if gitSchemes.contains(where: { startsWithScheme(prefix, $0, minimumTail: 1) }) {
                    return String(fragment)
                }
                if prefix.hasSuffix(".git"), startsWithScheme(prefix, "https://", minimumTail: 5) {
                    return String(fragment)
                }
            }
            if let commit = codeloadCommit(resolution) { return commit }
            for marker in ["commit:", "commit="] where fragment.hasPrefix(marker) && !prefix.isEmpty {
                let commit = fragment.dropFirst(marker.count)
                if isWord(commit) { return String(commit) }
            }
            if isWord(fragment) {
                for host in ["github:", "gitlab:", "bitbucket:"]
                where prefix.hasPrefix(host) && prefix.count > host.count {
                    return String(fragment)
                }
            }
        } else if let commit = codeloadCommit(resolution) {
            return commit
        }
        return commitFromHostedURL(resolution)
    }

    /// `https://codeload.github.com/<owner>/<repo>/tar.gz/<sha>` at the end of `text`.
    static func codeloadCommit(_ text: String) -> String? {
        let marker = "https://codeload.github.com"
        guard containsBytes(text, marker) else { return nil }
        var searchStart = text.startIndex
        while let range = text.range(of: marker, range: searchStart..<text.endIndex) {
            let parts = text[range.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 5, parts[0].isEmpty, isNameSegment(parts[1]), isNameSegment(parts[2]),
                parts[3] == "tar.gz", isWord(parts[4])
            {
                return String(parts[4])
            }
            searchStart = range.upperBound
        }
        return nil
    }

    private static func commitFromHostedURL(_ text: String) -> String {
        // Cheap pre-check: most resolved URLs are registry tarballs and need no URL parsing.
        guard
            containsBytes(text, "github.com") || containsBytes(text, "gitlab.com")
                || containsBytes(text, "bitbucket.org")
        else {
            return ""
        }
        guard let components = URLComponents(string: text),
            let host = components.host, ["bitbucket.org", "github.com", "gitlab.com"].contains(host)
        else { return "" }
        if (components.percentEncodedQuery ?? "").isEmpty {
            return components.fragment ?? ""
        }
        return components.queryItems?.first { $0.name == "ref" }?.value ?? ""
    }

    /// True when `prefix` starts with `scheme`, or has `<something>@` right before it, with at
    /// least `minimumTail` characters after the scheme.
    private static func startsWithScheme(_ prefix: Substring, _ scheme: String, minimumTail: Int) -> Bool {
        if prefix.hasPrefix(scheme), prefix.utf8.count >= scheme.utf8.count + minimumTail { return true }
        var index = prefix.startIndex
        while let at = prefix[index...].firstIndex(of: "@") {
            let rest = prefix[prefix.index(after: at)...]
            if at > prefix.startIndex, rest.hasPrefix(scheme), rest.utf8.count >= scheme.utf8.count + minimumTail {
                return true
            }
            index = prefix.index(after: at)
        }
        return false
    }

    /// Plain UTF-8 substring search (Foundation's `contains` goes through NSString and
    /// dominated the profile of large lockfiles).
    static func containsBytes(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty }
        var index = 0
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + pattern.count].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// One or more of `[0-9A-Za-z_]`.
    static func isWord(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isWordByte($0) }
    }

    private static func isNameSegment(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
