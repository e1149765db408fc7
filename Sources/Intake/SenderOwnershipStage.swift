import Directory
import Durability
import Logging
import MailCore

/// `smtp.enforce_sender_login_match` for the header: an authenticated user may only write
/// From addresses that deliver to them (the envelope sender is checked at MAIL FROM).
public struct SenderOwnershipStage: IntakeStage {
    public let name = "sender-ownership"
    let directory: any MailDirectory
    let logger: Logger

    public init(directory: any MailDirectory, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    public func applies(to context: IntakeContext) -> Bool {
        if case .submission = context.origin { return true }
        return false
    }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        guard case .submission(let user) = context.origin else { return .accept }
        let from = Message(bytes: message.header).from.map { $0.address.description }
        do {
            let owned = try await BlockingIO.run { [directory] () throws -> Bool in
                guard try directory.settings.bool(.enforceSenderLoginMatch) else { return true }
                return try from.allSatisfy { try directory.isSenderAllowed($0, forUser: user) }
            }
            guard owned else {
                logger.info("reject: From header not owned by \(user)", metadata: ["qid": "\(context.queueID)"])
                return StageOutcome(.refuse(IntakeReply(550, "5.7.1", "From header address rejected: not owned by user \(user)")))
            }
            return .accept
        } catch {
            logger.error("cannot check the From header of \(user): \(error)", metadata: ["qid": "\(context.queueID)"])
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary lookup failure, try again later")))
        }
    }
}
