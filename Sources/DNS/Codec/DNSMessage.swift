/// A DNS message (RFC 1035 §4.1): header, question and the three record sections. The
/// EDNS0 OPT record, if any, is in `edns` rather than in `additionals`.
public struct DNSMessage: Sendable, Hashable {
    public var header: DNSHeader
    public var questions: [DNSQuestion]
    public var answers: [DNSResourceRecord]
    public var authorities: [DNSResourceRecord]
    public var additionals: [DNSResourceRecord]
    public var edns: EDNS?

    /// The largest message: the TCP length prefix is 16 bits (RFC 1035 §4.2.2).
    public static let maximumSize = 65_535

    public init(header: DNSHeader, questions: [DNSQuestion] = [], answers: [DNSResourceRecord] = [],
                authorities: [DNSResourceRecord] = [], additionals: [DNSResourceRecord] = [],
                edns: EDNS? = nil) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
    }

    /// A recursive query for one name and type with an EDNS0 OPT record advertising
    /// `udpPayloadSize`. The AD bit asks the resolver to report DNSSEC validation
    /// (RFC 6840 §5.7), which DANE needs.
    public static func query(id: UInt16, name: DNSName, type: DNSRecordType,
                             udpPayloadSize: UInt16? = EDNS.defaultUDPPayloadSize) -> DNSMessage {
        DNSMessage(header: DNSHeader(id: id, recursionDesired: true, authenticData: true),
                   questions: [DNSQuestion(name: name, type: type)],
                   edns: udpPayloadSize.map { EDNS(udpPayloadSize: $0) })
    }

    /// The full 12-bit RCODE: the header's four bits plus the OPT record's upper bits.
    public var responseCode: DNSResponseCode {
        get {
            let high = UInt16(edns?.extendedRcode ?? 0) << 4
            return DNSResponseCode(rawValue: high | UInt16(header.rcodeLow))
        }
        set {
            header.rcodeLow = UInt8(truncatingIfNeeded: newValue.rawValue & 0x0F)
            let high = UInt8(truncatingIfNeeded: newValue.rawValue >> 4)
            if edns != nil {
                edns?.extendedRcode = high
            } else if high != 0 {
                edns = EDNS(extendedRcode: high)
            }
        }
    }
}

// MARK: - Decoding

extension DNSMessage {
    /// Decodes a message. Messages with TC set may end early (RFC 2181 §9): the records
    /// before the cut are kept and the rest is dropped rather than refused.
    public init(decoding bytes: [UInt8]) throws(DNSDecodingError) {
        guard bytes.count <= Self.maximumSize else { throw .messageTooLarge(bytes.count) }
        var reader = WireReader(bytes)
        let id = try reader.readUInt16()
        let header = DNSHeader(id: id, flags: try reader.readUInt16())
        let questionCount = try reader.readUInt16()
        let answerCount = try reader.readUInt16()
        let authorityCount = try reader.readUInt16()
        let additionalCount = try reader.readUInt16()
        self.init(header: header)
        do throws(DNSDecodingError) {
            for _ in 0..<questionCount {
                let name = try reader.readName()
                let type = DNSRecordType(rawValue: try reader.readUInt16())
                let questionClass = DNSClass(rawValue: try reader.readUInt16())
                questions.append(DNSQuestion(name: name, type: type, questionClass: questionClass))
            }
            for _ in 0..<answerCount { answers.append(try Self.readRecord(from: &reader)) }
            for _ in 0..<authorityCount { authorities.append(try Self.readRecord(from: &reader)) }
            for _ in 0..<additionalCount {
                let start = reader.position
                let record = try Self.readRecord(from: &reader)
                guard case .unknown(.opt, let data) = record.data else {
                    additionals.append(record)
                    continue
                }
                // RFC 6891 §6.1.1: one OPT at most, owned by the root.
                guard edns == nil, record.name.isRoot else { throw DNSDecodingError.invalidOPTRecord(offset: start) }
                edns = try Self.edns(classField: record.recordClass.rawValue, ttlField: record.ttl, data: data, offset: start)
            }
        } catch {
            guard header.truncated, case .truncated = error else { throw error }
            return
        }
        guard reader.remaining == 0 else { throw .trailingBytes(offset: reader.position) }
    }

