import Foundation
import Logging
import Synchronization

/// Runs one request to completion: pacing, rate limits, conditional requests, redirects, retries.
///
/// Every wait goes through the injected clock and is charged to the call's ``WaitBudget``.
final class RequestPipeline: Sendable {
    let configuration: GitHubConfiguration
    let transport: any GitHubHTTPTransport
    let clock: any GitHubClock
    let jitter: GitHubJitter
    let cache: (any HTTPResponseCache)?
    let logger: Logger
    let tracker: RateLimitTracker
    let stats = StatsRecorder()
    let secrets = SecretRegistry()
    private let permits: AsyncSemaphore
    private let writeLock = AsyncSemaphore(permits: 1)
    private let nextWriteAt = Mutex<Date?>(nil)
    private let pausedUntil = Mutex<Date?>(nil)
    private let apiOrigin: String
    let writeWindow: ContentCreationWindow

    init(
        configuration: GitHubConfiguration, transport: any GitHubHTTPTransport, clock: any GitHubClock,
        jitter: GitHubJitter, cache: (any HTTPResponseCache)?, logger: Logger
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.jitter = jitter
        self.cache = cache
        self.logger = logger
        self.tracker = RateLimitTracker(reserve: configuration.rateLimitReserve)
        self.permits = AsyncSemaphore(permits: configuration.maxConcurrentRequests)
        self.apiOrigin = Self.origin(of: configuration.apiURL)
        self.writeWindow = ContentCreationWindow(
            perMinute: configuration.writesPerMinute, perHour: configuration.writesPerHour, cache: cache,
            scope: configuration.apiURL.absoluteString)
    }

    /// Mutable per-request counters.
    struct Attempts {
        var transient = 0
        var secondary = 0
        var primary = 0
        var redirects = 0
        var reauthenticated = false
        var bypassCache = false
    }

    /// Runs `request`, returning the final answer or throwing a scrubbed ``GitHubError``.
    func perform(_ request: GitHubRequest, credentials: any CredentialSource, budget: WaitBudget) async throws
        -> GitHubResponse
    {
        do {
            return try await run(request, credentials: credentials, budget: budget)
        } catch let error as GitHubError {
            throw error.withRepository(request.repository).scrubbed(by: secrets.scrubber)
        }
    }

