import Foundation

/// Parses an RFC 8288 `Link` header as GitHub sends it for pagination.
///
/// `<https://api.github.com/resource?page=2>; rel="next", <…?page=5>; rel="last"`
public struct LinkHeader: Sendable, Hashable {
    /// The target URL for each `rel` value (`next`, `prev`, `first`, `last`, …).
    public var links: [String: String]

    /// Parses the header; unknown or malformed parts are skipped, never fatal.
    public init(_ header: String) {
        var links: [String: String] = [:]
        for part in LinkHeader.splitEntries(header) {
            guard let open = part.firstIndex(of: "<"), let close = part[open...].firstIndex(of: ">") else {
                continue
            }
            let target = String(part[part.index(after: open)..<close])
            for parameter in part[part.index(after: close)...].split(separator: ";") {
                let pieces = parameter.split(separator: "=", maxSplits: 1)
                guard pieces.count == 2,
                    pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel"
                else { continue }
                let value = pieces[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\""))
                for rel in value.split(separator: " ") where links[String(rel)] == nil {
                    links[String(rel)] = target
                }
            }
        }
        self.links = links
    }

    /// The `rel="next"` target.
    public var next: String? { links["next"] }
    /// The `rel="last"` target.
    public var last: String? { links["last"] }
    /// The `rel="prev"` target.
    public var previous: String? { links["prev"] }
    /// The `rel="first"` target.
    public var first: String? { links["first"] }

    /// Splits on commas that are outside `<…>` (URLs may contain commas).
    private static func splitEntries(_ header: String) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = header.startIndex
        for index in header.indices {
            switch header[index] {
            case "<": depth += 1
            case ">": depth = max(0, depth - 1)
            case "," where depth == 0:
                parts.append(header[start..<index])
                start = header.index(after: index)
            default: break
            }
        }
        parts.append(header[start...])
        return parts
    }
}
