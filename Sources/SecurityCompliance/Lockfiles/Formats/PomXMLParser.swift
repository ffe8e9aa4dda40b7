import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the dependencies a Maven `pom.xml` declares (no parent or transitive resolution).
///
/// Reported: `<dependencies>` and `<dependencyManagement>` entries of the project and of its
/// profiles, named `groupId:artifactId`. `${…}` references in versions and coordinates are
/// interpolated from `<properties>`, `project.version` / `project.groupId` /
/// `project.artifactId` (falling back to the parent's) and `project.parent.version`.
/// A dependency without a version takes the one its `<dependencyManagement>` declares.
/// Versions that stay unresolved or are ranges (`[1.0,2.0)`) are reported as unknown (empty)
/// with a warning. `test`-scoped dependencies get the `test` group.
/// Line: the line of the `<dependency>` element (where the XML parser reports it).
struct PomXMLParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        let collector = PomCollector()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        // On Linux `parse()` can return true after recovering from an error, so the first
        // error reported to the delegate counts as well.
        let succeeded = parser.parse()
        if let failure = collector.firstError ?? (succeeded ? nil : (parser.lineNumber, parser.parserError)) {
            let line = failure.line > 0 ? failure.line : nil
            let code = failure.error.map { ($0 as NSError).code } ?? -1
            throw context.error(
                .malformedXML, line: line, "the file is not well-formed XML (parser error \(code)); fix it",
                underlying: failure.error.map { String(describing: $0) })
        }
        guard collector.rootName == "project" else {
            throw context.error(.unexpectedStructure, line: 1, "the root element is not <project>; this is not a pom.xml")
        }
        return resolve(collector)
    }

    private func resolve(_ pom: PomCollector) -> LockfileParseResult {
        var result = LockfileParseResult()
        var properties = pom.properties
        let projectVersion = pom.project["version"] ?? pom.parent["version"]
        let projectGroup = pom.project["groupId"] ?? pom.parent["groupId"]
        for (key, value) in [
            ("project.version", projectVersion), ("pom.version", projectVersion), ("version", projectVersion),
            ("project.groupId", projectGroup), ("pom.groupId", projectGroup),
            ("project.artifactId", pom.project["artifactId"]), ("project.parent.version", pom.parent["version"]),
            ("project.parent.groupId", pom.parent["groupId"]),
        ] {
            if let value, properties[key] == nil { properties[key] = value }
        }
        var managed: [String: String] = [:]
        for dependency in pom.dependencies where dependency.managed {
            let group = interpolate(dependency.fields["groupId"] ?? "", properties) ?? ""
            let artifact = interpolate(dependency.fields["artifactId"] ?? "", properties) ?? ""
            if let version = dependency.fields["version"], let resolved = interpolate(version, properties) {
                managed[group + ":" + artifact] = resolved
            }
        }
        var seen: Set<String> = []
        let ordered = pom.dependencies.filter { !$0.managed } + pom.dependencies.filter(\.managed)
        for dependency in ordered {
            guard let group = interpolate(dependency.fields["groupId"] ?? "", properties),
                let artifact = interpolate(dependency.fields["artifactId"] ?? "", properties),
                !group.isEmpty, !artifact.isEmpty
            else {
                result.diagnostics.append(context.warning(
                    line: dependency.line, "dependency without a resolvable groupId and artifactId; skipped"))
                continue
            }
            let name = group + ":" + artifact
            var version = ""
            if let declared = dependency.fields["version"] {
                if let resolved = interpolate(declared, properties) {
                    version = resolved
                } else {
                    result.diagnostics.append(context.warning(
                        line: dependency.line, "version \(declared) of \(name) refers to an undefined property; reported without a version"))
                }
            } else if let fromManagement = managed[name] {
                version = fromManagement
            }
            if version.hasPrefix("[") || version.hasPrefix("(") {
                result.diagnostics.append(context.warning(
                    line: dependency.line, "version range \(version) of \(name) is not a version; reported without a version"))
                version = ""
            }
            guard seen.insert(name + "@" + version).inserted else { continue }
            let groups = dependency.fields["scope"] == "test" ? ["test"] : []
            result.packages.append(context.package(name, version, line: dependency.line, groups: groups))
        }
        return result
    }

    /// Replaces every `${name}`; nil when a name is undefined or references nest too deeply.
    func interpolate(_ text: String, _ properties: [String: String], depth: Int = 0) -> String? {
        guard text.contains("${") else { return text.trimmed.isEmpty ? "" : String(text.trimmed) }
        guard depth < 16 else { return nil }
        var output = ""
        var rest = text[...]
        while let open = rest.range(of: "${") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return nil }
            let key = String(rest[open.upperBound..<close])
            guard let value = properties[key], let expanded = interpolate(value, properties, depth: depth + 1) else {
                return nil
            }
            output += expanded
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return String(output.trimmed)
    }
}

/// SAX delegate collecting what ``PomXMLParser`` needs. Used by one parse only.
private final class PomCollector: NSObject, XMLParserDelegate {
    struct Dependency {
        var fields: [String: String] = [:]
        var line: Int
        var managed: Bool
    }

    var rootName: String?
    /// The first error the parser reported, with its line.
    var firstError: (line: Int, error: (any Error)?)?
    var project: [String: String] = [:]
    var parent: [String: String] = [:]
    var properties: [String: String] = [:]
    var dependencies: [Dependency] = []
    private var path: [String] = []
    private var text = ""
    private var current: Dependency?

    private static let dependencyContainers: [[String]] = [
        ["project", "dependencies"],
        ["project", "dependencyManagement", "dependencies"],
        ["project", "profiles", "profile", "dependencies"],
        ["project", "profiles", "profile", "dependencyManagement", "dependencies"],
    ]

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        if rootName == nil { rootName = elementName }
        if elementName == "dependency", Self.dependencyContainers.contains(path) {
            current = Dependency(line: parser.lineNumber, managed: path.contains("dependencyManagement"))
        }
        path.append(elementName)
        text = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil { firstError = (parser.lineNumber, parseError) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let value = String(text.trimmed)
        path.removeLast()
        if elementName == "dependency", let dependency = current, Self.dependencyContainers.contains(path) {
            dependencies.append(dependency)
            current = nil
        } else if current != nil, path.last == "dependency" {
            current?.fields[elementName] = value
        } else if path == ["project"] {
            project[elementName] = value
        } else if path == ["project", "parent"] {
            parent[elementName] = value
        } else if path == ["project", "properties"] {
            properties[elementName] = value
        }
        text = ""
    }
}
