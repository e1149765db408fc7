import Testing
@testable import POP3Protocol

@Test func POP3ProtocolModuleLinks() { _ = POP3ProtocolModule.self }
