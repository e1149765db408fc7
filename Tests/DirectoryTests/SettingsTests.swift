import MailCore
import Testing
@testable import Directory

@Suite("Settings")
struct SettingsTests {
    @Test func everyDefaultIsValidForItsType() {
        for key in SettingKey.allCases {
            #expect(key.type.normalize(key.defaultValue) == key.defaultValue, "default of \(key.rawValue)")
            #expect(!key.doc.isEmpty && !key.doc.contains("\n"))
        }
    }

    @Test func defaultsAndTypedAccessors() throws {
        let settings = try DirectoryStore.inMemory().settings
        #expect(try settings.size(.maxMessageSize) == 20 * 1024 * 1024)
        #expect(try settings.int(.maxRecipients) == 1000)
        #expect(try settings.int(.outboundPort) == 25)
        #expect(try settings.bool(.allowUnencrypted) == false)
        #expect(try settings.bool(.imapEnabled) == true)
        #expect(try settings.duration(.queueLifetime) == .seconds(4 * 86_400))
        #expect(try settings.duration(.queueDelayWarning) == .seconds(4 * 3_600))
        #expect(try settings.networks(.trustedNetworks) == [IPNetwork.parse("127.0.0.0/8")!, IPNetwork.parse("::1/128")!])
        #expect(try settings.networks(.relayIPs).isEmpty)
        #expect(try settings.address(.copyAllTo) == nil)
        #expect(try settings.passwordScheme() == .sha512Crypt)
        #expect(try settings.int64(.defaultQuota) == 0)
        #expect(try settings.endpoints(.dnsNameserver).isEmpty)
        let hostname = try settings.get(.serverHostname)
        #expect(!hostname.isEmpty && NameRules.hostnameProblem(hostname) == nil)
        #expect(try settings.heloName() == hostname)
    }

