extension ManageSieveSession {
    /// NOOP (RFC 5804 §2.13): the tag, if any, comes back in a TAG response code.
    mutating func handleNoop(_ tag: String?) {
        if let tag {
            send(.ok("Done", code: .tag(tag)))
        } else {
            send(.ok("NOOP completed"))
        }
    }
}
