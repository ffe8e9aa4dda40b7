import Foundation
/// Counts files per language by extension — the manifest's `languages` field.
public enum LanguageCounter {
    static let byExtension: [String: String] = [
        "swift": "Swift", "py": "Python", "js": "JavaScript", "mjs": "JavaScript", "cjs": "JavaScript", "jsx": "JavaScript",
        "ts": "TypeScript", "tsx": "TypeScript", "go": "Go", "rs": "Rust", "c": "C", "h": "C", "cc": "C++", "cpp": "C++",
        "cxx": "C++", "hpp": "C++", "hh": "C++", "m": "Objective-C", "mm": "Objective-C++", "java": "Java", "kt": "Kotlin",
        "kts": "Kotlin", "scala": "Scala", "groovy": "Groovy", "rb": "Ruby", "php": "PHP", "cs": "C#", "fs": "F#",
        "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ps1": "PowerShell", "pl": "Perl", "lua": "Lua", "r": "R",
        "dart": "Dart", "ex": "Elixir", "exs": "Elixir", "erl": "Erlang", "hs": "Haskell", "ml": "OCaml", "clj": "Clojure",
        "html": "HTML", "css": "CSS", "scss": "SCSS", "vue": "Vue", "svelte": "Svelte", "sql": "SQL", "tf": "HCL",
        "zig": "Zig", "nim": "Nim", "jl": "Julia", "f90": "Fortran", "cmake": "CMake", "mk": "Makefile", "proto": "Protocol Buffers",
    ]

    static let byName: [String: String] = [
        "Makefile": "Makefile", "makefile": "Makefile", "GNUmakefile": "Makefile", "Dockerfile": "Dockerfile",
        "CMakeLists.txt": "CMake", "Rakefile": "Ruby", "Gemfile": "Ruby",
    ]

    /// File counts per language for the given paths; vendored folders are left out.
    public static func count(_ paths: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for path in paths {
            if path.hasPrefix("vendor/") || path.hasPrefix("node_modules/") || path.contains("/node_modules/") || path.hasPrefix("third_party/") { continue }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if let lang = byName[name] { out[lang, default: 0] += 1; continue }
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { continue }
            let ext = name[name.index(after: dot)...].lowercased()
            if let lang = byExtension[ext] { out[lang, default: 0] += 1 }
        }
        return out
    }
}
