import Foundation
import Testing
@testable import Administration

@Suite("Row JSON")
struct JSONTests {
    @Test func nilFieldsAreNullAndKeysAreStable() throws {
        let row = DomainRow(name: "example.com", delivery: "local")
        let object = try #require(AdminJSON.object(row) as? [String: Any])
        #expect(Set(object.keys) == ["name", "delivery", "relay_host", "relay_port", "relay_tls", "catch_all", "copy_to", "dkim", "disclaimer"])
        #expect(object["relay_host"] is NSNull)
        #expect(try AdminJSON.text([row]).contains("\"catch_all\" : null"))
    }

    @Test func backtickedNamesLoseTheirBackticks() throws {
        let address = AddressRow(address: "info@*", local_part: "info", domain: nil, destinations: ["user:bob"], internal: true)
        let object = try #require(AdminJSON.object(address) as? [String: Any])
        #expect(object["internal"] as? Bool == true)
        let setting = SettingRow(key: "a.b", value: "1", default: "2", type: "int", is_default: false, doc: "d")
        #expect((AdminJSON.object(setting) as? [String: Any])?["default"] as? String == "2")
    }

    /// The Codable form (what the API decodes) has the same keys as the rendered form.
    @Test func codableKeysMatchRenderedKeys() throws {
        let row = UserRow(name: "john", quota: 1024, quota_used: 10, spam_retention_days: 15, has_password: true)
        let encoded = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(row)) as? [String: Any])
        let rendered = try #require(AdminJSON.object(row) as? [String: Any])
        #expect(Set(encoded.keys) == Set(rendered.keys))
        #expect(try JSONDecoder().decode(UserRow.self, from: AdminJSON.data(row)) == row)
        let nested = QueueDetail(message: QueueRow(qid: "Q", sender: "", recipients: [], size: 1, arrival: "t", age_seconds: 0,
                                                   attempts: 0, last_error: nil, deliveries: []), header: "H")
        #expect(try JSONDecoder().decode(QueueDetail.self, from: AdminJSON.data(nested)) == nested)
    }
}
