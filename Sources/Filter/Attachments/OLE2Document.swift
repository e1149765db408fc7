/// Just enough of the OLE2 compound file format ([MS-CFB]) to tell an MSI installer from
/// an Office document and to find VBA macro storages: the directory entries' names and
/// the root entry's CLSID. Reads the directory through the FAT; never trusts a sector
/// number it cannot bound.
struct OLE2Document {
    let bytes: [UInt8]
    let sectorSize: Int
    let entries: [Entry]

    struct Entry {
        var name: String
        var type: UInt8
        var clsid: [UInt8]
    }

    /// {000C1084-0000-0000-C000-000000000046}, the MSI root storage class, as stored (little-endian fields).
    static let msiCLSID: [UInt8] = [0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46]

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 512, bytes[0..<8].elementsEqual([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else { return nil }
        self.bytes = bytes
        let shift = Int(Self.u16(bytes, 30))
        guard shift == 9 || shift == 12 else { return nil }
        sectorSize = 1 << shift
        let firstDirectorySector = Int(Self.u32(bytes, 48))
        // The FAT's sectors: the first 109 are listed in the header (DIFAT).
        var fatSectors: [Int] = []
        for i in 0..<109 {
            let sector = Self.u32(bytes, 76 + 4 * i)
            if sector >= 0xFFFF_FFFA { break }
            fatSectors.append(Int(sector))
        }
        func sectorOffset(_ sector: Int) -> Int? {
            let offset = (sector + 1) * (1 << shift)
            return offset + (1 << shift) <= bytes.count ? offset : nil
        }
        func next(_ sector: Int) -> Int? {
            let perSector = (1 << shift) / 4
            let fatIndex = sector / perSector
            guard fatIndex < fatSectors.count, let base = sectorOffset(fatSectors[fatIndex]) else { return nil }
            let value = Self.u32(bytes, base + 4 * (sector % perSector))
            return value >= 0xFFFF_FFFA ? nil : Int(value)
        }
        var entries: [Entry] = []
        var sector: Int? = firstDirectorySector
        var visited = Set<Int>()
        while let current = sector, visited.insert(current).inserted, visited.count < 4096,
              let base = sectorOffset(current) {
            for slot in stride(from: base, to: base + (1 << shift), by: 128) {
                let nameLength = min(64, Int(Self.u16(bytes, slot + 64)))
                var units: [UInt16] = []
                var i = 0
                while i + 1 < nameLength { units.append(Self.u16(bytes, slot + i)); i += 2 }
                if units.last == 0 { units.removeLast() }
                let name = String(decoding: units, as: UTF16.self)
                entries.append(Entry(name: name, type: bytes[slot + 66], clsid: Array(bytes[(slot + 80)..<(slot + 96)])))
            }
            sector = next(current)
        }
        guard !entries.isEmpty else { return nil }
        self.entries = entries
    }

    /// The root entry carries the MSI class (plain .doc/.xls files do not).
    var isMSI: Bool { entries.first.map { $0.type == 5 && $0.clsid == Self.msiCLSID } ?? false }

    /// A VBA project storage (`VBA`, `_VBA_PROJECT`, `_VBA_PROJECT_CUR` in Word/Excel files,
    /// `Macros` in Word 97+).
    var hasMacros: Bool {
        entries.contains { entry in
            let name = entry.name.uppercased()
            return name == "_VBA_PROJECT" || name == "_VBA_PROJECT_CUR" || name == "VBA" || (name == "MACROS" && entry.type == 1)
        }
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        guard i + 1 < b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        guard i + 3 < b.count else { return 0xFFFF_FFFF }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
