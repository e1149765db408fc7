import CZlib
import NIOCore

/// COMPRESS=DEFLATE (RFC 4978): raw deflate (RFC 1951, no zlib header) both ways. Inbound
/// bytes are inflated before the IMAP handler frames them; outbound bytes are deflated
/// and sync-flushed at every flush, so each response reaches the client whole (RFC 4978
/// §4: "the compressor … MUST flush"). It sits between TLS and the IMAP handler, so data
/// is compressed before it is encrypted (RFC 4978 §3).
final class DeflateHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let inflater = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let deflater = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var pending: ByteBuffer?
    private var failed = false

    init() {
        inflater.initialize(to: z_stream())
        deflater.initialize(to: z_stream())
        let size = Int32(MemoryLayout<z_stream>.size)
        // windowBits -15: raw deflate.
        _ = inflateInit2_(inflater, -15, zlibVersion(), size)
        _ = deflateInit2_(deflater, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), size)
    }

    deinit {
        inflateEnd(inflater)
        deflateEnd(deflater)
        inflater.deinitialize(count: 1)
        deflater.deinitialize(count: 1)
        inflater.deallocate()
        deflater.deallocate()
    }

    /// Inflates compressed input; nil when the stream is corrupt.
    func inflate(_ input: [UInt8]) -> [UInt8]? {
        guard !failed else { return nil }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var ok = true
        input.withUnsafeBufferPointer { inBuffer in
            inflater.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            inflater.pointee.avail_in = UInt32(inBuffer.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    inflater.pointee.next_out = outBuffer.baseAddress
                    inflater.pointee.avail_out = UInt32(outBuffer.count)
                    let status = CZlib.inflate(inflater, Z_SYNC_FLUSH)
                    if status != Z_OK && status != Z_BUF_ERROR && status != Z_STREAM_END { ok = false }
                    return outBuffer.count - Int(inflater.pointee.avail_out)
                }
                output.append(contentsOf: chunk[..<produced])
            } while ok && inflater.pointee.avail_out == 0
            inflater.pointee.next_in = nil
        }
        if !ok { failed = true }
        return ok ? output : nil
    }

    /// Deflates output with a sync flush.
    func deflate(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        input.withUnsafeBufferPointer { inBuffer in
            deflater.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            deflater.pointee.avail_in = UInt32(inBuffer.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { outBuffer -> Int in
                    deflater.pointee.next_out = outBuffer.baseAddress
                    deflater.pointee.avail_out = UInt32(outBuffer.count)
                    _ = CZlib.deflate(deflater, Z_SYNC_FLUSH)
                    return outBuffer.count - Int(deflater.pointee.avail_out)
                }
                output.append(contentsOf: chunk[..<produced])
            } while deflater.pointee.avail_out == 0
            deflater.pointee.next_in = nil
        }
        return output
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let plain = inflate(bytes) else {
            context.fireErrorCaught(DeflateError())
            return
        }
        guard !plain.isEmpty else { return }
        context.fireChannelRead(wrapInboundOut(context.channel.allocator.buffer(bytes: plain)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var buffer = unwrapOutboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: deflate(bytes))), promise: promise)
    }

    struct DeflateError: Error, CustomStringConvertible {
        var description: String { "invalid DEFLATE data from the client" }
    }
}
