import AsyncHTTPClient
import Foundation
import KaiConfig

/// The kubeconfig's `proxy-url` as AsyncHTTPClient's proxy setting.
enum ProxySettings {
    static func proxy(_ url: URL?) throws -> HTTPClient.Configuration.Proxy? {
        guard let url else { return nil }
        guard let host = url.host, !host.isEmpty else {
            throw KubeconfigError(.invalidValue, problem: "The kubeconfig's proxy-url \(url.masked) has no host.",
                                  remedy: "Set proxy-url to http://HOST:PORT or socks5://HOST:PORT.")
        }
        switch url.scheme?.lowercased() {
        case "http", "https":
            // Credentials in the URL (http://user:password@proxy:3128) become Basic authorization.
            let authorization = url.user.map { HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0,
                                                                             password: (url.password ?? "").removingPercentEncoding ?? "") }
            return .server(host: host, port: url.port ?? 3128, authorization: authorization)
        case "socks5", "socks5h":
            return .socksServer(host: host, port: url.port ?? 1080)
        default:
            throw KubeconfigError(.invalidValue,
                                  problem: "The kubeconfig's proxy-url \(url.masked) is not an http, https or socks5 URL.",
                                  remedy: "Set proxy-url to http://HOST:PORT or socks5://HOST:PORT.")
        }
    }
}
