"""A tiny authoritative DNS server in pure Python (dnspython) for the mail authentication
tests: it serves a zone given as data on 127.0.0.1 (UDP and TCP, one free port) and can
answer what unbound's static zones cannot: names with any bytes (spaces, colons),
TXT records with no strings, and simulated failures.

    from mailauth_dns import ZoneServer

    zone = {
        "example.com": [("TXT", [b"v=spf1 -all"]), ("A", "192.0.2.1")],
        "broken.example.com": ["TIMEOUT"],
    }
    with ZoneServer(zone) as dns:
        subprocess.run([..., "--server", dns.endpoint])

Entries at a name, in order: `(TYPE, VALUE)` with TYPE one of A, AAAA, MX (value
`(preference, host)`), TXT (a list of byte strings, possibly empty), PTR, CNAME (a host
name); or the string "TIMEOUT". Answers:
- a name not in the zone: NXDOMAIN (SERVFAIL for names starting with "error.", as the
  pyspf test driver does);
- the records of the asked type; when a "TIMEOUT" entry comes before any of them, SERVFAIL
  (the driver's simulated timeout: a temporary failure, without making clients wait);
- otherwise the name's CNAME if it has one (the client asks again for the target);
- otherwise NOERROR without answers ("no data").
Names compare without ASCII case. TTLs are 0.
"""
import socket
import socketserver
import struct
import threading

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset


def _key(name) -> bytes:
    labels = [label for label in name.labels if label]
    return b".".join(labels).lower()


def _host(text: str) -> dns.name.Name:
    text = text.rstrip(".")
    if not text:
        return dns.name.root
    return dns.name.Name([label.encode() for label in text.split(".")] + [b""])


def _rdata(rtype: str, value):
    IN = dns.rdataclass.IN
    if rtype == "TXT":
        strings = value if isinstance(value, (list, tuple)) else [value]
        strings = [s.encode() if isinstance(s, str) else bytes(s) for s in strings]
        # Character-strings hold 255 bytes: longer values (DKIM keys) are split.
        strings = [s[i:i + 255] for s in strings for i in range(0, max(len(s), 1), 255)] if strings else []
        wire = b"".join(bytes([len(s)]) + s for s in strings)
        return dns.rdata.GenericRdata(IN, dns.rdatatype.TXT, wire)
    if rtype == "MX":
        preference, host = value
        wire = struct.pack("!H", int(preference)) + _host(host).to_wire()
        return dns.rdata.GenericRdata(IN, dns.rdatatype.MX, wire)
    if rtype in ("PTR", "CNAME"):
        return dns.rdata.GenericRdata(IN, dns.rdatatype.from_text(rtype), _host(value).to_wire())
    if rtype == "A":
        return dns.rdata.GenericRdata(IN, dns.rdatatype.A, socket.inet_pton(socket.AF_INET, value))
    if rtype == "AAAA":
        return dns.rdata.GenericRdata(IN, dns.rdatatype.AAAA, socket.inet_pton(socket.AF_INET6, value))
    raise ValueError(f"unsupported record type {rtype}")


class ZoneServer:
    host = "127.0.0.1"

    def __init__(self, zone: dict):
        self.zone = {}
        for name, entries in zone.items():
            key = name.rstrip(".").lower().encode()
            self.zone.setdefault(key, []).extend(entries)
        self.queries = []
        server = self

        class UDPHandler(socketserver.BaseRequestHandler):
            def handle(self):
                data, sock = self.request
                reply = server.answer(data, udp=True)
                if reply is not None:
                    sock.sendto(reply, self.client_address)

        class TCPHandler(socketserver.BaseRequestHandler):
            def handle(self):
                try:
                    while True:
                        head = self._read(2)
                        if not head:
                            return
                        data = self._read(struct.unpack("!H", head)[0])
                        reply = server.answer(data, udp=False)
                        if reply is None:
                            return
                        self.request.sendall(struct.pack("!H", len(reply)) + reply)
                except OSError:
                    return

            def _read(self, n):
                buf = b""
                while len(buf) < n:
                    chunk = self.request.recv(n - len(buf))
                    if not chunk:
                        return b""
                    buf += chunk
                return buf

        for _ in range(20):
            self.udp = socketserver.ThreadingUDPServer((self.host, 0), UDPHandler)
            self.port = self.udp.server_address[1]
            try:
                socketserver.ThreadingTCPServer.allow_reuse_address = True
                self.tcp = socketserver.ThreadingTCPServer((self.host, self.port), TCPHandler)
                break
            except OSError:
                self.udp.server_close()
        else:
            raise RuntimeError("no free port for the DNS server")
        self.udp.daemon_threads = True
        self.tcp.daemon_threads = True
        self.threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (self.udp, self.tcp)]
        for thread in self.threads:
            thread.start()

    @property
    def endpoint(self) -> str:
        return f"{self.host}:{self.port}"

    def answer(self, data: bytes, udp: bool):
        try:
            query = dns.message.from_wire(data)
        except Exception:
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if not query.question:
            response.set_rcode(dns.rcode.FORMERR)
            return response.to_wire()
        question = query.question[0]
        qname, qtype = question.name, question.rdtype
        key = _key(qname)
        self.queries.append((key.decode(errors="replace"), dns.rdatatype.to_text(qtype)))
        entries = self.zone.get(key)
        if entries is None:
            response.set_rcode(dns.rcode.SERVFAIL if key.startswith(b"error.") else dns.rcode.NXDOMAIN)
            return self._wire(response, query, udp)
        found, cname = [], None
        for entry in entries:
            if entry == "TIMEOUT":
                if not found:
                    response.set_rcode(dns.rcode.SERVFAIL)
                    return self._wire(response, query, udp)
                break
            rtype, value = entry
            if value == "TIMEOUT" and dns.rdatatype.from_text(rtype) == qtype:
                response.set_rcode(dns.rcode.SERVFAIL)
                return self._wire(response, query, udp)
            if dns.rdatatype.from_text(rtype) == qtype:
                found.append(_rdata(rtype, value))
            elif rtype == "CNAME" and cname is None:
                cname = _rdata(rtype, value)
        if found:
            rrset = dns.rrset.RRset(qname, dns.rdataclass.IN, qtype)
            for rdata in found:
                rrset.add(rdata, 0)
            response.answer.append(rrset)
        elif cname is not None:
            rrset = dns.rrset.RRset(qname, dns.rdataclass.IN, dns.rdatatype.CNAME)
            rrset.add(cname, 0)
            response.answer.append(rrset)
        return self._wire(response, query, udp)

    def _wire(self, response, query, udp):
        wire = response.to_wire()
        limit = max(512, query.payload if query.edns >= 0 else 512)
        if udp and len(wire) > limit:
            response.answer = []
            response.flags |= dns.flags.TC
            wire = response.to_wire()
        return wire

    def stop(self):
        for server in (self.udp, self.tcp):
            server.shutdown()
            server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
