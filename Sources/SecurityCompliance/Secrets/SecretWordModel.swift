/// Tells values made of ordinary words (`randomSecretString`, `my_db_pass`) from random
/// strings (`hczvgbxk`), using the letter bigrams that are common in English words.
///
/// A random 8-letter string passes as word-like about 2.6 % of the time, a 12-letter one
/// about 0.25 %; dictionary words almost always pass.
enum SecretWordModel {
    /// 26×26 table: `table[a * 26 + b]` is true when the bigram `ab` is common.
    static let table: [Bool] = {
        var table = [Bool](repeating: false, count: 26 * 26)
        for pair in commonBigramText.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let bytes = Array(pair.utf8)
            guard bytes.count == 2 else { continue }
            table[Int(bytes[0] - 97) * 26 + Int(bytes[1] - 97)] = true
        }
        return table
    }()

    /// Whether the value reads as one or more words: letter segments (split at `_`, `-`,
    /// `.`, spaces and camelCase humps) whose bigrams are all common, at most two digits,
    /// and no other symbols.
    static func looksLikeWords(_ value: [UInt8]) -> Bool {
        looksLikeWords(value, minimumSegment: 3)
    }

    /// Splits a value into lowercase letter segments at separators, digits and camelCase
    /// humps (`OCSPNonce` → `ocsp`, `nonce`); returns nil when another symbol occurs.
    static func segments(_ value: [UInt8]) -> (segments: [[UInt8]], digits: Int)? {
        var digits = 0
        var segments: [[UInt8]] = []
        var current: [UInt8] = []
        func close() {
            if !current.isEmpty { segments.append(current) }
            current = []
        }
        for (index, byte) in value.enumerated() {
            switch byte {
            case 65...90:
                let previousLower = index > 0 && value[index - 1] >= 97 && value[index - 1] <= 122
                let previousUpper = index > 0 && value[index - 1] >= 65 && value[index - 1] <= 90
                let nextLower = index + 1 < value.count && value[index + 1] >= 97 && value[index + 1] <= 122
                if previousLower || (previousUpper && nextLower) { close() }
                current.append(byte + 32)
            case 97...122:
                current.append(byte)
            case 48...57:
                digits += 1
                close()
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " "), UInt8(ascii: ":"),
                 UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: ","):
                close()
            default:
                return nil
            }
        }
        close()
        return (segments, digits)
    }

    /// As ``looksLikeWords(_:)``, judging only segments of at least `minimumSegment` letters
    /// (shorter ones, like the `zpk` in `lp2bsZpk`, are taken as abbreviations).
    static func looksLikeWords(_ value: [UInt8], minimumSegment: Int) -> Bool {
        guard let (segments, digits) = segments(value), digits <= 2 else { return false }
        // In multi-part names, three-letter parts are usually acronyms (`Emr`, `Kms`).
        let minimum = segments.count >= 2 ? max(minimumSegment, 4) : minimumSegment
        guard segments.contains(where: { $0.count >= minimum }) else { return false }
        return segments.allSatisfy { $0.count < minimum || isWordLike($0) }
    }

    /// Short English words plus programming jargon, for exact look-up of segments of up to
    /// six letters, where bigrams alone let too many random strings pass.
    static let shortWords: Set<[UInt8]> = {
        var words = Set<[UInt8]>()
        for word in shortWordText.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            words.insert(Array(word.utf8))
        }
        for word in jargon.split(separator: " ") { words.insert(Array(word.utf8)) }
        return words
    }()

    /// Words of code and configuration that a general dictionary lacks.
    static let jargon = "foo bar baz qux quux pwd passwd admin root todo tmp temp conf config env auth oauth json yaml "
        + "http https url uri api sql ssh ssl tls jwt uuid init impl util utils args kwargs params str int bool "
        + "dict func async await repo src dst dev prod stage qa sso ldap smtp imap mysql pgsql redis mongo "
        + "amqp kafka admin sudo login logout signin signup userid uid gid pid app apps svc srv db dbs cli "
        + "cfg ctx req res resp msg err val vals obj objs len idx num nums ptr buf tok toks hmac rsa ecdsa "
        + "sha md hex utf ascii mqtt nats grpc xml html css js ts www localhost admin guest demo creds "
        + "docker github gitlab npm pypi yml toml"

    /// Whether a lowercase letter run reads as a word: runs of up to six letters must be
    /// dictionary words; longer runs need a vowel and only common bigrams.
    static func isWordLike(_ letters: [UInt8]) -> Bool {
        if letters.count < 3 { return true }
        if letters.count <= 6 { return shortWords.contains(letters) }
        guard letters.contains(where: { "aeiouy".utf8.contains($0) }) else { return false }
        for index in 1..<letters.count where !table[Int(letters[index - 1] - 97) * 26 + Int(letters[index] - 97)] {
            return false
        }
        return true
    }
}
