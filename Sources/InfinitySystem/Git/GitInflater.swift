import InfinityZlib

/// Streams a zlib-compressed input, pulled chunk by chunk from a source, into caller buffers.
///
/// Every call either consumes input or produces output, and the source is finite, so inflating
/// always terminates; malformed data becomes a `.corrupt` ``GitReadError``.
final class GitInflater {
    /// Fills the buffer with the next compressed bytes; returns 0 at the end of the input.
    typealias Source = (UnsafeMutableRawBufferPointer) throws(GitReadError) -> Int

    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private let source: Source
    private let path: String
    /// True once zlib reported the end of the stream (checksum verified).
    private(set) var isAtEnd = false

    /// Creates an inflater reading `chunkSize` compressed bytes at a time from `source`.
    init(path: String, chunkSize: Int, source: @escaping Source) throws(GitReadError) {
        self.path = path
        self.source = source
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: max(64, chunkSize), alignment: 16)
        let status = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw GitReadError(code: .io, path: path, message: "zlib could not start inflating (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Inflates into `out` until it is full or the stream ends; returns the bytes written.
    func read(into out: UnsafeMutableRawBufferPointer) throws(GitReadError) -> Int {
        var written = 0
        while written < out.count && !isAtEnd {
            if stream.pointee.avail_in == 0 {
                let count = try source(input)
                guard count > 0 else {
                    throw GitReadError.corrupt(path, "compressed data ends early; the file is truncated")
                }
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = uInt(count)
            }
            let room = min(out.count - written, Int(Int32.max))
            stream.pointee.next_out = (out.baseAddress! + written).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(room)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = room - Int(stream.pointee.avail_out)
            written += produced
            switch status {
            case Z_STREAM_END:
                isAtEnd = true
            case Z_OK:
                break
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                break  // needs more input; the loop fetches it
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw GitReadError.corrupt(path, "compressed data is damaged (zlib: \(detail))")
            }
        }
        return written
    }

    /// Confirms the stream ends here; throws `.corrupt` when it holds more output.
    func finish() throws(GitReadError) {
        guard !isAtEnd else { return }
        var scratch: UInt8 = 0
        let extra = try withUnsafeMutableBytes(of: &scratch) { (buffer) throws(GitReadError) -> Int in
            try read(into: buffer)
        }
        if extra > 0 {
            throw GitReadError.corrupt(path, "object inflates to more bytes than its header declares")
        }
    }

    /// Inflates exactly `size` bytes and checks that the stream ends there.
    func readExactly(_ size: Int) throws(GitReadError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: size)
        let count = try result.withGitMutableBytes { (buffer) throws(GitReadError) -> Int in
            try read(into: buffer)
        }
        guard count == size else {
            throw GitReadError.corrupt(path, "object inflates to \(count) bytes but its header declares \(size)")
        }
        try finish()
        return result
    }
}
