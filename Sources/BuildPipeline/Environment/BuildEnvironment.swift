import Foundation
import InfinityModel
import InfinitySystem

/// The environment a build step gets: minimal and explicit. Nothing from the orchestrator's
/// own environment reaches a build except `PATH`, `HOME`, `LANG` and the variables named in
/// `build.pass_env` — so `GITHUB_TOKEN`, `GH_TOKEN` and other secrets stay out unless the
/// configuration names them.
///
/// | variable | value |
/// |---|---|
/// | `PATH`, `LANG` | the orchestrator's (`/usr/local/bin:/usr/bin:/bin`, `C.UTF-8` when unset) |
/// | `HOME` | the orchestrator's real home: toolchains installed per user (pyenv, rustup, swiftly, nvm) and SwiftPM's `~/.swiftpm` configuration live there; the caches below are redirected away from it |
/// | `TMPDIR` | a fresh folder per build under `<state>/workspace/tmp/`, removed afterwards |
/// | `INFINITY_CACHE_DIR` | `<state>/cache/<ecosystem>` |
/// | `INFINITY_REPOSITORY`, `INFINITY_HEAD_SHA`, `INFINITY_ECOSYSTEM` | what is being built |
/// | `XDG_CACHE_HOME` | `<cache>/xdg` — SwiftPM's repository and manifest caches (`org.swift.swiftpm`) and other XDG-aware tools |
/// | `npm_config_cache`, `YARN_CACHE_FOLDER`, `npm_config_store_dir` | `<cache>/npm`, `<cache>/yarn`, `<cache>/pnpm-store` |
/// | `CARGO_HOME` | `<cache>/cargo` |
/// | `GOMODCACHE`, `GOCACHE` | `<cache>/go/mod`, `<cache>/go/build` |
/// | `PIP_CACHE_DIR` | `<cache>/pip` |
/// | `MAVEN_OPTS` | `-Dmaven.repo.local=<cache>/maven/repository` (after a passed-through `MAVEN_OPTS`) |
/// | `GRADLE_USER_HOME` | `<cache>/gradle` |
///
/// Then the variables named in `build.pass_env` (from the orchestrator's environment), then
/// `build.env`, which wins over everything.
public enum BuildEnvironment {
    /// The default `PATH` when the orchestrator has none.
    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// Builds the environment for one build of `repository`.
    public static func make(settings: BuildSettings, orchestrator: [String: String], cacheDirectory: String,
                            temporaryDirectory: String, repository: String, headSHA: String?, ecosystem: String) -> [String: String] {
        var env: [String: String] = [:]
        env["PATH"] = orchestrator["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
        env["HOME"] = orchestrator["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? temporaryDirectory
        env["LANG"] = orchestrator["LANG"] ?? "C.UTF-8"
        env["TMPDIR"] = temporaryDirectory
        env["INFINITY_CACHE_DIR"] = cacheDirectory
        env["INFINITY_REPOSITORY"] = repository
        env["INFINITY_ECOSYSTEM"] = ecosystem
        if let headSHA { env["INFINITY_HEAD_SHA"] = headSHA }
        for (key, value) in toolCacheVariables(cacheDirectory) { env[key] = value }
        for name in settings.passEnvironment {
            guard let value = orchestrator[name] else { continue }
            if name == "MAVEN_OPTS" {
                env[name] = value + " " + (env[name] ?? "")
            } else {
                env[name] = value
            }
        }
        for (key, value) in settings.environment { env[key] = value }
        return env
    }

    /// Each tool's own cache variable, pointing inside the ecosystem's cache folder.
    public static func toolCacheVariables(_ cache: String) -> [String: String] {
        [
            "XDG_CACHE_HOME": Paths.join(cache, "xdg"),
            "npm_config_cache": Paths.join(cache, "npm"),
            "YARN_CACHE_FOLDER": Paths.join(cache, "yarn"),
            "npm_config_store_dir": Paths.join(cache, "pnpm-store"),
            "CARGO_HOME": Paths.join(cache, "cargo"),
            "GOMODCACHE": Paths.join(cache, "go/mod"),
            "GOCACHE": Paths.join(cache, "go/build"),
            "PIP_CACHE_DIR": Paths.join(cache, "pip"),
            "MAVEN_OPTS": "-Dmaven.repo.local=" + Paths.join(cache, "maven/repository"),
            "GRADLE_USER_HOME": Paths.join(cache, "gradle"),
        ]
    }

    /// The part of the environment that goes into the cache key: `build.env` and the names
    /// (not the values) of passed-through variables. Values of passed variables are left out
    /// so a rotated token does not rebuild the organization.
    public static func keyMaterial(_ settings: BuildSettings) -> String {
        let env = settings.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "env:" + env.joined(separator: "\u{1F}") + "\u{1E}pass:" + settings.passEnvironment.sorted().joined(separator: "\u{1F}")
    }
}
