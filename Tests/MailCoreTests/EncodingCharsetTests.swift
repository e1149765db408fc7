import Testing
@testable import MailCore

@Suite struct EncodingCharsetTests {
    private func decode(_ bytes: [UInt8], _ charset: String?) -> String {
        CharsetDecoder.decode(bytes, charset: charset)
    }

    @Test func isoTwentyTwentyTwoJP() {
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x38, 0x6C, 0x24, 0x4E, 0x25, 0x46, 0x25, 0x2D,
                              0x25, 0x39, 0x25, 0x48, 0x1B, 0x28, 0x42]
        #expect(decode(bytes, "ISO-2022-JP") == "日本語のテキスト")
    }

    @Test func shiftJISKeepsASCII() {
        #expect(decode([0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], "Shift_JIS") == "日本語")
        // glibc's SHIFT_JIS would give a yen sign for 0x5C; mail readers show a backslash.
        #expect(decode([0x43, 0x3A, 0x5C, 0x7E], "shift_jis") == "C:\\~")
    }

    @Test func eucJP() {
        #expect(decode([0xC6, 0xFC, 0xCB, 0xDC, 0xB8, 0xEC], "euc-jp") == "日本語")
    }

    @Test func koi8R() {
        #expect(decode([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2], "koi8-r") == "Привет, мир")
    }

    @Test func utf7() {
        #expect(decode(Array("Hi Mom -+Jjo--!".utf8), "UTF-7") == "Hi Mom -☺-!")
    }

    @Test func windows1252() {
        let bytes: [UInt8] = [0x93, 0x53, 0x6D, 0x61, 0x72, 0x74, 0x94, 0x20, 0x80, 0x20, 0x96, 0x20,
                              0x71, 0x75, 0x6F, 0x74, 0x65, 0x73]
        #expect(decode(bytes, "windows-1252") == "“Smart” € – quotes")
        #expect(decode(bytes, "cp1252") == "“Smart” € – quotes")
    }

    @Test func latin1FastPathMapsEveryByte() {
        #expect(decode([0x46, 0x72, 0xF6, 0x80], "ISO-8859-1") == "Fr\u{F6}\u{80}")
        #expect(decode([0xDC, 0x6E, 0xEF, 0x63, 0xF6, 0x64, 0xE9], "iso-8859-15") == "Ünïcödé")
        // All 256 bytes, each the scalar of its own value, in order.
        let all = decode(Array(0...255), "latin1")
        #expect(all.unicodeScalars.map(\.value) == Array(0...255))
        #expect(decode([], "latin1") == "")
    }

    @Test func chineseAndKorean() {
        #expect(decode([0xD6, 0xD0, 0xCE, 0xC4, 0xD3, 0xCA, 0xBC, 0xFE], "gb2312") == "中文邮件")
        #expect(decode([0xA4, 0xA4, 0xA4, 0xE5, 0xB6, 0x6C, 0xA5, 0xF3], "big5") == "中文郵件")
        #expect(decode([0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE], "ks_c_5601-1987") == "한국어")
    }

    @Test func utf16WithByteOrderMark() {
        #expect(decode([0xFF, 0xFE, 0x47, 0x00, 0x72, 0x00, 0xFC, 0x00, 0xDF, 0x00, 0x65, 0x00], "utf-16") == "Grüße")
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(decode([0x61, 0xFF, 0x62], "utf-8") == "a\u{FFFD}b")
        // 0x81 is unassigned in windows-1252.
        #expect(decode([0x61, 0x81, 0x62], "windows-1252") == "a\u{FFFD}b")
        // Truncated multibyte sequence at the end.
        #expect(decode([0x61, 0x93], "shift_jis") == "a\u{FFFD}")
    }

    @Test func unknownOrMislabelledCharsetsFallBackToUTF8() {
        #expect(decode(Array("Grüße".utf8), "x-unknown") == "Grüße")
        #expect(decode(Array("Grüße".utf8), "us-ascii") == "Grüße")
        #expect(decode(Array("Grüße".utf8), nil) == "Grüße")
        #expect(decode([0x47, 0xFC], "x-unknown") == "G\u{FFFD}")
    }

    @Test func labelsAreNormalised() {
        #expect(Charset(label: " \"UTF-8\" ") == .utf8)
        #expect(Charset(label: "utf-8*en") == .utf8)
        #expect(Charset(label: "Latin1") == .latin1)
        #expect(Charset(label: "iso-8859-7") == .iconv(["ISO-8859-7"]))
        // Labels outside the table never reach iconv.
        #expect(Charset(label: "UTF-8//TRANSLIT") == nil)
        #expect(Charset(label: "IBM930") == nil)
    }
}
