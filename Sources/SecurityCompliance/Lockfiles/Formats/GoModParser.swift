/// Reads Go `go.mod` files.
///
/// - `require` lines and blocks give the modules (the leading `v` of versions is dropped);
/// - `replace` directives are applied: a replacement with an old version replaces that one
///   requirement, one without replaces every version of the module; a local directory
///   replacement yields the directory as the name and no version;
/// - `exclude` drops a requirement on exactly the excluded version (with a warning: Go then
///   selects a later version this file does not name);
/// - the `toolchain` (or else `go`) directive yields the synthetic `stdlib` package, as
///   osv-scanner reports it;
/// - for `go` < 1.17, whose go.mod lists only direct dependencies, the modules of the
///   `go.sum` next to it (same name, `.sum` suffix) are added, located in that file.
///
/// Malformed lines give error diagnostics with their line; the rest of the file is read.
/// Line: the line of the `require` (or applied `replace`) entry.
struct GoModParser {
    let context: LockfileParseContext

    private struct Key: Hashable {
        var name: String
        var version: String
    }

    private struct Statement {
        var verb: String
        var arguments: [String]
        var line: Int
    }

    func parse(_ bytes: [UInt8]) throws(LockfileParseError) -> LockfileParseResult {
        var result = LockfileParseResult()
        let statements = self.statements(TextLines.split(bytes), diagnostics: &result.diagnostics)
        var order: [Key] = []
        var packages: [Key: ScannedPackage] = [:]
        func insert(_ package: ScannedPackage) {
            let key = Key(name: package.name, version: package.version)
            if packages.updateValue(package, forKey: key) == nil { order.append(key) }
        }
        var goVersion = ""
        var stdlibLine = 0
        var toolchain: (String, Int)?
        var replaces: [Statement] = []
        var excludes: [Statement] = []
        for statement in statements {
            let arguments = statement.arguments
            switch statement.verb {
            case "require":
                guard arguments.count == 2 else {
                    result.diagnostics.append(invalid(statement, "a requirement is `module/path vX.Y.Z`"))
                    continue
                }
                insert(context.package(arguments[0], Self.trimV(arguments[1]), line: statement.line))
            case "replace":
                guard let arrow = arguments.firstIndex(of: "=>"), (1...2).contains(arrow),
                    (1...2).contains(arguments.count - arrow - 1)
                else {
                    result.diagnostics.append(invalid(statement, "a replacement is `old [version] => new [version]`"))
                    continue
                }
                replaces.append(statement)
            case "exclude":
                guard arguments.count == 2 else {
                    result.diagnostics.append(invalid(statement, "an exclusion is `module/path vX.Y.Z`"))
                    continue
                }
                excludes.append(statement)
            case "go":
                if let version = arguments.first {
                    goVersion = version
                    stdlibLine = statement.line
                }
            case "toolchain":
                if let name = arguments.first { toolchain = (name, statement.line) }
            default:
                continue
            }
        }
        for statement in excludes {
            let key = Key(name: statement.arguments[0], version: Self.trimV(statement.arguments[1]))
            if packages.removeValue(forKey: key) != nil {
                order.removeAll { $0 == key }
                result.diagnostics.append(context.warning(
                    line: statement.line,
                    "\(key.name)@\(key.version) is required but excluded; Go selects a later version that this file does not name"))
            }
        }
        for statement in replaces {
            let arguments = statement.arguments
            guard let arrow = arguments.firstIndex(of: "=>") else { continue }
            let oldPath = arguments[0]
            let oldVersion = arrow == 2 ? Self.trimV(arguments[1]) : ""
            let newPath = arguments[arrow + 1]
            let newVersion = arguments.count > arrow + 2 ? Self.trimV(arguments[arrow + 2]) : ""
            let targets = order.filter { $0.name == oldPath && (oldVersion.isEmpty || $0.version == oldVersion) }
            for target in targets {
                packages[target] = context.package(newPath, newVersion, line: statement.line)
            }
        }
        if let (name, line) = toolchain, !name.isEmpty {
            let version = name.split(separator: "-", maxSplits: 1).first.map(String.init) ?? name
            goVersion = version.hasPrefix("go") ? String(version.dropFirst(2)) : version
            stdlibLine = line
        }
        var deduplicated: [Key: Int] = [:]
        for key in order {
            guard let package = packages[key] else { continue }
            let newKey = Key(name: package.name, version: package.version)
            if let existing = deduplicated[newKey] {
                result.packages[existing] = package
            } else {
                deduplicated[newKey] = result.packages.count
                result.packages.append(package)
            }
        }
        guard !goVersion.isEmpty else { return result }
        result.packages.append(context.package("stdlib", goVersion, line: stdlibLine))
        if Self.compareGoVersions(goVersion, "1.17") < 0 {
            for package in sumPackages(&result.diagnostics)
            where deduplicated[Key(name: package.name, version: package.version)] == nil {
                deduplicated[Key(name: package.name, version: package.version)] = result.packages.count
                result.packages.append(package)
            }
        }
        return result
    }

