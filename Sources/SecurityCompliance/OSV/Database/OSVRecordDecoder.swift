import Foundation

/// Decodes OSV records from file contents, turning every problem into a diagnostic.
struct OSVRecordDecoder {
    /// The records in `data`: one OSV object, or an array of them. Invalid records are
    /// reported in `diagnostics` (file name plus reason) and left out.
    func decode(_ data: Data, file: String, entry: String? = nil,
                diagnostics: inout [OSVDiagnostic]) -> [OSVVulnerability] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let reason = data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
                ? "empty file" : "not valid JSON (\(OSVRecordDecoder.describe(error)))"
            diagnostics.append(OSVDiagnostic(file: file, entry: entry, message: reason + "; skipped"))
            return []
        }
        let reader = OSVJSONObjectReader()
        if let elements = root as? [Any] {
            var records: [OSVVulnerability] = []
            for (position, element) in elements.enumerated() {
                let place = (entry.map { $0 + " " } ?? "") + "#\(position)"
                if let record = check(element, reader: reader, file: file, entry: place, diagnostics: &diagnostics) {
                    records.append(record)
                }
            }
            return records
        }
        return check(root, reader: reader, file: file, entry: entry, diagnostics: &diagnostics).map { [$0] } ?? []
    }

    private func check(_ value: Any, reader: OSVJSONObjectReader, file: String, entry: String?,
                       diagnostics: inout [OSVDiagnostic]) -> OSVVulnerability? {
        do {
            let record = try reader.vulnerability(value)
            if let problem = OSVRecordDecoder.problem(in: record) {
                diagnostics.append(OSVDiagnostic(file: file, entry: entry, message: problem))
                return nil
            }
            return record
        } catch {
            diagnostics.append(OSVDiagnostic(file: file, entry: entry,
                                             message: "not a valid OSV record (\(error)); skipped"))
            return nil
        }
    }

    /// Semantic checks the JSON types cannot express.
    static func problem(in record: OSVVulnerability) -> String? {
        if record.id.trimmingASCIIWhitespace().isEmpty { return "the record has an empty id; skipped" }
        for (position, affected) in record.affected.enumerated() {
            for (rangePosition, range) in affected.ranges.enumerated() where range.type != .git {
                if !range.events.contains(where: { if case .introduced = $0 { return true } else { return false } }) {
                    return "\(record.id): affected[\(position)].ranges[\(rangePosition)] has no introduced event; "
                        + "record skipped"
                }
            }
        }
        return nil
    }

    /// A short description of a decoding error: what and where (coding path).
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch decodingError {
        case .typeMismatch(let type, let context):
            return "expected \(type)\(path(context)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "missing \(type) value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing required key '\(key.stringValue)'\(path(context))"
        case .dataCorrupted(let context):
            let cause = (context.underlyingError as? NSError)?.localizedDescription
            return context.debugDescription + path(context) + (cause.map { " (\($0))" } ?? "")
        @unknown default:
            return "\(error)"
        }
    }
}
