import MailCore

extension SieveExecution {
    /// Builds the reply of RFC 5230 §4 and applies the §4.5–4.6 rules; the reply is left
    /// out (with the reason in `vacationSuppressed`) when they forbid it.
    mutating func executeVacation(_ vacation: SieveVacationCommand, at: SieveSourceLocation) throws(SieveRuntimeError) {
        let reason = expand(vacation.reason)
        let explicitSubject = vacation.subject.map { expand($0) }
        let from = vacation.from.map { expand($0) }
        let addresses = expand(vacation.addresses)
        // RFC 5230 §4.1: "If the parameter given to ":days" is less than the minimum value,
        // then the minimum value is used instead. If ":days" exceeds the site-defined
        // maximum, the site-defined maximum is used instead"; without :days, "either 7 or
        // the minimum value […], whichever is greater". RFC 6131 :seconds has its own bounds.
        let period: Int
        let days = (environment.vacationMinimumPeriod, environment.vacationMaximumPeriod)
        switch vacation.period {
        case .days(let count)?:
            period = Self.clamp(count > Int.max / 86_400 ? Int.max : count * 86_400, days)
        case .seconds(let seconds)?:
            period = Self.clamp(seconds, (environment.vacationSecondsMinimum ?? days.0, environment.vacationSecondsMaximum ?? days.1))
        case nil:
            period = Self.clamp(max(environment.vacationDefaultPeriod, days.0), days)
        }
        let handle = vacation.handle.map { expand($0) }
            ?? reason + (explicitSubject ?? "") + (from ?? "<default-from>") + (vacation.mime ? "<MIME>" : "<NO-MIME>")
        let originalSubject = headers.first { $0.hasName("Subject") }?.decodedValue
        let subject = explicitSubject ?? (originalSubject.map { $0.isEmpty ? "Automated reply" : "Auto: " + $0 } ?? "Automated reply")
        let response = SieveVacationResponse(
            recipient: envelope.from, from: from, subject: subject,
            body: vacation.mime ? .mime(reason) : .text(reason), periodSeconds: period, handle: handle,
            inReplyTo: headers.first { $0.hasName("Message-ID") }?.value.sieveTrimmed)
        var own = environment.userAddresses + addresses + [envelope.to]
        if let original = envelope.originalTo { own.append(original) }
        let ownAddresses = own.flatMap { text -> [String] in
            let parsed = AddressList.mailboxes(in: text).map { $0.address.localPart + "@" + $0.address.domain }
            return parsed.isEmpty ? [text] : parsed
        }
        let suppression = VacationPolicy.suppressionReason(headers: headers, envelope: envelope, ownAddresses: ownAddresses)
        if let suppression { vacationSuppressed = suppression }
        do {
            try collector.addVacation(.vacation(response), send: suppression == nil)
        } catch {
            throw failure(error.message, at: at)
        }
    }

    /// `value` within `bounds` (the maximum wins when the bounds are crossed).
    static func clamp(_ value: Int, _ bounds: (Int, Int)) -> Int {
        min(max(value, bounds.0), bounds.1)
    }
}
