import Testing
@testable import ManageSieveProtocol

@Test func ManageSieveProtocolModuleLinks() { _ = ManageSieveProtocolModule.self }
