import Foundation
import KaiKube
import Testing

@Suite("Kubeconfig files are found, merged and read as kubectl reads them")
struct KubeconfigLoaderTests {
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    /// A loader that sees only `environment`, with `~` in the test's own folder.
    private func loader(_ environment: [String: String] = [:]) -> KubeconfigLoader {
        KubeconfigLoader(environment: environment, homeDirectory: folder.path("home"))
    }

    private func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    private func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    private func token(_ endpoint: ClusterEndpoint) -> String? {
        guard case let .token(token) = endpoint.credentials else { return nil }
        return token
    }

    // MARK: - Which files

    @Test func mergedFilesLetTheFirstDefinitionOfANameWin() throws {
        let first = try folder.write("a/config", """
            clusters:
            - name: shared
              cluster: {server: https://first.example:6443}
            contexts:
            - name: ctx-a
              context: {cluster: shared, user: shared-user}
            """)
        let second = try folder.write("b/config", """
            clusters:
            - name: shared
              cluster: {server: https://second.example:6443}
            - name: only-second
              cluster: {server: https://only-second.example}
            users:
            - name: shared-user
              user: {token: from-second}
            contexts:
            - name: ctx-b
              context: {cluster: only-second, user: shared-user, namespace: team-b}
            - name: ctx-a
              context: {cluster: only-second, user: nobody}
            current-context: ctx-b
            """)
        let third = try folder.write("c/config", """
            users:
            - name: shared-user
              user: {token: from-third}
            current-context: ctx-a
            """)
        let loader = loader(["KUBECONFIG": [first, second, third].joined(separator: ":")])

        let current = try loader.endpoint()
        #expect(current.contextName == "ctx-b")
        #expect(current.server.absoluteString == "https://only-second.example")
        #expect(current.namespace == "team-b")
        #expect(token(current) == "from-second")

        let chosen = try loader.endpoint(KubeconfigSelection(context: "ctx-a"))
        #expect(chosen.clusterName == "shared")
        #expect(chosen.server.absoluteString == "https://first.example:6443")
        #expect(chosen.userName == "shared-user")
        #expect(token(chosen) == "from-second")
    }

