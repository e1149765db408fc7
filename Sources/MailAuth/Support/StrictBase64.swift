import Foundation

/// Base64 as DKIM tags carry it (`b=`, `bh=`, `p=`): whitespace anywhere is ignored
/// (RFC 6376 §3.5), everything else must be exact, padding included. Unlike MIME
/// bodies, a malformed value here means a broken signature or key, never something to
/// repair.
enum StrictBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let compact = text.utf8.filter { !Byte.isFWS($0) }
        guard compact.count % 4 == 0 else { return nil }
        guard let data = Data(base64Encoded: Data(compact)) else { return nil }
        return [UInt8](data)
    }

    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }
}
