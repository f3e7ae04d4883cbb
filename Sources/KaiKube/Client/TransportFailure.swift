import AsyncHTTPClient
import KaiCore
import NIOCore
import NIOSSL

/// Turns a failure below HTTP (refused, timed out, TLS) into a ``KubeError`` that names the
/// server and the likely fix.
enum TransportFailure {
    static func error(_ error: any Error, server: String, action: APIAction, timeout: Duration, connectTimeout: Duration) -> KubeError {
        let text = String(describing: error)
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout || client == .writeTimeout {
                return timedOut(server: server, action: action, timeout: timeout)
            }
            if client == .connectTimeout || client == .tlsHandshakeTimeout || client == .socksHandshakeTimeout || client == .httpProxyHandshakeTimeout {
                return unreachable(server: server, why: "no connection (TCP and TLS handshake) within \(connectTimeout.secondsText)")
            }
            if client == .remoteConnectionClosed || client == .cancelled {
                return unreachable(server: server, why: "the connection was closed before the answer came")
            }
        }
        if error is NIOSSLError || error is BoringSSLError || text.contains("certificate") || text.contains("handshake") {
            return KubeError(.tls, problem: "The TLS connection to the cluster at \(server) failed: \(ClusterText.clip(text, limit: 200)).",
                             remedy: "Check the kubeconfig's certificate-authority, client certificate and tls-server-name for this cluster (`kubectl config view --minify`).")
        }
        if text.localizedCaseInsensitiveContains("refused") {
            return unreachable(server: server, why: "the connection was refused")
        }
        if let io = error as? IOError, io.errnoCode == 113 || io.errnoCode == 101 {
            return unreachable(server: server, why: "no route to the host")
        }
        return unreachable(server: server, why: ClusterText.clip(text, limit: 200))
    }

    static func unreachable(server: String, why: String) -> KubeError {
        KubeError(.unreachable, problem: "Cannot reach the cluster at \(server): \(why).",
                  remedy: "Is the cluster running (`minikube status`, `minikube start`)? Check the kubeconfig's server address and context (`kubectl config current-context`).")
    }

    static func timedOut(server: String, action: APIAction, timeout: Duration) -> KubeError {
        KubeError(.timedOut, problem: "The cluster at \(server) did not answer within \(timeout.secondsText) to \(action).",
                  remedy: "Is the cluster running and healthy (`minikube status`)? Raise the limit with --request-timeout if it is just slow.")
    }
}

extension Duration {
    /// The duration as NIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000)
    }
}
