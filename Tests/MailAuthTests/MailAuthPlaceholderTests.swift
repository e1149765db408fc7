import Testing
@testable import MailAuth

@Test func MailAuthModuleLinks() { _ = MailAuthModule.self }
