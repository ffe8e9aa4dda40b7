import Foundation

/// The one place the manifest is turned into bytes and back.
public enum ManifestCoding {
    /// Deterministic JSON: sorted keys, two-space indentation, ISO 8601 dates, a final newline.
    public static func encode(_ manifest: Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var sorted = manifest
        sorted.repositories.sort { $0.name < $1.name }
        var data = try encoder.encode(sorted)
        data.append(0x0A)
        return data
    }

    /// Reads a manifest; the error names the file, the JSON path and what to do.
    public static func decode(_ data: Data, file: String) throws(ManifestError) -> Manifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Version: Decodable { var schema_version: Int? }
        if let v = try? decoder.decode(Version.self, from: data), let version = v.schema_version, version > Manifest.currentSchemaVersion {
            throw ManifestError(file: file, message: "schema_version \(version) is newer than this infinity understands (\(Manifest.currentSchemaVersion))", remedy: "upgrade infinity, or delete the file and run `infinity discover`")
        }
        do {
            return try decoder.decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw ManifestError(file: file, message: error.readable, remedy: "run `infinity discover` to write it anew")
        } catch {
            throw ManifestError(file: file, message: "\(error)", remedy: "run `infinity discover` to write it anew")
        }
    }
}

/// A manifest that cannot be read.
public struct ManifestError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var message: String
    public var remedy: String

    public init(file: String, message: String, remedy: String) {
        self.file = file
        self.message = message
        self.remedy = remedy
    }

    public var description: String { "\(file): error: \(message) (\(remedy))" }
    public var errorDescription: String? { description }
}

extension DecodingError {
    /// `at repositories[3].head_sha: expected String` style text.
    public var readable: String {
        func path(_ c: [any CodingKey]) -> String {
            c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch self {
        case let .typeMismatch(type, ctx): return "at \(path(ctx.codingPath)): expected \(type) — \(ctx.debugDescription)"
        case let .valueNotFound(type, ctx): return "at \(path(ctx.codingPath)): missing \(type)"
        case let .keyNotFound(key, ctx): return "at \(path(ctx.codingPath + [key])): required key is missing"
        case let .dataCorrupted(ctx): return "at \(path(ctx.codingPath)): \(ctx.debugDescription) \(ctx.underlyingError.map { "\($0)" } ?? "")"
        @unknown default: return "\(self)"
        }
    }
}
