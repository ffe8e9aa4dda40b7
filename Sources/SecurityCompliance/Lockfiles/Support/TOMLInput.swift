/// Reading TOML lockfiles, with lockfile-flavoured errors.
enum TOMLInput {
    /// The root table of `bytes`.
    static func table(_ bytes: [UInt8], context: LockfileParseContext) throws(LockfileParseError) -> TOMLTable {
        do {
            return try TOMLSubsetParser().parse(bytes)
        } catch {
            throw context.error(
                .malformedTOML, line: error.line,
                "invalid TOML at line \(error.line), column \(error.column): \(error.message); fix or regenerate the file")
        }
    }
}
