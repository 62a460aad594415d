// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "codealong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["SiteGen"]),
        .executable(name: "grader", targets: ["Grader"]),
        .library(name: "Content", targets: ["Content"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "Content",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // posix_spawn with close-from and close-on-exec pipes (see Sources/Sandbox/ChildProcess.swift).
        .target(name: "CSpawn"),
        .target(
            name: "Sandbox",
            dependencies: ["Content", "CSpawn", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "SiteGen",
            dependencies: [
                "Content",
                "Sandbox",
                "CMarkGFM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "Grader",
            dependencies: [
                "Content",
                "Sandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ContentTests", dependencies: ["Content"]),
        // What several test targets share (is Docker there, counting descriptors).
        .target(name: "TestSupport", dependencies: ["Sandbox"], path: "Tests/TestSupport"),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "Content", "TestSupport"]),
        .testTarget(name: "SiteGenTests", dependencies: ["SiteGen", "Content", "Sandbox"]),
        .testTarget(
            name: "GraderTests",
            dependencies: [
                "Grader",
                "Content",
                "Sandbox",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
