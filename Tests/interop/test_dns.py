"""`postino dns query` and `postino dns mx` against a real DNS server (unbound, see
dnsserver.py): record types, MX routing, CNAME chains, negative answers, TCP fallback
and timeouts."""
import socket
import struct
import time

import pytest

from dnsserver import dns_server, start_dns_server, txt_record  # noqa: F401 (fixture)

DKIM_KEY = ("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"
            + "".join(chr(65 + i % 26) for i in range(380)) + "IDAQAB")
TLSA_HASH = "0123456789abcdef" * 4
BIG_COUNT = 120

RECORDS = [
    "example.test. 300 MX 20 mx2.example.test.",
    "example.test. 300 MX 10 mx1.example.test.",
    "example.test. 300 MX 10 mx1b.example.test.",
    "mx1.example.test. 300 A 127.0.0.2",
    "mx1.example.test. 300 AAAA ::1",
    "mx1b.example.test. 300 A 127.0.0.4",
    "mx2.example.test. 300 A 127.0.0.3",
    "nullmx.example.test. 300 MX 0 .",
    "implicit.example.test. 300 A 127.0.0.5",
    "broken.example.test. 300 MX 10 missing.example.test.",
    txt_record("sel._domainkey.example.test.", DKIM_KEY, ttl=300),
    'multi.example.test. 300 TXT "v=spf1 " "ip4:127.0.0.0/8 " "-all"',
    "www.example.test. 300 CNAME alias.example.test.",
    "alias.example.test. 300 CNAME mx1.example.test.",
    "loop1.example.test. 300 CNAME loop2.example.test.",
    "loop2.example.test. 300 CNAME loop1.example.test.",
    "5.0.0.127.in-addr.arpa. 300 PTR implicit.example.test.",
    f"_25._tcp.mx1.example.test. 300 TLSA 3 1 1 {TLSA_HASH}",
] + [f"big.example.test. 300 A 127.0.1.{i}" for i in range(1, BIG_COUNT + 1)]


@pytest.fixture(scope="module")
def dns(tmp_path_factory):
    with start_dns_server(tmp_path_factory.mktemp("dns"), RECORDS) as server:
        yield server


def query(postino, dns, *args):
    return postino.json("dns", "query", *args, "--server", dns.endpoint)


def mx(postino, dns, domain):
    return postino.json("dns", "mx", domain, "--server", dns.endpoint)


def test_a_and_aaaa(postino, dns):
    answer = query(postino, dns, "mx1.example.test")
    assert answer["type"] == "A" and answer["canonical_name"] == "mx1.example.test"
    assert [r["address"] for r in answer["records"]] == ["127.0.0.2"]
    assert answer["records"][0]["ttl"] == 300
    assert [r["address"] for r in query(postino, dns, "mx1.example.test", "AAAA")["records"]] == ["::1"]
    text = postino.ok("dns", "query", "MX1.Example.TEST", "a", "--server", dns.endpoint)
    assert text.strip() == "MX1.Example.TEST. 300 A 127.0.0.2"


def test_mx_records_and_route_ordering(postino, dns):
    records = query(postino, dns, "example.test", "MX")["records"]
    assert sorted((r["preference"], r["exchange"]) for r in records) == [
        (10, "mx1.example.test"), (10, "mx1b.example.test"), (20, "mx2.example.test")]
    firsts = set()
    for _ in range(12):
        route = mx(postino, dns, "example.test")
        assert route["route"] == "mx"
        hosts = route["exchangers"]
        assert [h["preference"] for h in hosts] == [10, 10, 20]
        assert {h["host"] for h in hosts[:2]} == {"mx1.example.test", "mx1b.example.test"}
        assert hosts[2] == {"preference": 20, "host": "mx2.example.test", "addresses": ["127.0.0.3"], "error": None}
        by_host = {h["host"]: h["addresses"] for h in hosts}
        assert by_host["mx1.example.test"] == ["127.0.0.2", "::1"]
        firsts.add(hosts[0]["host"])
    # Equal preferences are shuffled (2 × 2^-12 chance of a false failure).
    assert firsts == {"mx1.example.test", "mx1b.example.test"}
    text = postino.ok("dns", "mx", "example.test", "--server", dns.endpoint)
    assert text.splitlines()[0] == "example.test: MX"
    assert text.splitlines()[3] == "  20 mx2.example.test 127.0.0.3"


