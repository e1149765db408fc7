import Directory
import Foundation
import MailCore
import MailStore
import Sieve
import SieveStore

/// Runs the system script and then the user's active Sieve script on a message being
/// delivered, and turns the outcome into a `SievePlan`. Scripts never lose mail: a script
/// that does not compile or fails at run time leaves the message in INBOX (SPEC §6).
struct SieveRunner: Sendable {
    let scripts: any SieveScriptStorage
    let store: any MailStorage
    let directory: any MailDirectory
    let hostname: String

    /// The built-in system script (spam → Junk, `sieve.spam_to_junk`): runs first; when
    /// it files the message away, the user's script is not run. `:create` (RFC 5490): a
    /// user who never logged in has no Junk yet, and spam must not land in INBOX for that.
    static let systemScript = """
        require ["fileinto", "mailbox"];
        if header :is "X-Spam" "Yes" { fileinto :create "Junk"; stop; }
        """

    struct Input {
        var user: String
        var bytes: [UInt8]
        var envelopeFrom: String
        /// The RCPT TO address, +detail included.
        var envelopeTo: String
        var hopCount: Int
    }

    /// The settings a run depends on, read once per message. A database error fails the
    /// delivery (deferred and retried, the error recorded), never a run with other limits.
    struct Configuration {
        var limits = SieveLimits.default
        var vacationDays = (minimum: 1, maximum: 60)
        var vacationSeconds = (minimum: 86_400, maximum: 60 * 86_400)
    }

    func configuration() throws -> Configuration {
        let settings = directory.settings
        var configuration = Configuration()
        configuration.limits.maximumRegexPatternLength = try settings.int(.sieveRegexMaxPatternLength)
        configuration.limits.maximumRegexInputLength = try settings.int(.sieveRegexMaxInputLength)
        configuration.vacationDays = (try settings.int(.sieveVacationMinDays), try settings.int(.sieveVacationMaxDays))
        configuration.vacationSeconds = (try settings.int(.sieveVacationMinSeconds), try settings.int(.sieveVacationMaxSeconds))
        return configuration
    }

    /// Throws when the directory or the Sieve memory cannot be read: the delivery is deferred.
    func plan(_ input: Input) throws -> SievePlan {
        let configuration = try configuration()
        let compiler = SieveCompiler(limits: configuration.limits)
        // The built-in script always compiles (a failure would only skip the spam rule).
        if try directory.settings.bool(.sieveSpamToJunk), let compiled = try? compiler.compile(Self.systemScript, name: "system") {
            let outcome = try run(compiled, input, configuration)
            if !outcome.implicitKeep, outcome.error == nil { return try plan(from: outcome, input) }
        }
        guard let active = scripts.activeScript(input.user) else { return .keep(input.bytes) }
        let compiled: SieveScript
        do {
            compiled = try compiler.compile(active.source, name: active.name)
        } catch {
            var plan = SievePlan.keep(input.bytes)
            plan.error = "script \"\(active.name)\" does not compile: \(error)"
            return plan
        }
        return try plan(from: run(compiled, input, configuration), input)
    }

    private func run(_ script: SieveScript, _ input: Input, _ configuration: Configuration) throws -> SieveOutcome {
        let user = input.user, store = store, scripts = scripts, memory = scripts.memory
        let environment = SieveEnvironment(
            userAddresses: try userAddresses(input),
            // The interpreter cannot take an error here: a store that cannot be read answers
            // "no such mailbox", and storing the message then fails on the same store, so
            // the delivery is deferred rather than misfiled.
            mailboxExists: { name in ((try? store.mailbox(owner: .user(user), name: name)) ?? nil) != nil },
            isDuplicate: { key in memory.isDuplicate(user: user, id: key.uniqueID) },
            loadScript: { name, location in
                location == .global ? scripts.global(name)
                    : scripts.get(user, name).map { String(decoding: $0, as: UTF8.self) }
            },
            limits: configuration.limits,
            vacationMinimumPeriod: configuration.vacationDays.minimum * 86_400,
            vacationMaximumPeriod: configuration.vacationDays.maximum * 86_400,
            vacationSecondsMinimum: configuration.vacationSeconds.minimum,
            vacationSecondsMaximum: configuration.vacationSeconds.maximum)
        return SieveInterpreter(script: script, environment: environment)
            .run(message: SieveMessage(bytes: input.bytes), envelope: SieveEnvelope(from: input.envelopeFrom, to: input.envelopeTo))
    }

    /// The user's own addresses for vacation's "was this sent to me" test: the recipient
    /// address and the user name at every local domain.
    private func userAddresses(_ input: Input) throws -> [String] {
        let domains = try directory.domains().filter(\.deliversLocally).map(\.name)
        return [input.envelopeTo] + domains.map { "\(input.user)@\($0)" }
    }

    private func plan(from outcome: SieveOutcome, _ input: Input) throws -> SievePlan {
        var bytes = input.bytes
        if let header = outcome.editedHeader {
            let message = Message(bytes: input.bytes)
            bytes = SieveHeaderRewriter.apply(header, to: input.bytes, bodyStart: message.bodyRange.lowerBound)
        }
        var plan = SievePlan(stores: [], outgoing: [], bytes: bytes,
                             error: outcome.error.map { "\($0)" }, duplicateMarks: outcome.duplicateMarks.map { ($0.key.uniqueID, $0.seconds) },
                             warnings: outcome.warnings)
        for action in outcome.deliveryActions {
            switch action {
            case .keep(let flags):
                plan.stores.append(store("INBOX", flags, create: false))
            case .fileinto(let mailbox, let flags, _, let create):
                plan.stores.append(store(mailbox, flags, create: create))
            case .redirect(let address, _):
                // Loop protection: a message this server already passed on often enough,
                // or one that went through too many hops, is not redirected again.
                let hops = Message(bytes: input.bytes).header.all(named: "Received").count
                guard input.hopCount < 5, hops < 30 else {
                    plan.error = "redirect to \(address) refused: mail loop suspected"
                    continue
                }
                plan.outgoing.append(OutgoingMessage(kind: .redirect, sender: input.envelopeFrom, recipient: address,
                                                     bytes: bytes))
            case .reject(let reason, _):
                guard !input.envelopeFrom.isEmpty else { continue }  // never to the null sender
                plan.outgoing.append(OutgoingMessage(kind: .reject, sender: "", recipient: input.envelopeFrom,
                                                     bytes: AutomaticReplies.rejectNotice(reason: reason, original: input.bytes,
                                                                                          recipient: input.envelopeTo, hostname: hostname)))
            case .discard:
                break
            case .vacation(let response):
                let period = TimeInterval(response.periodSeconds)
                guard try scripts.memory.claimVacation(user: input.user, handle: response.handle,
                                                       sender: response.recipient, period: period) else { continue }
                plan.outgoing.append(OutgoingMessage(
                    kind: .vacation, sender: "", recipient: response.recipient,
                    bytes: AutomaticReplies.vacation(response, from: response.from ?? input.envelopeTo, hostname: hostname)))
            }
        }
        if plan.stores.isEmpty, outcome.error != nil {
            plan.stores = [store("INBOX", [], create: false)]
        }
        return plan
    }

    private func store(_ folder: String, _ flags: [String], create: Bool) -> SievePlan.Store {
        var system: MessageFlags = []
        var keywords: [String] = []
        for flag in flags {
            if let known = MessageFlags(imapName: flag) { system.insert(known) } else if !flag.hasPrefix("\\") { keywords.append(flag) }
        }
        return SievePlan.Store(folder: folder, flags: system, keywords: keywords, create: create)
    }
}
