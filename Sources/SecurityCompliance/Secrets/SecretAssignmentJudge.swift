/// Reads and judges the value of a generic `name <op> value` assignment found by an
/// `assignment` rule: the rule's regex matches the name (group 1) and the operator, and
/// the value is read right after the match, quoted or bare.
enum SecretAssignmentJudge {
    /// A value read after an assignment operator.
    struct Value {
        /// Byte range of the value within the line.
        var range: Range<Int>
        /// Whether it was inside quotes.
        var quoted: Bool
    }

    /// Name segments that say the assignment is about something other than a secret value.
    static let nonSecretNameSegments: Set<String> = [
        "length", "len", "min", "max", "minimum", "maximum", "policy", "policies", "field", "fields",
        "label", "placeholder", "hint", "prompt", "regex", "regexp", "pattern", "format", "reset",
        "forgot", "expire", "expires", "expiry", "expiration", "expired", "ttl", "timeout", "count",
        "enabled", "enable", "disabled", "required", "type", "types", "mode", "strength", "validator",
        "invalid", "file", "files", "filename", "path", "dir", "directory",
        "url", "uri", "endpoint", "host", "hostname", "port", "name", "names", "ref", "header",
        "headers", "param", "params", "prefix", "suffix", "version", "size", "method", "methods",
        "scheme", "style", "class", "message", "msg", "error", "errors", "title", "description",
        "desc", "button", "link", "page", "view", "template", "dialog", "modal", "screen", "route",
        "event", "status", "encoding", "algorithm", "alg", "kind", "limit", "handler", "helper",
        "factory", "builder", "generator", "parser", "reader", "writer", "loader", "index",
        "attempts", "retries", "rotation", "level", "location", "username", "email", "changed",
        "hash", "hashed", "digest", "id", "ids", "uuid", "usage", "lifetime", "duration", "age",
        "interval", "flag", "flags", "keyid", "public", "pub", "mock", "fake", "example", "sample",
        "dummy", "callback", "func", "function", "fn", "command", "cmd", "script", "keyfile",
        "list", "array", "column", "col", "var", "variable", "arg", "args", "argument", "property",
        "prop", "attr", "attribute", "element", "selector", "locator", "xpath", "css", "icon",
        "image", "img", "color", "font", "width", "height", "position", "visible", "visibility",
        "show", "hide", "toggle", "tooltip", "char", "chars", "characters", "digits", "lowercase",
        "uppercase", "timestamp", "time", "date", "realm", "encrypted", "enc", "cipher",
        "ciphertext", "wrapped", "passport", "passenger", "passengers", "compass", "bypass",
        "passive", "passage", "passthrough", "passthru", "surpass", "trespass", "overpass",
        "underpass", "passable", "passed", "passes", "passing", "tokenizer", "tokenize", "tokenized",
        "tokenization", "tokenizers", "keyboard", "keyup", "keydown", "keypress", "keyword",
        "keywords", "keystore", "keychain", "keyframe", "keyframes", "keymap", "keycode", "keys",
        "monkey", "donkey", "turkey", "hockey", "jockey", "authority", "author", "authors",
        "authored", "authorize", "authorized", "authenticate", "authenticated", "authenticator",
        "secretary", "design", "signin", "signup", "signout", "signal", "signals", "signed",
        "significant", "signing_method", "sigma", "sight", "keyspace", "keyset", "hotkey", "hotkeys",
        "pkey_type", "authmethod", "bytes", "bits", "strategy", "scope", "scopes", "audience",
        "issuer", "subject", "claims", "grant", "granted", "revoke", "revoked", "refreshed", "store",
        "number", "num", "node", "tag", "tags", "sha", "sha1", "sha256", "sha512", "md5", "checksum",
        "crc", "fingerprint", "from", "refs", "reference", "authorities", "complexity",
    ]

    /// Words of programming languages that appear where a bare value would be.
    static let codeKeywords: Set<String> = [
        "typeof", "instanceof", "new", "await", "async", "function", "lambda", "return", "yield", "not",
        "self", "this", "super", "nil", "none", "null", "undefined", "void", "true", "false", "let", "var",
        "const", "val", "def", "fn", "func", "if", "else", "and", "or", "in", "is", "of", "as",
    ]

