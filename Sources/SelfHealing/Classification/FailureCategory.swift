/// The fine-grained cause of a failed CI step, as decided by ``FailureClassifier``.
///
/// Raw values are the snake_case names used in JSON output and in rule files.
public enum FailureCategory: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    /// Source code does not compile or link (rustc, swiftc, clang/ld, javac, tsc, go build…).
    case compileError = "compile_error"
    /// A formatting or lint gate failed (`cargo fmt --check`, clippy `-D warnings`, swift-format, eslint, black, gofmt…).
    case lintError = "lint_error"
    /// A dependency audit gate found known vulnerabilities (`cargo audit`, `npm audit`, pip-audit, bundler-audit, osv-scanner…).
    case vulnerableDependency = "vulnerable_dependency"
    /// Dependencies could not be resolved: version conflicts, missing packages, out-of-date lock files.
    case dependencyResolution = "dependency_resolution"
    /// A build or package cache is corrupt (invalid metadata, integrity/checksum failures on cached artefacts).
    case cacheCorruption = "cache_corruption"
    /// The CI or build configuration is wrong: invalid workflow YAML, missing tool or toolchain component, bad flags.
    case configError = "config_error"
    /// Tests ran and at least one failed.
    case testFailure = "test_failure"
    /// A test failure that is known to be intermittent (history or retry markers).
    case flakyTest = "flaky_test"
    /// The step or job hit its time limit.
    case timeout = "timeout"
    /// A process was killed for lack of memory (OOM killer, SIGKILL, heap exhaustion).
    case outOfMemory = "out_of_memory"
    /// The machine ran out of disk space.
    case diskFull = "disk_full"
    /// Connectivity failed: DNS, TLS, refused or reset connections, unreachable registries.
    case network = "network"
    /// The CI infrastructure itself failed: runner lost, executor or container daemon down, pod not scheduled.
    case infrastructure = "infrastructure"
    /// Credentials were missing, rejected or lacked permission (401/403, denied pushes, expired tokens).
    case auth = "auth"
    /// No cause could be identified.
    case unknown = "unknown"

    /// The coarse class this category belongs to.
    public var coarseClass: FailureClass {
        switch self {
        case .compileError, .lintError, .vulnerableDependency, .dependencyResolution, .cacheCorruption:
            return .build
        case .testFailure, .flakyTest:
            return .test
        case .configError, .timeout, .outOfMemory, .diskFull, .network, .infrastructure, .auth:
            return .env
        case .unknown:
            return .unknown
        }
    }

    /// Orders categories by their declaration order (stable tables and reports).
    public static func < (lhs: FailureCategory, rhs: FailureCategory) -> Bool {
        let all = FailureCategory.allCases
        return (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
    }
}

/// The coarse class of a failure: what kind of work would fix it.
public enum FailureClass: String, Codable, CaseIterable, Sendable, Hashable {
    /// The build of the code or its dependencies failed.
    case build
    /// Tests failed.
    case test
    /// The environment failed: configuration, resources, network, infrastructure or credentials.
    case env
    /// Not known.
    case unknown
}
