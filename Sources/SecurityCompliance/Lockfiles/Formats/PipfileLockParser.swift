/// Reads Pipenv `Pipfile.lock`: the `default` and `develop` sections.
///
/// Only exact pins (`"version": "==1.2.3"`) are reported; entries without a version (VCS
/// or path dependencies) are skipped. A package in both sections is reported once, from
/// `default`; `develop`-only packages get the `dev` group. An empty file has no packages.
/// Line: the line of the package's key.
struct PipfileLockParser {
    let context: LockfileParseContext

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return result }
        let root = try JSONInput.object(bytes, context: context)
        var seen: Set<String> = []
        for (section, groups) in [("default", [String]()), ("develop", ["dev"])] {
            guard case .object(let packages)? = root[section] else { continue }
            for member in packages.members {
                guard let pin = member.value.object?["version"]?.string, pin.hasPrefix("=="), pin.count >= 3 else {
                    continue
                }
                let version = String(pin.dropFirst(2))
                guard seen.insert(member.key + "@" + version).inserted else { continue }
                result.packages.append(context.package(member.key, version, line: member.line, groups: groups))
            }
        }
        return result
    }
}