    @Test func setNormalizesAndGetReturnsIt() throws {
        let settings = try DirectoryStore.inMemory().settings
        #expect(try settings.set("smtp.max_message_size", "50m") == "50M")
        #expect(try settings.size(.maxMessageSize) == 50 << 20)
        #expect(try settings.set("mail.allow_unencrypted", "On") == "true")
        #expect(try settings.bool(.allowUnencrypted))
        #expect(try settings.set("queue.lifetime", "36h") == "1d12h")
        #expect(try settings.duration(.queueLifetime) == .seconds(36 * 3600))
        #expect(try settings.set("smtp.relay_ips", "192.0.2.7, 198.51.100.0/24  2001:db8::/32") == "192.0.2.7/32, 198.51.100.0/24, 2001:db8::/32")
        #expect(try settings.networks(.relayIPs).count == 3)
        #expect(try settings.set("mail.copy_all_to", "Audit@Example.COM") == "Audit@example.com")
        #expect(try settings.address(.copyAllTo) == EmailAddress(localPart: "Audit", domain: "example.com"))
        #expect(try settings.set("auth.password_scheme", "YESCRYPT") == "yescrypt")
        #expect(try settings.passwordScheme() == .yescrypt)
        #expect(try settings.set("server.hostname", "Mail.Example.com") == "mail.example.com")
        #expect(try settings.set("smtp.helo_name", "out.example.com") == "out.example.com")
        #expect(try settings.heloName() == "out.example.com")
        #expect(try settings.set("dns.nameserver", "127.0.0.1:5353, [::1]:53, 192.0.2.53") == "127.0.0.1:5353, [::1]:53, 192.0.2.53")
        #expect(try settings.endpoints(.dnsNameserver) == [
            NetworkEndpoint(address: "127.0.0.1", port: 5353), NetworkEndpoint(address: "::1", port: 53),
            NetworkEndpoint(address: "192.0.2.53", port: nil),
        ])
        #expect(try settings.set("tls.certificate", "/etc/ssl/mail.pem") == "/etc/ssl/mail.pem")
        #expect(try settings.get("TLS.Certificate") == "/etc/ssl/mail.pem")
    }

    @Test(arguments: [
        ("smtp.max_message_size", "20 apples", "a size like 20M"),
        ("smtp.max_message_size", "-1", "a size like 20M"),
        ("mail.allow_unencrypted", "maybe", "true, false, on or off"),
        ("mail.allow_unencrypted", "yes", "true, false, on or off"),
        ("smtp.max_recipients", "0", "a whole number from 1 to 100000"),
        ("smtp.outbound_port", "70000", "a whole number from 1 to 65535"),
        ("queue.lifetime", "4 days", "a duration like 4d, 4h, 30m or 10s"),
        ("queue.lifetime", "4x", "a duration like 4d, 4h, 30m or 10s"),
        ("server.hostname", "", "a host name like mail.example.com"),
        ("server.hostname", "bad_host", "a host name like mail.example.com"),
        ("smtp.helo_name", "no spaces", "a host name like mail.example.com, or empty"),
        ("mail.copy_all_to", "not-an-address", "an address like user@example.com, or empty"),
        ("smtp.trusted_networks", "10.0.0.0/33", "IP addresses or networks like 192.0.2.0/24, 2001:db8::/32, separated by commas"),
        ("smtp.relay_ips", "example.com", "IP addresses or networks like 192.0.2.0/24, 2001:db8::/32, separated by commas"),
        ("dns.nameserver", "ns.example.com", "IP addresses with an optional port like 192.0.2.53 or [2001:db8::1]:5353, separated by commas"),
        ("auth.password_scheme", "md5", "one of sha512-crypt, yescrypt"),
        ("tls.key", "line\nbreak", "one line of text"),
    ])
    func invalidValuesAreRefusedWithTheExpectedForm(key: String, value: String, expected: String) throws {
        let settings = try DirectoryStore.inMemory().settings
        let before = try settings.get(key)
        #expect(errorMessage { try settings.set(key, value) } == "setting \(key): expected \(expected)")
        #expect(try settings.get(key) == before)
    }

    @Test func unknownKeys() throws {
        let settings = try DirectoryStore.inMemory().settings
        #expect(errorMessage { _ = try settings.get("foo.bar") }?.hasPrefix("unknown setting foo.bar (closest: ") == true)
        #expect(errorMessage { try settings.set("foo.bar", "1") }?.hasPrefix("unknown setting foo.bar (closest: ") == true)
        #expect(errorMessage { try settings.reset("foo.bar") }?.hasPrefix("unknown setting foo.bar (closest: ") == true)
    }

    @Test func unknownKeysNameTheClosestKey() throws {
        let settings = try DirectoryStore.inMemory().settings
        #expect(errorMessage { _ = try settings.get("pop3.enable") } == "unknown setting pop3.enable (closest: pop3.enabled)")
        #expect(errorMessage { _ = try settings.get("max_message_size") } == "unknown setting max_message_size (closest: smtp.max_message_size)")
    }

    @Test func emptyValuesWhereAllowed() throws {
        let settings = try DirectoryStore.inMemory().settings
        #expect(try settings.set(.copyAllTo, "x@example.com") == "x@example.com")
        #expect(try settings.set(.copyAllTo, "") == "")
        #expect(try settings.address(.copyAllTo) == nil)
        #expect(try settings.set(.trustedNetworks, "") == "")
        #expect(try settings.networks(.trustedNetworks).isEmpty)
    }

    @Test func listAndReset() throws {
        let settings = try DirectoryStore.inMemory().settings
        try settings.set(.maxRecipients, "50")
        let list = try settings.list()
        #expect(list.map(\.key) == SettingKey.allCases.map(\.rawValue))
        let entry = try #require(list.first { $0.key == "smtp.max_recipients" })
        #expect(entry.value == "50" && entry.defaultValue == "1000" && !entry.isDefault && entry.type == .integer(1...100_000))
        #expect(list.filter { !$0.isDefault }.map(\.key) == ["smtp.max_recipients"])
        try settings.reset("smtp.max_recipients")
        #expect(try settings.int(.maxRecipients) == 1000)
        #expect(try settings.list().allSatisfy(\.isDefault))
    }

    @Test func settingsLiveInTheDatabase() throws {
        let store = try DirectoryStore.inMemory()
        try store.settings.set(.imapMasterUser, "on")
        let count = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM settings WHERE key = 'imap.master_user' AND value = 'true'") }
        #expect(count == 1)
    }

    @Test func aCorruptStoredValueFallsBackToTheDefault() throws {
        let store = try DirectoryStore.inMemory()
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('smtp.max_message_size', 'garbage')")
        }
        #expect(try store.settings.size(.maxMessageSize) == 20 << 20)
        #expect(try store.settings.get(.maxMessageSize) == "20M")
    }
}

