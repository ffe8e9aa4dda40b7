import Foundation
import Testing

/// A shaped sample line for every built-in rule that `SecretRuleCase` does not cover.
struct SecretRuleSample: CustomTestStringConvertible, Sendable {
    var ruleID: String
    var file: String
    var line: String

    var testDescription: String { ruleID }
}

extension SecretRuleSample {
    static let all: [SecretRuleSample] = {
        var r = FakeSecrets(seed: 424_242)
        let lowerDigits = FakeSecrets.lower + FakeSecrets.digits
        let uuid = { (r: inout FakeSecrets) in [8, 4, 4, 4, 12].map { r.string(FakeSecrets.hex, $0) }.joined(separator: "-") }
        var pem = Data(join("-----BEGIN RSA ", "PRIVATE KEY-----\n").utf8)
        pem.append(contentsOf: (0..<96).map { _ in UInt8(truncatingIfNeeded: r.next()) })
        let samples: [(String, String, String)] = [
            ("aws-key-pair", "deploy.rb", "creds = '\(join("AK", "IA", r.string(FakeSecrets.base32, 16))):\(r.string(FakeSecrets.alnum, 40))'"),
            ("aws-presigned-url-signature", "links.md",
             "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=\(r.string(FakeSecrets.hex, 64))"),
            ("aws-mws-key", "mws.env", "MWS_AUTH=\(join("amzn", ".mws.", uuid(&r)))"),
            ("google-oauth-client-secret", "client.json", "\"client_secret\": \"\(join("GOC", "SPX-", r.string(FakeSecrets.urlSafe, 28)))\""),
            ("google-oauth-access-token", "gcloud.txt", "access: \(join("ya", "29.", r.string(FakeSecrets.urlSafe, 60)))"),
            ("google-oauth-refresh-token", "gcloud.txt", "refresh: \(join("1//", "0", r.string(FakeSecrets.urlSafe, 60)))"),
            ("azure-shared-access-key", "bus.config",
             "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=\(r.string(FakeSecrets.alnum, 43))="),
            ("azure-ad-client-secret", "aad.env", "AZURE_CLIENT_SECRET=\(r.string(FakeSecrets.alnum, 3))8\(join("Q", "~"))\(r.string(FakeSecrets.alnum, 34))"),
            ("alibaba-access-key-secret", "oss.ini", "aliyun_secret = \(r.string(FakeSecrets.alnum, 30))"),
            ("tencent-cloud-secret-id", "cos.env", "TENCENT_ID=\(join("AK", "ID", r.string(FakeSecrets.alnum, 32)))"),
            ("heroku-api-key-v2", "heroku.env", "HEROKU=\(join("HR", "KU-", r.string(FakeSecrets.urlSafe, 60)))"),
            ("cloudflare-origin-ca-key", "cf.env", "CF_ORIGIN=\(join("v1", ".0-", r.string(FakeSecrets.hex, 24), "-", r.string(FakeSecrets.hex, 146)))"),
            ("hashicorp-vault-token", "vault.env", "VAULT=\(join("hv", "s.", r.string(FakeSecrets.urlSafe, 95)))"),
            ("terraform-cloud-token", "tf.rc", "tok = \"\(r.string(FakeSecrets.alnum, 14))\(join(".atlas", "v1."))\(r.string(FakeSecrets.urlSafe, 65))\""),
            ("pulumi-token", "pulumi.env", "PULUMI=\(join("pu", "l-", r.string(FakeSecrets.hex, 40)))"),
            ("akamai-client-token", "edgerc", "client_token = \(join("ak", "ab-", r.string(lowerDigits, 16), "-", r.string(lowerDigits, 16)))"),
            ("salesforce-access-token", "sf.json", "\"sid\": \"\(join("00", "D", r.string(FakeSecrets.alnum, 12), "!", r.string(FakeSecrets.alnum + "._", 80)))\""),
            ("bitbucket-client-secret", "bb.env", "BITBUCKET_CLIENT_SECRET=\(r.string(FakeSecrets.alnum, 40))"),
            ("atlassian-api-token", "jira.env", "JIRA=\(join("ATA", "TT3", r.string(FakeSecrets.urlSafe, 180)))"),
            ("circleci-personal-token", "circle.env", "CIRCLE=\(join("CCI", "PAT_", r.string(FakeSecrets.alnum, 22), "_", r.string(FakeSecrets.hex, 40)))"),
            ("grafana-token", "grafana.env", "GRAFANA=\(join("gl", "sa_", r.string(FakeSecrets.alnum, 32), "_", r.string(FakeSecrets.hex, 8)))"),
            ("docker-swarm-token", "swarm.sh", "docker swarm join --token \(join("SWM", "TKN-1-", r.string(lowerDigits, 50), "-", r.string(lowerDigits, 25))) 10.0.0.1:2377"),
            ("postman-api-key", "postman.env", "POSTMAN=\(join("PM", "AK-", r.string(FakeSecrets.hex, 24), "-", r.string(FakeSecrets.hex, 34)))"),
            ("discord-bot-token", "bot.env", "DISCORD_BOT_TOKEN=\(r.string(FakeSecrets.alnum, 24)).\(r.string(FakeSecrets.alnum, 6)).\(r.string(FakeSecrets.alnum, 30))"),
            ("twilio-auth-token", "twilio.env", "TWILIO_AUTH_TOKEN=\(r.string(FakeSecrets.hex, 32))"),
            ("sendinblue-api-key", "brevo.env", "BREVO=\(join("xkey", "sib-", r.string(FakeSecrets.hex, 64), "-", r.string(FakeSecrets.alnum, 16)))"),
            ("new-relic-key", "nr.env", "NEW_RELIC=\(join("NR", "AK-", r.string(FakeSecrets.upper + FakeSecrets.digits, 27)))"),
            ("sentry-auth-token", "sentry.env", "SENTRY=\(join("sntr", "yu_", r.string(FakeSecrets.hex, 64)))"),
            ("dropbox-token", "dbx.json", "{\"access\": \"\(join("s", "l.", r.string(FakeSecrets.urlSafe, 140)))\"}"),
            ("openai-api-key", "ai.env", "OPENAI=\(join("sk-", "proj-", r.string(FakeSecrets.urlSafe, 20), "T3Blbk", "FJ", r.string(FakeSecrets.urlSafe, 20)))"),
            ("anthropic-api-key", "ai.env", "ANTHROPIC=\(join("sk-", "ant-api03-", r.string(FakeSecrets.urlSafe, 90)))"),
            ("huggingface-token", "hf.env", "HF=\(join("h", "f_", r.string(FakeSecrets.upper + FakeSecrets.lower, 34)))"),
            ("stripe-test-key", "pay.env", "STRIPE=\(join("sk", "_test_", r.string(FakeSecrets.alnum, 24)))"),
            ("razorpay-key", "pay.env", "RAZORPAY=\(join("rzp", "_live_", r.string(FakeSecrets.alnum, 14)))"),
            ("npmrc-auth-token", ".npmrc", "//npm.acme.dev/:_authToken=\(r.string(FakeSecrets.alnum, 36))"),
            ("docker-config-auth", "config.json", "\"auth\": \"\(Data("ci:\(r.string(FakeSecrets.alnum, 16))".utf8).base64EncodedString())\""),
            ("clojars-token", "clojars.env", "CLOJARS=\(join("CLOJARS", "_", r.string(lowerDigits, 60)))"),
            ("base64-private-key", "key.b64", "KEY=\(pem.base64EncodedString())"),
            ("jwk-private-key", "jwk.json", "\"d\": \"\(r.string(FakeSecrets.urlSafe, 43))\","),
            ("nkey-seed", "user.creds", "seed: \(join("S", "U", r.string(FakeSecrets.base32, 56)))"),
            ("ntlm-token", "http.log", "Authorization: NTLM \(join("TlRMTV", "NTUAAB", r.string(FakeSecrets.base64, 40)))"),
            ("otp-secret-argument", "otp.rb", "totp = ROTP::TOTP.new('\(r.string(FakeSecrets.base32, 32))')"),
            ("curl-user-password", "call.sh", "curl -u deploy:\(r.string(FakeSecrets.alnum, 14)) https://ci.acme.dev/api"),
            ("generic-key", "keys.env", "NKEY_VALUE=\(r.string(FakeSecrets.alnum, 32))"),
            ("generic-nonce-salt", "hash.py", "HMAC_SALT = \"\(r.string(FakeSecrets.alnum, 24))\""),
        ]
        return samples.map { SecretRuleSample(ruleID: $0.0, file: $0.1, line: $0.2) }
    }()
}
