import Foundation
import KaiCore
@testable import KaiKube
import KaiSandbox
import KaiTestSupport
import Testing

/// `proxy-url`: every call goes through the proxy the kubeconfig names.
@Suite("Proxy")
struct ProxyTests {
    /// Runs the fixture proxy (Tests/Fixtures/proxy/connect_proxy.py) for the length of `body`,
    /// giving it the proxy's URL and a way to read what the proxy handled.
    func withProxy<T: Sendable>(_ body: (URL, @Sendable () -> [String]) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kai-proxy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/proxy/connect_proxy.py")
        let log = folder.appendingPathComponent("requests.log")
        let portFile = folder.appendingPathComponent("port")
        return try await ChildProcess.withRunning(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, log.path, portFile.path]) { _ in
            var port: String?
            for _ in 0..<100 where port == nil {
                port = try? String(contentsOf: portFile, encoding: .utf8)
                if port == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let bound = try #require(port)
            let url = try #require(URL(string: "http://127.0.0.1:\(bound)"))
            let handled: @Sendable () -> [String] = {
                ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
            return try await body(url, handled)
        }
    }

    @Test(arguments: [false, true])
    func callsGoThroughTheProxyURL(https: Bool) async throws {
        let certificates = try SandboxCertificates.generate()
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0, tls: https ? certificates : nil)
        do {
            try await withProxy { proxy, handled in
                let tls = https ? TLSSettings(certificateAuthorityPEM: Array(certificates.caCertificatePEM.utf8),
                                              clientCertificatePEM: Array(certificates.clientCertificatePEM.utf8),
                                              clientKeyPEM: Array(certificates.clientKeyPEM.utf8)) : TLSSettings()
                let endpoint = ClusterEndpoint(server: running.url, contextName: "test", clusterName: "test", userName: "admin",
                                               namespace: TodoStackSeed.namespace, tls: tls, proxy: proxy)
                let client = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()))
                let deployments = try? await client.list(Deployment.self, .deployments, in: TodoStackSeed.namespace)
                await client.shutdown()
                #expect(deployments?.items.count == 3)
                let port = running.url.port ?? 0
                #expect(handled().contains { $0.contains("127.0.0.1:\(port)") })
            }
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }
}

extension ProxyTests {
    @Test func credentialsInTheProxyURLAreSentAsBasicAuthorizationAndNeverShown() async throws {
        let server = try await SandboxServer.seeded()
        let running = try await server.start(port: 0)
        do {
            try await withProxy { proxy, handled in
                var components = try #require(URLComponents(url: proxy, resolvingAgainstBaseURL: false))
                components.user = "kai"
                components.password = "proxy-secret"
                let proxyURL: URL = try #require(components.url)
                let endpoint = ClusterEndpoint(server: running.url, contextName: "test", clusterName: "test", userName: "admin",
                                               namespace: TodoStackSeed.namespace, proxy: proxyURL)
                let client = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()))
                let pods = try? await client.list(Pod.self, .pods, in: TodoStackSeed.namespace)
                await client.shutdown()
                #expect(pods != nil)
                #expect(handled().contains { $0.hasSuffix("with Proxy-Authorization") })
            }
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    @Test func aProxyURLOfAnotherSchemeIsAConfigurationErrorThatHidesItsPassword() throws {
        let server: URL = try #require(URL(string: "http://127.0.0.1:1"))
        let proxy: URL = try #require(URL(string: "ftp://kai:proxy-secret@proxy:21"))
        let endpoint = ClusterEndpoint(server: server, contextName: "test", clusterName: "test", userName: "admin", namespace: "default", proxy: proxy)
        #expect {
            _ = try KubeClient(endpoint: endpoint, credentials: StaticCredentialProvider(Credentials()))
        } throws: { error in
            guard let error = error as? KubeconfigError else { return false }
            return error.category == .usage && error.problem.contains("ftp://***@proxy:21") && !error.description.contains("proxy-secret")
        }
    }
}