    /// One resource record; RDATA of the interpreted types must match its length exactly.
    private static func readRecord(from reader: inout WireReader) throws(DNSDecodingError) -> DNSResourceRecord {
        let name = try reader.readName()
        let type = DNSRecordType(rawValue: try reader.readUInt16())
        let recordClass = DNSClass(rawValue: try reader.readUInt16())
        let rawTTL = try reader.readUInt32()
        let length = Int(try reader.readUInt16())
        let start = reader.position
        guard reader.remaining >= length else { throw .truncated(offset: start) }
        var rdata = reader
        rdata.end = start + length
        let data = try readData(type: type, from: &rdata)
        guard rdata.position == rdata.end else { throw .invalidRecordData(type: type, offset: start) }
        _ = try reader.readBytes(length)
        // RFC 2181 §8: a TTL with the top bit set counts as zero. The OPT record's TTL
        // field holds flags instead and is kept whole.
        let ttl = type != .opt && rawTTL > UInt32(Int32.max) ? 0 : rawTTL
        return DNSResourceRecord(name: name, recordClass: recordClass, ttl: ttl, data: data)
    }

    private static func readData(type: DNSRecordType, from reader: inout WireReader) throws(DNSDecodingError) -> RecordData {
        let start = reader.position
        func invalid() -> DNSDecodingError { .invalidRecordData(type: type, offset: start) }
        switch type {
        case .a:
            guard reader.remaining == 4, let address = IPv4Address(bytes: try reader.readBytes(4)) else { throw invalid() }
            return .a(address)
        case .aaaa:
            guard reader.remaining == 16, let address = IPv6Address(bytes: try reader.readBytes(16)) else { throw invalid() }
            return .aaaa(address)
        case .mx:
            let preference = try reader.readUInt16()
            return .mx(MXRecord(preference: preference, exchange: try reader.readName()))
        case .txt:
            var strings: [[UInt8]] = []
            while reader.remaining > 0 { strings.append(try reader.readCharacterString()) }
            return .txt(TXTRecord(strings: strings))
        case .ptr:
            return .ptr(try reader.readName())
        case .cname:
            return .cname(try reader.readName())
        case .ns:
            return .ns(try reader.readName())
        case .soa:
            let primary = try reader.readName()
            let mailbox = try reader.readName()
            return .soa(SOARecord(primaryNameserver: primary, responsibleMailbox: mailbox,
                                  serial: try reader.readUInt32(), refresh: try reader.readUInt32(),
                                  retry: try reader.readUInt32(), expire: try reader.readUInt32(),
                                  minimum: try reader.readUInt32()))
        case .tlsa:
            let usage = try reader.readUInt8()
            let selector = try reader.readUInt8()
            let matching = try reader.readUInt8()
            return .tlsa(TLSARecord(certificateUsage: usage, selector: selector, matchingType: matching,
                                    associationData: try reader.readBytes(reader.remaining)))
        default:
            return .unknown(type, try reader.readBytes(reader.remaining))
        }
    }

    /// RFC 6891 §6.1.2–6.1.3: CLASS is the payload size, TTL holds the extended RCODE,
    /// the version and the DO bit, RDATA a list of options.
    private static func edns(classField: UInt16, ttlField: UInt32, data: [UInt8], offset: Int) throws(DNSDecodingError) -> EDNS {
        var options: [EDNSOption] = []
        var reader = WireReader(data)
        while reader.remaining > 0 {
            guard let code = try? reader.readUInt16(), let length = try? reader.readUInt16(),
                  let value = try? reader.readBytes(Int(length)) else { throw .invalidOPTRecord(offset: offset) }
            options.append(EDNSOption(code: code, data: value))
        }
        return EDNS(udpPayloadSize: classField,
                    extendedRcode: UInt8(truncatingIfNeeded: ttlField >> 24),
                    version: UInt8(truncatingIfNeeded: ttlField >> 16),
                    dnssecOK: ttlField & 0x8000 != 0,
                    options: options)
    }
}

