import AsyncHTTPClient
import Foundation

/// The kubeconfig's `proxy-url` as AsyncHTTPClient's proxy setting.
enum ProxySettings {
    static func proxy(_ url: URL?) throws -> HTTPClient.Configuration.Proxy? {
        guard let url else { return nil }
        guard let host = url.host, !host.isEmpty else {
            throw KubeError(.unreachable, problem: "The kubeconfig's proxy-url \(url.absoluteString) has no host.",
                            remedy: "Set proxy-url to http://HOST:PORT or socks5://HOST:PORT.")
        }
        switch url.scheme?.lowercased() {
        case "http", "https":
            return .server(host: host, port: url.port ?? 3128)
        case "socks5", "socks5h":
            return .socksServer(host: host, port: url.port ?? 1080)
        default:
            throw KubeError(.unreachable, problem: "The kubeconfig's proxy-url \(url.absoluteString) is not an http, https or socks5 URL.",
                            remedy: "Set proxy-url to http://HOST:PORT or socks5://HOST:PORT.")
        }
    }
}
