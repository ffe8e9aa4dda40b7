import InfinityZlib
import Foundation

/// gzip compression through zlib, as the GitHub code-scanning upload API wants it
/// (`sarif`: the gzip-compressed file, base64-encoded).
public enum GzipCodec {
    /// zlib `windowBits` for a gzip wrapper around a 32 KiB window.
    private static let gzipWindowBits: Int32 = 15 + 16
    /// Bytes handed to zlib per call (its counters are 32-bit).
    private static let chunkSize = 1 << 20

    /// Compresses `data` into a gzip stream (RFC 1952).
    ///
    /// - Parameter level: zlib level 0–9, or -1 for zlib's default (6).
    public static func gzip(_ data: Data, level: Int32 = -1) throws -> Data {
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw zlibError("deflateInit2 failed", status: initStatus)
        }
        defer { deflateEnd(&stream) }

        var output = Data()
        output.reserveCapacity(Int(deflateBound(&stream, uLong(min(data.count, Int(UInt32.max))))))
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let base = raw.bindMemory(to: Bytef.self).baseAddress
            var offset = 0
            var finished = false
            while !finished {
                let take = min(chunkSize, data.count - offset)
                stream.next_in = base.map { UnsafeMutablePointer(mutating: $0 + offset) }
                stream.avail_in = uInt(take)
                offset += take
                let flush = offset == data.count ? Z_FINISH : Z_NO_FLUSH
                repeat {
                    let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        return deflate(&stream, flush)
                    }
                    guard status != Z_STREAM_ERROR else {
                        throw zlibError("deflate failed", status: status)
                    }
                    output.append(contentsOf: buffer[0..<(chunkSize - Int(stream.avail_out))])
                    if status == Z_STREAM_END { finished = true }
                } while stream.avail_out == 0 && !finished
            }
        }
        return output
    }

    /// Decompresses a gzip stream, refusing to produce more than `maxOutputBytes`.
    public static func gunzip(_ data: Data, maxOutputBytes: Int = 512 << 20) throws -> Data {
        var stream = z_stream()
        let initStatus = inflateInit2_(
            &stream, gzipWindowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw zlibError("inflateInit2 failed", status: initStatus)
        }
        defer { inflateEnd(&stream) }

        var output = Data()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let base = raw.bindMemory(to: Bytef.self).baseAddress
            var offset = 0
            var finished = false
            while !finished {
                if stream.avail_in == 0 {
                    guard offset < data.count else {
                        throw SARIFError(
                            code: .compression,
                            message: "The gzip stream is truncated; re-create the file.")
                    }
                    let take = min(chunkSize, data.count - offset)
                    stream.next_in = base.map { UnsafeMutablePointer(mutating: $0 + offset) }
                    stream.avail_in = uInt(take)
                    offset += take
                }
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                switch status {
                case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
                    let produced = chunkSize - Int(stream.avail_out)
                    if status == Z_BUF_ERROR && produced == 0 && stream.avail_in != 0 {
                        throw zlibError("inflate made no progress", status: status)
                    }
                    guard output.count + produced <= maxOutputBytes else {
                        throw SARIFError(
                            code: .fileTooLarge,
                            message: "Decompressed data exceeds \(maxOutputBytes) bytes; "
                                + "raise the limit or split the file.")
                    }
                    output.append(contentsOf: buffer[0..<produced])
                    if status == Z_STREAM_END { finished = true }
                default:
                    throw zlibError("inflate failed: the data is not a valid gzip stream", status: status)
                }
            }
        }
        return output
    }

    /// gzip-compresses `data` and base64-encodes the result: the value of the `sarif`
    /// field of `POST /repos/{owner}/{repo}/code-scanning/sarifs`.
    public static func gzipBase64(_ data: Data) throws -> String {
        try gzip(data).base64EncodedString()
    }

    /// `true` when `data` starts with the gzip magic bytes.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    private static func zlibError(_ what: String, status: Int32) -> SARIFError {
        SARIFError(code: .compression, message: "zlib \(what) (status \(status)).")
    }
}