    /// Reads the value after an operator, skipping a type annotation such as
    /// `token: string = '…'` (TypeScript, Kotlin, Swift, Python).
    static func readAssignedValue<Bytes: RandomAccessCollection<UInt8>>(in line: Bytes, at start: Int) -> Value?
    where Bytes.Index == Int {
        guard let value = readValue(in: line, at: start) else { return nil }
        guard !value.quoted else { return value }
        var index = value.range.upperBound
        while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "?")
            || line[index] == UInt8(ascii: "|") { index += 1 }
        guard index + 1 < line.endIndex, line[index] == UInt8(ascii: "="),
              line[index + 1] != UInt8(ascii: "="), line[index + 1] != UInt8(ascii: ">") else { return value }
        index += 1
        while index < line.endIndex, line[index] == UInt8(ascii: " ") { index += 1 }
        return readValue(in: line, at: index) ?? value
    }

    /// Reads the value starting at `start` in `line` (after operator and spaces).
    static func readValue<Bytes: RandomAccessCollection<UInt8>>(in line: Bytes, at start: Int) -> Value?
    where Bytes.Index == Int {
        var index = start
        let end = line.endIndex
        while index < end, index - start < 32, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") {
            index += 1
        }
        guard index < end else { return nil }
        // The first element of an array: ["…", "…"].
        if line[index] == UInt8(ascii: "["), index + 1 < end {
            index += 1
            while index < end, line[index] == UInt8(ascii: " ") { index += 1 }
            guard index < end, isQuote(line[index]) else { return nil }
        }
        // String prefixes: r"…", b'…', u"…", f"…", @"…".
        if index + 1 < end, isQuote(line[index + 1]),
           [UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"), UInt8(ascii: "f"), UInt8(ascii: "@")]
            .contains(line[index]) {
            index += 1
        }
        // Escaped quotes, as in JSON inside a string: \"value\".
        if line[index] == UInt8(ascii: "\\"), index + 1 < end, isQuote(line[index + 1]) {
            let quote = line[index + 1]
            let valueStart = index + 2
            var cursor = valueStart
            while cursor + 1 < end, cursor - valueStart < 512 {
                if line[cursor] == UInt8(ascii: "\\"), line[cursor + 1] == quote {
                    return Value(range: valueStart..<cursor, quoted: true)
                }
                cursor += 1
            }
            return nil
        }
        if isQuote(line[index]) {
            let quote = line[index]
            let valueStart = index + 1
            var cursor = valueStart
            while cursor < end, cursor - valueStart < 512 {
                let byte = line[cursor]
                if byte == UInt8(ascii: "\\") {
                    cursor += 2
                    continue
                }
                if byte == quote { return Value(range: valueStart..<cursor, quoted: true) }
                cursor += 1
            }
            return nil
        }
        let valueStart = index
        var cursor = index
        while cursor < end, cursor - valueStart < 512 {
            let byte = line[cursor]
            if isBareTerminator(byte) { break }
            // An escaped line break or tab (`true\n  next: …` inside a string literal) ends
            // the value as a real one would.
            if byte == UInt8(ascii: "\\"), cursor + 1 < end,
               [UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t")].contains(line[cursor + 1]) { break }
            cursor += 1
        }
        guard cursor > valueStart else { return nil }
        return Value(range: valueStart..<cursor, quoted: false)
    }

    /// Whether the assignment's value is reported.
    static func accepts(
        name: [UInt8], keywords: [String], value: [UInt8], quoted: Bool, kind: SourceFileKind, fixtures: Bool,
        requiresQuotes: Bool = false, call: Bool = false
    ) -> Bool {
        let segments = nameSegments(name)
        if segments.contains(where: nonSecretNameSegments.contains) { return false }
        if segments.contains(where: { isKeywordWithNonSecretSuffix($0, keywords: keywords) }) { return false }
        if !namesSecret(segments: segments, joined: name, keywords: keywords) { return false }
        if namesLookupKey(segments: segments) { return false }
        if call, kind == .code, !callNamesSecret(segments: segments, keywords: keywords) { return false }
        if requiresQuotes, !quoted { return false }
        if isAttribute(value, kind: kind) || isWordPath(value) { return false }
        if isCryptHash(value) { return false }
        let classes = SecretValueHeuristics.CharacterClasses(value)
        if classes.spaces > 0 { return false }
        if classes.nonASCII * 10 > value.count * 3 { return false }
        if SecretValueHeuristics.isPlaceholder(value, fixtures: fixtures) { return false }
        let lower = value.map(SecretValueHeuristics.asciiLower)
        if looksLikePathOrAddress(lower) { return false }
        if classes.digits == value.count, value.count < 6 { return false }
        if lower.containsSubsequence(Array("\\x".utf8)) || looksLikeRegex(lower) { return false }
        if isConstantName(value) { return false }
        if containsNameKeyword(lower, keywords: keywords) { return false }
        if value.allSatisfy({ SecretValueHeuristics.isDigit($0) || $0 == UInt8(ascii: ".") }) { return false }
        if !quoted {
            if value.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "{") }) {
                return false
            }
            if value.first == UInt8(ascii: ":") || value.last == UInt8(ascii: ":") { return false }
            if kind == .code, looksLikeExpression(value) { return false }
            if kind == .code, isIdentifierPath(value), isTypeStyle(value) { return false }
            if kind == .code, isIdentifierPath(value) {
                // In code a bare word is a variable, unless it is a random-looking token that
                // sits in embedded configuration text.
                if value.contains(UInt8(ascii: ".")) || value.contains(UInt8(ascii: "_")) || value.count < 6
                    || SecretWordModel.looksLikeWords(value) || SecretWordModel.looksLikeWords(value, minimumSegment: 4) {
                    return false
                }
            }
            if isTypeName(lower) || codeKeywords.contains(String(decoding: lower, as: UTF8.self)) { return false }
        }
        if SecretWordModel.looksLikeWords(value) { return false }
        return true
    }

    /// Whether a name segment holds a keyword: short keywords (`pw`, `sig`, `key`) must end
    /// a segment (`dbpw`, `apikey`), so `design` or `onkeyup` do not count; longer ones may
    /// sit anywhere in it (`pgpassword`), words like `passenger` being excluded by name.
    static func namesSecret(segments: [String], joined: [UInt8], keywords: [String]) -> Bool {
        for segment in segments {
            for keyword in keywords {
                let word = keyword.utf8.filter { SecretValueHeuristics.isIdentifierByte($0) && $0 != UInt8(ascii: "_") }
                guard !word.isEmpty else { continue }
                let bytes = Array(segment.utf8)
                if word.count <= 3 {
                    if bytes.count >= word.count, bytes.suffix(word.count).elementsEqual(word) { return true }
                } else if bytes.containsSubsequence(word) {
                    return true
                }
            }
        }
        // Keywords that span segments, like `api_key` or `_authToken`.
        let lower = joined.map(SecretValueHeuristics.asciiLower)
        for keyword in keywords where keyword.utf8.count > 3 && keyword.utf8.contains(where: { !(($0 >= 97 && $0 <= 122)) }) {
            if lower.containsSubsequence(Array(keyword.utf8)) { return true }
        }
        return false
    }

    /// `$2a$10$…` (bcrypt), `$6$…` (crypt), `{SSHA}…`, `$argon2id$…`, `pbkdf2_sha256$…`.
    static func isCryptHash(_ value: [UInt8]) -> Bool {
        let text = String(decoding: value, as: UTF8.self)
        if text.hasPrefix("{") {
            for scheme in ["{CRYPT}", "{SSHA}", "{SHA}", "{SSHA256}", "{SSHA512}", "{MD5}", "{SMD5}", "{PBKDF2", "{ARGON2}", "{bcrypt}", "{noop}"]
            where text.hasPrefix(scheme) && scheme != "{noop}" {
                return true
            }
        }
        if text.hasPrefix("$") {
            let parts = text.split(separator: "$", omittingEmptySubsequences: false)
            if parts.count >= 4, let scheme = parts.dropFirst().first, !scheme.isEmpty, scheme.count <= 12 { return true }
        }
        if text.hasPrefix("pbkdf2_") || text.hasPrefix("sha1$") || text.hasPrefix("md5$") || text.hasPrefix("argon2") {
            return text.contains("$")
        }
        return false
    }

    /// Splits `dbPassword_min-length` into `db`, `password`, `min`, `length`.
    static func nameSegments(_ name: [UInt8]) -> [String] {
        var segments: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        for byte in name {
            let isUpper = byte >= 65 && byte <= 90
            let isAlnum = SecretValueHeuristics.isIdentifierByte(byte) && byte != UInt8(ascii: "_")
            if !isAlnum || (isUpper && previousLower) {
                if !current.isEmpty { segments.append(String(decoding: current, as: UTF8.self)) }
                current = []
            }
            if isAlnum { current.append(SecretValueHeuristics.asciiLower(byte)) }
            previousLower = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
        }
        if !current.isEmpty { segments.append(String(decoding: current, as: UTF8.self)) }
        return segments
    }

    private static let typeNames: Set<String> = [
        "string", "str", "bool", "boolean", "int", "integer", "number", "float", "double", "any",
        "object", "array", "list", "dict", "map", "bytes", "byte", "char", "text", "varchar", "void",
        "secretstr", "secretbytes", "optional", "nullable", "uuid", "date", "datetime",
    ]

    static func isTypeName(_ lower: [UInt8]) -> Bool {
        var text = String(decoding: lower, as: UTF8.self)
        while text.hasSuffix(";") || text.hasSuffix("?") || text.hasSuffix("!") { text.removeLast() }
        return typeNames.contains(text)
    }

    /// `SSHPublicKeyTypes`, `PSKeyword`: a capitalised letters-only name, as types are written.
    static func isTypeStyle(_ value: [UInt8]) -> Bool {
        guard let first = value.first, first >= 65, first <= 90 else { return false }
        var letters = value
        while let last = letters.last, last == UInt8(ascii: "?") || last == UInt8(ascii: "!") { letters.removeLast() }
        return letters.contains { $0 >= 97 && $0 <= 122 }
            && letters.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }

    /// `authtype`, `passwordfield`, `tokenurl`: a keyword glued to a non-secret word.
    static func isKeywordWithNonSecretSuffix(_ segment: String, keywords: [String]) -> Bool {
        for keyword in keywords where keyword.count >= 4 && segment.count > keyword.count && segment.hasPrefix(keyword) {
            if nonSecretNameSegments.contains(String(segment.dropFirst(keyword.count))) { return true }
        }
        return false
    }

    /// Whether the value repeats a keyword of its own name (`token: 1234token`), as
    /// placeholders do.
    static func containsNameKeyword(_ lower: [UInt8], keywords: [String]) -> Bool {
        for keyword in keywords {
            let letters = Array(keyword.utf8.filter { $0 >= 97 && $0 <= 122 })
            if letters.count >= 4, lower.containsSubsequence(letters) { return true }
        }
        return false
    }

    /// An environment-variable or constant name such as `AWS_XRAY_DAEMON_ADDRESS`.
    static func isConstantName(_ value: [UInt8]) -> Bool {
        guard value.count >= 3, let first = value.first, first >= 65, first <= 90,
              value.contains(UInt8(ascii: "_")) else { return false }
        var previousUnderscore = false
        for byte in value {
            let isUnderscore = byte == UInt8(ascii: "_")
            guard (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57) || isUnderscore else { return false }
            if isUnderscore, previousUnderscore { return false }
            previousUnderscore = isUnderscore
        }
        return !previousUnderscore
    }

    /// Regular-expression syntax: `\w`, `\d`, `\s`, `[^`, `(?`.
    static func looksLikeRegex(_ lower: [UInt8]) -> Bool {
        for marker in ["\\w", "\\d", "\\s", "[^", "(?", "\\b"] where lower.containsSubsequence(Array(marker.utf8)) {
            return true
        }
        return false
    }

    /// Code such as `0xfade0b02`, `tv.r+tv.s` or `a.b`: numeric literals and member access.
    static func looksLikeExpression(_ value: [UInt8]) -> Bool {
        if value.count > 2, value[0] == UInt8(ascii: "0"), value[1] == UInt8(ascii: "x") || value[1] == UInt8(ascii: "X") {
            return true
        }
        for index in 1..<value.count where value[index - 1] == UInt8(ascii: ".")
            && SecretValueHeuristics.isIdentifierStart(value[index]) {
            return true
        }
        return value.contains(UInt8(ascii: "+")) && value.contains(UInt8(ascii: "."))
    }

    /// `foo`, `config.password`, `os.environ`, `this.props.token`, `$var`, `@ivar`, `Type?`.
    private static func isIdentifierPath(_ value: [UInt8]) -> Bool {
        var value = value
        while let last = value.last, last == UInt8(ascii: "?") || last == UInt8(ascii: "!") { value.removeLast() }
        var expectStart = true
        for byte in value {
            if expectStart {
                guard SecretValueHeuristics.isIdentifierStart(byte) || byte == UInt8(ascii: "$")
                    || byte == UInt8(ascii: "@") else { return false }
                expectStart = false
            } else if byte == UInt8(ascii: ".") {
                expectStart = true
            } else if !(SecretValueHeuristics.isIdentifierByte(byte) || byte == UInt8(ascii: "$")) {
                return false
            }
        }
        return !expectStart
    }

    private static func looksLikePathOrAddress(_ lower: [UInt8]) -> Bool {
        let text = String(decoding: lower, as: UTF8.self)
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~/") { return true }
        if text.contains("://") { return true }
        if text.count > 2, lower[1] == UInt8(ascii: ":"), lower[2] == UInt8(ascii: "\\") { return true }
        for ext in [".pem", ".key", ".crt", ".cer", ".json", ".txt", ".yml", ".yaml", ".xml", ".p12", ".pfx",
                    ".jks", ".env", ".conf", ".cfg", ".ini", ".html", ".js", ".py", ".rb", ".go", ".php",
                    ".com", ".org", ".net", ".io", ".local", ".properties", ".keystore", ".pub"]
        where text.hasSuffix(ext) {
            return true
        }
        if let at = lower.firstIndex(of: UInt8(ascii: "@")), at > 0,
           lower[(at + 1)...].contains(UInt8(ascii: ".")),
           lower[..<at].allSatisfy({ SecretValueHeuristics.isIdentifierByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) {
            return true
        }
        return false
    }

    @inline(__always)
    static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    @inline(__always)
    private static func isBareTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\""),
             UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            return true
        default:
            return false
        }
    }
}