    @Test func currentContextComesFromTheFirstFileThatSetsIt() throws {
        let first = try folder.write("one", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            contexts: [{name: x, context: {cluster: c}}, {name: y, context: {cluster: c}}]
            """)
        let second = try folder.write("two", "current-context: y\n")
        let third = try folder.write("three", "current-context: x\n")
        let endpoint = try loader(["KUBECONFIG": "\(first):\(second):\(third)"]).endpoint()
        #expect(endpoint.contextName == "y")
        #expect(endpoint.userName == "")
        #expect(endpoint.namespace == "default")
    }

    @Test func kubeconfigListSkipsEmptyEntriesMissingFilesAndRepeats() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://one"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let list = ":\(folder.path("missing")):\(config)::\(config)"
        #expect(try loader(["KUBECONFIG": list]).endpoint().server.absoluteString == "https://one")
    }

    @Test func kubeconfigFlagOverridesTheKUBECONFIGList() throws {
        let listed = try folder.write("listed", """
            clusters: [{name: c, cluster: {server: "https://listed"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let flagged = try folder.write("flagged", """
            clusters: [{name: c, cluster: {server: "https://flagged"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let endpoint = try loader(["KUBECONFIG": listed]).endpoint(KubeconfigSelection(path: flagged))
        #expect(endpoint.server.absoluteString == "https://flagged")
    }

    @Test func homeKubeConfigIsUsedWhenKUBECONFIGIsUnset() throws {
        try folder.write("home/.kube/config", """
            clusters: [{name: c, cluster: {server: "https://home"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let endpoint = try loader(["HOME": "/nonexistent"]).endpoint()
        #expect(endpoint.server.absoluteString == "https://home")
    }

    @Test func contextAndNamespaceFlagsWinOverTheFile() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            contexts:
            - {name: dev, context: {cluster: c, namespace: dev-ns}}
            - {name: prod, context: {cluster: c, namespace: prod-ns}}
            - {name: bare, context: {cluster: c}}
            current-context: dev
            """)
        let loader = loader(["KUBECONFIG": config])
        #expect(try loader.endpoint().namespace == "dev-ns")
        #expect(try loader.endpoint(KubeconfigSelection(context: "prod")).namespace == "prod-ns")
        #expect(try loader.endpoint(KubeconfigSelection(context: "prod", namespace: "mine")).namespace == "mine")
        #expect(try loader.endpoint(KubeconfigSelection(context: "bare")).namespace == "default")
    }

    // MARK: - Files an entry names

    @Test func relativePathsAreRelativeToTheFileThatDefinedTheEntry() throws {
        // Both folders hold files of the same names, so a wrong folder gives the wrong bytes.
        for side in ["clusters", "users"] {
            try folder.write("\(side)/ca.crt", "CA from \(side)")
            try folder.write("\(side)/pki/client.crt", "CERT from \(side)")
            try folder.write("\(side)/pki/client.key", "KEY from \(side)")
            try folder.write("\(side)/token", "token-from-\(side)")
        }
        let clusters = try folder.write("clusters/config", """
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority: ca.crt}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """)
        let users = try folder.write("users/config", """
            users:
            - name: u
              user: {client-certificate: pki/client.crt, client-key: ./pki/client.key, tokenFile: token}
            """)
        let endpoint = try loader(["KUBECONFIG": "\(clusters):\(users)"]).endpoint()
        #expect(endpoint.tls.certificateAuthorityPEM == bytes("CA from clusters"))
        #expect(endpoint.tls.clientCertificatePEM == bytes("CERT from users"))
        #expect(endpoint.tls.clientKeyPEM == bytes("KEY from users"))
        guard case let .tokenFile(path) = endpoint.credentials else {
            Issue.record("expected a token file, got \(endpoint.credentials)")
            return
        }
        #expect(path == folder.path("users/token"))
    }

    @Test func dataFieldsWinOverFiles() throws {
        try folder.write("ca.crt", "CA from file")
        try folder.write("client.crt", "CERT from file")
        try folder.write("client.key", "KEY from file")
        let config = try folder.write("config", """
            clusters:
            - name: c
              cluster:
                server: https://c
                certificate-authority: ca.crt
                certificate-authority-data: \(base64("CA from data"))
            users:
            - name: u
              user:
                client-certificate: client.crt
                client-certificate-data: \(base64("CERT from data"))
                client-key: client.key
                client-key-data: \(base64("KEY from data"))
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """)
        let endpoint = try loader().endpoint(KubeconfigSelection(path: config))
        #expect(endpoint.tls.certificateAuthorityPEM == bytes("CA from data"))
        #expect(endpoint.tls.clientCertificatePEM == bytes("CERT from data"))
        #expect(endpoint.tls.clientKeyPEM == bytes("KEY from data"))
        #expect(endpoint.credentials.description == "no token")
    }

    @Test func minikubeKubeconfigGivesCertificatesFromTheProfileFolder() throws {
        let ca = "-----BEGIN CERTIFICATE-----\nMIIminikubeCA\n-----END CERTIFICATE-----\n"
        let cert = "-----BEGIN CERTIFICATE-----\nMIIclient\n-----END CERTIFICATE-----\n"
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIkey\n-----END RSA PRIVATE KEY-----\n"
        let caPath = try folder.write("home/.minikube/ca.crt", ca)
        try folder.write("home/.minikube/profiles/minikube/client.crt", cert)
        try folder.write("home/.minikube/profiles/minikube/client.key", key)
        try folder.write("home/.kube/config", """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority: \(caPath)
                extensions:
                - extension:
                    last-update: Mon, 01 Jan 2024 10:00:00 UTC
                    provider: minikube.sigs.k8s.io
                    version: v1.32.0
                  name: cluster_info
                server: https://192.168.49.2:8443
              name: minikube
            contexts:
            - context:
                cluster: minikube
                namespace: todo-chatbot
                user: minikube
              name: minikube
            current-context: minikube
            kind: Config
            preferences: {}
            users:
            - name: minikube
              user:
                client-certificate: ~/.minikube/profiles/minikube/client.crt
                client-key: ~/.minikube/profiles/minikube/client.key
            """)
        let endpoint = try loader().endpoint()
        #expect(endpoint.server.absoluteString == "https://192.168.49.2:8443")
        #expect(endpoint.contextName == "minikube")
        #expect(endpoint.clusterName == "minikube")
        #expect(endpoint.userName == "minikube")
        #expect(endpoint.namespace == "todo-chatbot")
        #expect(endpoint.tls == TLSSettings(certificateAuthorityPEM: bytes(ca), clientCertificatePEM: bytes(cert),
                                            clientKeyPEM: bytes(key)))
        #expect(endpoint.credentials.description == "no token")
    }

    @Test func clusterSettingsAreCarriedOver() throws {
        let config = try folder.write("config", """
            clusters:
            - name: c
              cluster:
                server: 10.0.0.5:6443
                insecure-skip-tls-verify: true
                tls-server-name: api.internal
                proxy-url: socks5://127.0.0.1:1080
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let endpoint = try loader().endpoint(KubeconfigSelection(path: config))
        #expect(endpoint.server.absoluteString == "https://10.0.0.5:6443")
        #expect(endpoint.tls.insecureSkipVerify)
        #expect(endpoint.tls.serverName == "api.internal")
        #expect(endpoint.proxy?.absoluteString == "socks5://127.0.0.1:1080")
    }

    // MARK: - Credentials

    @Test func aTokenWinsOverATokenFileAndACertificateOverAPlugin() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users:
            - {name: both, user: {token: inline-token, tokenFile: /nonexistent/token}}
            - {name: file, user: {tokenFile: tokens/t}}
            - {name: cert, user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ, exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}
            contexts:
            - {name: both, context: {cluster: c, user: both}}
            - {name: file, context: {cluster: c, user: file}}
            - {name: cert, context: {cluster: c, user: cert}}
            """)
        let loader = loader(["KUBECONFIG": config])
        #expect(token(try loader.endpoint(KubeconfigSelection(context: "both"))) == "inline-token")
        // As in client-go, a client certificate in the kubeconfig means the plugin is not run.
        #expect(try loader.endpoint(KubeconfigSelection(context: "cert")).credentials.description == "no token")
        guard case let .tokenFile(path) = try loader.endpoint(KubeconfigSelection(context: "file")).credentials else {
            Issue.record("expected a token file")
            return
        }
        #expect(path == folder.path("tokens/t"))
    }

    @Test func execSectionsBecomePluginConfigs() throws {
        let config = try folder.write("kube/config", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, prod]
                  env:
                  - {name: AWS_PROFILE, value: prod}
                  - {name: EMPTY}
                  installHint: Install the AWS CLI.
                  provideClusterInfo: true
                  interactiveMode: IfAvailable
            - name: local
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/plugin, interactiveMode: Never}
            contexts:
            - {name: eks, context: {cluster: c, user: eks}}
            - {name: local, context: {cluster: c, user: local}}
            """)
        let loader = loader(["KUBECONFIG": config])
        guard case let .exec(eks) = try loader.endpoint(KubeconfigSelection(context: "eks")).credentials,
              case let .exec(local) = try loader.endpoint(KubeconfigSelection(context: "local")).credentials else {
            Issue.record("expected exec plugins")
            return
        }
        #expect(eks == ExecPluginConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws",
                                        arguments: ["eks", "get-token", "--cluster-name", "prod"],
                                        environment: ["AWS_PROFILE": "prod", "EMPTY": ""], installHint: "Install the AWS CLI.",
                                        provideClusterInfo: true, interactiveMode: "IfAvailable"))
        #expect(local.command == folder.path("kube/bin/plugin"))
    }

    @Test func descriptionsNeverShowTheTokenOrKey() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            users: [{name: u, user: {token: s3cret-token, client-certificate-data: \(base64("CERT")), client-key-data: \(base64("PRIVATE-KEY"))}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """)
        let endpoint = try loader().endpoint(KubeconfigSelection(path: config))
        #expect(token(endpoint) == "s3cret-token")
        for text in ["\(endpoint)", String(reflecting: endpoint), "\(Credentials(bearerToken: "s3cret-token"))"] {
            #expect(!text.contains("s3cret-token"))
            #expect(!text.contains(bytes("PRIVATE-KEY").map(String.init).joined(separator: ", ")))
        }
    }

    // MARK: - Errors

    private func failure(_ environment: [String: String] = [:], _ selection: KubeconfigSelection = KubeconfigSelection())
        -> KubeconfigError? {
        #expect(throws: KubeconfigError.self) { try loader(environment).endpoint(selection) }
    }

    private func validConfig(contexts: String = "[{name: alpha, context: {cluster: c}}, {name: beta, context: {cluster: c}}]",
                             current: String = "alpha") throws -> String {
        try folder.write("valid", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            contexts: \(contexts)
            current-context: \(current)
            """)
    }

    @Test func anUnknownContextListsTheChoicesAndTheFiles() throws {
        let config = try validConfig()
        let error = try #require(failure(["KUBECONFIG": config], KubeconfigSelection(context: "gamma")))
        #expect(error.reason == .unknownContext)
        #expect(error.category == .usage)
        #expect(error.problem.contains("\"gamma\"") && error.problem.contains(config))
        #expect(error.remedy == "Pass --context with one of: alpha, beta.")
    }

    @Test func noCurrentContextSaysHowToChooseOne() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c"}}]
            contexts: [{name: alpha, context: {cluster: c}}]
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .unknownContext)
        #expect(error.problem.contains("no current-context"))
        #expect(error.remedy.contains("--context with one of: alpha") && error.remedy.contains("kubectl config use-context"))
    }

