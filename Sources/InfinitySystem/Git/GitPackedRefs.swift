/// The parsed `packed-refs` file: ref name to object id, plus peeled ids of annotated tags.
struct GitPackedRefs: Sendable {
    /// Ref name (`refs/heads/main`) to the object id it names.
    var refs: [String: String] = [:]
    /// Ref name to the object an annotated tag peels to (the `^<sha>` lines).
    var peeled: [String: String] = [:]

    init() {}

    /// Parses the file's bytes; any line that is not a comment, a ref or a peel line is an error
    /// naming its line number.
    init(parsing bytes: [UInt8], path: String) throws(GitReadError) {
        var lineNumber = 0
        var lastRef: String?
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == 13 { line = line.dropLast() }
            if line.isEmpty {
                continue
            }
            func bad(_ reason: String) -> GitReadError {
                GitReadError.corrupt(
                    path,
                    "packed-refs line \(lineNumber) \(reason); fix or delete the line (or run `git pack-refs` from a good copy)")
            }
            switch line.first {
            case UInt8(ascii: "#"):
                continue
            case UInt8(ascii: "^"):
                let sha = line.dropFirst()
                guard let ref = lastRef else { throw bad("peels a tag but follows no ref") }
                guard GitHex.isHex(sha, count: 40) else { throw bad("has a malformed peeled object id") }
                peeled[ref] = String(decoding: sha, as: UTF8.self).lowercased()
            default:
                guard line.count > 41, line[line.startIndex + 40] == UInt8(ascii: " "),
                    GitHex.isHex(line.prefix(40), count: 40)
                else { throw bad("is not `<40-hex-sha> <refname>`") }
                let name = String(decoding: line.dropFirst(41), as: UTF8.self)
                guard GitRefName.isValid(name), name.hasPrefix("refs/") else { throw bad("names an invalid ref") }
                refs[name] = String(decoding: line.prefix(40), as: UTF8.self).lowercased()
                lastRef = name
            }
        }
    }
}

/// Checks on ref names that keep lookups inside the git directory.
enum GitRefName {
    /// True for names git could have written: no `..`, no empty or dot-led components, no
    /// control characters, spaces, `~^:?*[\`, no `.lock` suffix.
    static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.hasSuffix("/"), !name.hasSuffix(".lock"),
            !name.contains(".."), !name.contains("//"), !name.contains("@{")
        else { return false }
        for unit in name.utf8 {
            if unit < 0x20 || unit == 0x7F { return false }
            switch unit {
            case UInt8(ascii: " "), UInt8(ascii: "~"), UInt8(ascii: "^"), UInt8(ascii: ":"), UInt8(ascii: "?"),
                UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "\\"):
                return false
            default: continue
            }
        }
        return !name.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasSuffix(".") }
    }

    /// True for names stored per worktree (in `gitDir`) rather than in `commonDir`.
    static func isPerWorktree(_ name: String) -> Bool {
        !name.hasPrefix("refs/") || name.hasPrefix("refs/worktree/") || name.hasPrefix("refs/bisect/")
            || name.hasPrefix("refs/rewritten/")
    }

    /// True for root refs such as `HEAD`, `ORIG_HEAD`, `FETCH_HEAD`: upper case and underscores.
    static func isPseudoRef(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || $0 == 95 }
    }
}
