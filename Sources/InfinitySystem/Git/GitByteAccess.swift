/// Typed-throws wrappers around the standard library's untyped `withUnsafe…Bytes`.
extension Array where Element == UInt8 {
    /// Calls `body` with the array's bytes, keeping `GitReadError` as the thrown type.
    func withGitBytes<R>(_ body: (UnsafeRawBufferPointer) throws(GitReadError) -> R) throws(GitReadError) -> R {
        let outcome = withUnsafeBytes { buffer in Result { () throws(GitReadError) -> R in try body(buffer) } }
        return try outcome.get()
    }

    /// Calls `body` with the array's mutable bytes, keeping `GitReadError` as the thrown type.
    mutating func withGitMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(GitReadError) -> R
    ) throws(GitReadError) -> R {
        let outcome = withUnsafeMutableBytes { buffer in Result { () throws(GitReadError) -> R in try body(buffer) } }
        return try outcome.get()
    }
}
