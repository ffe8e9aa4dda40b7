/// Reads SwiftPM `Package.resolved`, versions 1 (`object.pins` with `repositoryURL`) and
/// 2/3 (`pins` with `location`).
///
/// The name is the repository URL without its scheme and `.git` suffix
/// (`github.com/apple/swift-nio`), the ecosystem `SwiftURL`, as osv-scanner reports them;
/// pins without a URL fall back to their identity. Pins on a branch or revision have no
/// version and carry `state.revision` as commit. Line: the line of the pin's first key
/// (pins are array elements, whose own line is not recorded).
struct PackageResolvedParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        let root = try JSONInput.object(bytes, context: context)
        var pins: [LockfileJSONValue] = []
        if case .array(let list)? = root["pins"] {
            pins = list
        } else if case .array(let list)? = root["object"]?.object?["pins"] {
            pins = list
        } else {
            throw context.error(.unexpectedStructure, line: 1, "no `pins` array; this is not a Package.resolved file")
        }
        var result = LockfileParseResult()
        for case .object(let pin) in pins {
            let location = pin["location"]?.string ?? pin["repositoryURL"]?.string ?? ""
            var name = Self.normalize(location)
            if name.isEmpty { name = pin["identity"]?.string ?? pin["package"]?.string ?? "" }
            guard !name.isEmpty else { continue }
            let state = pin["state"]?.object
            let version = state?["version"]?.string ?? ""
            let commit = version.isEmpty ? state?["revision"]?.string : nil
            result.packages.append(context.package(name, version, line: pin.members.first?.line, commit: commit))
        }
        return result
    }

    /// `https://github.com/apple/swift-nio.git` → `github.com/apple/swift-nio`.
    static func normalize(_ url: String) -> String {
        var text = url[...]
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) {
            text = text.dropFirst(scheme.count)
        }
        if text.hasSuffix(".git") { text = text.dropLast(4) }
        return String(text)
    }
}
