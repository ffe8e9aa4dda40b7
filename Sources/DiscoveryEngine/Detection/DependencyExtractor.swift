import Foundation
import InfinityModel

/// Reads the build files of a repository for the identities it publishes and the ones it
/// depends on, so dependencies between repositories of one organization can be matched:
/// by repository URL (`url:host/org/repo`), by a sibling path (`repo:name`), or by the
/// package name another repository publishes (`npm:x`, `cargo:x`, `go:module`, `pypi:x`,
/// `maven:group:artifact`, `gem:x`, `swift:x`).
public enum DependencyExtractor {
    /// Publishes and requires found in `files`.
    public static func extract(_ files: RepositoryFiles) -> (publishes: [String], requires: [Detection.Requirement]) {
        var publishes = Set<String>()
        var requires = Set<Detection.Requirement>()
        func req(_ identity: String, _ file: String) { requires.insert(.init(identity: identity, file: file)) }

        if let text = files.text("Package.swift") {
            let (p, r) = swiftPackage(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "Package.swift") }
        }
        if let text = files.text("package.json") {
            let (p, r) = npmPackage(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "package.json") }
        }
        if let text = files.text("go.mod") {
            let (p, r) = goModule(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "go.mod") }
        }
        if let text = files.text("Cargo.toml") {
            let (p, r) = cargoManifest(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "Cargo.toml") }
        }
        if let text = files.text("pyproject.toml") {
            let (p, r) = pyproject(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "pyproject.toml") }
        }
        if let text = files.text("setup.py") {
            let (p, r) = setupPy(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "setup.py") }
        }
        if let text = files.text("requirements.txt") {
            requirements(text).forEach { req($0, "requirements.txt") }
        }
        if let text = files.text("pom.xml") {
            let (p, r) = maven(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, "pom.xml") }
        }
        for gradleFile in ["build.gradle", "build.gradle.kts"] {
            guard let text = files.text(gradleFile) else { continue }
            let settings = files.text("settings.gradle") ?? files.text("settings.gradle.kts")
            let (p, r) = gradle(text, settings: settings)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, gradleFile) }
        }
        if let text = files.text("Gemfile") {
            gemfile(text).forEach { req($0, "Gemfile") }
        }
        for (path, text) in files.contents where path.hasSuffix(".gemspec") && !path.contains("/") {
            let (p, r) = gemspec(text)
            p.forEach { publishes.insert($0) }
            r.forEach { req($0, path) }
        }
        return (publishes.sorted(), requires.sorted { ($0.identity, $0.file) < ($1.identity, $1.file) })
    }

    // MARK: - identities

    /// A location (URL or relative path) as an identity.
    static func locationIdentity(_ spec: String) -> String {
        if RepositoryURL.isRemote(spec) || spec.hasPrefix("git+") || spec.hasPrefix("github:") {
            return "url:" + RepositoryURL.normalize(spec)
        }
        var path = spec
        for prefix in ["file://", "file:", "link:"] where path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        return "repo:" + RepositoryURL.repositoryName(path)
    }

    /// PEP 503 normal form.
    static func pypiName(_ name: String) -> String {
        var out = ""
        var lastSep = false
        for ch in name.lowercased() {
            if ch == "-" || ch == "_" || ch == "." {
                if !lastSep { out.append("-") }
                lastSep = true
            } else {
                out.append(ch)
                lastSep = false
            }
        }
        return out
    }

    // MARK: - ecosystems

    static func swiftPackage(_ text: String) -> ([String], [String]) {
        var publishes: [String] = []
        if let name = firstCapture(#"Package\s*\(\s*name\s*:\s*"([^"]+)""#, in: text) { publishes.append("swift:" + name.lowercased()) }
        var requires: [String] = []
        for url in captures(#"\.package\s*\([^)]*?url\s*:\s*"([^"]+)""#, in: text) { requires.append(locationIdentity(url)) }
        for path in captures(#"\.package\s*\([^)]*?path\s*:\s*"([^"]+)""#, in: text) { requires.append("repo:" + RepositoryURL.repositoryName(path)) }
        return (publishes, requires)
    }

    static func npmPackage(_ text: String) -> ([String], [String]) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return ([], []) }
        var publishes: [String] = []
        if let name = obj["name"] as? String { publishes.append("npm:" + name) }
        var requires: [String] = []
        for key in ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] {
            guard let deps = obj[key] as? [String: Any] else { continue }
            for (name, value) in deps {
                requires.append("npm:" + name)
                if let spec = value as? String {
                    if spec.hasPrefix("file:") || spec.hasPrefix("link:") || spec.hasPrefix("git") || spec.hasPrefix("github:") || spec.contains("://") {
                        requires.append(locationIdentity(spec))
                    }
                }
            }
        }
        return (publishes, requires)
    }

    static func goModule(_ text: String) -> ([String], [String]) {
        var publishes: [String] = []
        var requires: [String] = []
        var inRequire = false
        var inReplace = false
        for raw in text.split(separator: "\n") {
            let line = raw.range(of: "//").map { String(raw[..<$0.lowerBound]) } ?? String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let first = words.first else { continue }
            if inRequire || inReplace {
                if first == ")" { inRequire = false; inReplace = false; continue }
                if inRequire { requires.append("go:" + first) }
                if inReplace, let arrow = words.firstIndex(of: "=>"), arrow + 1 < words.count { requires.append(contentsOf: goReplaceTarget(words[arrow + 1])) }
                continue
            }
            switch first {
            case "module" where words.count > 1: publishes.append("go:" + words[1])
            case "require":
                if words.count > 1, words[1] == "(" { inRequire = true } else if words.count > 1 { requires.append("go:" + words[1]) }
            case "replace":
                if words.count > 1, words[1] == "(" { inReplace = true } else if let arrow = words.firstIndex(of: "=>"), arrow + 1 < words.count {
                    requires.append(contentsOf: goReplaceTarget(words[arrow + 1]))
                }
            default: break
            }
        }
        return (publishes, requires)
    }

    static func goReplaceTarget(_ target: String) -> [String] {
        if target.hasPrefix(".") || target.hasPrefix("/") { return ["repo:" + RepositoryURL.repositoryName(target)] }
        return ["go:" + target]
    }

    static func cargoManifest(_ text: String) -> ([String], [String]) {
        let toml = MiniTOML(text)
        var publishes: [String] = []
        if let name = toml.string(section: "package", key: "name") { publishes.append("cargo:" + name) }
        var requires: [String] = []
        for section in toml.sections {
            let isDeps = section == "dependencies" || section == "dev-dependencies" || section == "build-dependencies"
                || section == "workspace.dependencies" || (section.hasPrefix("target.") && section.hasSuffix("dependencies"))
            if isDeps {
                for (key, value) in toml.entries(section: section) {
                    requires.append(contentsOf: cargoDependency(name: key, value: value))
                }
            } else if let dot = section.lastIndex(of: "."), ["dependencies", "dev-dependencies", "build-dependencies"].contains(String(section[..<dot])) {
                // [dependencies.name] tables
                let name = String(section[section.index(after: dot)...])
                let inline = toml.entries(section: section).map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                requires.append(contentsOf: cargoDependency(name: name, value: "{ \(inline) }"))
            }
        }
        return (publishes, requires)
    }

    static func cargoDependency(name: String, value: String) -> [String] {
        var out: [String] = []
        let package = firstCapture(#"package\s*=\s*"([^"]+)""#, in: value)
        out.append("cargo:" + (package ?? name))
        if let path = firstCapture(#"path\s*=\s*"([^"]+)""#, in: value) { out.append("repo:" + RepositoryURL.repositoryName(path)) }
        if let git = firstCapture(#"git\s*=\s*"([^"]+)""#, in: value) { out.append("url:" + RepositoryURL.normalize(git)) }
        return out
    }

    static func pyproject(_ text: String) -> ([String], [String]) {
        let toml = MiniTOML(text)
        var publishes: [String] = []
        if let name = toml.string(section: "project", key: "name") ?? toml.string(section: "tool.poetry", key: "name") {
            publishes.append("pypi:" + pypiName(name))
        }
        var requires: [String] = []
        if let deps = toml.raw(section: "project", key: "dependencies") {
            for spec in captures(#""([^"]+)""#, in: deps) + captures(#"'([^']+)'"#, in: deps) { requires.append(contentsOf: requirementIdentity(spec)) }
        }
        for section in ["tool.poetry.dependencies", "tool.poetry.dev-dependencies", "tool.poetry.group.dev.dependencies"] {
            for (key, value) in toml.entries(section: section) where key != "python" {
                requires.append("pypi:" + pypiName(key))
                if let path = firstCapture(#"path\s*=\s*"([^"]+)""#, in: value) { requires.append("repo:" + RepositoryURL.repositoryName(path)) }
                if let git = firstCapture(#"git\s*=\s*"([^"]+)""#, in: value) { requires.append("url:" + RepositoryURL.normalize(git)) }
            }
        }
        return (publishes, requires)
    }

    static func setupPy(_ text: String) -> ([String], [String]) {
        var publishes: [String] = []
        if let name = firstCapture(#"name\s*=\s*['"]([^'"]+)['"]"#, in: text) { publishes.append("pypi:" + pypiName(name)) }
        var requires: [String] = []
        if let block = firstCapture(#"install_requires\s*=\s*\[([^\]]*)\]"#, in: text) {
            for spec in captures(#"['"]([^'"]+)['"]"#, in: block) { requires.append(contentsOf: requirementIdentity(spec)) }
        }
        return (publishes, requires)
    }

    static func requirements(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let hash = line.range(of: " #") { line = String(line[..<hash.lowerBound]) }
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("-r") || line.hasPrefix("-c") || line.hasPrefix("--") { continue }
            if line.hasPrefix("-e ") { line = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
            out.append(contentsOf: requirementIdentity(line))
        }
        return out
    }

    /// `name[extra]>=1.0; marker`, a path, or a VCS URL.
    static func requirementIdentity(_ spec: String) -> [String] {
        let s = spec.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("git+") || s.contains("://") {
            var url = s
            if let at = url.range(of: " @ ") { url = String(url[at.upperBound...]) }
            if let egg = url.range(of: "#egg=") {
                return ["url:" + RepositoryURL.normalize(String(url[..<egg.lowerBound])), "pypi:" + pypiName(String(url[egg.upperBound...]))]
            }
            return ["url:" + RepositoryURL.normalize(url)]
        }
        if s.hasPrefix(".") || s.hasPrefix("/") || s.hasPrefix("file:") { return [locationIdentity(s)] }
        guard let name = firstCapture(#"^([A-Za-z0-9][A-Za-z0-9._-]*)"#, in: s) else { return [] }
        var out = ["pypi:" + pypiName(name)]
        if let at = s.range(of: " @ ") { out.append(locationIdentity(String(s[at.upperBound...]).trimmingCharacters(in: .whitespaces))) }
        return out
    }

    static func maven(_ text: String) -> ([String], [String]) {
        var own = text
        for tag in ["parent", "dependencies", "dependencyManagement", "build", "profiles", "plugins", "reporting"] {
            own = own.replacingOccurrences(of: "<\(tag)>[\\s\\S]*?</\(tag)>", with: "", options: .regularExpression)
        }
        var publishes: [String] = []
        let parentGroup = firstCapture(#"<parent>[\s\S]*?<groupId>\s*([^<\s]+)\s*</groupId>"#, in: text)
        if let artifact = firstCapture(#"<artifactId>\s*([^<\s]+)\s*</artifactId>"#, in: own),
           let group = firstCapture(#"<groupId>\s*([^<\s]+)\s*</groupId>"#, in: own) ?? parentGroup {
            publishes.append("maven:\(group):\(artifact)")
        }
        var requires: [String] = []
        for block in captures(#"<dependency>([\s\S]*?)</dependency>"#, in: text) {
            if let g = firstCapture(#"<groupId>\s*([^<\s]+)\s*</groupId>"#, in: block),
               let a = firstCapture(#"<artifactId>\s*([^<\s]+)\s*</artifactId>"#, in: block) {
                requires.append("maven:\(g):\(a)")
            }
        }
        return (publishes, requires)
    }

    static func gradle(_ text: String, settings: String?) -> ([String], [String]) {
        var publishes: [String] = []
        if let group = firstCapture(#"(?m)^\s*group\s*=\s*['"]([^'"]+)['"]"#, in: text),
           let name = settings.flatMap({ firstCapture(#"rootProject\.name\s*=\s*['"]([^'"]+)['"]"#, in: $0) }) {
            publishes.append("maven:\(group):\(name)")
        }
        var requires: [String] = []
        let pattern = #"(?:implementation|api|compileOnly|runtimeOnly|testImplementation|compile|testCompile)\s*\(?\s*['"]([^'":\s]+):([^'":\s]+)(?::[^'"]*)?['"]"#
        for m in allMatches(pattern, in: text) where m.count >= 3 { requires.append("maven:\(m[1]):\(m[2])") }
        return (publishes, requires)
    }

    static func gemfile(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            let s = String(line)
            guard let name = firstCapture(#"^\s*gem\s+['"]([^'"]+)['"]"#, in: s) else { continue }
            out.append("gem:" + name)
            if let path = firstCapture(#"path:\s*['"]([^'"]+)['"]"#, in: s) { out.append("repo:" + RepositoryURL.repositoryName(path)) }
            if let git = firstCapture(#"git:\s*['"]([^'"]+)['"]"#, in: s) { out.append("url:" + RepositoryURL.normalize(git)) }
        }
        return out
    }

    static func gemspec(_ text: String) -> ([String], [String]) {
        var publishes: [String] = []
        if let name = firstCapture(#"\.name\s*=\s*['"]([^'"]+)['"]"#, in: text) { publishes.append("gem:" + name) }
        let requires = captures(#"add_(?:runtime_|development_)?dependency\s*\(?\s*['"]([^'"]+)['"]"#, in: text).map { "gem:" + $0 }
        return (publishes, requires)
    }

    // MARK: - regex helpers

    static func allMatches(_ pattern: String, in text: String) -> [[String]] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : ns.substring(with: r)
            }
        }
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        allMatches(pattern, in: text).compactMap { $0.count > 1 ? $0[1] : nil }
    }

    static func firstCapture(_ pattern: String, in text: String) -> String? {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return nil }
        let ns = text as NSString
        guard let m = re.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)), m.numberOfRanges > 1 else { return nil }
        let r = m.range(at: 1)
        return r.location == NSNotFound ? nil : ns.substring(with: r)
    }
}
