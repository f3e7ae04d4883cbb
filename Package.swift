// swift-tools-version: 6.2
import PackageDescription

/// Warnings are errors in every kai target: the house style allows none.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "kai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kai", targets: ["kai"]),
        .executable(name: "kai-mcp", targets: ["kai-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // Plain values: operations, plans, targets, risk, errors. No I/O.
        .target(name: "KaiCore", swiftSettings: strict),
        // Child processes (credential plugins; test servers and tools): started with no signal blocked and
        // default signal actions in a process group of their own, stopped with TERM, a bounded wait, then KILL.
        .target(name: "KaiSpawn", dependencies: ["CKaiSpawn"], swiftSettings: strict),
        // The GNU posix_spawn extensions KaiSpawn uses (closefrom, chdir), which need _GNU_SOURCE.
        .target(name: "CKaiSpawn"),
        // Typed values out of YAML nodes, with faults that point at the line: shared by every settings file kai reads.
        .target(name: "KaiYAML", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Settings from flags, the environment and config.yaml, each with where it came from.
        .target(name: "KaiConfig", dependencies: ["KaiCore", "KaiYAML", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // One file per model wire format (OpenAI-compatible, Anthropic, Gemini) behind one protocol.
        .target(name: "KaiProviders", dependencies: ["KaiCore", "KaiConfig", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                    .product(name: "NIOCore", package: "swift-nio"),
                                                    .product(name: "NIOHTTP1", package: "swift-nio")], swiftSettings: strict),
        // Request text -> draft plan (local grammar; model providers later).
        .target(name: "KaiInterpreter", dependencies: ["KaiCore"], swiftSettings: strict),
        // Kubeconfig, credentials, the typed REST client, the live snapshot and the resolver.
        .target(
            name: "KaiKube",
            dependencies: ["KaiCore", "KaiSpawn", "KaiConfig", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Allowed namespaces, targets, bounds and switched-off operations.
        .target(name: "KaiPolicy", dependencies: ["KaiCore", "KaiYAML", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Request -> checked plan: interpreter, resolver and policy in order.
                // Evidence from the cluster, analyzers naming root causes, suggested fixes, resource recommendations.
        .target(name: "KaiDiagnosis", dependencies: ["KaiCore", "KaiKube"], swiftSettings: strict),
        .target(name: "KaiPlanning", dependencies: ["KaiCore", "KaiConfig", "KaiInterpreter", "KaiProviders", "KaiKube", "KaiPolicy", "KaiDiagnosis"],
                swiftSettings: strict),
        // Runs a confirmed plan: before -> after, rollout progress, audit and undo.
        .target(name: "KaiExecutor", dependencies: ["KaiCore", "KaiConfig", "KaiKube", "KaiPolicy", "KaiDiagnosis"], swiftSettings: strict),
        // Runbook files: YAML steps compiled against the live cluster before any runs, then run in order.
        .target(name: "KaiRunbook", dependencies: ["KaiCore", "KaiYAML", "KaiKube", "KaiPolicy", "KaiPlanning", "KaiExecutor",
                                                  .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // kai doctor: checks each thing that can stop kai from working, and says how to fix it.
        .target(name: "KaiDoctor", dependencies: ["KaiCore", "KaiConfig", "KaiProviders", "KaiKube", "KaiPolicy", "KaiExecutor"], swiftSettings: strict),
        // The simulated todo-chatbot cluster: its API server, store, controllers and faults.
        .target(
            name: "KaiSandbox",
            dependencies: ["KaiCore", "KaiKube", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdCore", package: "hummingbird"),
                           .product(name: "HummingbirdTLS", package: "hummingbird"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "X509", package: "swift-certificates"),
                           .product(name: "SwiftASN1", package: "swift-asn1"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // libedit (Debian's libedit-dev): line editing and history for the REPL.
        .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Rendering plans and errors for people (text) and scripts (JSON).
        .target(name: "KaiTerminal", dependencies: ["KaiCore", "KaiConfig", "KaiDoctor", "KaiKube", "KaiDiagnosis", "KaiExecutor", "KaiRunbook", "CLibEdit"], swiftSettings: strict),
        // Changes an agent proposed through `kai mcp`, kept on disk until the person approves them in a terminal.
        .target(name: "KaiApprovals", dependencies: ["KaiCore", "KaiExecutor", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        // kai mcp: the catalog as Model Context Protocol tools, with consent asked of the person, never the agent.
        .target(name: "KaiMCP", dependencies: ["KaiCore", "KaiApprovals", "KaiInterpreter", "KaiKube", "KaiPolicy", "KaiPlanning", "KaiExecutor", "KaiTerminal",
                                              .product(name: "MCP", package: "swift-sdk"),
                                              .product(name: "Crypto", package: "swift-crypto"),
                                              .product(name: "Hummingbird", package: "hummingbird"),
                                              .product(name: "HTTPTypes", package: "swift-http-types"),
                                              .product(name: "Logging", package: "swift-log"),
                                              .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                              .product(name: "UnixSignals", package: "swift-service-lifecycle")], swiftSettings: strict),
        // What both executables share: the cluster, model and run options, the model session, exit codes, the entry point.
        .target(
            name: "KaiCommandLine",
            dependencies: [
                "KaiCore", "KaiConfig", "KaiInterpreter", "KaiProviders", "KaiKube", "KaiPolicy", "KaiPlanning", "KaiExecutor", "KaiSandbox", "KaiTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "kai",
            dependencies: [
                "KaiCore", "KaiConfig", "KaiInterpreter", "KaiProviders", "KaiKube", "KaiPolicy", "KaiPlanning", "KaiExecutor", "KaiDiagnosis", "KaiDoctor",
                "KaiRunbook", "KaiSandbox", "KaiTerminal", "KaiApprovals", "KaiCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `kai mcp` runs this program, which lives next to kai: the MCP SDK brings FoundationNetworking and
        // with it libcurl and some thirty libraries, which every start of kai would otherwise load.
        .executableTarget(
            name: "kai-mcp",
            dependencies: [
                "KaiCore", "KaiExecutor", "KaiKube", "KaiTerminal", "KaiMCP", "KaiCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strict
        ),
        // Shared by the test targets: the request corpora and their expectations.
        .target(name: "KaiTestSupport", dependencies: ["KaiSpawn", .product(name: "Yams", package: "Yams"),
                                                      .product(name: "Hummingbird", package: "hummingbird"),
                                                      .product(name: "HTTPTypes", package: "swift-http-types"),
                                                      .product(name: "Logging", package: "swift-log"),
                                                      .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
                path: "Tests/KaiTestSupport", swiftSettings: strict),
        .testTarget(name: "KaiCoreTests", dependencies: ["KaiCore"], swiftSettings: strict),
        .testTarget(name: "KaiSpawnTests", dependencies: ["KaiSpawn", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiConfigTests", dependencies: ["KaiConfig"], swiftSettings: strict),
        .testTarget(name: "KaiInterpreterTests", dependencies: ["KaiInterpreter"], swiftSettings: strict),
        .testTarget(name: "KaiProvidersTests", dependencies: ["KaiProviders", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiKubeTests", dependencies: ["KaiKube", "KaiSandbox", "KaiTestSupport",
                                                         .product(name: "Hummingbird", package: "hummingbird"),
                                                         .product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .testTarget(name: "KaiPolicyTests", dependencies: ["KaiPolicy", "KaiSandbox"], swiftSettings: strict),
        .testTarget(name: "KaiPlanningTests", dependencies: ["KaiPlanning", "KaiDiagnosis", "KaiSandbox", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiSandboxTests", dependencies: ["KaiSandbox", "KaiTestSupport",
                                                            .product(name: "X509", package: "swift-certificates")],
                    swiftSettings: strict),
        .testTarget(name: "KaiDiagnosisTests", dependencies: ["KaiDiagnosis", "KaiSandbox", "KaiTestSupport", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(name: "KaiExecutorTests", dependencies: ["KaiExecutor", "KaiSandbox", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiRunbookTests", dependencies: ["KaiRunbook", "KaiSandbox"], swiftSettings: strict),
        .testTarget(name: "KaiCLITests", dependencies: ["kai", "kai-mcp", "KaiInterpreter", "KaiSandbox", "KaiTestSupport", .product(name: "MCP", package: "swift-sdk"),
                                                        .product(name: "SystemPackage", package: "swift-system")], swiftSettings: strict),
    ]
)
