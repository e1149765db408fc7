/// The `mailauth.dmarc.enforce` setting: what a DMARC failure does to a message.
public enum DMARCEnforcement: String, Sendable, Hashable, CaseIterable {
    /// Results are only scored (the default).
    case off
    /// A failing message whose domain asks for quarantine or reject is delivered as spam.
    case junk
    /// Reject asked → refused with 550 5.7.1; quarantine asked → delivered as spam.
    case reject
}

/// What to do with a message after DMARC, under an enforcement setting.
public enum DMARCAction: String, Sendable, Hashable {
    case deliver
    /// Deliver as spam (`X-Spam: Yes`).
    case junk
    /// Refuse: `550 5.7.1`.
    case reject
}
