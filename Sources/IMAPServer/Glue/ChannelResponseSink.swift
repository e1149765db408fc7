import IMAPProtocol
import NIOCore

/// Writes a session's responses to its channel. Each `send` waits until the bytes are
/// handed to the socket, which keeps a large FETCH from piling up in memory.
struct ChannelResponseSink: IMAPResponseSink {
    let channel: any Channel

    func send(_ responses: [IMAPResponse]) async {
        guard !responses.isEmpty, channel.isActive else { return }
        var output = IMAPOutput()
        for response in responses { IMAPResponseEncoder.write(response, to: &output) }
        var buffer = channel.allocator.buffer(capacity: output.byteCount)
        for chunk in output.chunks { buffer.writeBytes(chunk) }
        try? await channel.writeAndFlush(buffer).get()
    }
}
