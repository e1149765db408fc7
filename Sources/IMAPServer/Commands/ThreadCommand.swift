import IMAPProtocol

extension IMAPSession {
    /// THREAD and UID THREAD (RFC 5256 §3): the matching messages threaded by
    /// ORDEREDSUBJECT or REFERENCES.
    func thread(_ tag: String, _ command: IMAPThreadCommand) async throws {
        let matches = try await matching(command.key)
        let byUID = command.byUID
        let threads = IMAPThreader.thread(matches, algorithm: command.algorithm) { byUID ? $0.uid : $0.sequenceNumber }
        await finish(tag, .ok, "THREAD completed", allowExpunge: byUID, before: [.untagged(.thread(threads))])
    }
}
