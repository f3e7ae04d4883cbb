// swift-tools-version: 6.2
import PackageDescription

/// Warnings are errors in every kai target: the house style allows none.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "kai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kai", targets: ["kai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Plain values: operations, plans, targets, risk, errors. No I/O.
        .target(name: "KaiCore", swiftSettings: strict),
        // Request text -> draft plan (local grammar; model providers later).
        .target(name: "KaiInterpreter", dependencies: ["KaiCore"], swiftSettings: strict),
        // Cluster snapshot and the resolver: names people use -> real objects.
        .target(name: "KaiKube", dependencies: ["KaiCore"], swiftSettings: strict),
        // Allowed namespaces, targets, bounds and switched-off operations.
        .target(name: "KaiPolicy", dependencies: ["KaiCore", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Request -> checked plan: interpreter, resolver and policy in order.
        .target(name: "KaiPlanning", dependencies: ["KaiCore", "KaiInterpreter", "KaiKube", "KaiPolicy"], swiftSettings: strict),
        // The simulated todo-chatbot cluster; for now its seed.
        .target(
            name: "KaiSandbox",
            dependencies: ["KaiCore", "KaiKube", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Rendering plans and errors for people (text) and scripts (JSON).
        .target(name: "KaiTerminal", dependencies: ["KaiCore", "KaiKube"], swiftSettings: strict),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "kai",
            dependencies: [
                "KaiCore", "KaiKube", "KaiPolicy", "KaiPlanning", "KaiSandbox", "KaiTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Shared by the test targets: the request corpora and their expectations.
        .target(name: "KaiTestSupport", dependencies: [.product(name: "Yams", package: "Yams")], path: "Tests/KaiTestSupport", swiftSettings: strict),
        .testTarget(name: "KaiCoreTests", dependencies: ["KaiCore"], swiftSettings: strict),
        .testTarget(name: "KaiInterpreterTests", dependencies: ["KaiInterpreter"], swiftSettings: strict),
        .testTarget(name: "KaiKubeTests", dependencies: ["KaiKube", "KaiSandbox"], swiftSettings: strict),
        .testTarget(name: "KaiPolicyTests", dependencies: ["KaiPolicy", "KaiSandbox"], swiftSettings: strict),
        .testTarget(name: "KaiPlanningTests", dependencies: ["KaiPlanning", "KaiSandbox", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiSandboxTests", dependencies: ["KaiSandbox", "KaiTestSupport"], swiftSettings: strict),
        .testTarget(name: "KaiCLITests", dependencies: ["kai", "KaiTestSupport"], swiftSettings: strict),
    ]
)
