import Testing
@testable import PostinoServer

@Suite struct ListenPlanTests {
    @Test func defaultsDependOnPrivilege() {
        let root = ListenPlan(privileged: true), user = ListenPlan(privileged: false)
        #expect(root.addresses[.smtp] == ListenAddress(host: "0.0.0.0", port: 25))
        #expect(root.addresses[.imaps]?.port == 993)
        #expect(user.addresses[.smtp]?.port == 2525)
        #expect(user.addresses[.submission]?.port == 2587)
        #expect(user.addresses[.admin] == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(user.enabled.count == ServiceName.allCases.count - 2)
        // The client set-up listeners are off until named.
        #expect(root.addresses[.autoconfig] == nil && root.addresses[.autodiscover] == nil)
    }

    @Test func autoconfigListensOnlyWhenNamed() throws {
        var plan = ListenPlan(privileged: true)
        try plan.apply("autoconfig=80")
        try plan.apply("autodiscover=[::]:443")
        #expect(plan.addresses[.autoconfig] == ListenAddress(host: "0.0.0.0", port: 80))
        #expect(plan.addresses[.autodiscover] == ListenAddress(host: "::", port: 443))
    }

    @Test func overridesHostPortPortOnlyIPv6AndOff() throws {
        var plan = ListenPlan(privileged: false)
        try plan.apply("smtp=127.0.0.2:10025")
        try plan.apply("imap=10143")
        try plan.apply("pop3=[::1]:10110")
        try plan.apply("admin=off")
        #expect(plan.addresses[.smtp] == ListenAddress(host: "127.0.0.2", port: 10025))
        #expect(plan.addresses[.imap] == ListenAddress(host: "0.0.0.0", port: 10143))
        #expect(plan.addresses[.pop3] == ListenAddress(host: "::1", port: 10110))
        #expect(plan.addresses[.pop3]?.description == "[::1]:10110")
        #expect(plan.addresses[.admin] == nil)
    }

    @Test func badOverridesAreRefusedWithAReason() {
        var plan = ListenPlan(privileged: false)
        #expect(throws: ListenPlanError.self) { try plan.apply("smtp") }
        #expect(throws: ListenPlanError.self) { try plan.apply("gopher=70") }
        #expect(throws: ListenPlanError.self) { try plan.apply("smtp=host:99999") }
        #expect(throws: ListenPlanError.self) { try plan.apply("smtp=[::1:25") }
    }
}
