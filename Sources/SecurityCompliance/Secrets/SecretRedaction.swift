import InfinityModel

/// Redaction, fingerprinting and entropy of secret values.
///
/// These are the only functions that see a raw secret on its way into a finding; the
/// secret itself is never stored.
public enum SecretRedaction {
    /// The fixed salt put in front of every fingerprint input, so a fingerprint cannot be
    /// matched against a plain SHA-256 of a guessed value.
    public static let fingerprintSalt = "infinity-orchestrator/secret-fingerprint/v1\u{0}"

    /// Keeps at most a short prefix of `secret` followed by `…`.
    ///
    /// The prefix is at most 4 characters and never more than a quarter of the value, so
    /// short passwords show at most one character and values of 3 characters or fewer
    /// show none.
    public static func redact(_ secret: some StringProtocol) -> String {
        let characters = Array(secret)
        let keep = min(4, characters.count / 4)
        return String(characters.prefix(keep)) + "…"
    }

    /// Stable hex SHA-256 over the salt, rule id, file path and secret bytes.
    public static func fingerprint(ruleID: String, file: String, secret: [UInt8]) -> String {
        var input = Array(fingerprintSalt.utf8)
        input += Array(ruleID.utf8)
        input.append(0)
        input += Array(file.utf8)
        input.append(0)
        input += secret
        return SHA256Hex.digest(bytes: input)
    }

    /// Shannon entropy of `bytes` in bits per byte (0 for an empty value).
    public static func shannonEntropy(_ bytes: some Collection<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        return entropy
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
