/// Untagged data: mailbox status, LIST, SEARCH/ESEARCH/SORT, NAMESPACE, ID, ACL, QUOTA.
extension IMAPResponseEncoder {
    static func writeUntagged(_ data: IMAPUntaggedResponse, to out: inout IMAPOutput) {
        switch data {
        case .condition(let status, let code, let text):
            out.write(status.rawValue + " ")
            writeCodeAndText(code, text, to: &out)
        case .capability(let caps):
            out.write("CAPABILITY")
            for cap in caps { out.write(" " + cap) }
        case .list(let item):
            out.write("LIST ")
            writeListItem(item, to: &out)
        case .lsub(let item):
            out.write("LSUB ")
            writeListItem(item, to: &out)
        case .status(let mailbox, let values):
            out.write("STATUS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeList(values) { o, v in
                o.write(v.attribute.rawValue + " ")
                if let n = v.value { o.write(number: n) } else { o.writeNIL() }
            }
        case .flags(let flags):
            out.write("FLAGS ")
            out.writeFlags(flags)
        case .exists(let n): out.write("\(n) EXISTS")
        case .recent(let n): out.write("\(n) RECENT")
        case .expunge(let n): out.write("\(n) EXPUNGE")
        case .vanished(let uids, let earlier):
            out.write(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            out.write(uids.description)
        case .fetch(let n, let items):
            out.write("\(n) FETCH ")
            out.writeList(items) { o, item in writeFetchItem(item, to: &o) }
        case .search(let numbers, let modSeq):
            out.write("SEARCH")
            writeNumbers(numbers, modSeq: modSeq, to: &out)
        case .sort(let numbers, let modSeq):
            out.write("SORT")
            writeNumbers(numbers, modSeq: modSeq, to: &out)
        case .thread(let threads):
            out.write("THREAD")
            if !threads.isEmpty { out.write(" ") }
            for thread in threads { writeThread(thread, to: &out) }
        case .esearch(let e):
            writeESearch(e, to: &out)
        case .genURLAuth(let urls):
            out.write("GENURLAUTH")
            for url in urls {
                out.write(" ")
                out.writeString(url)
            }
        case .urlFetch(let items):
            // `urlfetch-data = "*" SP "URLFETCH" 1*(SP url-full SP nstring)`: data as a
            // literal so any octets pass, NIL for what cannot be fetched.
            out.write("URLFETCH")
            for item in items {
                out.write(" ")
                out.writeString(item.url)
                out.write(" ")
                out.writeSectionData(item.data.map { $0[...] }, allowBinary: false)
            }
        case .namespace(let ns):
            out.write("NAMESPACE ")
            writeNamespaces(ns.personal, to: &out)
            out.write(" ")
            writeNamespaces(ns.otherUsers, to: &out)
            out.write(" ")
            writeNamespaces(ns.shared, to: &out)
        case .id(let fields):
            out.write("ID ")
            if let fields, !fields.isEmpty {
                out.writeList(fields) { o, f in
                    o.writeString(f.key)
                    o.write(" ")
                    o.writeNString(f.value)
                }
            } else {
                out.writeNIL()
            }
        case .enabled(let caps):
            out.write("ENABLED")
            for cap in caps { out.write(" " + cap) }
        case .acl(let mailbox, let entries):
            out.write("ACL ")
            out.writeMailbox(mailbox)
            for entry in entries {
                out.write(" ")
                out.writeAString(entry.identifier)
                out.write(" ")
                out.writeAString(entry.rights)
            }
        case .listRights(let mailbox, let identifier, let required, let optional):
            out.write("LISTRIGHTS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeAString(identifier)
            out.write(" ")
            // An empty required set is sent as "" (RFC 4314 §3.7).
            out.writeAString(required)
            for rights in optional {
                out.write(" ")
                out.writeAString(rights)
            }
        case .myRights(let mailbox, let rights):
            out.write("MYRIGHTS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeAString(rights)
        case .quota(let root, let resources):
            out.write("QUOTA ")
            out.writeAString(root)
            out.write(" ")
            out.writeList(resources) { o, r in o.write("\(r.name) \(r.usage) \(r.limit)") }
        case .quotaRoot(let mailbox, let roots):
            out.write("QUOTAROOT ")
            out.writeMailbox(mailbox)
            for root in roots {
                out.write(" ")
                out.writeAString(root)
            }
        }
    }

    /// RFC 5256 §5: `thread-list = "(" (thread-members / thread-nested) ")"`, where a
    /// message's single child follows it after a space and several children are nested
    /// lists; a dummy is only its children's nested lists.
    static func writeThread(_ node: IMAPThreadNode, to out: inout IMAPOutput) {
        out.write("(")
        writeThreadMembers(node, to: &out)
        out.write(")")
    }

    private static func writeThreadMembers(_ node: IMAPThreadNode, to out: inout IMAPOutput) {
        guard let number = node.number else {
            for child in node.children { writeThread(child, to: &out) }
            return
        }
        out.write("\(number)")
        if node.children.count == 1 {
            out.write(" ")
            writeThreadMembers(node.children[0], to: &out)
        } else if node.children.count > 1 {
            out.write(" ")
            for child in node.children { writeThread(child, to: &out) }
        }
    }

    static func writeNumbers(_ numbers: [UInt32], modSeq: UInt64?, to out: inout IMAPOutput) {
        for n in numbers { out.write(" \(n)") }
        if let modSeq, !numbers.isEmpty { out.write(" (MODSEQ \(modSeq))") }
    }

    static func writeESearch(_ e: IMAPESearchResponse, to out: inout IMAPOutput) {
        out.write("ESEARCH")
        if let tag = e.tag {
            out.write(" (TAG ")
            out.writeString(tag)
            out.write(")")
        }
        if e.byUID { out.write(" UID") }
        if let n = e.min { out.write(" MIN \(n)") }
        if let n = e.max { out.write(" MAX \(n)") }
        if let all = e.all, !all.isEmpty { out.write(" ALL \(all)") }
        if let sorted = e.sortedAll, !sorted.isEmpty { out.write(" ALL \(IMAPSequenceSet(compacting: sorted))") }
        if let range = e.partialRange {
            let set = e.partialNumbers.isEmpty ? "NIL" : IMAPSequenceSet(compacting: e.partialNumbers).description
            out.write(" PARTIAL (\(range) \(set))")
        }
        if let n = e.count { out.write(" COUNT \(n)") }
        if let n = e.modSeq { out.write(" MODSEQ \(n)") }
        for update in e.contextUpdates { out.write(" " + update.description) }
    }

    static func writeListItem(_ item: IMAPListItem, to out: inout IMAPOutput) {
        out.writeList(item.attributes.filter { IMAPFlag.parse(Array($0.utf8)) != nil }) { o, a in o.write(a) }
        out.write(" ")
        out.writeDelimiter(item.delimiter)
        out.write(" ")
        out.writeMailbox(item.name)
        var extended: [(String, (inout IMAPOutput) -> Void)] = []
        if let info = item.childInfo {
            extended.append(("CHILDINFO", { o in o.writeList(info) { o2, s in o2.writeString(s) } }))
        }
        if let old = item.oldName {
            extended.append(("OLDNAME", { o in o.writeList([old]) { o2, n in o2.writeMailbox(n) } }))
        }
        if !extended.isEmpty {
            out.write(" ")
            out.writeList(extended) { o, entry in
                o.writeString(entry.0)
                o.write(" ")
                entry.1(&o)
            }
        }
    }

    static func writeNamespaces(_ list: [IMAPNamespace], to out: inout IMAPOutput) {
        guard !list.isEmpty else { return out.writeNIL() }
        // RFC 2342 §5: the descriptors follow each other without spaces.
        out.write("(")
        for ns in list {
            out.write("(")
            out.writeString(ns.prefix)
            out.write(" ")
            out.writeDelimiter(ns.delimiter)
            out.write(")")
        }
        out.write(")")
    }
}
