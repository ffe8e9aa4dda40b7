import Foundation
import NIOCore
import NIOHTTP1

/// Collects one HTTP/1.1 request, asks the server core what to do, and does it.
final class GitHubHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let core: GitHubTestServerCore
    private let host: ServerHost
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var pending: Int?  // request index still counted in flight
    private var hangTask: Scheduled<Void>?
    private static let maxBody = 80 * 1024 * 1024

    init(core: GitHubTestServerCore, host: ServerHost) {
        self.core = core
        self.host = host
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
            core.arrive()
            pending = 0
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes <= Self.maxBody { body.writeBuffer(&chunk) }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let parts = ServerRequest.split(uri: requestHead.uri)
            if host == .api, core.git.claims(parts.path) {
                // git smart HTTP on the web root: answered off the event loop by `git http-backend`.
                let request = GitHTTPBackend.Request(requestHead, body: Data(body.readableBytesView))
                let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
                GitHTTPChannelHandler.answer(request, backend: core.git, keepAlive: requestHead.isKeepAlive, context: context) {
                    bound.value.depart()
                }
                return
            }
            let request = ServerRequest(
                method: requestHead.method.rawValue, path: parts.path, queryItems: parts.items, rawQuery: parts.raw,
                headers: requestHead.headers.map { ($0.name, $0.value) }, body: Data(body.readableBytesView), host: host)
            let action = core.handle(request)
            switch action {
            case .respond(let response):
                depart()
                write(response, keepAlive: requestHead.isKeepAlive, context: context)
            case .hang(let duration):
                let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
                let millis = Int64(max(1, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000))
                hangTask = context.eventLoop.scheduleTask(in: .milliseconds(millis)) {
                    bound.value.1.depart()
                    bound.value.0.close(promise: nil)
                }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        hangTask?.cancel()
        depart()
        context.fireChannelInactive()
    }

    private func depart() {
        guard pending != nil else { return }
        pending = nil
        core.depart()
    }

    private func write(_ response: ServerResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for field in response.headers { headers.add(name: field.name, value: field.value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        depart()
        context.close(promise: nil)
    }
}
