import Testing
@testable import Administration

@Suite("Setting operations")
struct SettingOperationTests {
    @Test func typedWithHelp() throws {
        let admin = try makeAdministration()
        let rows = try admin.settings()
        #expect(!rows.isEmpty && rows.allSatisfy { !$0.doc.isEmpty && !$0.type.isEmpty })
        let size = try admin.setting("smtp.max_message_size")
        #expect(size.type == "size" && size.is_default && size.value == size.default)
        #expect(try admin.settingExpectation("smtp.max_message_size") == "a size like 20M")
    }

    @Test func setNormalizesAndResets() throws {
        let admin = try makeAdministration()
        #expect(try admin.setSetting("smtp.max_message_size", "20m") == "20M")
        #expect(try admin.settingValue("smtp.max_message_size") == "20M")
        #expect(try admin.setting("smtp.max_message_size").is_default == false)
        #expect(try admin.setSetting("imap.enabled", "off") == "false")
        try admin.resetSetting("smtp.max_message_size")
        #expect(try admin.setting("smtp.max_message_size").is_default)
    }

    @Test func errors() throws {
        let admin = try makeAdministration()
        #expect(adminError { _ = try admin.settingValue("foo.bar") }?.message.hasPrefix("unknown setting foo.bar (closest: ") == true)
        #expect(adminError { _ = try admin.setting("foo.bar") }?.kind == .notFound)
        #expect(adminError { try admin.setSetting("foo.bar", "1") }?.kind == .notFound)
        #expect(adminError { try admin.setSetting("smtp.max_message_size", "big") }
            == .invalidInput("setting smtp.max_message_size: expected a size like 20M"))
        #expect(adminError { try admin.setSetting("smtp.outbound_port", "70000") }?.kind == .invalidInput)
    }
}
