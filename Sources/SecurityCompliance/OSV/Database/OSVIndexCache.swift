import Foundation

/// The loader's cache: every record and diagnostic of the last full load, in binary form,
/// keyed by a fingerprint of the folder's JSON files (paths, sizes, modification times).
///
/// It lives in the database folder as `.osv-index-cache` (hidden, so never read as an
/// advisory) and is replaced atomically (written beside, then renamed). Any change to a
/// file's path, size or time, an added or removed file, or a damaged cache means a full
/// load, which writes a fresh cache.
enum OSVIndexCache {
    static let fileName = ".osv-index-cache"
    /// Bumped whenever the binary form changes (02: integers under their own JSON tag), so an
    /// older cache is rebuilt rather than misread.
    private static let magic = Array("OSVIDX02".utf8)

    /// FNV-1a (64-bit) over every file's path, size and modification time.
    static func fingerprint(of files: [OSVFileInfo]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mixByte(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        func mixNumber(_ value: Int64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                mixByte(UInt8((UInt64(bitPattern: value) >> UInt64(shift)) & 0xFF))
            }
        }
        mixNumber(Int64(files.count))
        for file in files {
            for byte in file.path.utf8 { mixByte(byte) }
            mixByte(0)
            mixNumber(file.size)
            mixNumber(file.modified)
        }
        return hash
    }

    static func encode(records: [OSVVulnerability], diagnostics: [OSVDiagnostic], fingerprint: UInt64) -> Data {
        var writer = BinaryWriter(capacity: records.count * 1_024)
        for byte in magic { writer.byte(byte) }
        writer.fixed64(fingerprint)
        writer.count(records.count)
        for record in records { writer.vulnerability(record) }
        writer.count(diagnostics.count)
        for diagnostic in diagnostics {
            writer.byte(diagnostic.level == .warning ? 0 : 1)
            writer.string(diagnostic.file)
            writer.optional(diagnostic.entry)
            writer.string(diagnostic.message)
        }
        return Data(writer.bytes)
    }

    /// The cached records and diagnostics, or `nil` when the cache is for other files or damaged.
    static func decode(_ data: Data, fingerprint: UInt64) -> (records: [OSVVulnerability], diagnostics: [OSVDiagnostic])? {
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else { return nil }
        var reader = BinaryReader(bytes, offset: magic.count)
        do {
            guard try reader.fixed64() == fingerprint else { return nil }
            let recordCount = try reader.count()
            var records: [OSVVulnerability] = []
            records.reserveCapacity(recordCount)
            for _ in 0..<recordCount { records.append(try reader.vulnerability()) }
            let diagnosticCount = try reader.count()
            var diagnostics: [OSVDiagnostic] = []
            for _ in 0..<diagnosticCount {
                let level: OSVDiagnostic.Level = try reader.byte() == 0 ? .warning : .note
                diagnostics.append(OSVDiagnostic(level: level, file: try reader.string(), entry: try reader.optional(),
                                                 message: try reader.string()))
            }
            return reader.isAtEnd ? (records, diagnostics) : nil
        } catch {
            return nil
        }
    }
}
