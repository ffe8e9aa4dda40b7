import Foundation
import InfinityJSON
import Logging

extension RequestPipeline {
    /// Waits out a global pause (secondary limit) and the primary limit of `resource`.
    func waitForClearance(resource: String?, request: GitHubRequest, budget: WaitBudget) async throws {
        for _ in 0..<32 {
            let now = clock.now()
            var until: Date?
            var reason = ""
            if let paused = currentPause(), paused > now {
                until = paused
                reason = "a secondary rate limit back-off"
            }
            if let resource, let reset = await tracker.blockedUntil(resource: resource, now: now),
                reset > (until ?? .distantPast)
            {
                until = reset
                reason = "the primary rate limit of '\(resource)' to reset"
            }
            guard let until else { return }
            try await sleep(until.timeIntervalSince(now), until: until, reason: reason, request: request, budget: budget)
        }
    }

    /// Waits until the previous write is at least `writeSpacing` old and the content-creation
    /// window (80 a minute, 500 an hour) has room.
    func waitForWriteSlot(request: GitHubRequest, budget: WaitBudget) async throws {
        var now = clock.now()
        if let window = await writeWindow.nextSlot(now: now), window > now {
            try await sleep(
                window.timeIntervalSince(now), until: window,
                reason: "GitHub's limit of \(configuration.writesPerMinute) content-creating requests a minute and "
                    + "\(configuration.writesPerHour) an hour", request: request, budget: budget)
            now = clock.now()
        }
        guard let next = nextWriteSlot(), next > now else { return }
        try await sleep(
            next.timeIntervalSince(now), until: next, reason: "the gap between mutating requests", request: request,
            budget: budget)
    }

    /// Sleeps on the injected clock, charging the call's budget first.
    func sleep(_ seconds: Double, until: Date, reason: String, request: GitHubRequest, budget: WaitBudget)
        async throws
    {
        guard seconds > 0 else { return }
        guard budget.spend(seconds) else {
            throw GitHubError(
                code: .waitBudgetExceeded,
                message: "waiting \(Int(seconds.rounded(.up))) s for \(reason) would exceed this call's waiting "
                    + "budget of \(Int(budget.total)) s (\(Int(budget.left)) s left); retry after "
                    + "\(GitHubDate.format(until)) or raise the waiting budget",
                endpoint: request.operation, repository: request.repository, retryAfter: until)
        }
        stats.update { $0.totalWaitSeconds += seconds }
        if seconds >= 1 {
            logger.debug(
                "github client waiting",
                metadata: [
                    "wait.seconds": "\(Int(seconds.rounded(.up)))", "wait.reason": "\(reason)",
                    "http.operation": "\(request.operation)",
                ])
        }
        try await clock.sleep(until: until)
    }

    /// Exponential back-off with full jitter for 5xx answers and timeouts.
    func backOff(attempt: Int, minimum: Double, request: GitHubRequest, budget: WaitBudget) async throws {
        let ceiling = configuration.retryBackoffBase.inSeconds * pow(2, Double(max(0, attempt - 1)))
        let delay = max(minimum, jitter.uniform(0.05, max(0.05, ceiling)))
        try await sleep(
            delay, until: clock.now().addingTimeInterval(delay), reason: "a retry back-off", request: request,
            budget: budget)
    }

    func handleTransportFailure(
        _ failure: TransportFailure, request: GitHubRequest, attempts: inout Attempts, budget: WaitBudget
    ) async throws {
        stats.update { $0.transportFailures += 1 }
        let (code, what): (GitHubError.Code, String) = {
            switch failure {
            case .timeout:
                let seconds = configuration.requestTimeout.inSeconds
                let text = seconds < 10 ? String(format: "%.1f", seconds) : String(Int(seconds))
                return (.timeout, "no answer within \(text) s")
            case .connection(let cause):
                return (.transport, "the connection failed (\(cause.prefix(200)))")
            case .bodyTooLarge(let limit):
                return (.transport, "the answer was larger than \(limit) bytes")
            }
        }()
        if case .bodyTooLarge = failure {
            throw GitHubError(
                code: code, message: "\(what); raise maxResponseBytes if this is expected",
                endpoint: request.operation, repository: request.repository)
        }
        guard request.retryOnTimeout else {
            throw GitHubError(
                code: code,
                message: "\(what); not retried because the request may already have been applied; "
                    + "check GitHub before repeating it",
                endpoint: request.operation, repository: request.repository)
        }
        attempts.transient += 1
        guard attempts.transient <= configuration.maxRetries else {
            throw GitHubError(
                code: code,
                message: "\(what), \(attempts.transient) times in a row; check connectivity to "
                    + "\(configuration.apiURL.host ?? "GitHub") and try again later",
                endpoint: request.operation, repository: request.repository)
        }
        stats.update { $0.retries += 1 }
        logger.debug(
            "github request failed; retrying",
            metadata: ["http.operation": "\(request.operation)", "retry.attempt": "\(attempts.transient)"])
        try await backOff(attempt: attempts.transient, minimum: 0, request: request, budget: budget)
    }

