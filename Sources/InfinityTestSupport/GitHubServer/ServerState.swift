import Foundation
import GitHubKit
import InfinityJSON

/// The server's whole mutable world; always used under one lock.
struct ServerState {
    var configuration: GitHubTestServerConfiguration
    var json = ServerJSON(api: "", web: "")
    var logBase = ""
    var repositories: [String: ServerRepository] = [:]
    var idIndex: [Int64: String] = [:]
    var renamed: [String: Int64] = [:]
    var deleted: Set<String> = []
    var budgets: [String: (remaining: Int, reset: Date)] = [:]
    var rng: UInt64
    var injections: [(match: String, method: String?, injection: GitHubTestInjection, remaining: Int)] = []
    var recordings: [GitHubTestRecordedRequest] = []
    var secondaryEvents: [GitHubTestSecondaryEvent] = []
    var apiRequestCount = 0
    var mintedTokens: [String: Date] = [:]
    var tokensMinted = 0
    var notModifiedCount = 0
    var quotaSpent: [String: Int] = [:]
    var inFlight = 0
    var maxInFlight = 0
    var nextID: Int64 = 5_000_000
    var logRequestsWithAuthorization = 0

    init(configuration: GitHubTestServerConfiguration) {
        self.configuration = configuration
        self.rng = configuration.faults.seed &+ 0x9E37_79B9_7F4A_7C15
        let org = SyntheticData.repositories(
            owner: configuration.organization, ownerType: "Organization", prefix: "repo",
            count: configuration.repositoryCount, idBase: 100_000, seed: configuration.dataSeed)
        let user = SyntheticData.repositories(
            owner: configuration.userLogin, ownerType: "User", prefix: "tool", count: configuration.userRepositoryCount,
            idBase: 900_000, seed: configuration.dataSeed)
        for repository in org + user { insert(repository) }
    }

    mutating func insert(_ repository: ServerRepository) {
        let key = repository.fullName.lowercased()
        repositories[key] = repository
        idIndex[repository.id] = key
    }

    mutating func nextIdentifier() -> Int64 {
        nextID += 1
        return nextID
    }

    mutating func random() -> Double {
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
    }

    var now: Date { configuration.now() }

    // MARK: - Request handling

    /// Records the arrival and decides the answer.
    mutating func handle(_ request: ServerRequest) -> (ServerAction, Int) {
        let index = recordings.count + 1
        var headers: [String: String] = [:]
        for field in request.headers where field.name.lowercased() != "authorization" {
            headers[field.name.lowercased()] = field.value
        }
        recordings.append(
            GitHubTestRecordedRequest(
                index: index, method: request.method, path: request.path, query: request.rawQuery, headers: headers,
                hadAuthorization: request.header("authorization") != nil, host: request.host.rawValue,
                receivedAt: now, receivedAtWallClock: Date()))
        let action = decide(request, index: index)
        if case .respond(let response) = action { recordings[index - 1].status = response.status }
        return (action, index)
    }

    private mutating func decide(_ request: ServerRequest, index: Int) -> ServerAction {
        if request.host == .logs {
            if request.header("authorization") != nil { logRequestsWithAuthorization += 1 }
            return .respond(serveLog(request))
        }
        guard request.path.hasPrefix("/api/") else { return .respond(finish(.notFound, request, index: index, resource: nil)) }
        apiRequestCount += 1
        if let injection = takeInjection(for: request) {
            return apply(injection, request, index: index)
        }
        let faults = configuration.faults
        if faults.timeoutRate > 0 || faults.serverErrorRate > 0 {
            let roll = random()
            if roll < faults.timeoutRate { return .hang(faults.hangDuration) }
            if roll < faults.timeoutRate + faults.serverErrorRate {
                let status = [500, 502, 503][Int(random() * 3) % 3]
                return .respond(finish(.error(status, status == 502 ? "Server Error" : "Service Unavailable"), request, index: index, resource: nil))
            }
        }
        let isAppEndpoint = request.path.hasSuffix("/access_tokens") && request.path.contains("/app/installations/")
        if !isAppEndpoint, let failure = authenticate(request) {
            return .respond(finish(failure, request, index: index, resource: nil))
        }
        let resource = Self.resource(for: request)
        if let blocked = secondaryEvents.last?.blockedUntil, now < blocked {
            return .respond(secondaryLimit(request, index: index, resource: resource))
        }
        if let every = faults.secondaryLimitEvery, every > 0, apiRequestCount % every == 0 {
            return .respond(secondaryLimit(request, index: index, resource: resource))
        }
        if let resource, resource != "graphql", remaining(resource) <= 0 {
            return .respond(primaryExhausted(request, index: index, resource: resource))
        }
        var result = route(request)
        if result.status == 200, request.method == "GET", result.conditional {
            let etag = "W/\"\(GitObjectID.sha256Hex(result.body))\""
            result.headers.append(("ETag", etag))
            if let modified = result.lastModified { result.headers.append(("Last-Modified", Self.httpDate(modified))) }
            if Self.matches(request.header("if-none-match"), etag) || notModifiedSince(request, result.lastModified) {
                notModifiedCount += 1
                var answer = ServerResponse(status: 304, headers: result.headers, body: Data())
                answer.headers.append(contentsOf: rateHeaders(resource, charge: 0))
                return .respond(answer)
            }
        }
        return .respond(finish(result, request, index: index, resource: resource))
    }