    private func run(_ request: GitHubRequest, credentials: any CredentialSource, budget: WaitBudget) async throws
        -> GitHubResponse
    {
        var url = try resolve(request)
        var method = request.method
        var body = request.body
        var attempts = Attempts()
        let bound =
            configuration.maxRetries + configuration.maxSecondaryRetries + configuration.maxRedirects + 24
        for _ in 0..<bound {
            try Task.checkCancellation()
            let sameOrigin = Self.origin(of: url) == apiOrigin
            let resource = request.resource ?? Self.resource(forPath: url.path, method: method)
            try await waitForClearance(resource: sameOrigin ? resource : nil, request: request, budget: budget)
            let credential = sameOrigin ? try await credentials.credential() : nil
            if let credential { secrets.register(credential) }
            let cacheKey = (method == .get && request.useCache && sameOrigin) ? cacheKey(url, request.accept) : nil
            let cached = attempts.bypassCache ? nil : await lookup(cacheKey)
            var headers = GitHubHeaders()
            headers.add("Accept", request.accept)
            headers.add("User-Agent", configuration.userAgent)
            if sameOrigin { headers.add("X-GitHub-Api-Version", configuration.apiVersion) }
            if let credential { headers.add("Authorization", "Bearer \(credential.unredactedValue)") }
            if let etag = cached?.etag { headers.add("If-None-Match", etag) }
            if let modified = cached?.lastModified { headers.add("If-Modified-Since", modified) }
            if body != nil { headers.add("Content-Type", "application/json; charset=utf-8") }
            let outgoing = TransportRequest(method: method.rawValue, url: url, headers: headers, body: body)
            guard
                let outcome = try await exchange(
                    outgoing, isWrite: request.isWrite && sameOrigin, resource: sameOrigin ? resource : nil,
                    budget: budget, request: request)
            else { continue }  // a pause began while queued: wait it out first
            let response: TransportResponse
            switch outcome {
            case .failure(let failure):
                try await handleTransportFailure(failure, request: request, attempts: &attempts, budget: budget)
                continue
            case .success(let answer):
                response = answer
            }
            if sameOrigin {
                await record(response, request: request, resource: resource)
            }
            log(response, url: url, method: method, sameOrigin: sameOrigin, request: request)
            switch response.status {
            case 200..<300:
                var answer = response
                if !request.redactedBodyKeys.isEmpty {
                    answer.body = try JSONKeyRedaction.removing(request.redactedBodyKeys, from: answer.body, request: request)
                }
                if request.isGraphQL, let reset = graphQLRateLimited(answer) {
                    try await handlePrimaryLimit(
                        answer, resource: "graphql", reset: reset, request: request, attempts: &attempts)
                    continue
                }
                if let cacheKey, answer.headers["etag"] != nil || answer.headers["last-modified"] != nil {
                    await store(answer, key: cacheKey)
                }
                return GitHubResponse(
                    status: answer.status, headers: answer.headers, body: answer.body, url: url,
                    fromCache: false)
            case 304:
                if let cached {
                    stats.update { $0.notModified += 1 }
                    var replay = cached.headers
                    if let etag = cached.etag { replay.set("ETag", etag) }
                    if let modified = cached.lastModified { replay.set("Last-Modified", modified) }
                    for field in response.headers where field.name.lowercased().hasPrefix("x-ratelimit") {
                        replay.set(field.name, field.value)
                    }
                    return GitHubResponse(
                        status: cached.status, headers: replay, body: cached.body, url: url, fromCache: true)
                }
                attempts.bypassCache = true  // the entry vanished meanwhile: ask unconditionally
            case 301, 302, 303, 307, 308:
                let from = url
                (url, method, body) = try redirectTarget(
                    response, from: url, method: method, body: body, request: request, attempts: &attempts)
                stats.update { $0.redirectsFollowed += 1 }
                if response.status == 301 || response.status == 308, let repository = request.repository, sameOrigin {
                    // GitHub answers a renamed (or transferred) repository's old name with a permanent redirect.
                    logger.warning(
                        "github repository moved; following the redirect — run `infinity discover` to record its new name",
                        metadata: ["repo.full_name": "\(repository)", "http.operation": "\(request.operation)",
                                   "http.redirect_from": "\(from.path)", "http.redirect_to": "\(url.path)"])
                }
            case 401:
                if credentials.refreshable, !attempts.reauthenticated, let credential {
                    attempts.reauthenticated = true
                    await credentials.invalidate(credential)
                    logger.info(
                        "github credentials rejected; fetching a fresh installation token",
                        metadata: ["http.path": "\(request.operation)"])
                    continue
                }
                throw failure(.unauthorized, response, request: request)
            case 403, 429:
                if let reset = primaryLimitReset(response) {
                    let name = response.headers["x-ratelimit-resource"] ?? resource
                    try await handlePrimaryLimit(
                        response, resource: name, reset: reset, request: request, attempts: &attempts)
                } else if isSecondaryLimit(response) {
                    try handleSecondaryLimit(response, request: request, attempts: &attempts)
                } else {
                    throw failure(.forbidden, response, request: request)
                }
            case 404: throw failure(.notFound, response, request: request)
            case 409: throw failure(.conflict, response, request: request)
            case 410: throw failure(.gone, response, request: request)
            case 422: throw failure(.validationFailed, response, request: request)
            case 500..<600:
                stats.update { $0.serverErrors += 1 }
                attempts.transient += 1
                guard attempts.transient <= configuration.maxRetries else {
                    throw failure(.serverError, response, request: request)
                }
                stats.update { $0.retries += 1 }
                try await backOff(
                    attempt: attempts.transient, minimum: retryAfter(response) ?? 0, request: request,
                    budget: budget)
            default:
                throw failure(.badRequest, response, request: request)
            }
        }
        throw GitHubError(
            code: .serverError,
            message: "gave up after \(bound) attempts without a usable answer; GitHub may be degraded, try later",
            endpoint: request.operation, repository: request.repository)
    }

