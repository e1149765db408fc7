/// A character set named by a MIME `charset` parameter or an RFC 2047 encoded word,
/// resolved to the decoder that handles it.
///
/// Only charsets that mail really uses are accepted: an unknown label resolves to nil
/// rather than being handed to iconv, which keeps exotic (and historically buggy) glibc
/// converters out of reach of hostile input.
public enum Charset: Sendable, Hashable {
    case ascii
    case utf8
    case latin1
    /// Decoded by glibc iconv. When the first converter reports invalid input, the
    /// following ones (supersets used by real senders) are tried as well.
    case iconv([String])

    /// Resolves a charset label case-insensitively, ignoring quotes, surrounding
    /// whitespace and an RFC 2231 language suffix (`utf-8*en`).
    public init?(label: String) {
        var name = label.trimmingMailWhitespace.asciiLowercased
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
            name = String(name.dropFirst().dropLast()).trimmingMailWhitespace
        }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        guard !name.isEmpty, name.utf8.count <= 40 else { return nil }
        if let known = Charset.aliases[name] {
            self = known
            return
        }
        // Families with a regular naming scheme.
        if let n = Charset.suffixNumber(name, prefixes: ["iso-8859-", "iso8859-", "iso_8859-", "iso8859_", "iso-8859_", "iso_8859_"]) {
            if n == 1 { self = .latin1; return }
            guard (2...16).contains(n), n != 12 else { return nil }
            self = .iconv(["ISO-8859-\(n)"])
            return
        }
        if let n = Charset.suffixNumber(name, prefixes: ["windows-", "win-", "cp-", "cp", "x-cp", "ms-", "windows"]) {
            switch n {
            case 1250...1258: self = .iconv(["CP\(n)"])
            case 874: self = .iconv(["CP874"])
            case 932: self = .iconv(["CP932"])
            case 936: self = .iconv(["GBK", "GB18030"])
            case 949: self = .iconv(["CP949"])
            case 950: self = .iconv(["CP950", "BIG5-HKSCS"])
            case 437, 737, 775, 850, 852, 855, 857, 860, 861, 862, 863, 864, 865, 866, 869:
                self = .iconv(["CP\(n)"])
            default: return nil
            }
            return
        }
        return nil
    }

    private static func suffixNumber(_ name: String, prefixes: [String]) -> Int? {
        for p in prefixes where name.hasPrefix(p) {
            let rest = name.dropFirst(p.count)
            if !rest.isEmpty, rest.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(rest) { return n }
        }
        return nil
    }

    private static let aliases: [String: Charset] = {
        var table: [String: Charset] = [:]
        func add(_ names: [String], _ c: Charset) { for n in names { table[n] = c } }
        add(["us-ascii", "ascii", "us", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso646-us", "iso-ir-6",
             "cp367", "ibm367", "csascii", "646", "iso_646.irv:1991", "x-ascii"], .ascii)
        add(["utf-8", "utf8", "unicode-1-1-utf-8", "x-utf-8", "utf_8"], .utf8)
        add(["latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819", "iso_8859-1:1987",
             "csisolatin1", "8859-1", "iso88591", "iso8859_1"], .latin1)
        add(["latin2", "l2", "iso88592"], .iconv(["ISO-8859-2"]))
        add(["latin9", "l9", "iso885915"], .iconv(["ISO-8859-15"]))
        add(["iso-8859-8-i", "iso-8859-8-e", "logical", "visual"], .iconv(["ISO-8859-8"]))
        add(["iso-8859-6-i", "iso-8859-6-e"], .iconv(["ISO-8859-6"]))
        add(["koi8-r", "koi8r", "koi8", "cskoi8r", "koi"], .iconv(["KOI8-R"]))
        add(["koi8-u", "koi8u", "koi8-ru"], .iconv(["KOI8-U"]))
        add(["utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7"], .iconv(["UTF-7"]))
        add(["utf-16", "utf16", "unicode", "ucs-2", "iso-10646-ucs-2", "csunicode"], .iconv(["UTF-16"]))
        add(["utf-16be", "unicodefffe"], .iconv(["UTF-16BE"]))
        add(["utf-16le", "unicodefeff"], .iconv(["UTF-16LE"]))
        add(["utf-32", "utf32"], .iconv(["UTF-32"]))
        add(["utf-32be"], .iconv(["UTF-32BE"]))
        add(["utf-32le"], .iconv(["UTF-32LE"]))
        // Japanese. Senders label Microsoft's extended repertoires with the plain
        // names, so the Microsoft/JIS X 0213 supersets back up the strict converters.
        add(["iso-2022-jp", "csiso2022jp", "iso2022jp", "jis", "x-iso-2022-jp"], .iconv(["ISO-2022-JP", "ISO-2022-JP-3", "ISO-2022-JP-2"]))
        add(["iso-2022-jp-2", "csiso2022jp2"], .iconv(["ISO-2022-JP-2", "ISO-2022-JP-3"]))
        add(["iso-2022-jp-3"], .iconv(["ISO-2022-JP-3"]))
        // glibc's SHIFT_JIS maps 0x5C to YEN SIGN; CP932 keeps ASCII, as mail clients do.
        add(["shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j",
             "cswindows31j", "ms932", "x-ms-cp932", "shift_jisx0213"], .iconv(["CP932", "SHIFT_JISX0213"]))
        add(["euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese", "euc_jp", "ujis"], .iconv(["EUC-JP", "EUC-JP-MS"]))
        // Chinese. GB2312-labelled mail routinely uses GBK characters.
        add(["gb2312", "gbk", "x-gbk", "csgb2312", "euc-cn", "x-euc-cn", "chinese", "gb_2312-80",
             "iso-ir-58", "csiso58gb231280", "gb_2312", "cn-gb"], .iconv(["GBK", "GB18030"]))
        add(["gb18030"], .iconv(["GB18030"]))
        add(["big5", "big-5", "x-big5", "cn-big5", "csbig5", "big5-hkscs", "big5hkscs"], .iconv(["BIG5-HKSCS", "CP950", "BIG5"]))
        add(["hz-gb-2312"], .iconv(["HZ-GB-2312"]))
        add(["euc-tw"], .iconv(["EUC-TW"]))
        // Korean: UHC (CP949) is the superset of EUC-KR that senders actually use.
        add(["euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "ks_c_5601-1989", "ksc5601", "ksc_5601",
             "korean", "csksc56011987", "iso-ir-149", "uhc", "x-windows-949"], .iconv(["CP949"]))
        add(["iso-2022-kr", "csiso2022kr"], .iconv(["ISO-2022-KR"]))
        // Others seen in the wild.
        add(["tis-620", "tis620", "iso-8859-11", "x-windows-874"], .iconv(["CP874", "TIS-620"]))
        add(["viscii"], .iconv(["VISCII"]))
        add(["macintosh", "mac", "x-mac-roman", "csmacintosh"], .iconv(["MACINTOSH"]))
        add(["armscii-8"], .iconv(["ARMSCII-8"]))
        add(["georgian-ps"], .iconv(["GEORGIAN-PS"]))
        add(["ibm866", "866", "csibm866"], .iconv(["CP866"]))
        return table
    }()
}
