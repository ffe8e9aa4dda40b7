import InfinityJSON
import Foundation
import GitHubKit

/// What GitHub charges for a GraphQL document, computed the way GitHub documents it
/// ("Rate limits and node limits for the GraphQL API"):
///
/// - **Points**: add up the requests needed to fulfil each connection (a field with `first` or
///   `last`), assuming every connection returns its full page — a connection nested under a
///   connection of 100 is fetched 100 times — divide by 100 and round; at least 1 point.
/// - **Nodes**: the page sizes multiplied down each path and summed; at most 500,000 a call.
/// - `first`/`last` must be 1–100.
///
/// Fragments are expanded, aliases count separately, and only the structure of the document
/// matters (no schema): a field is a connection exactly when it has `first` or `last`.
struct GraphQLCost: Sendable, Equatable {
    /// GitHub's per-call node limit.
    static let nodeLimit = 500_000

    /// Connection requests the call may need.
    var requests = 0
    /// Nodes the call may return.
    var nodes = 0
    /// `first`/`last` values outside 1–100, as `field: value`.
    var outOfRange: [String] = []

    /// The rate-limit points: requests / 100, rounded, at least 1.
    var points: Int { max(1, Int((Double(requests) / 100).rounded())) }

    /// The cost of `query` with `variables`; nil when the document does not parse.
    static func of(_ query: String, variables: JSONValue) -> GraphQLCost? {
        var parser = GraphQLDocumentParser(tokens: GraphQLDocumentParser.tokenize(query))
        guard let document = parser.document() else { return nil }
        var cost = GraphQLCost()
        for operation in document.operations {
            cost.walk(operation, multiplier: 1, fragments: document.fragments, variables: variables, depth: 0)
        }
        return cost
    }

    private mutating func walk(
        _ selections: [GraphQLSelection], multiplier: Int, fragments: [String: [GraphQLSelection]], variables: JSONValue,
        depth: Int
    ) {
        guard depth < 64 else { return }
        for selection in selections {
            switch selection {
            case .field(let name, let arguments, let children):
                let page = (arguments["first"] ?? arguments["last"]).flatMap { value -> Int? in
                    switch value {
                    case .int(let number): return number
                    case .variable(let variable): return variables[variable]?.intValue
                    case .other: return nil
                    }
                }
                if let page {
                    if !(1...100).contains(page) { outOfRange.append("\(name): \(page)") }
                    requests += multiplier
                    nodes += multiplier * max(0, page)
                    walk(children, multiplier: multiplier * max(0, page), fragments: fragments, variables: variables, depth: depth + 1)
                } else {
                    walk(children, multiplier: multiplier, fragments: fragments, variables: variables, depth: depth + 1)
                }
            case .spread(let name):
                walk(fragments[name] ?? [], multiplier: multiplier, fragments: fragments, variables: variables, depth: depth + 1)
            case .inline(let children):
                walk(children, multiplier: multiplier, fragments: fragments, variables: variables, depth: depth + 1)
            }
        }
    }
}

/// One selection of a parsed GraphQL document.
indirect enum GraphQLSelection: Sendable, Equatable {
    /// A field (name, not alias) with its arguments and sub-selections.
    case field(String, [String: GraphQLArgument], [GraphQLSelection])
    /// `...Name`.
    case spread(String)
    /// `... on Type { }` or `... { }`.
    case inline([GraphQLSelection])
}

/// An argument value, as far as cost rules care.
enum GraphQLArgument: Sendable, Equatable {
    case int(Int)
    case variable(String)
    case other
}

/// A small recursive-descent reader of executable GraphQL documents: operations and fragments,
/// fields with aliases, arguments, directives, spreads and inline fragments.
struct GraphQLDocumentParser {
    struct Document {
        var operations: [[GraphQLSelection]] = []
        var fragments: [String: [GraphQLSelection]] = [:]
    }

