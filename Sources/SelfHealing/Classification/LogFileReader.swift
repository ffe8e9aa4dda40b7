import Foundation

/// Reads a log file in chunks: the classifier's seam to the file system.
public struct LogFileReader: Sendable {
    /// Calls `body` with successive chunks of the file at `path`, in order.
    public var readChunks: @Sendable (_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(LogReadError) -> Void

    /// Creates a reader from a chunk-reading function.
    public init(readChunks: @escaping @Sendable (_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(LogReadError) -> Void) {
        self.readChunks = readChunks
    }

    /// The size of the chunks the live reader reads.
    public static let chunkSize = 1 << 20

    /// Reads from the file system with `FileHandle`, one megabyte at a time.
    public static let live = LogFileReader { path, body throws(LogReadError) in
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LogReadError(path: path, message: "cannot open the log file; check that it exists and is readable")
        }
        defer { try? handle.close() }
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: chunkSize)
            } catch {
                throw LogReadError(path: path, message: "reading the log file failed", underlying: error.localizedDescription)
            }
            guard let data, !data.isEmpty else { return }
            data.withUnsafeBytes { body($0) }
        }
    }
}

/// A log file that could not be read.
public struct LogReadError: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
    /// The file concerned.
    public var path: String
    /// What went wrong and what to do.
    public var message: String
    /// The underlying error's description, if any.
    public var underlying: String?

    /// Creates an error.
    public init(path: String, message: String, underlying: String? = nil) {
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    /// `path: message (underlying)`.
    public var description: String {
        "\(path): \(message)" + (underlying.map { " (\($0))" } ?? "")
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
