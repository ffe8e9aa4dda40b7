/// Limits that protect an import from zip bombs.
///
/// Declared sizes are checked before anything is extracted, and the bytes actually
/// inflated are counted while extracting, so a zip that lies about its sizes is stopped too.
public struct ZipImportLimits: Sendable, Hashable {
    /// Most entries a zip may have.
    public var maxEntries: Int
    /// Most uncompressed bytes one entry may have.
    public var maxEntryBytes: UInt64
    /// Most uncompressed bytes all entries together may have.
    public var maxTotalBytes: UInt64
    /// Highest uncompressed/compressed ratio of an entry larger than ``ratioCheckMinimumBytes``.
    public var maxCompressionRatio: Double
    /// Entries smaller than this skip the ratio check (tiny files compress well legitimately).
    public var ratioCheckMinimumBytes: UInt64

    /// Defaults sized for osv.dev's largest per-ecosystem `all.zip` exports: 2,000,000
    /// entries, 64 MiB per entry, 8 GiB in total, ratio 200 for entries above 1 MiB.
    public init(
        maxEntries: Int = 2_000_000, maxEntryBytes: UInt64 = 64 << 20, maxTotalBytes: UInt64 = 8 << 30,
        maxCompressionRatio: Double = 200, ratioCheckMinimumBytes: UInt64 = 1 << 20
    ) {
        self.maxEntries = maxEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckMinimumBytes = ratioCheckMinimumBytes
    }
}

/// The result of importing one zip.
public struct OSVImportSummary: Sendable, Hashable, Codable {
    /// The zip that was imported.
    public var zipPath: String
    /// The ecosystem the advisories belong to (`PyPI`), or the name the folder was given.
    public var ecosystem: String
    /// The folder the advisories were installed into (`<db>/PyPI`).
    public var folder: String
    /// Valid advisory files written.
    public var recordsWritten: Int
    /// Entries skipped: invalid JSON or OSV, or not `.json`.
    public var entriesSkipped: Int
    /// Uncompressed bytes read from the zip.
    public var uncompressedBytes: UInt64
    /// Whether an earlier import of the same ecosystem was replaced.
    public var replacedExisting: Bool
    /// Why entries were skipped.
    public var diagnostics: [OSVDiagnostic]
}