    @Test func aContextsMissingClusterOrUserIsNamed() throws {
        let config = try validConfig(contexts: "[{name: a, context: {cluster: gone}}, {name: b, context: {cluster: c, user: ghost}}]",
                                     current: "a")
        let cluster = try #require(failure(["KUBECONFIG": config]))
        #expect(cluster.reason == .unknownCluster)
        #expect(cluster.problem.contains("\"gone\""))
        let user = try #require(failure(["KUBECONFIG": config], KubeconfigSelection(context: "b")))
        #expect(user.reason == .unknownUser)
        #expect(user.problem.contains("\"ghost\""))
    }

    @Test func brokenYAMLNamesTheFileAndLineButNotItsContent() throws {
        let config = try folder.write("broken", """
            users:
            - name: u
              user: {token: "s3cret-token
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .malformedFile)
        #expect(error.problem.contains(config) && error.problem.contains("not valid YAML") && error.problem.contains("line"))
        #expect(!error.description.contains("s3cret"))
        #expect(error.remedy.contains("kubectl config view"))
    }

    @Test func aWronglyShapedFileSaysWhichField() throws {
        let config = try folder.write("shape", """
            clusters:
            - name: c
              cluster: {server: "https://c", insecure-skip-tls-verify: maybe}
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .malformedFile)
        #expect(error.problem.contains("clusters[0].cluster.insecure-skip-tls-verify should be true or false"))
        let args = try folder.write("args", "users: [{name: u, user: {exec: {command: x, args: one}}}]\n")
        #expect(try #require(failure(["KUBECONFIG": args])).problem.contains("users[0].user.exec.args should be a list"))
        let scalar = try folder.write("scalar", "just words\n")
        #expect(try #require(failure(["KUBECONFIG": scalar])).problem.contains("the whole file should be a mapping"))
    }

