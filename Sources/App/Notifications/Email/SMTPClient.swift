import Domain
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

public struct SMTPSettings: Sendable {
    public enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS before anything else is said (port 587). Refuses servers
        /// that do not offer it.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: for a relay on the same host only.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: String
    /// Extra certificate authorities to trust (PEM), for an internal relay with its own CA.
    public var caFile: String?
    public var timeout: TimeAmount
    /// How long a normal e-mail waits for others to the same person before it goes (IVARETA_EMAIL_DIGEST_SECONDS).
    public var digestWindow: TimeInterval
    public static let defaultDigestWindow = ChannelPreferences.digestWindow

    public init(host: String, port: Int = 587, security: Security = .startTLS, username: String? = nil, password: String? = nil,
                from: String, caFile: String? = nil, timeout: TimeAmount = .seconds(30), digestWindow: TimeInterval = ChannelPreferences.digestWindow) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.caFile = caFile
        self.timeout = timeout
        self.digestWindow = digestWindow
    }
}

struct SMTPError: Error, CustomStringConvertible {
    let description: String
}

/// A small SMTP submission client: one connection per message, which is plenty for notification volumes and
/// leaves nothing to keep alive between jobs.
struct SMTPClient: EmailSender {
    let settings: SMTPSettings
    let group: any EventLoopGroup
    let ids: @Sendable () -> UUID
    let now: @Sendable () -> Date

    func send(_ email: OutgoingEmail) async throws {
        guard EmailAddress.isValid(email.to) else { throw SMTPError(description: "refusing to send to an invalid address") }
        let tls = settings.security == .none ? nil : try makeTLSContext()
        let replies = SMTPReplies()
        let settings = settings
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(settings.timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if settings.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(settings.host)))
                    }
                    try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(SMTPReplyDecoder()), replies])
                }
            }
            .connect(host: settings.host, port: settings.port).get()
        // One deadline for the whole conversation: closing the channel fails whatever is waiting.
        let deadline = channel.eventLoop.scheduleTask(in: settings.timeout) { channel.close(promise: nil) }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        let conversation = SMTPConversation(channel: channel, replies: replies)
        try await conversation.expect(220)
        let helo = "ivareta.local"
        var capabilities = try await conversation.command("EHLO \(helo)", expect: 250).lines
        if settings.security == .startTLS {
            guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                throw SMTPError(description: "the server does not offer STARTTLS")
            }
            try await conversation.command("STARTTLS", expect: 220)
            guard let tls else { throw SMTPError(description: "no TLS context") }
            let host = settings.host
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)), position: .first)
            }.get()
            capabilities = try await conversation.command("EHLO \(helo)", expect: 250).lines
        }
        if let username = settings.username, let password = settings.password {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            try await conversation.command("AUTH PLAIN \(token)", expect: 235, redacted: true)
        }
        try await conversation.command("MAIL FROM:<\(Self.address(in: settings.from))>", expect: 250)
        try await conversation.command("RCPT TO:<\(email.to)>", expect: 250, 251)
        try await conversation.command("DATA", expect: 354)
        let message = MIMEMessage(from: settings.from, email: email, date: now(), messageID: "\(email.messageID ?? ids().uuidString.lowercased())@\(Self.domain(of: settings.from))",
                                  boundary: "ivareta-\(ids().uuidString.lowercased())")
        try await conversation.command(Self.dotStuffed(message.rendered) + ".", expect: 250)
        _ = try? await conversation.command("QUIT", expect: 221)
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile = settings.caFile {
            configuration.additionalTrustRoots = [.file(caFile)]
        }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI carries host names only, never literal addresses.
    static func sniName(_ host: String) -> String? {
        host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
    }

    /// `Ivareta <noreply@example.org>` → `noreply@example.org`.
    static func address(in from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }

    static func domain(of from: String) -> String {
        address(in: from).split(separator: "@").last.map(String.init) ?? "ivareta"
    }

    static func dotStuffed(_ data: String) -> String {
        data.split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? ".\($0)" : String($0) }
            .joined(separator: "\r\n")
    }
}

struct SMTPReply: Sendable {
    let code: Int
    let lines: [String]
}

/// Drives the command–reply exchange over a channel.
struct SMTPConversation {
    let channel: any Channel
    let replies: SMTPReplies

    @discardableResult
    func expect(_ codes: Int...) async throws -> SMTPReply {
        try await reply(expecting: codes, to: nil)
    }

    @discardableResult
    func command(_ line: String, expect codes: Int..., redacted: Bool = false) async throws -> SMTPReply {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeString("\r\n")
        try await channel.writeAndFlush(buffer)
        return try await reply(expecting: codes, to: redacted ? "AUTH" : String(line.prefix(40)))
    }

    private func reply(expecting codes: [Int], to what: String?) async throws -> SMTPReply {
        let replies = replies
        let loop = channel.eventLoop
        let reply = try await loop.flatSubmit { replies.next(on: loop) }.get()
        guard codes.contains(reply.code) else {
            throw SMTPError(description: "SMTP server answered \(reply.code)\(what.map { " to \($0)" } ?? ""): \(reply.lines.joined(separator: " ").prefix(200))")
        }
        return reply
    }
}

/// Splits the byte stream into replies; a reply may span several lines (`250-…` then `250 …`).
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw SMTPError(description: "SMTP reply line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard let raw = buffer.readString(length: length) else { return .needMoreData }
        let line = raw.trimmingCharacters(in: .newlines)
        guard line.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError(description: "malformed SMTP reply") }
        let rest = line.dropFirst(3)
        lines.append(String(rest.dropFirst()))
        if rest.first != "-" {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: lines)))
            lines = []
        }
        return .continue
    }
}

/// Hands replies to whoever waits for the next one. Only ever touched on its channel's event loop, which is
/// what makes the unchecked `Sendable` safe.
final class SMTPReplies: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SMTPReply
    private var buffered: [SMTPReply] = []
    private var waiting: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func next(on loop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !buffered.isEmpty { return loop.makeSucceededFuture(buffered.removeFirst()) }
        if let failure { return loop.makeFailedFuture(failure) }
        let promise = loop.makePromise(of: SMTPReply.self)
        waiting.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if waiting.isEmpty { buffered.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPError(description: "the SMTP server closed the connection"))
        context.fireChannelInactive()
    }

    private func failAll(_ error: any Error) {
        if failure == nil { failure = error }
        let pending = waiting
        waiting = []
        pending.forEach { $0.fail(error) }
    }
}
