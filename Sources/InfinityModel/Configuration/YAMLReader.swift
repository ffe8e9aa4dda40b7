import Foundation
import Yams

/// Reads a YAML document strictly: every key must be known, every value of the right type,
/// and every problem is collected with its file:line:column and a suggested fix.
///
/// Decoders walk the node tree through `YAMLReader.Value` so that the position of each key
/// and value stays at hand; the result of a read is either a value or a list of problems.
public final class YAMLReader {
    /// The file name used in messages.
    public let file: String
    /// The problems found so far.
    public private(set) var errors: [ConfigurationError] = []

    public init(file: String) { self.file = file }

    /// Parses `text`; a syntax error is recorded and nil returned. An empty document gives an empty mapping.
    public func parse(_ text: String) -> Value? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                return Value(node: Node.mapping(Node.Mapping([])), path: "", reader: self)
            }
            return Value(node: node, path: "", reader: self)
        } catch let error as YamlError {
            record(syntaxError: error)
            return nil
        } catch {
            errors.append(ConfigurationError(.syntax, at: SourceLocation(file: file), "\(error)"))
            return nil
        }
    }

    func fail(_ code: ConfigurationError.Code, _ node: Node?, path: String, _ message: String, remedy: String? = nil) {
        let mark = node?.mark
        errors.append(ConfigurationError(
            code,
            at: SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0),
            keyPath: path.isEmpty ? nil : path,
            message,
            remedy: remedy
        ))
    }

    private func record(syntaxError error: YamlError) {
        let location: SourceLocation
        let problem: String
        switch error {
        case let .scanner(_, p, mark, _), let .parser(_, p, mark, _), let .composer(_, p, mark, _):
            location = SourceLocation(file: file, line: mark.line, column: mark.column)
            problem = p
        case let .duplicatedKeysInMapping(duplicates, context):
            errors.append(ConfigurationError(
                .duplicateKey,
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate key \(duplicates.joined(separator: ", "))",
                remedy: "keep one of them"
            ))
            return
        default:
            location = SourceLocation(file: file)
            problem = "\(error)"
        }
        errors.append(ConfigurationError(.syntax, at: location, "YAML syntax error: \(problem)", remedy: "fix the YAML at this position"))
    }

    /// A node together with its key path, for typed reads that record their own errors.
    public struct Value {
        public let node: Node
        public let path: String
        let reader: YAMLReader

        /// The 1-based position of this value in its file.
        public var location: SourceLocation {
            SourceLocation(file: reader.file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        }

        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        /// Whether the value is YAML null (`~`, `null`, or nothing).
        public var isNull: Bool {
            if case .scalar(let s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
            return false
        }

        /// Reads a mapping whose keys must all be in `allowed`; unknown keys are reported with the nearest valid key.
        public func mapping(allowing allowed: [String]) -> Mapping? {
            guard case .mapping(let map) = node else {
                if isNull { return Mapping(pairs: [], value: self) }
                reader.fail(.wrongType, node, path: path, "`\(path.isEmpty ? "document" : path)` must be a mapping of keys to values, found \(node.kindName)")
                return nil
            }
            var pairs: [(String, Value)] = []
            var seen: [String: Node] = [:]
            for (keyNode, valueNode) in map {
                guard case .scalar(let keyScalar) = keyNode else {
                    reader.fail(.wrongType, keyNode, path: path, "keys must be plain names")
                    continue
                }
                let key = keyScalar.string
                if seen[key] != nil {
                    reader.fail(.duplicateKey, keyNode, path: child(key), "duplicate key `\(key)`", remedy: "keep one of them")
                    continue
                }
                seen[key] = keyNode
                guard allowed.contains(key) else {
                    var remedy = "valid keys here: \(allowed.joined(separator: ", "))"
                    if let near = EditDistance.nearest(to: key, in: allowed) { remedy = "did you mean `\(near)`?" }
                    reader.fail(.unknownKey, keyNode, path: child(key), "unknown key `\(child(key))`", remedy: remedy)
                    continue
                }
                pairs.append((key, Value(node: valueNode, path: child(key), reader: reader)))
            }
            return Mapping(pairs: pairs, value: self)
        }

        /// Reads a mapping with free-form keys (e.g. repository names) — no key check.
        public func openMapping() -> [(key: String, keyLocation: SourceLocation, value: Value)]? {
            guard case .mapping(let map) = node else {
                if isNull { return [] }
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a mapping, found \(node.kindName)")
                return nil
            }
            var out: [(String, SourceLocation, Value)] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in map {
                let key = keyNode.string ?? ""
                if !seen.insert(key).inserted {
                    reader.fail(.duplicateKey, keyNode, path: child(key), "duplicate key `\(key)`", remedy: "keep one of them")
                    continue
                }
                let loc = SourceLocation(file: reader.file, line: keyNode.mark?.line ?? 0, column: keyNode.mark?.column ?? 0)
                out.append((key, loc, Value(node: valueNode, path: child(key), reader: reader)))
            }
            return out.map { (key: $0.0, keyLocation: $0.1, value: $0.2) }
        }

        public func string() -> String? {
            guard case .scalar(let s) = node else {
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a string, found \(node.kindName)")
                return nil
            }
            return s.string
        }

        public func bool() -> Bool? {
            guard case .scalar(let s) = node else {
                reader.fail(.wrongType, node, path: path, "`\(path)` must be true or false, found \(node.kindName)")
                return nil
            }
            switch s.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default:
                reader.fail(.wrongType, node, path: path, "`\(path)` must be true or false, found `\(s.string)`")
                return nil
            }
        }

        public func int(in range: ClosedRange<Int>? = nil) -> Int? {
            guard case .scalar(let s) = node, s.style == .plain, let value = Int(s.string) else {
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a whole number, found \(node.describeValue)")
                return nil
            }
            if let range, !range.contains(value) {
                reader.fail(.invalidValue, node, path: path, "`\(path)` is \(value), outside \(range.lowerBound)…\(range.upperBound)", remedy: "use a value from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return value
        }

        public func double(in range: ClosedRange<Double>? = nil) -> Double? {
            guard case .scalar(let s) = node, s.style == .plain, let value = Double(s.string) else {
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a number, found \(node.describeValue)")
                return nil
            }
            if let range, !range.contains(value) {
                reader.fail(.invalidValue, node, path: path, "`\(path)` is \(value), outside \(range.lowerBound)…\(range.upperBound)", remedy: "use a value from \(range.lowerBound) to \(range.upperBound)")
                return nil
            }
            return value
        }

        /// A duration: a number of seconds, or a number with a unit (`90s`, `30m`, `2h`, `1d`, `1h30m`).
        public func duration() -> Duration? {
            guard case .scalar(let s) = node, let seconds = DurationParser.seconds(s.string) else {
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a duration such as 90s, 30m, 2h or 1d, found \(node.describeValue)")
                return nil
            }
            guard seconds > 0 else {
                reader.fail(.invalidValue, node, path: path, "`\(path)` must be longer than zero")
                return nil
            }
            return .seconds(seconds)
        }

        /// One of the `choices`; a wrong choice names them and the nearest one.
        public func choice(_ choices: [String]) -> String? {
            guard let value = string() else { return nil }
            guard choices.contains(value) else {
                var remedy = "use one of: \(choices.joined(separator: ", "))"
                if let near = EditDistance.nearest(to: value, in: choices) { remedy = "did you mean `\(near)`? one of: \(choices.joined(separator: ", "))" }
                reader.fail(.invalidValue, node, path: path, "`\(path)` has no value `\(value)`", remedy: remedy)
                return nil
            }
            return value
        }

        /// A list of values, or a single scalar read as a one-element list.
        public func list() -> [Value]? {
            switch node {
            case .sequence(let seq):
                return seq.enumerated().map { Value(node: $0.element, path: "\(path)[\($0.offset)]", reader: reader) }
            case .scalar:
                if isNull { return [] }
                return [self]
            default:
                reader.fail(.wrongType, node, path: path, "`\(path)` must be a list, found \(node.kindName)")
                return nil
            }
        }

        public func stringList() -> [String]? {
            guard let items = list() else { return nil }
            var out: [String] = []
            for item in items { if let s = item.string() { out.append(s) } }
            return out
        }

        /// Records a problem at this value.
        public func fail(_ code: ConfigurationError.Code, _ message: String, remedy: String? = nil) {
            reader.fail(code, node, path: path, message, remedy: remedy)
        }
    }

    /// The known keys of one mapping, in file order.
    public struct Mapping {
        public let pairs: [(String, Value)]
        public let value: Value

        public subscript(key: String) -> Value? { pairs.first { $0.0 == key }?.1 }

        /// Reports a required key that is missing.
        public func require(_ key: String) -> Value? {
            if let v = self[key] { return v }
            value.reader.fail(.missingKey, value.node, path: value.child(key), "`\(value.child(key))` is required", remedy: "add `\(key):` here")
            return nil
        }
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: return "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    var describeValue: String {
        if case .scalar(let s) = self { return "`\(s.string)`" }
        return kindName
    }
}

/// Parses durations written as seconds or with units.
public enum DurationParser {
    /// Seconds in `text` (`45`, `90s`, `30m`, `2h`, `1d`, `1h30m`), or nil when it is not a duration.
    public static func seconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Int64(trimmed) { return plain }
        var total: Int64 = 0
        var number: Int64? = nil
        var sawUnit = false
        for ch in trimmed {
            if let digit = ch.wholeNumberValue, ch.isASCII {
                let (mul, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, o2) = mul.addingReportingOverflow(Int64(digit))
                if o1 || o2 { return nil }
                number = sum
                continue
            }
            guard let n = number else { return nil }
            let unit: Int64
            switch ch {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            let (product, overflow) = n.multipliedReportingOverflow(by: unit)
            if overflow { return nil }
            total += product
            number = nil
            sawUnit = true
        }
        guard sawUnit, number == nil else { return nil }
        return total
    }

    /// A compact human form: `90s` → `1m30s`.
    public static func format(_ duration: Duration) -> String {
        var s = duration.components.seconds
        if s == 0 { return "0s" }
        var out = ""
        for (unit, name) in [(Int64(86_400), "d"), (3600, "h"), (60, "m"), (1, "s")] where s >= unit {
            out += "\(s / unit)\(name)"
            s %= unit
        }
        return out
    }
}
