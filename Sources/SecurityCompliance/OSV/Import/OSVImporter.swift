import Foundation
import ZIPFoundation

/// Installs osv.dev `all.zip` exports into the offline OSV database folder.
///
/// Each zip becomes one subfolder of the database (`<db>/PyPI/`), named after its
/// ecosystem. The import is atomic: entries are checked and extracted into a hidden
/// temporary folder inside the database folder, then renamed into place (an earlier
/// import of the same ecosystem is swapped out and removed). Nothing is written for a zip
/// that is unsafe: an entry path that is absolute or climbs out with `..`, a symbolic
/// link, or a breach of ``ZipImportLimits`` fails the whole import with an ``OSVError``
/// naming the zip and the entry. Entries that are not valid OSV JSON are skipped with a
/// diagnostic.
public struct OSVImporter: Sendable {
    /// Zip-bomb limits checked before and during extraction.
    public var limits: ZipImportLimits
    /// Where extracted advisories are written and moved into place.
    public var fileSystem: any OSVFileSystem
    /// Makes the unique part of temporary folder names.
    public var makeToken: @Sendable () -> String

    public init(
        limits: ZipImportLimits = ZipImportLimits(), fileSystem: any OSVFileSystem = LocalOSVFileSystem(),
        makeToken: @escaping @Sendable () -> String = { UUID().uuidString }
    ) {
        self.limits = limits
        self.fileSystem = fileSystem
        self.makeToken = makeToken
    }

