/// Finds lockfiles and manifests in a tree and reads the packages they pin.
///
/// Parsing never throws and never crashes on bad input: a malformed file yields a
/// ``LockfileDiagnostic`` naming the file and line, together with whatever packages could
/// be read before the problem, and the caller goes on with the next file.
public struct LockfileScanner: Sendable {
    /// Folder names ``findLockfiles(under:skipping:)`` does not descend into by default.
    public static let defaultSkippedDirectories: Set<String> = ["node_modules", "vendor", ".git"]

    /// The file system used to read files and list folders.
    public var fileSystem: LockfileFileSystem
    /// Files larger than this many bytes are reported, not read.
    public var maxFileSize: Int
    /// How deep ``findLockfiles(under:skipping:)`` descends below the root.
    public var maxDepth: Int

    /// Creates a scanner.
    /// - Parameters:
    ///   - fileSystem: where files are read from; the local disk by default.
    ///   - maxFileSize: the largest file read, 256 MiB by default.
    ///   - maxDepth: how many folder levels below the root are searched, 32 by default.
    public init(fileSystem: LockfileFileSystem = .live, maxFileSize: Int = 256 << 20, maxDepth: Int = 32) {
        self.fileSystem = fileSystem
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
    }

    /// The kind of lockfile a file name denotes (`package-lock.json`, `go.mod`, …), or nil.
    public static func kind(forFileName fileName: String) -> LockfileKind? {
        LockfileKind(fileName: fileName)
    }

    /// Reads the packages of the file at `path`, its kind detected from its name.
    public func parse(fileAt path: String) -> (packages: [ScannedPackage], diagnostics: [LockfileDiagnostic]) {
        let name = pathComponents(path).last.map(String.init) ?? path
        guard let kind = Self.kind(forFileName: name) else {
            let message = "not a known lockfile or manifest name: \(name); pass the kind explicitly"
            return ([], [LockfileDiagnostic(file: path, message: message)])
        }
        return parse(fileAt: path, as: kind)
    }

    /// Reads the packages of the file at `path` as a lockfile of `kind`, whatever its name.
    public func parse(fileAt path: String, as kind: LockfileKind) -> (
        packages: [ScannedPackage], diagnostics: [LockfileDiagnostic]
    ) {
        if let size = fileSystem.fileSize(path), size > maxFileSize {
            let error = LockfileParseError(
                code: .fileTooLarge, file: path,
                message: "the file is \(size) bytes, over the \(maxFileSize)-byte limit; raise maxFileSize to read it")
            return ([], [error.diagnostic])
        }
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            let failure = LockfileParseError(
                code: .unreadableFile, file: path, message: "could not read the file; check that it exists and is readable",
                underlying: String(describing: error))
            return ([], [failure.diagnostic])
        }
        return parse(contents: bytes, path: path, as: kind)
    }

    /// Reads packages from `contents`, reporting them as found in `path`.
    ///
    /// Formats that look at files next to the lockfile (go.sum, `-r` includes,
    /// npm-shrinkwrap.json) read them through the scanner's file system, relative to `path`.
    public func parse(contents: [UInt8], path: String, as kind: LockfileKind) -> (
        packages: [ScannedPackage], diagnostics: [LockfileDiagnostic]
    ) {
        let context = LockfileParseContext(
            path: path, ecosystem: kind.ecosystem, fileSystem: fileSystem, maxFileSize: maxFileSize)
        do {
            let result = try Self.parse(contents, kind: kind, context: context)
            return (result.packages, result.diagnostics)
        } catch {
            return ([], [error.diagnostic])
        }
    }

    private static func parse(_ bytes: [UInt8], kind: LockfileKind, context: LockfileParseContext)
        throws(LockfileParseError) -> LockfileParseResult
    {
        switch kind {
        case .npmPackageLock: try NPMPackageLockParser(context: context).parse(bytes)
        case .yarnLock: try YarnLockParser(context: context).parse(bytes)
        case .pnpmLock: try PnpmLockParser(context: context).parse(bytes)
        case .cargoLock: try CargoLockParser(context: context).parse(bytes)
        case .goMod: try GoModParser(context: context).parse(bytes)
        case .requirementsTxt: RequirementsTxtParser(context: context).parse(bytes)
        case .poetryLock: try PoetryLockParser(context: context).parse(bytes)
        case .pipfileLock: try PipfileLockParser(context: context).parse(bytes)
        case .gemfileLock: try GemfileLockParser(context: context).parse(bytes)
        case .composerLock: try ComposerLockParser(context: context).parse(bytes)
        case .gradleLockfile: GradleLockfileParser(context: context).parse(bytes)
        case .pomXML: try PomXMLParser(context: context).parse(bytes)
        case .packageResolved: try PackageResolvedParser(context: context).parse(bytes)
        }
    }

    /// The paths of all lockfiles and manifests under `root`, sorted.
    ///
    /// Folders named in `skipping` are not entered, nor are symbolic links to folders, and the
    /// walk stops ``maxDepth`` levels below `root`. Folders that cannot be listed are skipped.
    public func findLockfiles(under root: String, skipping: Set<String> = defaultSkippedDirectories) -> [String] {
        var found: [String] = []
        var pending: [(path: String, depth: Int)] = [(root, 0)]
        while let (folder, depth) = pending.popLast() {
            guard let entries = try? fileSystem.listDirectory(folder) else { continue }
            for entry in entries {
                let child = folder.hasSuffix("/") ? folder + entry.name : folder + "/" + entry.name
                if entry.isDirectory {
                    if depth < maxDepth, !skipping.contains(entry.name) { pending.append((child, depth + 1)) }
                } else if Self.kind(forFileName: entry.name) != nil {
                    found.append(child)
                }
            }
        }
        return found.sorted()
    }
}
