/// Bounds that keep a ``GitRepositoryReader`` from spending unbounded memory or time on a
/// corrupt or hostile repository.
public struct GitReadLimits: Sendable, Hashable {
    /// Largest inflated object (or delta base) the reader materialises, in bytes.
    public var maxObjectBytes: Int
    /// Longest delta chain followed before giving up with `.limitExceeded`.
    ///
    /// `git gc --aggressive` wrote chains of depth 250 for years, so the default leaves room for that.
    public var maxDeltaChainDepth: Int
    /// Longest chain of symbolic refs (`ref: …`) followed.
    public var maxSymbolicRefDepth: Int
    /// How deep `objects/info/alternates` may nest.
    public var maxAlternatesDepth: Int
    /// Largest `packed-refs`, `HEAD`, config or ref file read, in bytes.
    public var maxMetadataFileBytes: Int
    /// Bytes of inflated delta bases kept for reuse between reads.
    public var deltaBaseCacheBytes: Int

    /// Creates limits; every parameter has a default suited to discovery over many repositories.
    public init(
        maxObjectBytes: Int = 512 << 20,
        maxDeltaChainDepth: Int = 256,
        maxSymbolicRefDepth: Int = 5,
        maxAlternatesDepth: Int = 5,
        maxMetadataFileBytes: Int = 256 << 20,
        deltaBaseCacheBytes: Int = 16 << 20
    ) {
        self.maxObjectBytes = maxObjectBytes
        self.maxDeltaChainDepth = maxDeltaChainDepth
        self.maxSymbolicRefDepth = maxSymbolicRefDepth
        self.maxAlternatesDepth = maxAlternatesDepth
        self.maxMetadataFileBytes = maxMetadataFileBytes
        self.deltaBaseCacheBytes = deltaBaseCacheBytes
    }

    /// The defaults.
    public static let `default` = GitReadLimits()
}
