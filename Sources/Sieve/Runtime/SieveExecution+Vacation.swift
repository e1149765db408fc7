import MailCore

extension SieveExecution {
    /// Builds the reply of RFC 5230 §4 and applies the §4.5–4.6 rules; the reply is left
    /// out (with the reason in `vacationSuppressed`) when they forbid it.
    mutating func executeVacation(_ vacation: SieveVacationCommand, at: SieveSourceLocation) throws(SieveRuntimeError) {
        let reason = expand(vacation.reason)
        let explicitSubject = vacation.subject.map { expand($0) }
        let from = vacation.from.map { expand($0) }
        let addresses = expand(vacation.addresses)
        var period: Int
        switch vacation.period {
        case .days(let days)?: period = days > Int.max / 86_400 ? Int.max : days * 86_400
        case .seconds(let seconds)?: period = seconds
        case nil: period = environment.vacationDefaultPeriod
        }
        period = min(max(period, environment.vacationMinimumPeriod), environment.vacationMaximumPeriod)
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
}
