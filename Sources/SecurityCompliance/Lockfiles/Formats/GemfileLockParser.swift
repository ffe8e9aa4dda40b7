import Foundation

/// Reads Bundler `Gemfile.lock` / `gems.locked`.
///
/// Gems are the 4-space-indented spec lines of the `GEM`, `GIT`, `PATH` and
/// `PLUGIN SOURCE` sections: `name (version)` or `name (version-platform)`, the platform
/// suffix (`-x86_64-linux`, `-java`) dropped from the version. Gems of a `GIT` section get
/// its `revision` as commit. Dependency lines (6 spaces) are not gems.
/// Line: the spec line.
struct GemfileLockParser {
    let context: LockfileParseContext

    private struct Section {
        var name: Substring
        var revision: String?
        var specs: [(text: Substring, line: Int)] = []
    }

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var sections: [Section] = []
        for (offset, line) in TextLines.split(bytes).enumerated() where !line.isEmpty {
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                sections.append(Section(name: line))
            } else if sections.isEmpty {
                throw context.error(
                    .unexpectedStructure, line: offset + 1,
                    "indented line before the first section header; this is not a Gemfile.lock")
            } else if indent == 4 {
                sections[sections.count - 1].specs.append((line.dropFirst(4), offset + 1))
            } else if line.hasPrefix("  revision: ") {
                sections[sections.count - 1].revision = String(line.dropFirst("  revision: ".count))
            }
        }
        var result = LockfileParseResult()
        let gemSections: Set<Substring> = ["GIT", "GEM", "PATH", "PLUGIN SOURCE"]
        for section in sections where gemSections.contains(section.name) {
            for spec in section.specs {
                guard let (name, version) = Self.nameAndVersion(spec.text) else {
                    result.diagnostics.append(context.warning(line: spec.line, "spec line without a version: \(spec.text)"))
                    continue
                }
                result.packages.append(context.package(name, version, line: spec.line, commit: section.revision))
            }
        }
        return result
    }

    /// `rack (2.2.3)` → (`rack`, `2.2.3`); `nokogiri (1.13.6-x86_64-linux)` → (`nokogiri`, `1.13.6`).
    static func nameAndVersion(_ spec: Substring) -> (String, String)? {
        var text = spec
        if text.hasSuffix("!") { text = text.dropLast() }
        guard text.hasSuffix(")"), let open = text.range(of: " (") else { return nil }
        let name = text[..<open.lowerBound]
        let inside = text[open.upperBound..<text.index(before: text.endIndex)]
        let version = inside.prefix { $0 != "-" }
        guard !name.isEmpty, !version.isEmpty else { return nil }
        return (String(name), String(version))
    }
}