    /// Imports one zip into `databaseFolder`.
    ///
    /// - Parameters:
    ///   - zipPath: an osv.dev `all.zip` (or any zip of OSV JSON files).
    ///   - databaseFolder: the database folder (created when missing).
    ///   - ecosystem: the ecosystem name for the subfolder; when `nil` it is the ecosystem
    ///     most records name, else the zip's file name (unless it is `all`).
    public func importZip(at zipPath: String, into databaseFolder: String,
                          ecosystem: String? = nil) throws -> OSVImportSummary {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .read)
        } catch {
            throw OSVError(.zipUnreadable, "cannot open the file as a zip archive; check that it is an osv.dev "
                           + "all.zip export", path: zipPath, underlying: error)
        }
        let entries = try checkedEntries(of: archive, zipPath: zipPath)
        do {
            try fileSystem.createDirectory(at: databaseFolder)
        } catch {
            throw OSVError(.writeFailed, "cannot create the OSV database folder; check the --osv-db path",
                           path: databaseFolder, underlying: error)
        }
        let staging = (databaseFolder as NSString).appendingPathComponent(".import-\(makeToken())")
        do {
            try fileSystem.createDirectory(at: staging)
            let extraction = try extract(entries, from: archive, zipPath: zipPath, into: staging)
            let name = try folderName(explicit: ecosystem, counts: extraction.ecosystems, zipPath: zipPath)
            let target = (databaseFolder as NSString).appendingPathComponent(name)
            let replaced = try install(staging: staging, at: target, databaseFolder: databaseFolder)
            return OSVImportSummary(
                zipPath: zipPath, ecosystem: name, folder: target, recordsWritten: extraction.written,
                entriesSkipped: extraction.skipped, uncompressedBytes: extraction.bytes, replacedExisting: replaced,
                diagnostics: extraction.diagnostics)
        } catch {
            try? fileSystem.removeItem(at: staging)
            throw error
        }
    }

    /// Imports several zips in turn (`infinity osv import FILE.zip…`); one failing zip does
    /// not stop the others. The ecosystem of each is taken from its records or file name.
    public func importZips(at zipPaths: [String], into databaseFolder: String) -> [Result<OSVImportSummary, OSVError>] {
        zipPaths.map { path in
            do {
                return .success(try importZip(at: path, into: databaseFolder))
            } catch let error as OSVError {
                return .failure(error)
            } catch {
                return .failure(OSVError(.zipUnreadable, "the import failed unexpectedly", path: path, underlying: error))
            }
        }
    }

    // MARK: - Checks before extraction

    /// A file entry that passed the path and declared-size checks.
    struct CheckedEntry {
        let entry: Entry
        let components: [String]
    }

    private func checkedEntries(of archive: Archive, zipPath: String) throws -> [CheckedEntry] {
        var checked: [CheckedEntry] = []
        var count = 0
        var declaredTotal: UInt64 = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw limitError("the zip has more than \(limits.maxEntries) entries", zipPath: zipPath,
                                 entry: entry.path)
            }
            if entry.type == .symlink {
                throw OSVError(.unsafeZipEntry, "the entry is a symbolic link, which an OSV export never contains; "
                               + "the zip was rejected and nothing was written", path: zipPath, entry: entry.path)
            }
            let components: [String]
            switch ZipEntryPath.safeComponents(entry.path) {
            case .success(let value): components = value
            case .failure(let unsafe):
                throw OSVError(.unsafeZipEntry, "\(unsafe.reason); the zip was rejected and nothing was written",
                               path: zipPath, entry: entry.path)
            }
            guard entry.type == .file else { continue }
            let size = entry.uncompressedSize
            if size > limits.maxEntryBytes {
                throw limitError("the entry declares \(size) uncompressed bytes, over the limit of "
                                 + "\(limits.maxEntryBytes)", zipPath: zipPath, entry: entry.path)
            }
            declaredTotal += size
            if declaredTotal > limits.maxTotalBytes {
                throw limitError("the entries declare more than \(limits.maxTotalBytes) uncompressed bytes in total",
                                 zipPath: zipPath, entry: entry.path)
            }
            if size >= limits.ratioCheckMinimumBytes {
                let ratio = Double(size) / Double(max(entry.compressedSize, 1))
                if ratio > limits.maxCompressionRatio {
                    throw limitError("the entry expands \(Int(ratio))-fold (limit \(Int(limits.maxCompressionRatio))); "
                                     + "this looks like a zip bomb", zipPath: zipPath, entry: entry.path)
                }
            }
            checked.append(CheckedEntry(entry: entry, components: components))
        }
        return checked
    }

    private func limitError(_ message: String, zipPath: String, entry: String) -> OSVError {
        OSVError(.zipLimitExceeded, message + "; the zip was rejected and nothing was written",
                 path: zipPath, entry: entry)
    }

    // MARK: - Extraction

    struct Extraction {
        var written = 0
        var skipped = 0
        var bytes: UInt64 = 0
        var diagnostics: [OSVDiagnostic] = []
        var ecosystems: [String: Int] = [:]
    }

    private func extract(_ entries: [CheckedEntry], from archive: Archive, zipPath: String,
                         into staging: String) throws -> Extraction {
        var result = Extraction()
        let decoder = OSVRecordDecoder()
        for checked in entries {
            let path = checked.entry.path
            guard checked.components.last?.lowercased().hasSuffix(".json") == true else {
                result.skipped += 1
                result.diagnostics.append(OSVDiagnostic(level: .note, file: zipPath, entry: path,
                                                        message: "not a .json file; skipped"))
                continue
            }
            let data = try read(checked.entry, from: archive, zipPath: zipPath, totalSoFar: &result.bytes)
            let records = decoder.decode(data, file: zipPath, entry: path, diagnostics: &result.diagnostics)
            guard !records.isEmpty else {
                result.skipped += 1
                continue
            }
            for record in records {
                for affected in record.affected {
                    guard let package = affected.package else { continue }
                    let base = OSVEcosystem(osvName: package.ecosystem)?.rawValue
                        ?? OSVEcosystem.baseName(of: package.ecosystem)
                    result.ecosystems[base, default: 0] += 1
                }
            }
            let destination = ([staging] + checked.components).joined(separator: "/")
            do {
                try fileSystem.writeFile(data, to: destination)
            } catch {
                throw OSVError(.writeFailed, "cannot write the extracted advisory; check free space and permissions",
                               path: destination, entry: path, underlying: error)
            }
            result.written += 1
        }
        return result
    }

    /// Inflates one entry, counting real bytes against the limits and the declared size.
    private func read(_ entry: Entry, from archive: Archive, zipPath: String,
                      totalSoFar: inout UInt64) throws -> Data {
        let counter = InflationCounter(limit: min(entry.uncompressedSize, limits.maxEntryBytes),
                                       remainingTotal: limits.maxTotalBytes - min(totalSoFar, limits.maxTotalBytes))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in try counter.append(chunk) }
        } catch let error as InflationCounter.Overflow {
            throw limitError(error.message, zipPath: zipPath, entry: entry.path)
        } catch {
            throw OSVError(.zipUnreadable, "the entry cannot be extracted (corrupt data or CRC mismatch)",
                           path: zipPath, entry: entry.path, underlying: error)
        }
        totalSoFar += UInt64(counter.data.count)
        return counter.data
    }

    // MARK: - Installing

    private func folderName(explicit: String?, counts: [String: Int], zipPath: String) throws -> String {
        let chosen: String
        if let explicit, !explicit.trimmingASCIIWhitespace().isEmpty {
            chosen = OSVEcosystem(osvName: explicit)?.rawValue ?? explicit.trimmingASCIIWhitespace()
        } else if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            chosen = best.key
        } else {
            let stem = ((zipPath as NSString).lastPathComponent as NSString).deletingPathExtension
            guard !stem.isEmpty, stem.lowercased() != "all" else {
                throw OSVError(.unknownEcosystem, "the zip holds no advisory naming a package ecosystem and its file "
                               + "name is generic; pass the ecosystem explicitly", path: zipPath)
            }
            chosen = stem
        }
        let safe = String(chosen.map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character))
                ? character : "_"
        })
        guard !safe.allSatisfy({ $0 == "." }), !safe.hasPrefix(".") else {
            throw OSVError(.unknownEcosystem, "'\(chosen)' cannot be used as a folder name; pass another ecosystem name",
                           path: zipPath)
        }
        return safe
    }

    /// Renames the staging folder to `target`, swapping out an earlier import. Returns whether one was replaced.
    private func install(staging: String, at target: String, databaseFolder: String) throws -> Bool {
        let existing = fileSystem.itemExists(at: target).exists
        if !existing {
            try move(staging, to: target)
            return false
        }
        let retired = (databaseFolder as NSString).appendingPathComponent(".replaced-\(makeToken())")
        try move(target, to: retired)
        do {
            try move(staging, to: target)
        } catch {
            try? fileSystem.moveItem(from: retired, to: target)
            throw error
        }
        try? fileSystem.removeItem(at: retired)
        return true
    }

    private func move(_ source: String, to destination: String) throws {
        do {
            try fileSystem.moveItem(from: source, to: destination)
        } catch {
            throw OSVError(.writeFailed, "cannot move \(source) into place; check permissions of the database folder",
                           path: destination, underlying: error)
        }
    }
}

/// Collects an entry's inflated bytes and stops when they exceed what was allowed.
private final class InflationCounter {
    struct Overflow: Error {
        let message: String
    }

    private(set) var data = Data()
    private let limit: UInt64
    private let remainingTotal: UInt64

    init(limit: UInt64, remainingTotal: UInt64) {
        self.limit = limit
        self.remainingTotal = remainingTotal
    }

    func append(_ chunk: Data) throws {
        let size = UInt64(data.count + chunk.count)
        if size > limit {
            throw Overflow(message: "the entry inflates past its declared size or the per-entry limit (\(limit) bytes)")
        }
        if size > remainingTotal {
            throw Overflow(message: "the zip inflates past the total limit")
        }
        data.append(chunk)
    }
}
