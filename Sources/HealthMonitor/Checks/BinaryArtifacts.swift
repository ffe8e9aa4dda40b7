import Foundation
import InfinityModel
import InfinitySystem

/// Finds binary artifacts committed to the tree: by extension (executables, shared and
/// static libraries, jars, class and object files, packages), and by header (ELF, PE,
/// Mach-O) for executable files with no telling extension.
enum BinaryArtifacts {
    static let extensions: Set<String> = [
        "exe", "dll", "so", "dylib", "jar", "war", "ear", "class", "pyc", "pyo", "o", "obj", "a", "lib",
        "apk", "aab", "aar", "ipa", "msi", "deb", "rpm", "wasm", "elf",
    ]
    /// Script extensions whose executables are not inspected.
    static let scriptExtensions: Set<String> = ["sh", "bash", "zsh", "py", "pl", "rb", "js", "mjs", "ts", "php", "lua", "tcl", "ps1", "bat", "cmd", "awk", "sed", "swift"]

    static func fileExtension(_ path: String) -> String? {
        let base = Paths.basename(path).lowercased()
        // `libfoo.so.1.2` counts as `.so`.
        if let so = base.range(of: ".so.", options: .backwards), base[so.upperBound...].allSatisfy({ $0.isNumber || $0 == "." }) { return "so" }
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        return String(base[base.index(after: dot)...])
    }

    /// Whether `bytes` start like a native executable or library.
    static func hasBinaryHeader(_ bytes: Data) -> Bool {
        let head = [UInt8](bytes.prefix(4))
        guard head.count >= 2 else { return false }
        if head.count == 4 {
            if head == [0x7F, 0x45, 0x4C, 0x46] { return true }                 // ELF
            if head == [0xCF, 0xFA, 0xED, 0xFE] || head == [0xCE, 0xFA, 0xED, 0xFE] { return true }  // Mach-O
            if head == [0xFE, 0xED, 0xFA, 0xCF] || head == [0xFE, 0xED, 0xFA, 0xCE] { return true }
            if head == [0xCA, 0xFE, 0xBA, 0xBE] { return true }                 // Mach-O fat / Java class
        }
        return head[0] == 0x4D && head[1] == 0x5A                               // MZ (PE)
    }

    static func check(_ tree: RepositoryTree) async -> CheckResult {
        var found: [String] = []
        var tolerated: [String] = []
        var uninspected: [String] = []
        var inspected = 0
        for path in tree.paths {
            guard let entry = tree.entries[path], entry.kind == .file || entry.kind == .executable else { continue }
            let ext = fileExtension(path)
            if let ext, extensions.contains(ext) {
                if Paths.basename(path) == "gradle-wrapper.jar" { tolerated.append(path) } else { found.append(path) }
                continue
            }
            guard entry.kind == .executable, !(ext.map(scriptExtensions.contains) ?? false) else { continue }
            if let size = entry.size, size < 4 { continue }
            guard inspected < ContentChecks.maxInspected else { uninspected.append(path); continue }
            inspected += 1
            switch await tree.read(path, maxBytes: ContentChecks.maxInspectBytes, binary: true) {
            case .bytes(let data, _):
                if hasBinaryHeader(data) { found.append(path) }
            case .tooLarge(let size):
                uninspected.append("\(path) (\(size) bytes)")
            default:
                break
            }
        }
        let remedy = "remove built files from the repository (publish them as release assets) and list them in .gitignore"
        if !found.isEmpty {
            let shown = found.prefix(10).joined(separator: ", ") + (found.count > 10 ? " … and \(found.count - 10) more" : "")
            return ContentChecks.result("binary-artifacts", .fail, "\(found.count) binary file\(found.count == 1 ? "" : "s"): \(shown)", remedy: remedy)
        }
        if !tolerated.isEmpty || !uninspected.isEmpty {
            var parts: [String] = []
            if !tolerated.isEmpty { parts.append("Gradle wrapper jar committed: \(tolerated.prefix(3).joined(separator: ", ")) (verify its checksum)") }
            if !uninspected.isEmpty { parts.append("executables not inspected: \(uninspected.prefix(5).joined(separator: ", "))") }
            return ContentChecks.result("binary-artifacts", .warn, parts.joined(separator: "; "), remedy: remedy)
        }
        return ContentChecks.result("binary-artifacts", .pass, "no binary files among \(tree.paths.count) files")
    }
}
