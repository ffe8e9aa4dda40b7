import Foundation
import InfinityModel

/// A repository's ecosystem: the first build system discovery detected (`swiftpm`, `npm`,
/// `cargo`, `go`, `python`, `make`, `shell` …), or `generic` when none was. It names the
/// dependency cache folder `<state>/cache/<ecosystem>/` and which tools' versions go into
/// the cache key.
public enum BuildEcosystem {
    /// The ecosystem of a repository with no detected build system.
    public static let generic = "generic"

    /// The repository's ecosystem.
    public static func of(_ repository: ManifestRepository) -> String {
        guard let first = repository.buildSystems.first, isValidName(first) else { return generic }
        return first
    }

    /// Whether `name` can name a cache folder: lowercase letters, digits, `.`, `_`, `-`, not
    /// starting with a dot (so `--ecosystem ../..` cannot reach outside the cache).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.isEmpty, name.utf8.count <= 64, first != "." else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    /// Shell commands whose first output line identifies the tools an ecosystem builds with;
    /// they go into the cache key, so a new compiler rebuilds everything it built.
    /// Constant text only: nothing from a repository is ever put into them.
    public static func toolchainProbes(_ ecosystem: String) -> [String] {
        switch ecosystem {
        case "swiftpm": return ["swift --version"]
        case "npm": return ["node --version", "npm --version"]
        case "yarn": return ["node --version", "yarn --version"]
        case "pnpm": return ["node --version", "pnpm --version"]
        case "cargo": return ["cargo --version", "rustc --version"]
        case "go": return ["go version"]
        case "python": return ["python3 --version"]
        case "maven": return ["mvn --version", "java -version"]
        case "gradle": return ["java -version"]
        case "dotnet": return ["dotnet --version"]
        case "bundler": return ["ruby --version", "bundle --version"]
        case "make": return ["make --version", "cc --version"]
        case "cmake": return ["cmake --version", "cc --version"]
        case "docker": return ["docker --version"]
        default: return []
        }
    }
}
