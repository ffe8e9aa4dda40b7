import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A git smart-HTTP server on 127.0.0.1 for tests: bare repositories served through
/// `git http-backend` at `http://127.0.0.1:PORT/<owner>/<name>`, readable only with GitHub's
/// clone credentials (`Authorization: Basic base64(x-access-token:<token>)`; 401 with
/// `WWW-Authenticate: Basic` otherwise). See ``GitHTTPBackend`` for the answers.
///
/// ``GitHubTestServer`` serves the same routes on its web root; this one stands alone, for
/// tests of git over HTTP without an API.
public final class GitSmartHTTPServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let rootURL: String
    /// What answers the requests (repositories, recorded requests).
    public let backend: GitHTTPBackend
    private let channel: any Channel

    private init(rootURL: String, backend: GitHTTPBackend, channel: any Channel) {
        self.rootURL = rootURL
        self.backend = backend
        self.channel = channel
    }

    /// Starts a server on an ephemeral port accepting `tokens`.
    public static func start(tokens: Set<String>) async throws -> GitSmartHTTPServer {
        let backend = GitHTTPBackend(authorize: { tokens.contains($0) })
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(GitHTTPChannelHandler(backend: backend))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return GitSmartHTTPServer(rootURL: "http://127.0.0.1:\(channel.localAddress?.port ?? 0)", backend: backend, channel: channel)
    }

    /// The clone URL of `fullName`.
    public func url(_ fullName: String) -> String { "\(rootURL)/\(fullName)" }

    /// Closes the listener.
    public func shutdown() async throws {
        try await channel.close()
    }
}

/// Collects one HTTP/1.1 request, has the backend answer it off the event loop, writes the answer.
final class GitHTTPChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let backend: GitHTTPBackend
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(backend: GitHTTPBackend) {
        self.backend = backend
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let request = GitHTTPBackend.Request(requestHead, body: Data(body.readableBytesView))
            Self.answer(request, backend: backend, keepAlive: requestHead.isKeepAlive, context: context)
        }
    }

    /// Runs the backend in a task and writes its answer on the channel's event loop.
    static func answer(_ request: GitHTTPBackend.Request, backend: GitHTTPBackend, keepAlive: Bool, context: ChannelHandlerContext,
                       then done: (@Sendable () -> Void)? = nil) {
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let promise = context.eventLoop.makePromise(of: GitHTTPBackend.Response.self)
        promise.completeWithTask { await backend.respond(request) }
        promise.futureResult.whenSuccess { response in
            done?()
            write(response, keepAlive: keepAlive, context: bound.value)
        }
    }

    static func write(_ response: GitHTTPBackend.Response, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for field in response.headers { headers.add(name: field.name, value: field.value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let written = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

extension GitHTTPBackend.Request {
    init(_ head: HTTPRequestHead, body: Data) {
        let pieces = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(method: head.method.rawValue, path: String(pieces[0]), query: pieces.count > 1 ? String(pieces[1]) : "",
                  headers: head.headers.map { ($0.name, $0.value) }, body: body)
    }
}
