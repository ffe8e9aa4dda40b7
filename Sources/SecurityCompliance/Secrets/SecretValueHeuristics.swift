/// General checks that tell a real secret value from a placeholder, template, variable
/// reference or test fixture. Used by every rule.
enum SecretValueHeuristics {
    /// Values that are placeholders or defaults everywhere (compared lowercased, whole value).
    static let placeholderValues: Set<String> = [
        "password", "passwd", "pass", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pwd",
        "secret", "secrets", "token", "apikey", "api_key", "api-key", "key", "changeme",
        "change_me", "change-me", "changeit", "replaceme", "replace_me", "todo", "tbd", "fixme",
        "null", "nil", "none", "undefined", "true", "false", "empty", "blank", "default",
        "example", "sample", "dummy", "test", "testing", "demo", "placeholder", "redacted",
        "hidden", "masked", "secure", "private", "public", "string", "str", "value", "values",
        "admin", "administrator", "root", "user", "username", "guest", "login", "qwerty",
        "letmein", "welcome", "hunter2", "foo", "bar", "baz", "foobar", "foobarbaz", "qux",
        "abc", "abcd", "abcdef", "abc123", "123", "1234", "12345", "123456", "1234567",
        "12345678", "123456789", "1234567890", "0000", "000000", "111111", "mypassword",
        "yourpassword", "your_password", "your-password", "mysecret", "yoursecret", "your_secret",
        "supersecret", "s3cr3t", "secret123", "password1", "password123", "admin123", "pass123",
        "required", "optional", "unknown", "notset", "not_set", "unset", "env", "config",
        "auto", "random", "generated", "xxx", "yyy", "zzz", "na", "n/a", "nan", "bearer", "basic",
        "self", "this", "input", "hash", "salt", "form", "field", "text", "data", "info",
        "enabled", "disabled", "on", "off", "yes", "no", "todo!", "id", "name", "type",
        "asdf", "asdfgh", "asdfghjkl", "qwer", "qwerty123", "zxcv", "zxcvbn", "aaaa", "pass1234",
        "tok3n", "t0ken", "t0k3n",
    ]

    /// Substrings that mark a fixture, example or placeholder value (lowercased).
    static let fixtureMarkers: [String] = [
        "example", "dummy", "fake", "sample", "placeholder", "changeme", "change_me", "replace",
        "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpass", "insert", "redacted",
        "xxxxx", "*****", "....", "-----", "_____", "test", "mock", "notreal", "not_real",
        "not-a-real", "invalid", "foobar", "lorem", "ipsum", "secretkey", "secret_key", "apikey",
        "api_key", "password", "passwd", "my_secret", "mysecret", "mytoken", "my_token",
        "<", ">", "{{", "}}", "${", "#{", "%(", "%s", "%d", "$(", "@{", "[[", "]]", "\\(", "_here",
        "-here", "goes_here", "deadbeef", "123456", "abcdef", "****", "&lt;", "&gt;", "&quot;", "##", "@@",
    ]

    static let fixtureMarkerBytes: [[UInt8]] = fixtureMarkers.map { Array($0.utf8) }
    /// Markers that only say "fixture" for free-form values: a structured token such as
    /// `sk_test_…` carries `test` in its format.
    static let formatNeutralMarkers: Set<String> = ["test", "mock", "fake", "password", "passwd"]
    static let structuredFixtureMarkerBytes: [[UInt8]] =
        fixtureMarkers.filter { !formatNeutralMarkers.contains($0) }.map { Array($0.utf8) }
    static let templateMarkerBytes: [[UInt8]] = ["<", ">", "{{", "${", "#{", "%(", "$("].map { Array($0.utf8) }

    /// Whether `value` is a placeholder, template reference or fixture.
    ///
    /// - Parameters:
    ///   - fixtures: also reject values containing fixture words (`example`, `dummy`…).
    ///   - structured: the value has a known token format, so words like `test` that such
    ///     formats contain (`sk_test_`) do not make it a fixture.
    static func isPlaceholder(_ value: [UInt8], fixtures: Bool, structured: Bool = false) -> Bool {
        let lower = value.map(asciiLower)
        let text = String(decoding: lower, as: UTF8.self)
        if placeholderValues.contains(text) { return true }
        if isRepetitive(lower) { return true }
        if let first = lower.first, first == UInt8(ascii: "$") || first == UInt8(ascii: "%") {
            // $VAR, ${VAR}, $(cmd), %VAR%, %(name)s
            if lower.count > 1, isIdentifierStart(lower[1]) || lower[1] == UInt8(ascii: "{")
                || lower[1] == UInt8(ascii: "(") {
                return true
            }
        }
        let markers = !fixtures ? templateMarkerBytes : structured ? structuredFixtureMarkerBytes : fixtureMarkerBytes
        for marker in markers where lower.containsSubsequence(marker) {
            return true
        }
        if containsTemplateField(lower) { return true }
        return false
    }

    /// Whether the value holds a format field such as `{name}`, `{0}` or `{self.type}`.
    static func containsTemplateField(_ lower: [UInt8]) -> Bool {
        var index = 0
        while index < lower.count {
            if lower[index] == UInt8(ascii: "{") {
                var end = index + 1
                while end < lower.count, isIdentifierByte(lower[end]) || lower[end] == UInt8(ascii: ".")
                    || lower[end] == UInt8(ascii: ":") || lower[end] == UInt8(ascii: "!") || lower[end] == UInt8(ascii: "(")
                    || lower[end] == UInt8(ascii: ")") || lower[end] == UInt8(ascii: " ") {
                    end += 1
                }
                if end < lower.count, lower[end] == UInt8(ascii: "}") { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether the value is one character repeated, or a run like `abcdef` / `123456`.
    static func isRepetitive(_ lower: [UInt8]) -> Bool {
        guard lower.count >= 3 else { return false }
        let distinct = Set(lower)
        if distinct.count == 1 { return true }
        // Filler such as `CRaaaaaaaaaaaaaaaaaaaaaaaaaa`: one character repeated over half the value
        // (base64 of binary data has shorter runs, like the `AAAA` in DER lengths).
        var run = 1
        for index in 1..<lower.count {
            run = lower[index] == lower[index - 1] ? run + 1 : 1
            if run >= 8, run * 2 >= lower.count { return true }
        }
        if lower.count >= 6, distinct.count <= 2 { return true }
        // A short unit repeated: `abcabcabc`, `deadbeefdeadbeef`.
        for period in 1...min(8, lower.count / 2) where lower.count % period == 0 {
            var periodic = true
            for index in period..<lower.count where lower[index] != lower[index - period] {
                periodic = false
                break
            }
            if periodic { return true }
        }
        var ascending = true
        for index in 1..<lower.count where lower[index] != lower[index - 1] &+ 1 {
            ascending = false
            break
        }
        return ascending
    }

    @inline(__always)
    static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || byte == 95
    }

    @inline(__always)
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 48 && byte <= 57)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Counts of character classes in the value.
    struct CharacterClasses {
        var lower = 0, upper = 0, digits = 0, symbols = 0, nonASCII = 0, spaces = 0

        init(_ value: [UInt8]) {
            for byte in value {
                switch byte {
                case 97...122: lower += 1
                case 65...90: upper += 1
                case 48...57: digits += 1
                case 32, 9: spaces += 1
                case 0x80...: nonASCII += 1
                default: symbols += 1
                }
            }
        }

        /// How many of lower, upper, digit and symbol classes occur.
        var kinds: Int {
            (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digits > 0 ? 1 : 0) + (symbols > 0 ? 1 : 0)
        }
    }
}
