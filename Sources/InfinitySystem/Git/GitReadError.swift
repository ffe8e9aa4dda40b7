import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error raised while reading a git repository's on-disk data.
///
/// Every error names the file or directory it concerns (`path`) and says what went wrong and
/// what to do about it (`message`). Callers that meet `.unsupported` or `.limitExceeded` can fall
/// back to the git command line for that repository.
public struct GitReadError: Error, CustomStringConvertible, LocalizedError {
    /// The kind of failure.
    public enum Code: String, Sendable, Hashable {
        /// An object or a required file does not exist.
        case notFound
        /// A file exists but its content is malformed, truncated or inconsistent.
        case corrupt
        /// The operating system refused a read (permissions, I/O error).
        case io
        /// The repository uses a feature this reader does not implement (SHA-256, reftable).
        case unsupported
        /// An object is larger than the caller's or the reader's size limit.
        case tooLarge
        /// A caller passed a malformed argument (a sha that is not 40 hex digits, a bad ref name).
        case invalidArgument
        /// An object has a different type than the operation needs (a blob where a tree was asked).
        case unexpectedType
        /// A bound was hit: delta chain depth, symbolic ref depth, alternates depth.
        case limitExceeded
    }

    /// The kind of failure.
    public var code: Code
    /// The file or directory the failure concerns.
    public var path: String
    /// What went wrong and what to do about it.
    public var message: String
    /// The underlying cause, such as a ``GitSystemCallError``.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(code: Code, path: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        var text = "git read error (\(code.rawValue)) at \(path): \(message)"
        if let underlying { text += " [\(underlying)]" }
        return text
    }

    public var errorDescription: String? { description }
}

/// A failed system call, kept as the underlying cause of a ``GitReadError``.
public struct GitSystemCallError: Error, CustomStringConvertible, Hashable {
    /// The name of the system call, such as `open` or `pread`.
    public var call: String
    /// The `errno` value it left.
    public var errno: Int32

    /// Creates a record of a failed system call.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        let text = strerror(errno).map { String(cString: $0) } ?? "errno \(errno)"
        return "\(call): \(text)"
    }
}

extension GitReadError {
    static func corrupt(_ path: String, _ message: String) -> GitReadError {
        GitReadError(code: .corrupt, path: path, message: message)
    }

    static func io(_ path: String, call: String, errno: Int32) -> GitReadError {
        GitReadError(
            code: .io, path: path,
            message: "cannot \(call) the file; check that it exists and is readable",
            underlying: GitSystemCallError(call: call, errno: errno))
    }
}
