/// Shapes of code and identifiers that an assignment rule reads where a value would be,
/// but that are not secret values: attributes and annotations (`makeToken: @Sendable () ->
/// String`), calls whose name only mentions a keyword (`addSecretScanningAlert("acme/r")`),
/// lookup keys (`GIT_CONFIG_KEY_0`, `cacheKey`) and keys made of words (`health:repo-0003`).
extension SecretAssignmentJudge {
    /// Name segments that, right before a `key` segment, make it a lookup key rather than a
    /// cryptographic one: `configKey`, `CACHE_KEY`, `sort_key`, `partitionKey`.
    static let lookupKeyQualifiers: Set<String> = [
        "config", "configuration", "cache", "cached", "sort", "primary", "foreign", "partition", "lookup",
        "storage", "settings", "setting", "preference", "preferences", "translation", "i18n", "dict",
        "dictionary", "map", "group", "routing", "row", "item", "entry", "coding", "defaults", "registry",
        "lock", "idempotency", "dedup", "dedupe", "shard", "composite", "unique", "state", "query",
        "cursor", "order", "metadata", "meta", "label", "annotation", "env", "environment",
    ]

    /// Whether the name calls its `key` a lookup key (`GIT_CONFIG_KEY_0`, `cacheKey`,
    /// `sort-key`): a qualifier segment right before a `key` or `keys` segment.
    static func namesLookupKey(segments: [String]) -> Bool {
        for index in segments.indices.dropFirst() where segments[index] == "key" || segments[index] == "keys" {
            if lookupKeyQualifiers.contains(segments[index - 1]) { return true }
        }
        return false
    }

    /// Segments that, ending a call's name, wrap the secret named before them:
    /// `StringCredentialValue("…")`, `searchTokenValue("…")`, `SecretString("…")`.
    static let valueWrapperSegments: Set<String> = ["value", "values", "string", "str", "text", "literal"]

    /// Whether a call such as `setPassword("…")` or `withToken("…")` passes a secret: the
    /// last segment of its name (before a wrapper word such as `Value`) must name one, so
    /// `addSecretScanningAlert("…")` or `client.secretScanningAlerts("…")`, whose argument
    /// is something else, do not.
    static func callNamesSecret(segments: [String], keywords: [String]) -> Bool {
        var segments = segments[...]
        while segments.count > 1, let last = segments.last, valueWrapperSegments.contains(last) {
            segments.removeLast()
        }
        guard let last = segments.last else { return false }
        return namesSecret(segments: [last], joined: Array(last.utf8), keywords: keywords)
    }

    /// An attribute, annotation or sigil reference: `@Sendable`, `@escaping`, `@unchecked`,
    /// `@MainActor`, `@Published`, Ruby's `@token`. In code any `@name` is one; elsewhere
    /// (documentation, configuration) only a letters-only name that reads as words or is
    /// written as a type, so a random `@x9Qv…` in a `.env` file still counts.
    static func isAttribute(_ value: [UInt8], kind: SourceFileKind) -> Bool {
        guard value.count >= 2, value[0] == UInt8(ascii: "@") else { return false }
        let rest = Array(value.dropFirst())
        guard let first = rest.first, SecretValueHeuristics.isIdentifierStart(first),
              rest.allSatisfy(SecretValueHeuristics.isIdentifierByte) else { return false }
        if kind == .code { return true }
        return rest.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
            && (isTypeStyle(rest) || SecretWordModel.looksLikeWords(rest))
    }

    /// `health:repo-0003`, `acme/repo-0001`, `swift/path-injection`: two or more words,
    /// with whole numbers between them, joined by `:` or `/` as keys, slugs and paths are.
    /// Digits glued to letters (`Summer2024`) do not make a number part, so such passwords
    /// are still judged as values.
    static func isWordPath(_ value: [UInt8]) -> Bool {
        guard value.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }) else { return false }
        let separators: [UInt8] = Array("-_.:/".utf8)
        let parts = value.split(whereSeparator: { separators.contains($0) })
        var words = 0
        for part in parts {
            if part.allSatisfy(SecretValueHeuristics.isDigit) { continue }
            guard part.allSatisfy({ ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }),
                  SecretWordModel.looksLikeWords(Array(part)) else { return false }
            words += 1
        }
        return words >= 2
    }

    /// Whether the name sits in the quoted branch of a conditional expression,
    /// `flag ? "swift/hardcoded-key" : "swift/path-injection"`, where the `:` separates two
    /// alternatives rather than a key from its value.
    static func isTernaryBranch<Bytes: RandomAccessCollection<UInt8>>(in line: Bytes, nameStart: Int) -> Bool
    where Bytes.Index == Int {
        var index = nameStart
        // Back to the opening quote of the string holding the name (`swift/` may precede it).
        while index > line.startIndex, nameStart - index < 64 {
            let byte = line[index - 1]
            if isQuote(byte) { break }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "(")
                || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { return false }
            index -= 1
        }
        guard index > line.startIndex, isQuote(line[index - 1]) else { return false }
        index -= 1
        // An escaped quote, when the expression is itself quoted in a string.
        if index > line.startIndex, line[index - 1] == UInt8(ascii: "\\") { index -= 1 }
        while index > line.startIndex, line[index - 1] == UInt8(ascii: " ") { index -= 1 }
        return index > line.startIndex && line[index - 1] == UInt8(ascii: "?")
    }
}
