// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode (the tools version's default),
/// `ExistentialAny` and `MemberImportVisibility` (STYLE.md rule 13).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "infinity",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "infinity", targets: ["infinity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: executable — hands off to InfinityCLI.
        .executableTarget(
            name: "infinity",
            dependencies: ["InfinityCLI"],
            swiftSettings: swiftSettings
        ),

        // MARK: command line — adapters only.
        .target(
            name: "InfinityCLI",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                "OrchestrationEngine",
                "DiscoveryEngine",
                "BuildPipeline",
                "InfinityStore",
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: orchestration — the cycle that chains the stages.
        .target(
            name: "OrchestrationEngine",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "DiscoveryEngine",
                "BuildPipeline",
                "InfinityStore",
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: feature targets — one capability each.
        .target(
            name: "DiscoveryEngine",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "CodeHosts",
                "InfinityStore",
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "BuildPipeline",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "CodeHosts",
                "InfinityStore",
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: code hosts.
        .target(
            name: "CodeHosts",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: foundation.
        .target(
            name: "InfinityStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InfinitySystem",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                "CZlib",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "InfinityModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: tests.
        .target(
            name: "InfinityTestSupport",
            dependencies: [
                "InfinitySystem",
                "InfinityModel",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InfinityModelTests",
            dependencies: ["InfinityModel", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InfinitySystemTests",
            dependencies: ["InfinitySystem", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DiscoveryEngineTests",
            dependencies: ["DiscoveryEngine", "CodeHosts", "InfinityStore", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BuildPipelineTests",
            dependencies: ["BuildPipeline", "InfinityStore", "InfinitySystem", "InfinityModel", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InfinityStoreTests",
            dependencies: ["InfinityStore", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InfinityCLITests",
            dependencies: ["InfinityCLI", "InfinityTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