    /// One exchange under the concurrency cap and, for writes, the write lock and spacing.
    /// Returns `nil` when a pause or rate-limit block began while the request was queued.
    private func exchange(
        _ outgoing: TransportRequest, isWrite: Bool, resource: String?, budget: WaitBudget, request: GitHubRequest
    ) async throws -> Result<TransportResponse, TransportFailure>? {
        if isWrite { try await writeLock.acquire() }
        do {
            if isWrite { try await waitForWriteSlot(request: request, budget: budget) }
            try await permits.acquire()
        } catch {
            if isWrite { await writeLock.release() }
            throw error
        }
        let now = clock.now()
        var blocked = (pausedUntil.withLock { $0 }).map { $0 > now } ?? false
        if !blocked, let resource, await tracker.blockedUntil(resource: resource, now: now) != nil { blocked = true }
        if blocked {
            await permits.release()
            if isWrite { await writeLock.release() }
            return nil
        }
        if let resource { await tracker.begin(resource: resource) }
        stats.begin()
        let result: Result<TransportResponse, TransportFailure>
        do {
            let answer = try await transport.send(
                outgoing, timeout: configuration.requestTimeout, maxBodyBytes: configuration.maxResponseBytes)
            result = .success(answer)
        } catch let failure as TransportFailure {
            result = .failure(failure)
        } catch {
            stats.end()
            if let resource { await tracker.end(resource: resource) }
            await permits.release()
            if isWrite { await writeLock.release() }
            throw error
        }
        stats.end()
        if let resource {
            if case .success(let answer) = result {
                await tracker.update(from: answer.headers, fallbackResource: resource)
            }
            await tracker.end(resource: resource)
        }
        await permits.release()
        if isWrite {
            let sent = clock.now()
            nextWriteAt.withLock { $0 = sent.addingTimeInterval(self.configuration.writeSpacing.inSeconds) }
            await writeWindow.record(sent)
            await writeLock.release()
        }
        return result
    }

    /// The absolute URL of `request`.
    private func resolve(_ request: GitHubRequest) throws -> URL {
        if let absolute = request.absoluteURL { return absolute }
        var text = configuration.apiURL.absoluteString
        if text.hasSuffix("/") { text.removeLast() }
        text += request.path.hasPrefix("/") ? request.path : "/" + request.path
        if !request.query.isEmpty { text += "?" + GitHubPath.query(request.query) }
        guard let url = URL(string: text) else {
            throw GitHubError(
                code: .configuration, message: "could not build a URL for \(request.operation)",
                endpoint: request.operation, repository: request.repository)
        }
        return url
    }

    /// `scheme://host:port`, lower-cased, for same-origin checks.
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// The rate-limit resource a path counts against.
    static func resource(forPath path: String, method: GitHubRequest.Method) -> String {
        if path.hasSuffix("/graphql") { return "graphql" }
        if path.contains("/search/code") { return "code_search" }
        if path.contains("/search/") { return "search" }
        if method == .post, path.hasSuffix("/code-scanning/sarifs") { return "code_scanning_upload" }
        return "core"
    }

    /// The end of the current global pause, if any.
    func currentPause() -> Date? { pausedUntil.withLock { $0 } }

    /// Pauses every request until at least `until`.
    func extendPause(until: Date) {
        pausedUntil.withLock { current in
            if (current ?? .distantPast) < until { current = until }
        }
    }

    /// When the next mutating request may start.
    func nextWriteSlot() -> Date? { nextWriteAt.withLock { $0 } }

    private func cacheKey(_ url: URL, _ accept: String) -> String {
        accept == "application/vnd.github+json" ? "GET \(url.absoluteString)" : "GET \(url.absoluteString) \(accept)"
    }

    private func lookup(_ key: String?) async -> CachedResponse? {
        guard let key, let cache else { return nil }
        do {
            return try await cache.lookup(key: key)
        } catch {
            logger.warning(
                "github response cache lookup failed; sending an unconditional request",
                metadata: ["error.type": "\(type(of: error))"])
            return nil
        }
    }

    private func store(_ response: TransportResponse, key: String) async {
        guard let cache else { return }
        var kept = GitHubHeaders()
        for name in ["Link", "Content-Type"] {
            if let value = response.headers[name] { kept.add(name, value) }
        }
        let entry = CachedResponse(
            status: response.status, etag: response.headers["etag"], lastModified: response.headers["last-modified"],
            headers: kept, body: response.body, storedAt: clock.now())
        do {
            try await cache.store(key: key, response: entry)
        } catch {
            logger.warning(
                "github response cache store failed", metadata: ["error.type": "\(type(of: error))"])
        }
    }
}