// MARK: - Encoding

extension DNSMessage {
    /// The wire form, names compressed (in RDATA too for the RFC 1035 types, as RFC 3597
    /// §4 allows).
    public func encoded() throws(DNSEncodingError) -> [UInt8] {
        var writer = WireWriter()
        writer.writeUInt16(header.id)
        writer.writeUInt16(header.flags)
        let additionalCount = additionals.count + (edns == nil ? 0 : 1)
        for count in [questions.count, answers.count, authorities.count, additionalCount] {
            guard count <= Int(UInt16.max) else { throw .tooManyRecords }
            writer.writeUInt16(UInt16(count))
        }
        for question in questions {
            writer.writeName(question.name, compress: true)
            writer.writeUInt16(question.type.rawValue)
            writer.writeUInt16(question.questionClass.rawValue)
        }
        for record in answers + authorities + additionals {
            try Self.write(record, to: &writer)
        }
        if let edns {
            var ttl = UInt32(edns.extendedRcode) << 24 | UInt32(edns.version) << 16
            if edns.dnssecOK { ttl |= 0x8000 }
            var data: [UInt8] = []
            for option in edns.options {
                guard option.data.count <= Int(UInt16.max) else { throw .recordDataTooLong(option.data.count) }
                data += [UInt8(option.code >> 8), UInt8(option.code & 0xFF),
                         UInt8(option.data.count >> 8), UInt8(option.data.count & 0xFF)] + option.data
            }
            let opt = DNSResourceRecord(name: .root, recordClass: DNSClass(rawValue: edns.udpPayloadSize),
                                        ttl: ttl, data: .unknown(.opt, data))
            try Self.write(opt, to: &writer)
        }
        guard writer.bytes.count <= Self.maximumSize else { throw .messageTooLarge(writer.bytes.count) }
        return writer.bytes
    }

    private static func write(_ record: DNSResourceRecord, to writer: inout WireWriter) throws(DNSEncodingError) {
        writer.writeName(record.name, compress: true)
        writer.writeUInt16(record.type.rawValue)
        writer.writeUInt16(record.recordClass.rawValue)
        writer.writeUInt32(record.ttl)
        let lengthOffset = writer.bytes.count
        writer.writeUInt16(0)
        switch record.data {
        case .a(let address): writer.writeBytes(address.bytes)
        case .aaaa(let address): writer.writeBytes(address.bytes)
        case .mx(let mx):
            writer.writeUInt16(mx.preference)
            writer.writeName(mx.exchange, compress: true)
        case .txt(let txt):
            for string in txt.strings { try writer.writeCharacterString(string) }
        case .ptr(let name), .cname(let name), .ns(let name):
            writer.writeName(name, compress: true)
        case .soa(let soa):
            writer.writeName(soa.primaryNameserver, compress: true)
            writer.writeName(soa.responsibleMailbox, compress: true)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { writer.writeUInt32(value) }
        case .tlsa(let tlsa):
            writer.writeBytes([tlsa.certificateUsage, tlsa.selector, tlsa.matchingType])
            writer.writeBytes(tlsa.associationData)
        case .unknown(_, let bytes):
            writer.writeBytes(bytes)
        }
        let length = writer.bytes.count - lengthOffset - 2
        guard length <= Int(UInt16.max) else { throw .recordDataTooLong(length) }
        writer.patchUInt16(UInt16(length), at: lengthOffset)
    }
}
