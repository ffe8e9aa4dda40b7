import Foundation
import Testing

/// One rule family check: a line that must be found by `ruleID`, and a look-alike that
/// must not be found by any rule.
struct SecretRuleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var ruleID: String
    var file: String
    var positive: String
    var secret: String
    var negative: String
    var negativeFile: String?

    var testDescription: String { name }
}

extension SecretRuleCase {
    /// Cases built from seeded random values, so runs are repeatable.
    static let all: [SecretRuleCase] = {
        var r = FakeSecrets(seed: 20_261_130)
        var cases: [SecretRuleCase] = []
        func add(_ name: String, _ rule: String, _ file: String, _ secret: String, negative: String,
                 negativeFile: String? = nil, _ positive: (String) -> String) {
            cases.append(SecretRuleCase(
                name: name, ruleID: rule, file: file, positive: positive(secret), secret: secret,
                negative: negative, negativeFile: negativeFile))
        }
        // Cloud providers.
        add("AWS access key id", "aws-access-key-id", "deploy.sh", join("AK", "IA", r.string(FakeSecrets.base32, 16)), negative: { "export AWS_ACCESS_KEY_ID=" + join("AK", "IA", "IOSFODNN7", "EXAMPLE") }()) {
            "export AWS_ACCESS_KEY_ID=\($0)"
        }
        add("AWS secret access key", "aws-secret-access-key", "creds.yml", r.string(FakeSecrets.alnum + "/+", 40), negative: "aws_secret_access_key: ${AWS_SECRET_ACCESS_KEY}") {
            "aws_secret_access_key: \($0)"
        }
        add("GCP service account key id", "gcp-service-account-key-id", "sa.json", r.string(FakeSecrets.hex, 40), negative: "  \"private_key_id\": \"<your-private-key-id>\",") {
            "  \"private_key_id\": \"\($0)\","
        }
        add("Google API key", "google-api-key", "maps.js", join("AI", "za", r.string(FakeSecrets.urlSafe, 35)), negative: { "const key = '" + join("AI", "za", String(repeating: "x", count: 35)) + "';" }()) {
            "const key = '\($0)';"
        }
        add("Azure storage account key", "azure-storage-account-key", "app.config", r.string(FakeSecrets.base64, 86) + "==", negative: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<account-key>;EndpointSuffix=core.windows.net") {
            "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=\($0);EndpointSuffix=core.windows.net"
        }
        add("Azure SAS token", "azure-sas-token", "upload.sh", r.string(FakeSecrets.alnum, 43) + "%3D", negative: "curl \"https://acme.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sp=r&sig=${SAS_SIGNATURE}\"") {
            "curl \"https://acme.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sp=r&sig=\($0)\""
        }
        add("DigitalOcean token", "digitalocean-token", ".env", join("do", "p_v1_", r.string(FakeSecrets.hex, 64)), negative: { "DIGITALOCEAN_TOKEN=" + join("do", "p_v1_", String(repeating: "deadbeef", count: 8)) }()) {
            "DIGITALOCEAN_TOKEN=\($0)"
        }
        add("Alibaba access key id", "alibaba-access-key-id", "oss.py", join("LT", "AI", r.string(FakeSecrets.alnum, 20)), negative: { "access_key_id = '" + join("LT", "AI", "EXAMPLEEXAMPLE") + "'" }()) {
            "access_key_id = '\($0)'"
        }
        add("IBM Cloud API key", "ibm-cloud-api-key", "ibm.env", r.string(FakeSecrets.urlSafe, 44), negative: "IBM_CLOUD_APIKEY=$IBM_CLOUD_APIKEY") {
            "IBM_CLOUD_APIKEY=\($0)"
        }
        add("Heroku API key", "heroku-api-key", "heroku.yml",
            [8, 4, 4, 4, 12].map { r.string(FakeSecrets.hex, $0) }.joined(separator: "-"), negative: "heroku_api_key: {{ heroku_key }}") {
            "heroku_api_key: \($0)"
        }
        add("Linode token", "linode-token", "linode.env", r.string(FakeSecrets.hex, 64), negative: "LINODE_TOKEN=<token>") {
            "LINODE_TOKEN=\($0)"
        }
        // VCS and CI.
        add("GitHub classic token", "github-token", "ci.yml", join("gh", "p_", r.string(FakeSecrets.alnum, 36)), negative: { "  GITHUB_TOKEN: " + join("gh", "p_", String(repeating: "x", count: 36)) }()) {
            "  GITHUB_TOKEN: \($0)"
        }
        add("GitHub OAuth token", "github-token", "oauth.json", join("gh", "o_", r.string(FakeSecrets.alnum, 36)), negative: "{\"token\": \"${{ secrets.GITHUB_TOKEN }}\"}") {
            "{\"token\": \"\($0)\"}"
        }
        add("GitHub fine-grained token", "github-fine-grained-pat", "release.sh",
            join("github", "_pat_", r.string(FakeSecrets.alnum, 22), "_", r.string(FakeSecrets.alnum, 59)), negative: "gh auth login --with-token <<< $GH_TOKEN") {
            "gh auth login --with-token <<< \($0)"
        }
        add("GitLab token", "gitlab-token", ".gitlab-ci.yml", join("gl", "pat-", r.string(FakeSecrets.urlSafe, 20)), negative: "  PRIVATE_TOKEN: $CI_JOB_TOKEN") {
            "  PRIVATE_TOKEN: \($0)"
        }
        add("CircleCI token", "circleci-token", "circle.env", r.string(FakeSecrets.hex, 40), negative: "CIRCLE_TOKEN=${CIRCLE_TOKEN}") {
            "CIRCLE_TOKEN=\($0)"
        }
        add("Travis CI token", "travis-ci-token", "travis.env", r.string(FakeSecrets.urlSafe, 22), negative: "TRAVIS_TOKEN=changeme") {
            "TRAVIS_TOKEN=\($0)"
        }
        add("Bitbucket app password", "bitbucket-app-password", "bb.env", join("AT", "BB", r.string(FakeSecrets.alnum, 32)), negative: "BB_APP_PASSWORD=") {
            "BB_APP_PASSWORD=\($0)"
        }
        add("Docker Hub token", "dockerhub-pat", "publish.sh", join("dckr", "_pat_", r.string(FakeSecrets.urlSafe, 27)), negative: "echo $DOCKERHUB_TOKEN | docker login -u acme --password-stdin") {
            "echo \($0) | docker login -u acme --password-stdin"
        }
        // Chat, mail and webhooks.
        add("Slack bot token", "slack-token", "bot.py",
            join("xo", "xb-", r.string(FakeSecrets.digits, 12), "-", r.string(FakeSecrets.digits, 13), "-", r.string(FakeSecrets.alnum, 24)), negative: { "SLACK_TOKEN = \"" + join("xo", "xb-", "your-token-here") + "\"" }()) {
            "SLACK_TOKEN = \"\($0)\""
        }
        add("Slack webhook", "slack-webhook", "notify.sh",
            join("https://hooks.", "slack.com/services/T", r.string(FakeSecrets.upper + FakeSecrets.digits, 8), "/B",
                 r.string(FakeSecrets.upper + FakeSecrets.digits, 10), "/", r.string(FakeSecrets.alnum, 24)), negative: "curl -X POST https://hooks.slack.com/services/XXXX/XXXX/XXXX -d @payload.json") {
            "curl -X POST \($0) -d @payload.json"
        }
        add("Discord webhook", "discord-webhook", "hook.txt",
            join("https://discord.com/api/", "webhooks/", r.string(FakeSecrets.digits, 18), "/", r.string(FakeSecrets.urlSafe, 68)), negative: "webhook https://discord.com/api/webhooks/<id>/<token>") {
            "webhook \($0)"
        }
        add("Telegram bot token", "telegram-bot-token", "bot.env",
            join(r.string(FakeSecrets.digits, 10), ":A", "A", r.string(FakeSecrets.urlSafe, 33)), negative: "TELEGRAM_BOT_TOKEN=123456:ABC-DEF") {
            "TELEGRAM_BOT_TOKEN=\($0)"
        }
        add("Teams webhook", "teams-webhook", "teams.md",
            join("https://acme.webhook.", "office.com/webhookb2/", [8, 4, 4, 4, 12].map { r.string(FakeSecrets.hex, $0) }.joined(separator: "-"),
                 "@", [8, 4, 4, 4, 12].map { r.string(FakeSecrets.hex, $0) }.joined(separator: "-"), "/IncomingWebhook/",
                 r.string(FakeSecrets.hex, 32), "/", [8, 4, 4, 4, 12].map { r.string(FakeSecrets.hex, $0) }.joined(separator: "-")), negative: "url: https://acme.webhook.office.com/webhookb2/...") {
            "url: \($0)"
        }
        add("Twilio API key", "twilio-api-key", "twilio.rb", join("S", "K", r.string(FakeSecrets.hex, 32)), negative: "client = Twilio::REST::Client.new(ENV['TWILIO_KEY'], secret)") {
            "client = Twilio::REST::Client.new('\($0)', secret)"
        }
        add("SendGrid key", "sendgrid-api-key", "mail.py",
            join("S", "G.", r.string(FakeSecrets.urlSafe, 22), ".", r.string(FakeSecrets.urlSafe, 43)), negative: "sg = SendGridAPIClient(os.environ['SENDGRID_API_KEY'])") {
            "sg = SendGridAPIClient('\($0)')"
        }
        add("Mailgun key", "mailgun-api-key", "mailgun.php", join("ke", "y-", r.string(FakeSecrets.hex, 32)), negative: "$mg = Mailgun::create('key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');") {
            "$mg = Mailgun::create('\($0)');"
        }
        add("Mailchimp key", "mailchimp-api-key", "news.js", join(r.string(FakeSecrets.hex, 32), "-u", "s14"), negative: "mailchimp.setConfig({ apiKey: process.env.MAILCHIMP_KEY });") {
            "mailchimp.setConfig({ apiKey: '\($0)' });"
        }
        // Payment.
        add("Stripe live key", "stripe-secret-key", "pay.rb", join("sk", "_live_", r.string(FakeSecrets.alnum, 24)), negative: "Stripe.api_key = ENV.fetch('STRIPE_KEY')") {
            "Stripe.api_key = '\($0)'"
        }
        add("Stripe restricted key", "stripe-secret-key", "pay.env", join("rk", "_live_", r.string(FakeSecrets.alnum, 24)), negative: "STRIPE_RESTRICTED=rk_live_...") {
            "STRIPE_RESTRICTED=\($0)"
        }
        add("Square token", "square-token", "square.env", join("sq0", "atp-", r.string(FakeSecrets.urlSafe, 22)), negative: "SQUARE_TOKEN=sq0atp-<token>") {
            "SQUARE_TOKEN=\($0)"
        }
        add("Braintree token", "braintree-access-token", "bt.env",
            join("access_token", "$production$", r.string(FakeSecrets.lower + FakeSecrets.digits, 16), "$", r.string(FakeSecrets.hex, 32)), negative: "BRAINTREE=access_token$sandbox$<id>$<secret>") {
            "BRAINTREE=\($0)"
        }
        add("Shopify token", "shopify-token", "shop.env", join("shp", "at_", r.string(FakeSecrets.hex, 32)), negative: "SHOPIFY_TOKEN=shpat_<token>") {
            "SHOPIFY_TOKEN=\($0)"
        }
        // Package registries.
        add("npm token", "npm-token", ".npmrc", join("np", "m_", r.string(FakeSecrets.alnum, 36)), negative: "//registry.npmjs.org/:_authToken=${NPM_TOKEN}") {
            "//registry.npmjs.org/:_authToken=\($0)"
        }
        add("PyPI token", "pypi-token", ".pypirc", join("py", "pi-AgEIcHlwaS5vcmc", r.string(FakeSecrets.urlSafe, 60)), negative: "password = %(PYPI_TOKEN)s") {
            "password = \($0)"
        }
        add("RubyGems key", "rubygems-api-key", "credentials", join("ruby", "gems_", r.string(FakeSecrets.hex, 48)), negative: ":rubygems_api_key: <%= ENV['GEM_KEY'] %>") {
            ":rubygems_api_key: \($0)"
        }
        add("NuGet key", "nuget-api-key", "push.ps1", join("o", "y2", r.string(FakeSecrets.lower + FakeSecrets.digits, 43)), negative: "dotnet nuget push pkg.nupkg --api-key $env:NUGET_KEY") {
            "dotnet nuget push pkg.nupkg --api-key \($0)"
        }
        add("Artifactory key", "artifactory-token", "art.env", join("AK", "Cp", r.string(FakeSecrets.alnum, 69)), negative: "ARTIFACTORY_API_KEY=****") {
            "ARTIFACTORY_API_KEY=\($0)"
        }
        // Tokens with structure.
        let header = Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8).base64URL
        let payload = Data("{\"sub\":\"\(r.string(FakeSecrets.digits, 10))\",\"name\":\"\(r.string(FakeSecrets.lower, 8))\"}".utf8).base64URL
        add("JWT", "jwt", "api_test.http", join(header, ".", payload, ".", r.string(FakeSecrets.urlSafe, 43)), negative: { "X-Session: " + join("eyJ", "notjson", "abcdefgh.", "eyJ", "alsonotjson.", "sig") }()) {
            "X-Session: \($0)"
        }
        add("Bearer token", "bearer-token", "request.sh", r.string(FakeSecrets.alnum, 40), negative: "curl -H 'Authorization: Bearer $TOKEN' https://api.example.org") {
            "curl -H 'Authorization: Bearer \($0)' https://api.example.org"
        }
        let basic = Data("deploy:\(r.string(FakeSecrets.alnum, 14))".utf8).base64EncodedString()
        add("Basic auth header", "basic-auth-header", "call.http", basic, negative: "Authorization: Basic <credentials>") {
            "Authorization: Basic \($0)"
        }
        add("TOTP secret", "otp-secret", "mfa.md", r.string(FakeSecrets.base32, 32), negative: "otpauth://totp/Acme:alice?secret=<secret>&issuer=Acme") {
            "otpauth://totp/Acme:alice?secret=\($0)&issuer=Acme"
        }
        // Connection strings.
        add("postgres URL", "url-credentials", "db.env", r.string(FakeSecrets.alnum, 18), negative: "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app") {
            "DATABASE_URL=postgres://app:\($0)@db.internal:5432/app"
        }
        add("mongodb+srv URL", "url-credentials", "mongo.js", r.string(FakeSecrets.alnum, 16), negative: "const uri = 'mongodb+srv://svc:<password>@cluster0.abcd.mongodb.net/db';") {
            "const uri = 'mongodb+srv://svc:\($0)@cluster0.abcd.mongodb.net/db';"
        }
        add("redis URL", "url-credentials", "cache.yml", r.string(FakeSecrets.alnum, 20), negative: "url: redis://:password@cache:6379/0") {
            "url: redis://:\($0)@cache:6379/0"
        }
        add("amqp URL", "url-credentials", "queue.ini", r.string(FakeSecrets.alnum, 14), negative: "broker = amqp://worker:****@rabbit:5672/vhost") {
            "broker = amqp://worker:\($0)@rabbit:5672/vhost"
        }
        add("JDBC URL", "connection-string-password", "app.properties", r.string(FakeSecrets.alnum, 15), negative: "spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=app;user=svc;password=${DB_PASS};") {
            "spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=app;user=svc;password=\($0);"
        }
        add("ODBC connection string", "connection-string-password", "Web.config", r.string(FakeSecrets.alnum, 16), negative: "<add name=\"Db\" connectionString=\"Server=db;Database=app;User Id=svc;Password=changeme;\" />") {
            "<add name=\"Db\" connectionString=\"Server=db;Database=app;User Id=svc;Password=\($0);\" />"
        }
        // Generic assignments in many syntaxes.
        add("password =", "generic-password", "settings.py", r.string(FakeSecrets.alnum, 14), negative: "DB_PASSWORD = get_password()") {
            "DB_PASSWORD = \"\($0)\""
        }
        add("password: (YAML)", "generic-password", "values.yaml", r.string(FakeSecrets.alnum, 12), negative: "  password: \"{{ .Values.dbPassword }}\"") {
            "  password: \($0)"
        }
        add("password => (PHP)", "generic-password", "config.php", r.string(FakeSecrets.alnum, 12), negative: "    'password' => env('DB_PASSWORD'),") {
            "    'password' => '\($0)',"
        }
        add("JSON key", "generic-password", "settings.json", r.string(FakeSecrets.alnum, 12), negative: "  \"adminPassword\": null,") {
            "  \"adminPassword\": \"\($0)\","
        }
        add("env file", "generic-password", ".env", r.string(FakeSecrets.alnum, 12), negative: "MYSQL_ROOT_PASSWORD=$MYSQL_PASSWORD") {
            "MYSQL_ROOT_PASSWORD=\($0)"
        }
        add("CLI flag --password", "cli-password-flag", "backup.sh", r.string(FakeSecrets.alnum, 12), negative: "pg_restore --username app --password=\"$PGPASSWORD\" dump.sql") {
            "pg_restore --username app --password=\($0) dump.sql"
        }
        add("CLI flag -p", "cli-password-flag", "dump.sh", r.string(FakeSecrets.alnum, 12), negative: "mysqldump -u root -p\"$MYSQL_PWD\" app > app.sql") {
            "mysqldump -u root -p\($0) app > app.sql"
        }
        add("XML attribute", "generic-password", "server.xml", r.string(FakeSecrets.alnum, 12), negative: "<Resource name=\"jdbc/app\" username=\"svc\" password=\"%(db_password)s\" />") {
            "<Resource name=\"jdbc/app\" username=\"svc\" password=\"\($0)\" />"
        }
        add("XML element", "generic-password", "settings.xml", r.string(FakeSecrets.alnum, 12), negative: "<password>${env.MAVEN_PASSWORD}</password>") {
            "<password>\($0)</password>"
        }
        add("keyword argument", "generic-password", "client.py", r.string(FakeSecrets.alnum, 12), negative: "conn = connect(host='db', user='svc', password=os.environ['DB_PASSWORD'])") {
            "conn = connect(host='db', user='svc', password='\($0)')"
        }
        add("Go struct field", "generic-password", "client.go", r.string(FakeSecrets.alnum, 12), negative: "\tcfg := Config{User: \"svc\", Password: password}") {
            "\tcfg := Config{User: \"svc\", Password: \"\($0)\"}"
        }
        add("secret", "generic-secret", "app.rb", r.string(FakeSecrets.alnum, 32), negative: "config.client_secret = 'your-client-secret'") {
            "config.client_secret = '\($0)'"
        }
        add("token", "generic-token", "api.ts", r.string(FakeSecrets.alnum, 32), negative: "const apiToken: string = process.env.API_TOKEN ?? '';") {
            "const apiToken: string = '\($0)';"
        }
        add("api_key", "generic-api-key", "client.kt", r.string(FakeSecrets.alnum, 32), negative: "val api_key = \"dummy-api-key\"") {
            "val api_key = \"\($0)\""
        }
        add("auth", "generic-credential", "hooks.yml", r.string(FakeSecrets.alnum, 24), negative: "AUTH_CREDENTIALS: null") {
            "AUTH_CREDENTIALS: \($0)"
        }
        add("SQL password", "sql-password", "init.sql", r.string(FakeSecrets.alnum, 12), negative: "CREATE USER app WITH PASSWORD :'app_password';") {
            "CREATE USER app WITH PASSWORD '\($0)';"
        }
        add("OpenSSL pass argument", "openssl-pass-argument", "certs.sh", r.string(FakeSecrets.alnum, 12), negative: "openssl pkcs12 -export -in c.pem -passout pass:$P12_PASS -out c.p12") {
            "openssl pkcs12 -export -in c.pem -passout pass:\($0) -out c.p12"
        }
        add("PowerShell SecureString", "powershell-securestring", "deploy.ps1", r.string(FakeSecrets.alnum, 12), negative: "$pw = ConvertTo-SecureString $env:ADMIN_PW -AsPlainText -Force") {
            "$pw = ConvertTo-SecureString '\($0)' -AsPlainText -Force"
        }
        return cases
    }()
}

extension Data {
    /// Base64url without padding.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