    /// Counts the answer (its rate-limit headers were recorded when it arrived).
    func record(_ response: TransportResponse, request: GitHubRequest, resource: String) async {
        stats.update { stats in
            stats.responses += 1
            if response.status == 304 { return }
            if request.isGraphQL {
                stats.graphQLRequests += 1
            } else {
                stats.restQuotaPoints += 1
            }
        }
    }

    func log(_ response: TransportResponse, url: URL, method: GitHubRequest.Method, sameOrigin: Bool, request: GitHubRequest) {
        var metadata: Logger.Metadata = [
            "http.method": "\(method.rawValue)", "http.status": "\(response.status)",
            "http.operation": "\(request.operation)",
        ]
        if sameOrigin {
            metadata["http.path"] = "\(url.path)"
            if let remaining = response.headers["x-ratelimit-remaining"] {
                metadata["github.ratelimit.remaining"] = "\(remaining)"
            }
        } else {
            // Off-origin targets (log storage) carry signed query strings: log the host only.
            metadata["http.host"] = "\(url.host ?? "")"
        }
        if let repository = request.repository { metadata["repo.name"] = "\(repository)" }
        logger.trace("github response", metadata: metadata)
    }

    func redirectTarget(
        _ response: TransportResponse, from url: URL, method: GitHubRequest.Method, body: Data?,
        request: GitHubRequest, attempts: inout Attempts
    ) throws -> (URL, GitHubRequest.Method, Data?) {
        attempts.redirects += 1
        guard attempts.redirects <= configuration.maxRedirects else {
            throw GitHubError(
                code: .redirect, message: "more than \(configuration.maxRedirects) redirects; the resource is moving "
                    + "in a loop", endpoint: request.operation, repository: request.repository,
                status: response.status)
        }
        guard let location = response.headers["location"], let target = URL(string: location, relativeTo: url)?.absoluteURL,
            target.scheme == "https" || target.scheme == "http"
        else {
            throw GitHubError(
                code: .redirect, message: "redirect without a usable Location header",
                endpoint: request.operation, repository: request.repository, status: response.status)
        }
        if target.scheme == "http", url.scheme == "https" {
            throw GitHubError(
                code: .redirect, message: "refusing a redirect from https to plain http",
                endpoint: request.operation, repository: request.repository, status: response.status)
        }
        switch (response.status, method) {
        case (303, _): return (target, .get, nil)
        case (_, .get), (307, _), (308, _): return (target, method, body)
        default:
            throw GitHubError(
                code: .redirect,
                message: "\(method.rawValue) answered \(response.status): the repository was probably renamed or "
                    + "transferred; update its name and repeat the request",
                endpoint: request.operation, repository: request.repository, status: response.status)
        }
    }

    /// The reset time when the answer says the primary limit is exhausted.
    func primaryLimitReset(_ response: TransportResponse) -> Date? {
        guard response.headers["x-ratelimit-remaining"] == "0" else { return nil }
        if let message = errorBody(response).message?.lowercased(), message.contains("secondary") { return nil }
        if let reset = response.headers["x-ratelimit-reset"].flatMap(Double.init) {
            return Date(timeIntervalSince1970: reset)
        }
        return clock.now().addingTimeInterval(60)
    }

    func isSecondaryLimit(_ response: TransportResponse) -> Bool {
        if response.status == 429 || response.headers["retry-after"] != nil { return true }
        let message = errorBody(response).message?.lowercased() ?? ""
        return message.contains("secondary rate limit") || message.contains("abuse")
    }

    func handleSecondaryLimit(_ response: TransportResponse, request: GitHubRequest, attempts: inout Attempts) throws {
        attempts.secondary += 1
        stats.update { $0.secondaryRateLimitHits += 1 }
        let retryAfter = retryAfter(response)
        guard attempts.secondary <= configuration.maxSecondaryRetries else {
            throw failure(
                .secondaryRateLimited, response, request: request,
                advice: "GitHub kept answering with a secondary rate limit after \(configuration.maxSecondaryRetries) "
                    + "back-offs; lower max_parallel or spread the work over time")
        }
        let base = configuration.secondaryBackoffBase.inSeconds
        let ceiling = min(configuration.secondaryBackoffCap.inSeconds, base * pow(2, Double(attempts.secondary - 1)))
        let delay = max(base, retryAfter ?? 0, jitter.uniform(0, max(base, ceiling)))
        let until = clock.now().addingTimeInterval(delay)
        extendPause(until: until)
        logger.info(
            "github secondary rate limit; pausing all requests",
            metadata: [
                "wait.seconds": "\(Int(delay.rounded(.up)))", "http.operation": "\(request.operation)",
                "retry.attempt": "\(attempts.secondary)",
            ])
    }

