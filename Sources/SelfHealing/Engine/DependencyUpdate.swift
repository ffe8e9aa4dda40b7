import Foundation
import InfinitySystem

/// The ecosystem commands healing runs in a scratch clone: dependency updates, formatters,
/// and which files count as configuration for `reset_config`.
enum DependencyUpdate {
    /// Update commands for the manifests found at the clone's root.
    static func commands(in clone: String, fileSystem: FileSystem) -> [String] {
        func has(_ name: String) -> Bool { fileSystem.exists(Paths.join(clone, name)) }
        var out: [String] = []
        if has("package.json") { out.append("npm update") }
        if has("Cargo.toml") { out.append("cargo update") }
        if has("go.mod") { out.append("go get -u ./... && go mod tidy") }
        if has("Package.swift") { out.append("swift package update") }
        if has("Gemfile") { out.append("bundle update") }
        if has("requirements.in") { out.append("pip-compile --upgrade requirements.in") }
        if has("pyproject.toml") && has("poetry.lock") { out.append("poetry update") }
        return out
    }

    /// The project's own formatters, when both the project uses them and the tool is installed.
    static func formatters(in clone: String, fileSystem: FileSystem, path: String) -> [String] {
        func has(_ name: String) -> Bool { fileSystem.exists(Paths.join(clone, name)) }
        func installed(_ tool: String) -> Bool {
            path.split(separator: ":").contains { fileSystem.exists(Paths.join(String($0), tool)) }
        }
        var out: [String] = []
        if has("Cargo.toml") && installed("cargo") { out.append("cargo fmt") }
        if has("Package.swift") && installed("swift-format") { out.append("swift-format -i -r .") }
        if has("package.json") {
            if installed("npx") && (has(".prettierrc") || has(".prettierrc.json")) { out.append("npx --no-install prettier --write .") }
            if installed("npx") && (has(".eslintrc") || has(".eslintrc.json") || has("eslint.config.js")) { out.append("npx --no-install eslint --fix .") }
        }
        if (has("pyproject.toml") || has("setup.py") || has("requirements.txt")) && installed("black") { out.append("black .") }
        if has("go.mod") && installed("gofmt") { out.append("gofmt -w .") }
        return out
    }

    /// Configuration and build files that `reset_config` may restore.
    static func isConfigurationFile(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        let configNames: Set<String> = ["Makefile", "makefile", "GNUmakefile", "Dockerfile", "CMakeLists.txt", "Package.swift", "build.gradle",
                                        "build.gradle.kts", "pom.xml", "setup.cfg", "tox.ini", ".npmrc", ".env", "Gemfile"]
        if configNames.contains(name) { return true }
        let ext = (name as NSString).pathExtension.lowercased()
        return ["yml", "yaml", "json", "toml", "ini", "cfg", "conf", "properties", "mk"].contains(ext)
    }
}
