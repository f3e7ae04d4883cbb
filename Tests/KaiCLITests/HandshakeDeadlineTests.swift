import Foundation
import KaiTestSupport
import Testing

/// A cluster address that accepts the TCP connection and never answers the TLS handshake:
/// `--request-timeout` bounds the handshake too, instead of the 10 s connect deadline.
@Suite("The TLS handshake under --request-timeout, through the binary")
struct HandshakeDeadlineTests {
    /// A kubeconfig for an https server at `port` that skips verification, so only the handshake can stall.
    func kubeconfig(port: Int) throws -> String {
        let path = try KaiProcess.temporaryDirectory().appendingPathComponent("kubeconfig").path
        try """
        apiVersion: v1
        kind: Config
        clusters:
        - name: silent
          cluster:
            server: https://127.0.0.1:\(port)
            insecure-skip-tls-verify: true
        users:
        - name: someone
          user:
            token: not-a-real-token
        contexts:
        - name: silent
          context: {cluster: silent, user: someone, namespace: todo-chatbot}
        current-context: silent
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aServerThatNeverFinishesTheHandshakeIsReportedAtTheRequestDeadline() async throws {
        // The kernel completes the TCP connection into the listen backlog; nothing ever reads the ClientHello.
        let listener = try ListeningSocket()
        defer { listener.close() }
        let result = try await KaiProcess.run(["--kubeconfig", try kubeconfig(port: listener.port), "--request-timeout", "1", "list pods"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("Cannot reach the cluster at https://127.0.0.1:\(listener.port): no connection (TCP and TLS handshake) within 1 s."),
                "\(result.stderr)")
    }
}
