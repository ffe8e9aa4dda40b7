import Foundation

/// Conversions between repository paths and SARIF artifact URIs.
enum SARIFPath {
    /// The `uriBaseId` for paths relative to the repository root.
    static let sourceRootBaseId = "%SRCROOT%"

    /// Characters left as they are in a URI path; everything else is percent-encoded
    /// (`:` included, so a first segment never looks like a scheme).
    private static let allowed: Set<UInt8> = {
        var set = Set<UInt8>()
        for scalar in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=@".utf8 {
            set.insert(scalar)
        }
        return set
    }()

    /// Percent-encodes a `/`-separated path for use as a URI reference.
    static func percentEncode(_ path: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            if allowed.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// Decodes percent escapes; returns `nil` when an escape is invalid.
    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        return text.removingPercentEncoding
    }

    /// Normalizes a repository path: `\` → `/`, leading `./` removed, duplicate `/` removed.
    static func normalize(_ path: String) -> String {
        var text = path.replacingOccurrences(of: "\\", with: "/")
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.contains("//") { text = text.replacingOccurrences(of: "//", with: "/") }
        return text
    }

    /// `true` when the relative path climbs above its root with `..`.
    static func escapesRoot(_ relativePath: String) -> Bool {
        var depth = 0
        for component in relativePath.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." {
                depth -= 1
                if depth < 0 { return true }
            } else if component != "." {
                depth += 1
            }
        }
        return false
    }

    /// The artifact location for a finding's file: relative paths become percent-encoded
    /// URIs under `%SRCROOT%`; an absolute path under `sourceRoot` is made relative; any
    /// other absolute path becomes a `file://` URI.
    static func artifactLocation(forFile file: String, sourceRoot: String?) -> SARIFArtifactLocation {
        var path = normalize(file)
        if path.hasPrefix("/"), let root = sourceRoot.map(normalize) {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        }
        if path.hasPrefix("/") {
            return SARIFArtifactLocation(uri: "file://" + percentEncode(path))
        }
        return SARIFArtifactLocation(uri: percentEncode(path), uriBaseId: sourceRootBaseId)
    }

    /// The repository path an artifact URI stands for: percent escapes decoded, a `file://`
    /// scheme removed, and an absolute path under `sourceRoot` made relative to it.
    static func filePath(fromURI uri: String, sourceRoot: String?) -> String {
        var path = percentDecode(uri) ?? uri
        if path.hasPrefix("file://") {
            path = String(path.dropFirst("file://".count))
            // file://host/path: keep the path part.
            if !path.hasPrefix("/"), let slash = path.firstIndex(of: "/") {
                path = String(path[slash...])
            }
        }
        if path.hasPrefix("/"), let root = sourceRoot.map(normalize) {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { path = String(path.dropFirst(prefix.count)) }
        }
        return normalize(path)
    }
}
