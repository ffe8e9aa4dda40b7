import Yams

/// Reading YAML documents through Yams, with lockfile-flavoured errors.
enum YAMLInput {
    /// The root node of `bytes`, or nil for an empty document (only comments or nothing).
    static func compose(_ bytes: [UInt8], context: LockfileParseContext) throws(LockfileParseError) -> Node? {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw context.error(
                .malformedYAML, line: line(of: error),
                "invalid YAML: \(summary(of: error)); fix or regenerate the file")
        } catch {
            throw context.error(.malformedYAML, "invalid YAML; fix or regenerate the file", underlying: "\(error)")
        }
    }

    /// The 1-based line a Yams error points at, when it has one.
    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            if let context { return "\(context.text.trimmed) \(problem)" }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            return String(describing: error).trimmed.split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }
}

extension Node {
    /// The value for a scalar key in a mapping node.
    subscript(key key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for (candidate, value) in mapping where candidate.string == key { return value }
        return nil
    }
}