    func handlePrimaryLimit(
        _ response: TransportResponse, resource: String, reset: Date, request: GitHubRequest,
        attempts: inout Attempts
    ) async throws {
        attempts.primary += 1
        stats.update { $0.primaryRateLimitWaits += 1 }
        guard attempts.primary <= 2 else {
            throw failure(
                .rateLimited, response, request: request,
                advice: "the '\(resource)' rate limit is still exhausted after waiting for its reset; retry after "
                    + GitHubDate.format(reset))
        }
        await tracker.markExhausted(resource: resource, until: reset)
        logger.info(
            "github primary rate limit exhausted; waiting for reset",
            metadata: ["github.ratelimit.resource": "\(resource)", "github.ratelimit.reset": "\(GitHubDate.format(reset))"])
    }

    /// For GraphQL answers with an `errors[]` entry of type `RATE_LIMITED`, when to retry.
    func graphQLRateLimited(_ response: TransportResponse) -> Date? {
        guard response.body.range(of: Data("RATE_LIMITED".utf8)) != nil,
            let envelope = try? JSONDecoder().decode(GraphQLErrorsOnly.self, from: response.body),
            envelope.errors?.contains(where: { $0.type == "RATE_LIMITED" }) == true
        else { return nil }
        if let reset = response.headers["x-ratelimit-reset"].flatMap(Double.init) {
            return Date(timeIntervalSince1970: reset)
        }
        return clock.now().addingTimeInterval(configuration.secondaryBackoffBase.inSeconds)
    }

    /// `retry-after` in seconds (delta-seconds or an HTTP date).
    func retryAfter(_ response: TransportResponse) -> Double? {
        guard let value = response.headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(clock.now())) }
    }

    /// A typed error for an unsuccessful answer, with GitHub's message and advice.
    func failure(
        _ code: GitHubError.Code, _ response: TransportResponse, request: GitHubRequest, advice: String? = nil
    ) -> GitHubError {
        let body = errorBody(response)
        let said = "GitHub said: " + (body.message.map { String($0.prefix(500)) } ?? "HTTP \(response.status) without a message") + ". "
        let hint: String
        switch code {
        case .unauthorized:
            hint = "Check that the token is valid and not expired (GITHUB_TOKEN / GH_TOKEN, or the App's key and "
                + "installation id)."
        case .forbidden: hint = "The credentials lack a permission or scope this operation needs."
        case .notFound:
            hint = "The resource does not exist, was deleted, or the credentials cannot see it; check the name "
                + "and the token's repository access."
        case .gone: hint = "The resource was removed or the feature is disabled for this repository."
        case .conflict: hint = "The repository is empty or its state conflicts with the request."
        case .validationFailed: hint = "GitHub rejected the request's fields; see errors."
        case .serverError: hint = "GitHub kept failing after \(configuration.maxRetries) retries; try again later."
        default: hint = ""
        }
        return GitHubError(
            code: code, message: said + (advice ?? hint), endpoint: request.operation,
            repository: request.repository, status: response.status, validationErrors: body.details,
            documentationURL: body.documentationURL)
    }

    struct ErrorBodySummary {
        var message: String?
        var documentationURL: String?
        var details: [GitHubError.ValidationDetail] = []
    }

    /// GitHub's `{message, documentation_url, errors}`, read leniently.
    func errorBody(_ response: TransportResponse) -> ErrorBodySummary {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: response.body) else {
            return ErrorBodySummary()
        }
        var summary = ErrorBodySummary()
        switch value["message"] {
        case .string(let text): summary.message = text
        case .some(let other) where other != .null:
            summary.message = (try? String(decoding: JSONEncoder().encode(other), as: UTF8.self))
        default: break
        }
        if summary.message == nil, let nested = value["details"]?["message"]?.stringValue { summary.message = nested }
        summary.documentationURL = value["documentation_url"]?.stringValue
        if case .array(let entries) = value["errors"] {
            summary.details = entries.prefix(50).map { entry in
                if let text = entry.stringValue { return GitHubError.ValidationDetail(message: text) }
                return GitHubError.ValidationDetail(
                    resource: entry["resource"]?.stringValue, field: entry["field"]?.stringValue,
                    code: entry["code"]?.stringValue, message: entry["message"]?.stringValue)
            }
        }
        return summary
    }
}

/// Just enough of a GraphQL answer to see its error types.
struct GraphQLErrorsOnly: Decodable {
    struct Entry: Decodable {
        var type: String?
    }
    var errors: [Entry]?
}
