import Testing
@testable import DNS

@Test func DNSModuleLinks() { _ = DNSModule.self }