    /// Adds rate-limit headers, charges quota and records the charge.
    mutating func finish(_ result: RouteResult, _ request: ServerRequest, index: Int, resource: String?) -> ServerResponse {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json; charset=utf-8"), ("X-GitHub-Media-Type", "github.v3; format=json"),
            ("x-github-api-version-selected", "2022-11-28"),
        ]
        headers.append(contentsOf: result.headers)
        let charge = resource == nil ? 0 : (resource == "graphql" ? result.cost : 1)
        headers.append(contentsOf: rateHeaders(resource, charge: charge))
        recordings[index - 1].quotaCharged = charge
        recordings[index - 1].resource = resource
        return ServerResponse(status: result.status, headers: headers, body: result.body)
    }

    /// The rate-limit resource a request counts against (`nil`: not counted).
    static func resource(for request: ServerRequest) -> String? {
        if request.path == "/api/graphql" { return "graphql" }
        if request.path.hasSuffix("/rate_limit") { return nil }
        if request.path.contains("/app/installations/") { return nil }
        if request.path.hasPrefix("/api/v3/search/code") { return "code_search" }
        if request.path.hasPrefix("/api/v3/search/") { return "search" }
        if request.method == "POST", request.path.hasSuffix("/code-scanning/sarifs") { return "code_scanning_upload" }
        return "core"
    }

    mutating func window(_ resource: String) -> (remaining: Int, reset: Date) {
        let limit = configuration.rateLimits[resource] ?? 5000
        let length = configuration.rateLimitWindows[resource] ?? 3600
        if let current = budgets[resource], current.reset > now { return current }
        let fresh = (remaining: limit, reset: Date(timeIntervalSince1970: (now.timeIntervalSince1970 + length).rounded(.up)))
        budgets[resource] = fresh
        return fresh
    }

    mutating func remaining(_ resource: String) -> Int { window(resource).remaining }

    mutating func rateHeaders(_ resource: String?, charge: Int) -> [(name: String, value: String)] {
        guard let resource else { return [] }
        var current = window(resource)
        current.remaining = max(0, current.remaining - charge)
        budgets[resource] = current
        quotaSpent[resource, default: 0] += charge
        let limit = configuration.rateLimits[resource] ?? 5000
        return [
            ("x-ratelimit-limit", String(limit)), ("x-ratelimit-remaining", String(current.remaining)),
            ("x-ratelimit-reset", String(Int(current.reset.timeIntervalSince1970))),
            ("x-ratelimit-used", String(limit - current.remaining)), ("x-ratelimit-resource", resource),
        ]
    }

    mutating func secondaryLimit(_ request: ServerRequest, index: Int, resource: String?) -> ServerResponse {
        let faults = configuration.faults
        let blockedUntil = now.addingTimeInterval(Double(faults.sendRetryAfter ? faults.secondaryRetryAfter : 60))
        secondaryEvents.append(
            GitHubTestSecondaryEvent(requestIndex: index, issuedAt: now, blockedUntil: blockedUntil, issuedAtWallClock: Date()))
        var result = RouteResult.error(
            faults.secondaryStatus,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach "
                + "out to GitHub Support for help, please include the request ID 0000:0000:0000:0000.",
            documentation: "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits")
        if faults.sendRetryAfter { result.headers.append(("retry-after", String(faults.secondaryRetryAfter))) }
        return finish(result, request, index: index, resource: resource)
    }

    mutating func primaryExhausted(_ request: ServerRequest, index: Int, resource: String) -> ServerResponse {
        if resource == "graphql" {
            var exhausted = window(resource)
            exhausted.remaining = 0
            budgets[resource] = exhausted
            var result = RouteResult.json(200, .object([
                "errors": .array([.object(["type": .string("RATE_LIMITED"), "message": .string("API rate limit exceeded for user ID 1.")])]),
            ]))
            result.cost = 0
            return finish(result, request, index: index, resource: resource)
        }
        var current = window(resource)
        current.remaining = 0
        budgets[resource] = current
        let result = RouteResult.error(
            403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include "
                + "the request ID 0000:0000:0000:0000.",
            documentation: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api")
        var answer = finish(result, request, index: index, resource: resource)
        recordings[index - 1].quotaCharged = 0
        quotaSpent[resource, default: 0] -= 1
        answer.headers.removeAll { $0.name == "x-ratelimit-remaining" }
        answer.headers.append(("x-ratelimit-remaining", "0"))
        return answer
    }

    mutating func takeInjection(for request: ServerRequest) -> GitHubTestInjection? {
        guard let position = injections.firstIndex(where: { entry in
            request.path.contains(entry.match) && (entry.method == nil || entry.method == request.method)
        }) else { return nil }
        let injection = injections[position].injection
        injections[position].remaining -= 1
        if injections[position].remaining <= 0 { injections.remove(at: position) }
        return injection
    }

    mutating func apply(_ injection: GitHubTestInjection, _ request: ServerRequest, index: Int) -> ServerAction {
        let resource = Self.resource(for: request)
        switch injection {
        case .hang:
            return .hang(configuration.faults.hangDuration)
        case .status(let status, let message):
            return .respond(finish(.error(status, message), request, index: index, resource: resource))
        case .validationFailed(let message, let errors):
            let body: JSONValue = .object([
                "message": .string(message), "documentation_url": .string("https://docs.github.com/rest"),
                "errors": .array(errors.map {
                    .object(["resource": .string($0.resource), "field": .string($0.field), "code": .string($0.code)])
                }),
            ])
            return .respond(finish(.json(422, body), request, index: index, resource: resource))
        case .malformedJSON:
            let result = RouteResult(status: 200, body: Data("<html><body>Unicorn! Something went wrong</body></html>".utf8))
            return .respond(finish(result, request, index: index, resource: resource))
        case .truncatedJSON:
            let full = route(request).body
            let result = RouteResult(status: 200, body: full.prefix(max(1, full.count / 2)))
            return .respond(finish(result, request, index: index, resource: resource))
        case .wrongTypes:
            let result = RouteResult(
                status: 200,
                body: Data(#"{"id":"not-a-number","name":42,"full_name":[],"owner":"nobody","private":"yes","items":{},"total_count":"many"}"#.utf8))
            return .respond(finish(result, request, index: index, resource: resource))
        case .secondaryLimit(let retryAfter):
            var faults = configuration.faults
            let saved = faults
            faults.sendRetryAfter = retryAfter != nil
            faults.secondaryRetryAfter = retryAfter ?? 60
            configuration.faults = faults
            let answer = secondaryLimit(request, index: index, resource: resource)
            configuration.faults = saved
            return .respond(answer)
        case .primaryExhausted:
            return .respond(primaryExhausted(request, index: index, resource: resource ?? "core"))
        }
    }

    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        func strip(_ value: Substring) -> Substring {
            let trimmed = value.drop { $0 == " " }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        return header.split(separator: ",").contains { strip($0) == strip(Substring(etag)) || $0.trimmingCharacters(in: .whitespaces) == "*" }
    }

    func notModifiedSince(_ request: ServerRequest, _ modified: Date?) -> Bool {
        guard request.header("if-none-match") == nil, let modified, let text = request.header("if-modified-since"),
            let since = Self.parseHTTPDate(text)
        else { return false }
        return modified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
