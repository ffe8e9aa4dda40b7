/// What kind of file a path names, which decides how bare (unquoted) values are read:
/// in code a bare word is a variable, in configuration it is a value.
enum SourceFileKind: Sendable {
    /// Programming-language source, where strings are quoted.
    case code
    /// Configuration, environment, shell, documentation and everything else.
    case config

    private static let codeExtensions: Set<String> = [
        "swift", "swiftinterface", "go", "py", "pyi", "js", "mjs", "cjs", "jsx", "ts", "tsx", "java", "kt", "kts",
        "scala", "groovy", "gradle", "rb", "php", "cs", "fs", "vb", "c", "h", "cc", "cpp", "cxx",
        "hpp", "hh", "m", "mm", "rs", "dart", "lua", "pl", "pm", "r", "jl", "ex", "exs", "erl",
        "hs", "clj", "cljs", "elm", "vue", "svelte", "sol", "zig", "nim", "cr", "coffee",
    ]

    init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            self = .config
            return
        }
        let ext = name[name.index(after: dot)...].lowercased()
        self = Self.codeExtensions.contains(ext) ? .code : .config
    }
}