def test_null_mx(postino, dns):
    route = mx(postino, dns, "nullmx.example.test")
    assert route == {"domain": "nullmx.example.test", "route": "null-mx", "exchangers": []}
    assert "null MX" in postino.ok("dns", "mx", "nullmx.example.test", "--server", dns.endpoint)


def test_implicit_mx(postino, dns):
    route = mx(postino, dns, "implicit.example.test")
    assert route["route"] == "implicit-mx"
    assert route["exchangers"] == [{"preference": 0, "host": "implicit.example.test",
                                    "addresses": ["127.0.0.5"], "error": None}]
    assert "implicit MX" in postino.ok("dns", "mx", "implicit.example.test", "--server", dns.endpoint)


def test_mx_host_without_address_is_reported_not_fatal(postino, dns):
    route = mx(postino, dns, "broken.example.test")
    assert route["exchangers"][0]["addresses"] == []
    assert "NXDOMAIN" in route["exchangers"][0]["error"]


def test_mx_of_missing_domain_is_permanent(postino, dns):
    proc = postino.run("dns", "mx", "nope.example.test", "--server", dns.endpoint, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "postino: nope.example.test: no such domain (NXDOMAIN)"


def test_long_txt_record_in_several_strings(postino, dns):
    [record] = query(postino, dns, "sel._domainkey.example.test", "TXT")["records"]
    assert len(DKIM_KEY) > 255
    assert [len(s) for s in record["strings"]] == [255, len(DKIM_KEY) - 255]
    assert record["text"] == DKIM_KEY
    [multi] = query(postino, dns, "multi.example.test", "TXT")["records"]
    assert multi["strings"] == ["v=spf1 ", "ip4:127.0.0.0/8 ", "-all"]
    assert multi["text"] == "v=spf1 ip4:127.0.0.0/8 -all"
    text = postino.ok("dns", "query", "multi.example.test", "TXT", "--server", dns.endpoint)
    assert text.strip() == 'multi.example.test. 300 TXT "v=spf1 " "ip4:127.0.0.0/8 " "-all"'


def test_cname_chain_is_followed(postino, dns):
    answer = query(postino, dns, "www.example.test")
    assert answer["canonical_name"] == "mx1.example.test"
    assert [(r["name"], r["type"]) for r in answer["records"]] == [
        ("www.example.test", "CNAME"), ("alias.example.test", "CNAME"), ("mx1.example.test", "A")]
    assert answer["records"][-1]["address"] == "127.0.0.2"
    # Asking for the CNAME itself does not follow it.
    [cname] = query(postino, dns, "www.example.test", "CNAME")["records"]
    assert cname["target"] == "alias.example.test"


def test_cname_loop_is_an_error(postino, dns):
    proc = postino.run("dns", "query", "loop1.example.test", "--server", dns.endpoint, check=False)
    assert proc.returncode == 75
    assert "CNAME chain" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_ptr(postino, dns):
    [record] = query(postino, dns, "127.0.0.5", "PTR")["records"]
    assert record["name"] == "5.0.0.127.in-addr.arpa"
    assert record["target"] == "implicit.example.test"
    [same] = query(postino, dns, "5.0.0.127.in-addr.arpa", "PTR")["records"]
    assert same == record


def test_tlsa(postino, dns):
    [record] = query(postino, dns, "_25._tcp.mx1.example.test", "TLSA")["records"]
    assert (record["usage"], record["selector"], record["matching_type"]) == (3, 1, 1)
    assert record["certificate_association_data"] == TLSA_HASH
    assert record["data"] == f"3 1 1 {TLSA_HASH}"


def test_nxdomain_and_no_data_differ(postino, dns):
    missing = postino.run("dns", "query", "nope.example.test", "--server", dns.endpoint, check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "postino: nope.example.test: no such domain (NXDOMAIN)"
    empty = postino.run("dns", "query", "mx2.example.test", "AAAA", "--server", dns.endpoint, check=False)
    assert empty.returncode == 2
    assert empty.stderr.strip() == "postino: mx2.example.test: no AAAA records"


def _udp_query_flags(port: int, name: str, qtype: int) -> int:
    """Sends one EDNS0 (1232 bytes) query over UDP and returns the response flags."""
    qname = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    packet = (struct.pack(">HHHHHH", 0x4242, 0x0100, 1, 0, 0, 1) + qname + struct.pack(">HH", qtype, 1)
              + b"\0" + struct.pack(">HHIH", 41, 1232, 0, 0))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(5)
        s.sendto(packet, ("127.0.0.1", port))
        return struct.unpack(">H", s.recv(65535)[2:4])[0]


def test_truncated_udp_answer_falls_back_to_tcp(postino, dns):
    # The server itself truncates this RRset over UDP…
    assert _udp_query_flags(dns.port, "big.example.test", 1) & 0x0200
    # …so getting all of it means postino asked again over TCP.
    records = query(postino, dns, "big.example.test")["records"]
    assert len(records) == BIG_COUNT
    assert {r["address"] for r in records} == {f"127.0.1.{i}" for i in range(1, BIG_COUNT + 1)}


def test_timeout_when_nothing_answers(postino):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        endpoint = "127.0.0.1:%d" % silent.getsockname()[1]
        started = time.monotonic()
        proc = postino.run("dns", "query", "example.test", "--server", endpoint,
                           "--timeout", "0.3", "--attempts", "2", check=False)
        elapsed = time.monotonic() - started
    assert proc.returncode == 75
    assert proc.stderr.strip() == "postino: example.test A: no answer from the nameservers (timeout)"
    assert elapsed < 5


def test_closed_port_fails_fast(postino):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = postino.run("dns", "query", "example.test", "--server", f"127.0.0.1:{port}",
                       "--timeout", "5", "--attempts", "1", check=False)
    assert proc.returncode == 75
    assert "connection refused" in proc.stderr


def test_dns_nameserver_setting_is_used(postino, dns):
    postino.ok("settings", "set", "dns.nameserver", f"127.0.0.1:1, {dns.endpoint}")
    answer = postino.json("dns", "query", "mx1.example.test", "--timeout", "1")
    assert [r["address"] for r in answer["records"]] == ["127.0.0.2"]


def test_ipv6_nameserver_and_reverse_name(postino, dns_server):
    server = dns_server(["mx.example.test. A 127.0.0.2",
                         "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR mx.example.test."],
                        ipv6=True)
    answer = postino.json("dns", "query", "mx.example.test", "--server", server.endpoint6)
    assert [r["address"] for r in answer["records"]] == ["127.0.0.2"]
    [ptr] = postino.json("dns", "query", "2001:db8::1", "PTR", "--server", server.endpoint6)["records"]
    assert ptr["target"] == "mx.example.test"


def test_fixture_answers_like_a_zone(dns_server):
    """What the lead's tests rely on: NXDOMAIN vs no data with an SOA, long TXT split."""
    server = dns_server(["a.example.test. A 127.0.0.2",
                         f'k.example.test. TXT "{"x" * 300}"'])
    assert _udp_query_flags(server.port, "nope.example.test", 1) & 0x000F == 3
    assert _udp_query_flags(server.port, "a.example.test", 28) & 0x000F == 0
    assert _udp_query_flags(server.port, "a.example.test", 1) & 0x000F == 0
    assert "TXT" in (server.directory / "unbound.conf").read_text()
    assert '"' + "x" * 255 + '" "' + "x" * 45 + '"' in (server.directory / "unbound.conf").read_text()


def test_bad_arguments(postino):
    assert "unknown record type" in postino.fails("dns", "query", "example.test", "BOGUS")
    assert "--server" in postino.fails("dns", "query", "example.test", "--server", "ns.example.test")
    assert "invalid name" in postino.fails("dns", "query", "bad..name", "--server", "127.0.0.1:1")