    private func invalid(_ statement: Statement, _ hint: String) -> LockfileDiagnostic {
        LockfileDiagnostic(
            file: context.path, line: statement.line,
            message: "invalid \(statement.verb) directive: \(statement.arguments.joined(separator: " ")); \(hint)")
    }

    /// The modules listed in the `.sum` file next to the `.mod` file.
    private func sumPackages(_ diagnostics: inout [LockfileDiagnostic]) -> [ScannedPackage] {
        let base = context.path.hasSuffix(".mod") ? String(context.path.dropLast(4)) : context.path
        let sumPath = base + ".sum"
        guard context.fileSystem.fileSize(sumPath) != nil,
            let bytes = try? context.fileSystem.readFile(sumPath), bytes.count <= context.maxFileSize
        else { return [] }
        var packages: [ScannedPackage] = []
        for (offset, line) in TextLines.split(bytes).enumerated() where !line.isEmpty {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 3 else {
                diagnostics.append(LockfileDiagnostic(
                    file: sumPath, line: offset + 1,
                    message: "malformed go.sum line (expected `module version hash`); go.sum was not used",
                    severity: .warning))
                return []
            }
            let version = Self.trimV(String(fields[1]))
            if version.contains("/go.mod") { continue }
            packages.append(ScannedPackage(
                ecosystem: context.ecosystem, name: String(fields[0]), version: version, file: sumPath, line: offset + 1))
        }
        return packages
    }

    static func trimV(_ version: String) -> String {
        version.hasPrefix("v") ? String(version.dropFirst()) : version
    }

    /// Compares Go versions such as `1.16`, `1.21.3`, `1.22rc1` by their numeric parts.
    static func compareGoVersions(_ lhs: String, _ rhs: String) -> Int {
        func numbers(_ text: String) -> [Int] {
            text.split(separator: ".").map { part in Int(part.prefix { $0.isASCII && $0.isNumber }) ?? 0 }
        }
        let left = numbers(lhs)
        let right = numbers(rhs)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            if a != b { return a < b ? -1 : 1 }
        }
        return 0
    }

    // MARK: lexing

    private static let knownVerbs: Set<String> = [
        "module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore",
    ]

    /// Splits the file into directives, expanding `verb ( … )` blocks.
    private func statements(_ lines: [Substring], diagnostics: inout [LockfileDiagnostic]) -> [Statement] {
        var statements: [Statement] = []
        var block: String?
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            guard let tokens = Self.tokens(rawLine) else {
                diagnostics.append(LockfileDiagnostic(file: context.path, line: number, message: "unterminated quoted string"))
                continue
            }
            if tokens.isEmpty { continue }
            if let verb = block {
                if tokens == [")"] {
                    block = nil
                } else {
                    statements.append(Statement(verb: verb, arguments: tokens, line: number))
                }
                continue
            }
            let verb = tokens[0]
            guard Self.knownVerbs.contains(verb) else {
                diagnostics.append(LockfileDiagnostic(
                    file: context.path, line: number,
                    message: "unknown directive: \(verb); this does not look like a go.mod file"))
                continue
            }
            if tokens.count == 2, tokens[1] == "(" {
                block = verb
            } else if tokens.count == 3, tokens[1] == "(", tokens[2] == ")" {
                continue
            } else {
                statements.append(Statement(verb: verb, arguments: Array(tokens.dropFirst()), line: number))
            }
        }
        if block != nil {
            diagnostics.append(LockfileDiagnostic(
                file: context.path, line: lines.count, message: "a `(` block is not closed with `)`"))
        }
        return statements
    }

    /// The tokens of a line without its `//` comment; nil on an unterminated quote.
    static func tokens(_ line: Substring) -> [String]? {
        var tokens: [String] = []
        var current = ""
        var index = line.startIndex
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        while index < line.endIndex {
            let character = line[index]
            if character == "/", line[index...].hasPrefix("//") { break }
            if character == " " || character == "\t" {
                flush()
            } else if character == "\"" || character == "`" {
                flush()
                var cursor = line.index(after: index)
                var value = ""
                var closed = false
                while cursor < line.endIndex {
                    let next = line[cursor]
                    if next == character {
                        closed = true
                        break
                    }
                    if character == "\"", next == "\\", line.index(after: cursor) < line.endIndex {
                        cursor = line.index(after: cursor)
                    }
                    value.append(line[cursor])
                    cursor = line.index(after: cursor)
                }
                guard closed else { return nil }
                tokens.append(value)
                index = line.index(after: cursor)
                continue
            } else if character == "(" || character == ")" || (character == "=" && line[index...].hasPrefix("=>")) {
                flush()
                if character == "=" {
                    tokens.append("=>")
                    index = line.index(index, offsetBy: 2)
                    continue
                }
                tokens.append(String(character))
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        flush()
        return tokens
    }
}
