import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The live transport, on AsyncHTTPClient with redirects disabled.
///
/// Owns its `HTTPClient`; call ``shutdown()`` (or ``GitHubClient/shutdown()``) when done.
public final class AsyncHTTPClientTransport: GitHubHTTPTransport {
    private let client: HTTPClient

    /// Creates a transport allowing `maxConnectionsPerHost` parallel HTTP/1.1 connections.
    public init(maxConnectionsPerHost: Int = 8, connectTimeout: Duration = .seconds(10)) {
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60),
            concurrentHTTP1ConnectionsPerHostSoftLimit: min(100, max(1, maxConnectionsPerHost)))
        pool.retryConnectionEstablishment = true
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeout.inSeconds * 1000))),
            connectionPool: pool,
            decompression: .disabled)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Performs one exchange.
    public func send(_ request: TransportRequest, timeout: Duration, maxBodyBytes: Int) async throws
        -> TransportResponse
    {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let deadline = NIODeadline.now() + .milliseconds(Int64(max(1, timeout.inSeconds * 1000)))
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            var headers = GitHubHeaders()
            for (name, value) in response.headers { headers.add(name, value) }
            return TransportResponse(
                status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
        } catch let error as HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                throw TransportFailure.timeout
            default:
                throw TransportFailure.connection(String(describing: error))
            }
        } catch is NIOTooManyBytesError {
            throw TransportFailure.bodyTooLarge(limit: maxBodyBytes)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TransportFailure.connection(String(describing: type(of: error)) + ": " + String(describing: error))
        }
    }

    /// Shuts the underlying `HTTPClient` down.
    public func shutdown() async throws {
        guard isShutDown.withLock({ state in
            defer { state = true }
            return !state
        }) else { return }
        try await client.shutdown()
    }

    /// Whether ``shutdown()`` ran; a transport dropped without it shuts its client down in the
    /// background instead of tripping AsyncHTTPClient's debug-build check.
    private let isShutDown = Mutex(false)

    deinit {
        guard !isShutDown.withLock({ $0 }) else { return }
        let client = self.client
        Task { try? await client.shutdown() }
    }
}
