/// The attachment names inside a TNEF stream (`winmail.dat`, application/ms-tnef, as
/// Outlook sends them): the attAttachTitle attributes ([MS-OXTNEF] §2.1.3.3).
enum TNEFNames {
    static func names(in bytes: [UInt8]) -> [String] {
        guard bytes.count >= 6, bytes[0..<4].elementsEqual([0x78, 0x9F, 0x3E, 0x22]) else { return [] }
        var names: [String] = []
        var offset = 6  // signature (4) + legacy key (2)
        while offset + 9 <= bytes.count, names.count < 1000 {
            let id = u32(bytes, offset + 1)
            let length = Int(u32(bytes, offset + 5))
            let data = offset + 9
            guard length >= 0, data + length <= bytes.count else { break }
            if id == 0x0001_8010 {  // attAttachTitle: string, NUL-terminated
                var name = Array(bytes[data..<(data + length)])
                while name.last == 0 { name.removeLast() }
                names.append(String(decoding: name, as: UTF8.self))
            }
            offset = data + length + 2  // checksum
        }
        return names
    }

    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