@Suite("Value syntaxes")
struct ValueSyntaxTests {
    @Test func sizes() {
        #expect(ValueSyntax.parseSize("0") == 0)
        #expect(ValueSyntax.parseSize("1500") == 1500)
        #expect(ValueSyntax.parseSize("512k") == 524_288)
        #expect(ValueSyntax.parseSize("20M") == 20 << 20)
        #expect(ValueSyntax.parseSize("2 GB") == 2 << 30)
        #expect(ValueSyntax.parseSize("1GiB") == 1 << 30)
        #expect(ValueSyntax.parseSize("1T") == 1 << 40)
        #expect(ValueSyntax.parseSize("") == nil)
        #expect(ValueSyntax.parseSize("M") == nil)
        #expect(ValueSyntax.parseSize("1.5M") == nil)
        #expect(ValueSyntax.parseSize("99999999999999999999") == nil)
        #expect(ValueSyntax.parseSize("9999999999T") == nil) // overflow
        #expect(ValueSyntax.formatSize(20 << 20) == "20M")
        #expect(ValueSyntax.formatSize(1536) == "1536")
        #expect(ValueSyntax.formatSize(3 << 10) == "3K")
    }

    @Test func durations() {
        #expect(ValueSyntax.parseDuration("10s") == 10)
        #expect(ValueSyntax.parseDuration("30m") == 1800)
        #expect(ValueSyntax.parseDuration("4h") == 14_400)
        #expect(ValueSyntax.parseDuration("4d") == 345_600)
        #expect(ValueSyntax.parseDuration("1w") == 604_800)
        #expect(ValueSyntax.parseDuration("1d12h30m") == 131_400)
        #expect(ValueSyntax.parseDuration("90") == 90)
        #expect(ValueSyntax.parseDuration("0s") == 0)
        #expect(ValueSyntax.parseDuration("4") == 4)
        #expect(ValueSyntax.parseDuration("h") == nil)
        #expect(ValueSyntax.parseDuration("4h5") == nil)
        #expect(ValueSyntax.parseDuration("-4h") == nil)
        #expect(ValueSyntax.formatDuration(131_400) == "1d12h30m")
        #expect(ValueSyntax.formatDuration(0) == "0s")
    }

    @Test func networks() throws {
        let v4 = try #require(IPNetwork.parse("192.0.2.77/24"))
        #expect(v4.description == "192.0.2.0/24")
        #expect(v4.contains("192.0.2.1") && v4.contains("192.0.2.255"))
        #expect(!v4.contains("192.0.3.1"))
        #expect(v4.contains("::ffff:192.0.2.9")) // IPv4-mapped, as dual-stack sockets report
        #expect(!v4.contains("2001:db8::1"))
        let v6 = try #require(IPNetwork.parse("2001:DB8::/32"))
        #expect(v6.description == "2001:db8::/32")
        #expect(v6.contains("2001:db8:ffff::1") && !v6.contains("2001:db9::1"))
        #expect(IPNetwork.parse("10.1.2.3")?.prefixLength == 32)
        #expect(IPNetwork.parse("0.0.0.0/0")?.contains("203.0.113.5") == true)
        #expect(IPNetwork.parse("10.0.0.0/33") == nil)
        #expect(IPNetwork.parse("10.0.0.0/") == nil)
        #expect(IPNetwork.parse("host.example") == nil)
        #expect(IPNetwork.parse("::1/129") == nil)
    }
}
