// swift-tools-version: 6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode (the tools version's default),
/// `ExistentialAny` and `MemberImportVisibility` (STYLE.md rule 13).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
]
let crypto: [Target.Dependency] = [
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "_CryptoExtras", package: "swift-crypto"),
]

/// What every feature target may use (ARCHITECTURE.md: dependencies point downward).
let featureBase: [Target.Dependency] = [log, "CodeHosts", "InfinityStore", "InfinitySystem", "InfinityModel"]

/// A library target with the shared settings.
func library(_ name: String, _ dependencies: [Target.Dependency], exclude: [String] = []) -> Target {
    .target(name: name, dependencies: dependencies, exclude: exclude, swiftSettings: swiftSettings)
}

/// A test target with the shared settings; every test target may use the test support.
func tests(_ name: String, _ dependencies: [Target.Dependency], exclude: [String] = []) -> Target {
    .testTarget(name: name, dependencies: dependencies + ["InfinityTestSupport"], exclude: exclude, swiftSettings: swiftSettings)
}

let package = Package(
    name: "infinity",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "infinity", targets: ["infinity"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: executable — hands off to InfinityCLI.
        .executableTarget(name: "infinity", dependencies: ["InfinityCLI"], swiftSettings: swiftSettings),

        // MARK: command line — adapters only.
        library("InfinityCLI", [
            .product(name: "ArgumentParser", package: "swift-argument-parser"), log,
            "OrchestrationEngine", "DiscoveryEngine", "BuildPipeline", "HealthMonitor", "SelfHealing", "SecurityCompliance",
            "CodeHosts", "GitHubKit", "InfinityStore", "InfinitySystem", "InfinityModel",
        ]),

        // MARK: orchestration — the cycle that chains the stages.
        library("OrchestrationEngine", [
            log, "GitHubKit", "DiscoveryEngine", "BuildPipeline", "HealthMonitor", "SelfHealing", "SecurityCompliance",
            "CodeHosts", "InfinityStore", "InfinitySystem", "InfinityModel",
        ]),

        // MARK: feature targets — one capability each.
        library("DiscoveryEngine", featureBase),
        library("BuildPipeline", featureBase),
        library("HealthMonitor", featureBase + [
            yams,
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        library("SelfHealing", featureBase + [yams, "BuildPipeline"], exclude: ["Classification/DefaultFailureRules.yaml"]),
        library("SecurityCompliance", featureBase + [
            yams, "InfinityJSON", "InfinityZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),

        // MARK: code hosts.
        library("CodeHosts", [log, "GitHubKit", "InfinitySystem", "InfinityModel"]),
        library("GitHubKit", [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            log, "InfinityJSON",
        ] + crypto),

        // MARK: foundation.
        library("InfinityStore", [.product(name: "GRDB", package: "GRDB.swift"), "InfinityModel"]),
        library("InfinitySystem", [log, "InfinityZlib", "InfinityModel"]),
        .systemLibrary(name: "InfinityZlib", path: "Sources/InfinityZlib"),
        library("InfinityModel", [yams]),
        library("InfinityJSON", []),

        // MARK: benchmark tools (not shipped): measure one library piece in isolation.
        .executableTarget(
            name: "classify-bench",
            dependencies: ["SelfHealing"],
            path: "benchmarks/classifier/classify-bench",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "secretscan",
            dependencies: ["SecurityCompliance"],
            path: "benchmarks/secrets/secretscan",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "github-discovery-bench",
            dependencies: ["GitHubKit", "InfinityTestSupport", log],
            path: "benchmarks/github/github-discovery-bench",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "github-test-server",
            dependencies: ["InfinityTestSupport"],
            path: "benchmarks/github/github-test-server",
            swiftSettings: swiftSettings
        ),

        // MARK: tests.
        library("InfinityTestSupport", ["GitHubKit", "InfinityJSON", "InfinityStore", "InfinitySystem", "InfinityModel", log] + nio + crypto),
        tests("InfinityModelTests", ["InfinityModel"]),
        tests("InfinitySystemTests", ["InfinitySystem"]),
        tests("InfinityStoreTests", ["InfinityStore", "InfinityModel", .product(name: "GRDB", package: "GRDB.swift")]),
        tests("DiscoveryEngineTests", ["DiscoveryEngine", "CodeHosts", "InfinityStore", "InfinityModel", "InfinitySystem"]),
        tests("BuildPipelineTests", ["BuildPipeline", "InfinityStore", "InfinitySystem", "InfinityModel"]),
        tests("HealthMonitorTests", ["HealthMonitor", "CodeHosts", "InfinityStore", "InfinityModel", "InfinitySystem"]),
        tests("SelfHealingTests", ["SelfHealing", "BuildPipeline", "InfinityStore", "InfinitySystem", "InfinityModel"], exclude: ["Fixtures"]),
        tests("SecurityComplianceTests", [
            "SecurityCompliance", "InfinityJSON", "InfinityModel", "InfinityStore", "InfinitySystem", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        tests("GitHubKitTests", ["GitHubKit", "InfinityJSON", log] + crypto),
        tests("CodeHostsTests", ["CodeHosts", "GitHubKit", "HealthMonitor", "OrchestrationEngine", "SelfHealing", "SecurityCompliance", "DiscoveryEngine", "InfinityStore", "InfinityModel", "InfinitySystem", log]),
        tests("InfinityCLITests", [
            "InfinityCLI", "InfinityStore", "InfinityModel", "InfinitySystem", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ]
)
