import Testing
@testable import IMAPProtocol

@Test func IMAPProtocolModuleLinks() { _ = IMAPProtocolModule.self }