    var tokens: [String]
    var position = 0

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character == "," || character == "\u{FEFF}" {
                index += 1
            } else if character == "#" {
                while index < characters.count, !characters[index].isNewline { index += 1 }
            } else if character == "\"" {
                var end = index + 1
                while end < characters.count, characters[end] != "\"" { end += characters[end] == "\\" ? 2 : 1 }
                tokens.append("\"")
                index = min(characters.count, end + 1)
            } else if character == ".", index + 2 < characters.count, characters[index + 1] == ".", characters[index + 2] == "." {
                tokens.append("...")
                index += 3
            } else if character.isLetter || character == "_" || character.isNumber || character == "-" {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
                    || characters[end] == "." && characters[index].isNumber
                {
                    end += 1
                }
                tokens.append(String(characters[index..<end]))
                index = end
            } else {
                tokens.append(String(character))
                index += 1
            }
        }
        return tokens
    }

    var peek: String? { position < tokens.count ? tokens[position] : nil }

    mutating func take() -> String? {
        defer { position += 1 }
        return peek
    }

    mutating func expect(_ token: String) -> Bool {
        guard peek == token else { return false }
        position += 1
        return true
    }

    mutating func document() -> Document? {
        var document = Document()
        while let token = peek {
            switch token {
            case "{":
                guard let set = selectionSet() else { return nil }
                document.operations.append(set)
            case "query", "mutation", "subscription":
                position += 1
                if let name = peek, name != "(", name != "{", name != "@" { position += 1 }
                if peek == "(" { guard skipBalanced("(", ")") else { return nil } }
                guard directives(), let set = selectionSet() else { return nil }
                document.operations.append(set)
            case "fragment":
                position += 1
                guard let name = take(), expect("on"), take() != nil, directives(), let set = selectionSet() else { return nil }
                document.fragments[name] = set
            default:
                return nil
            }
        }
        return document
    }

    mutating func selectionSet() -> [GraphQLSelection]? {
        guard expect("{") else { return nil }
        var selections: [GraphQLSelection] = []
        while let token = peek, token != "}" {
            if token == "..." {
                position += 1
                if peek == "on" {
                    position += 2
                    guard directives(), let set = selectionSet() else { return nil }
                    selections.append(.inline(set))
                } else if peek == "{" || peek == "@" {
                    guard directives(), let set = selectionSet() else { return nil }
                    selections.append(.inline(set))
                } else {
                    guard let name = take(), directives() else { return nil }
                    selections.append(.spread(name))
                }
                continue
            }
            guard var name = take() else { return nil }
            if expect(":") {
                guard let real = take() else { return nil }
                name = real
            }
            var arguments: [String: GraphQLArgument] = [:]
            if expect("(") {
                while let key = peek, key != ")" {
                    position += 1
                    guard expect(":"), let value = argumentValue() else { return nil }
                    arguments[key] = value
                }
                guard expect(")") else { return nil }
            }
            guard directives() else { return nil }
            var children: [GraphQLSelection] = []
            if peek == "{" {
                guard let set = selectionSet() else { return nil }
                children = set
            }
            selections.append(.field(name, arguments, children))
        }
        return expect("}") ? selections : nil
    }

    mutating func argumentValue() -> GraphQLArgument? {
        guard let token = take() else { return nil }
        switch token {
        case "$":
            return take().map { .variable($0) }
        case "[":
            position -= 1
            return skipBalanced("[", "]") ? .other : nil
        case "{":
            position -= 1
            return skipBalanced("{", "}") ? .other : nil
        default:
            return Int(token).map { .int($0) } ?? .other
        }
    }

    mutating func directives() -> Bool {
        while expect("@") {
            guard take() != nil else { return false }
            if peek == "(", !skipBalanced("(", ")") { return false }
        }
        return true
    }

    mutating func skipBalanced(_ open: String, _ close: String) -> Bool {
        guard expect(open) else { return false }
        var depth = 1
        while depth > 0 {
            guard let token = take() else { return false }
            if token == open { depth += 1 } else if token == close { depth -= 1 }
        }
        return true
    }
}
