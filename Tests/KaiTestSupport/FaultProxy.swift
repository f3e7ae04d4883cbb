import Foundation
import Synchronization

/// A TCP proxy on 127.0.0.1 (a port the system picks) in front of an HTTP server, which breaks
/// one chosen request the way networks do: its response never arrives, arrives late, or the
/// connection is reset once the server has answered. The request itself always reaches the
/// server, so a write is applied although the client never learns it. Everything else is
/// passed through byte for byte, watches included.
///
/// ```swift
/// let proxy = try FaultProxy(upstream: sandboxURL, fault: .dropResponse, when: { $0 == "PUT" && $1.hasSuffix("/scale") })
/// defer { proxy.stop() }
/// ```
public final class FaultProxy: Sendable {
    /// What happens to the matching request's response.
    public enum Fault: Sendable {
        /// It is read from the server and thrown away: the client waits until its own deadline.
        case dropResponse
        /// It is sent after `seconds`.
        case delay(seconds: Double)
        /// The client's connection is reset (RST) instead of answered.
        case reset
    }

    /// The proxy's base URL, to put in a kubeconfig.
    public let url: URL
    private let listener: ListeningSocket
    private let state: Mutex<State>

    private struct State {
        var armed: (fault: Fault, matches: @Sendable (String, String) -> Bool)?
        var fired = 0
        var sockets: Set<Int32> = []
        var stopped = false
    }

    /// Starts forwarding to `upstream` (`http://127.0.0.1:PORT`); the first request whose method
    /// and path `when` accepts gets `fault`, later ones pass.
    public init(upstream: URL, fault: Fault, when matches: @escaping @Sendable (_ method: String, _ path: String) -> Bool) throws {
        let listener = try ListeningSocket(backlog: 64)
        guard let url = URL(string: "http://127.0.0.1:\(listener.port)") else {
            listener.close()
            throw CocoaError(.fileWriteUnknown)
        }
        self.url = url
        self.listener = listener
        state = Mutex(State(armed: (fault, matches)))
        let upstreamPort = UInt16(upstream.port ?? 80)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener.descriptor, nil, nil)
                guard client >= 0 else { return }
                guard let server = Self.connect(port: upstreamPort) else {
                    close(client)
                    continue
                }
                track(client, server)
                let connection = Connection(client: client, server: server, proxy: self)
                Thread.detachNewThread { connection.forwardRequests() }
                Thread.detachNewThread { connection.forwardResponses() }
            }
        }
    }

    /// How many requests got the fault (0 or 1).
    public var fired: Int { state.withLock { $0.fired } }

    /// Cuts every connection (reset) and refuses new ones: the cluster is gone.
    public func cutOff() {
        let sockets = state.withLock { state in
            state.stopped = true
            return state.sockets
        }
        listener.close()
        for socket in sockets { Self.reset(socket) }
    }

    /// Stops the proxy (as ``cutOff()``).
    public func stop() {
        guard !state.withLock({ $0.stopped }) else { return }
        cutOff()
    }

    /// The fault for a request, if it is the one chosen; it fires once.
    fileprivate func fault(method: String, path: String) -> Fault? {
        state.withLock { state in
            guard let armed = state.armed, armed.matches(method, path) else { return nil }
            state.armed = nil
            state.fired += 1
            return armed.fault
        }
    }

    private func track(_ sockets: Int32...) { state.withLock { $0.sockets.formUnion(sockets) } }

    fileprivate func forget(_ socket: Int32) {
        let known = state.withLock { $0.sockets.remove(socket) != nil }
        if known { close(socket) }
    }

    fileprivate static func reset(_ socket: Int32) {
        var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
        shutdown(socket, Int32(SHUT_RDWR))
    }

    private static func connect(port: UInt16) -> Int32? {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(server)
            return nil
        }
        return server
    }
}

/// One client connection and its connection to the server: requests are read head by head
/// (HTTP/1.1, bodies by Content-Length) so that the chosen one can be recognised.
private final class Connection: Sendable {
    let client: Int32
    let server: Int32
    let proxy: FaultProxy
    /// The fault of the request in flight on this connection, once the chosen one was sent.
    private let fault = Mutex<FaultProxy.Fault?>(nil)

    init(client: Int32, server: Int32, proxy: FaultProxy) {
        self.client = client
        self.server = server
        self.proxy = proxy
    }

    func forwardRequests() {
        var pending = Data()
        var bodyLeft = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            // Find the heads in what arrived; a fault is set before its request is passed on.
            while true {
                if bodyLeft > 0 {
                    let skipped = min(bodyLeft, pending.count)
                    bodyLeft -= skipped
                    send(server, Data(pending.prefix(skipped)))
                    pending.removeFirst(skipped)
                    if bodyLeft > 0 { break }
                }
                guard let end = pending.range(of: Data("\r\n\r\n".utf8)) else { break }
                let head = String(decoding: pending[pending.startIndex..<end.lowerBound], as: UTF8.self)
                let words = head.split(separator: " ", maxSplits: 2)
                if words.count >= 2, let chosen = proxy.fault(method: String(words[0]), path: String(words[1])) {
                    fault.withLock { $0 = chosen }
                }
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                let headEnd = end.upperBound - pending.startIndex
                send(server, Data(pending.prefix(headEnd)))
                pending.removeFirst(headEnd)
                bodyLeft = length
            }
        }
        shutdown(server, Int32(SHUT_WR))
    }

    func forwardResponses() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(server, &buffer, buffer.count)
            guard count > 0 else { break }
            switch fault.withLock({ $0 }) {
            case .dropResponse?:
                continue
            case .reset?:
                FaultProxy.reset(client)
                proxy.forget(client)
                proxy.forget(server)
                return
            case .delay(let seconds)?:
                Thread.sleep(forTimeInterval: seconds)
                fault.withLock { $0 = nil }
            case nil:
                break
            }
            send(client, Data(buffer[0..<count]))
        }
        shutdown(client, Int32(SHUT_WR))
        proxy.forget(client)
        proxy.forget(server)
    }

    private func send(_ socket: Int32, _ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress?.advanced(by: offset), bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}
