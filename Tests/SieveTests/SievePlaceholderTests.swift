import Testing
@testable import Sieve

@Test func SieveModuleLinks() { _ = SieveModule.self }