    @Test func scalarsAreReadAsKubectlReadsThemNullsBooleansAndJSON() throws {
        // Null fields are absent, yes/no are Booleans, a quoted "null" is text, a missing name is named.
        let yaml = try folder.write("scalars", """
            clusters:
            - name: c
              cluster: {server: "https://c", insecure-skip-tls-verify: yes, proxy-url: ~}
            users: [{name: u, user: null}]
            contexts: [{name: "null", context: {cluster: c, user: u, namespace: }}]
            current-context: "null"
            """)
        let endpoint = try loader(["KUBECONFIG": yaml]).endpoint(KubeconfigSelection())
        #expect(endpoint.contextName == "null")
        #expect(endpoint.tls.insecureSkipVerify)
        #expect(endpoint.proxy == nil && endpoint.namespace == "default")
        let json = try folder.write("json", #"{"clusters": [{"name": "c", "cluster": {"server": "https://j"}}], "contexts": [{"name": "x", "context": {"cluster": "c", "namespace": "team"}}], "current-context": "x"}"#)
        let fromJSON = try loader(["KUBECONFIG": json]).endpoint(KubeconfigSelection())
        #expect(fromJSON.namespace == "team")
        let nameless = try folder.write("nameless", "contexts: [{context: {cluster: c}}]\n")
        #expect(try #require(failure(["KUBECONFIG": nameless])).problem.contains("contexts[0].name is missing"))
    }

    @Test func badBase64NamesTheFieldAndEntry() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority-data: "not*base64!"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .invalidValue)
        #expect(error.problem.contains("certificate-authority-data of the cluster \"c\" is not valid base64"))
    }

    @Test func aMissingKubeconfigFlagFileIsAnError() throws {
        let path = folder.path("nope")
        let error = try #require(failure([:], KubeconfigSelection(path: path)))
        #expect(error.reason == .missingFile)
        #expect(error.problem.contains(path))
    }

    @Test func anUnreadableKubeconfigGivesTheSystemsReason() throws {
        let error = try #require(failure([:], KubeconfigSelection(path: folder.path)))
        #expect(error.reason == .unreadableFile)
        #expect(error.problem.contains(folder.path) && error.problem.contains("Is a directory"))
    }

    @Test func aMissingCertificateFileNamesTheResolvedPath() throws {
        let config = try folder.write("config", """
            clusters: [{name: c, cluster: {server: "https://c", certificate-authority: certs/ca.crt}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .missingFile)
        #expect(error.problem.contains(folder.path("certs/ca.crt")) && error.problem.contains("No such file"))
    }

    @Test func noKubeconfigAnywhereSaysWhereItLooked() throws {
        let error = try #require(failure(["KUBECONFIG": folder.path("a") + ":" + folder.path("b")]))
        #expect(error.reason == .noConfiguration)
        #expect(error.problem.contains(folder.path("a")) && error.problem.contains(folder.path("b")))
        let home = try #require(failure())
        #expect(home.problem.contains(folder.path("home/.kube/config")))
    }

    @Test(arguments: [
        ("clusters: [{name: c, cluster: {}}]", "has no server"),
        ("clusters: [{name: c, cluster: {server: 'ftp://c'}}]", "is not an http or https URL"),
        ("clusters: [{name: c, cluster: {server: 'https://c', proxy-url: 'gopher://p'}}]", "is not an http, https or socks5 URL"),
        ("clusters: [{name: c, cluster: {server: 'https://c', insecure-skip-tls-verify: true, certificate-authority-data: Q0E=}}]",
         "both insecure-skip-tls-verify and a certificate authority"),
        ("clusters: [{name: c, cluster: {server: 'https://c'}}, {name: c, cluster: {server: 'https://d'}}]", "lists \"c\" twice"),
        ("users: [{name: u, user: {client-certificate-data: Q0VSVA==}}]", "has a client certificate but no client-key"),
        ("users: [{name: u, user: {auth-provider: {name: oidc}}}]", "auth-provider, which kai does not support"),
        ("users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}]",
         "has apiVersion client.authentication.k8s.io/v1alpha1"),
        ("users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x, interactiveMode: Sometimes}}}]",
         "interactiveMode Sometimes"),
    ])
    func unusableValuesAreExplained(_ entries: String, _ expected: String) throws {
        let defaults = entries.hasPrefix("clusters") ? "users: [{name: u, user: {}}]" : "clusters: [{name: c, cluster: {server: 'https://c'}}]"
        let config = try folder.write("config", """
            \(entries)
            \(defaults)
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """)
        let error = try #require(failure(["KUBECONFIG": config]))
        #expect(error.reason == .invalidValue)
        #expect(error.problem.contains(expected), "\(error.problem)")
        #expect(error.problem.contains(config))
    }
}
