import Foundation
import InfinityModel
import InfinitySystem

/// Identifies the toolchains builds run with, one digest per ecosystem: the operating system
/// and machine, plus the first output line of each of the ecosystem's version probes (run
/// with the build environment's `PATH` and `HOME`). A missing tool counts as `absent`.
public struct ToolchainIdentity: Sendable {
    public var processes: ProcessGroupRunner
    /// Limit for one probe: a hung tool must not hang the plan.
    public var probeTimeout: Duration

    public init(processes: ProcessGroupRunner = .live, probeTimeout: Duration = .seconds(20)) {
        self.processes = processes
        self.probeTimeout = probeTimeout
    }

    /// `uname` system and machine (not the kernel release, which changes with every update).
    public static func platform() -> String {
        var u = utsname()
        guard uname(&u) == 0 else { return "unknown" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        }
        return field(u.sysname) + "/" + field(u.machine)
    }

    /// Digests for `ecosystems`, probed concurrently (a handful of processes at most).
    public func identities(for ecosystems: Set<String>, environment: [String: String], directory: String) async -> [String: String] {
        let platform = Self.platform()
        let env = ["PATH": environment["PATH"] ?? BuildEnvironment.defaultPath, "HOME": environment["HOME"] ?? "/", "LANG": "C"]
        let list = ecosystems.sorted()
        let processes = self.processes, timeout = probeTimeout
        let texts = await BoundedConcurrency.map(list, limit: 4) { ecosystem -> String in
            var lines = ["platform: \(platform)"]
            for probe in BuildEcosystem.toolchainProbes(ecosystem) {
                let outcome = await processes.run(.shell(probe, directory: directory, environment: env,
                                                         output: .memory(maxBytes: 4096), timeout: timeout, killGrace: .seconds(1)))
                let first = outcome.outputText.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
                lines.append("\(probe): " + (outcome.exitCode == 0 && !first.isEmpty ? first : "absent"))
            }
            return lines.joined(separator: "\n")
        }
        var out: [String: String] = [:]
        for (ecosystem, text) in zip(list, texts) { out[ecosystem] = SHA256Hex.digest(text) }
        return out
    }
}
