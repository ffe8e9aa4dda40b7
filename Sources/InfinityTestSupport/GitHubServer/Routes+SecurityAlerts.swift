import Foundation
import GitHubKit
import InfinityJSON

extension ServerState {
    /// `GET /repos/{owner}/{repo}/{code-scanning|secret-scanning|dependabot}/alerts`: the official
    /// refusals for a feature that is off, else the alerts filtered by `state`, paginated (pages
    /// for code and secret scanning, `after` cursors for Dependabot) with ETags.
    func repositoryAlertsRoute(_ repo: ServerRepository, kind: ServerAlertKind, _ request: ServerRequest) -> RouteResult {
        if let refusal = Self.alertRefusal(kind, repo.security.feature(kind)) { return refusal }
        let alerts = alertList(repo, kind: kind, state: request.query("state"), withRepository: false)
        return kind == .dependabot ? cursorPage(alerts, request) : page(alerts, request)
    }

    /// `GET /orgs/{org}/{kind}/alerts`: every repository of the organization whose feature is on.
    func organizationAlertsRoute(_ org: String, kind segment: String, _ request: ServerRequest) -> RouteResult {
        guard org.lowercased() == configuration.organization.lowercased(), let kind = ServerAlertKind(rawValue: segment) else {
            return .notFound
        }
        if configuration.organizationAlertsForbidden {
            return .json(403, .object([
                "message": .string("Resource not accessible by integration"),
                "documentation_url": .string(Self.alertDocumentation(kind, organization: true)), "status": .string("403"),
            ]))
        }
        let owned = repositories.values.filter { $0.owner.lowercased() == org.lowercased() && $0.security.feature(kind) == .enabled }
            .sorted { $0.name.lowercased() < $1.name.lowercased() }
        let alerts = owned.flatMap { alertList($0, kind: kind, state: request.query("state"), withRepository: true) }
        return kind == .dependabot ? cursorPage(alerts, request) : page(alerts, request)
    }

    /// The answer GitHub gives when the feature is off (nil when it lists alerts).
    static func alertRefusal(_ kind: ServerAlertKind, _ feature: GitHubTestAlertFeature) -> RouteResult? {
        let documentation = alertDocumentation(kind, organization: false)
        func refuse(_ status: Int, _ message: String) -> RouteResult {
            .json(status, .object([
                "message": .string(message), "documentation_url": .string(documentation), "status": .string(String(status)),
            ]))
        }
        switch (kind, feature) {
        case (_, .enabled): return nil
        case (.codeScanning, .disabled): return refuse(403, "Advanced Security must be enabled for this repository to use code scanning.")
        case (.codeScanning, .noAnalysis): return refuse(404, "no analysis found")
        case (.secretScanning, _): return refuse(404, "Secret scanning is disabled on this repository.")
        case (.dependabot, _): return refuse(403, "Dependabot alerts are disabled for this repository.")
        }
    }

    static func alertDocumentation(_ kind: ServerAlertKind, organization: Bool) -> String {
        switch kind {
        case .codeScanning: "https://docs.github.com/rest/code-scanning/code-scanning#list-code-scanning-alerts-for-\(organization ? "an-organization" : "a-repository")"
        case .secretScanning: "https://docs.github.com/rest/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-\(organization ? "an-organization" : "a-repository")"
        case .dependabot: "https://docs.github.com/rest/dependabot/alerts#list-dependabot-alerts-for-\(organization ? "an-organization" : "a-repository")"
        }
    }

    /// The synthetic alerts then the ones tests added, numbered from 1, filtered by `state`
    /// (`open`; any other value lists the closed ones; nil lists all).
    func alertList(_ repo: ServerRepository, kind: ServerAlertKind, state: String?, withRepository: Bool) -> [JSONValue] {
        var out: [JSONValue] = []
        let synthetic: Int
        switch kind {
        case .codeScanning: synthetic = repo.codeScanningAlerts
        case .secretScanning: synthetic = repo.secretScanningAlerts
        case .dependabot: synthetic = repo.dependabotAlerts
        }
        let added: Int
        switch kind {
        case .codeScanning: added = repo.security.codeAlerts.count
        case .secretScanning: added = repo.security.secretAlerts.count
        case .dependabot: added = repo.security.dependabotAlerts.count
        }
        for number in stride(from: 1, through: synthetic + added, by: 1) {
            let open = !repo.security.closed.contains("\(kind.rawValue)#\(number)")
            if let state, (state == "open") != open { continue }
            var alert: JSONValue
            let extra = number - synthetic - 1
            switch kind {
            case .codeScanning:
                alert = extra >= 0 ? json.codeScanningAlert(repo, number: number, repo.security.codeAlerts[extra]) : json.codeScanningAlert(repo, number: number)
            case .secretScanning:
                alert = extra >= 0 ? json.secretScanningAlert(repo, number: number, repo.security.secretAlerts[extra]) : json.secretScanningAlert(repo, number: number)
            case .dependabot:
                alert = extra >= 0 ? json.dependabotAlert(repo, number: number, repo.security.dependabotAlerts[extra]) : json.dependabotAlert(repo, number: number)
            }
            if !open { alert = ServerJSON.setting(alert, "state", .string(kind == .secretScanning ? "resolved" : "fixed")) }
            if withRepository { alert = ServerJSON.setting(alert, "repository", json.simpleRepository(repo)) }
            out.append(alert)
        }
        return out
    }

    /// One page of `items` with GitHub's cursor pagination (`after`, as the Dependabot listings
    /// use): `Link: <…&after=CURSOR>; rel="next"` while more remain.
    func cursorPage(_ items: [JSONValue], _ request: ServerRequest) -> RouteResult {
        let perPage = min(100, max(1, Int(request.query("per_page") ?? "") ?? 30))
        let start = request.query("after").flatMap(Self.decodeCursor).map { min(items.count, $0) } ?? 0
        let end = min(items.count, start + perPage)
        var result = RouteResult.json(200, .array(Array(items[start..<end])), conditional: true)
        if end < items.count {
            var query = request.queryItems.filter { $0.name != "after" && $0.name != "page" }
            query.append((name: "after", value: Self.encodeCursor(end)))
            let url = json.web + request.path + "?" + query.map { "\(GitHubPath.segment($0.name))=\(GitHubPath.segment($0.value))" }
                .joined(separator: "&")
            result.headers.append(("Link", "<\(url)>; rel=\"next\""))
        }
        return result
    }

    static func encodeCursor(_ offset: Int) -> String { Data("cursor:v2:\(offset)".utf8).base64EncodedString() }

    static func decodeCursor(_ cursor: String) -> Int? {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8), text.hasPrefix("cursor:v2:") else { return nil }
        return Int(text.dropFirst("cursor:v2:".count))
    }
}
