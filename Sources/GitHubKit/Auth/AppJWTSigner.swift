import Crypto
import Foundation
import _CryptoExtras

/// Signs the short-lived RS256 JWT a GitHub App presents to mint installation tokens.
///
/// `iat` is 60 s in the past (clock drift), `exp` 9 minutes ahead (GitHub allows at most 10).
struct AppJWTSigner: Sendable {
    let issuer: String
    private let key: _RSA.Signing.PrivateKey

    init(credentials: GitHubAppCredentials, keyDescription: String = "the GitHub App private key") throws {
        let issuer = credentials.appID.trimmingCharacters(in: .whitespaces)
        guard !issuer.isEmpty else {
            throw GitHubError(code: .configuration, message: "the GitHub App id (or client id) is empty")
        }
        do {
            self.key = try _RSA.Signing.PrivateKey(pemRepresentation: credentials.privateKeyPEM.unredactedValue)
        } catch {
            throw GitHubError(
                code: .configuration,
                message: "\(keyDescription) is not an RSA private key of at least 2048 bits in PEM form; "
                    + "generate a new private key in the App's settings", underlying: String(describing: type(of: error)))
        }
        self.issuer = issuer
    }

    /// A JWT valid from `now - 60 s` to `now + 540 s`.
    func makeToken(now: Date) throws -> Secret {
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down)) - 60
        let expires = Int(now.timeIntervalSince1970.rounded(.down)) + 540
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        let issuerJSON: String
        if issuer.allSatisfy(\.isNumber), let number = Int64(issuer) {
            issuerJSON = String(number)
        } else {
            let encoded = (try? JSONEncoder().encode(issuer)).map { String(decoding: $0, as: UTF8.self) }
            issuerJSON = encoded ?? "\"\""
        }
        let payload = #"{"iat":\#(issuedAt),"exp":\#(expires),"iss":\#(issuerJSON)}"#
        let signingInput = Base64URL.encode(Data(header.utf8)) + "." + Base64URL.encode(Data(payload.utf8))
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        } catch {
            throw GitHubError(
                code: .configuration, message: "signing the GitHub App JWT failed",
                underlying: String(describing: type(of: error)))
        }
        return Secret(signingInput + "." + Base64URL.encode(signature.rawRepresentation))
    }
}

/// Unpadded base64url (RFC 4648 §5), as JWTs use.
public enum Base64URL {
    /// Encodes without padding.
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes padded or unpadded base64url; `nil` when malformed.
    public static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
