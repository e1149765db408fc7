"""DNS blocklists in the antispam stage over SMTP (issue 14): URIBL hits served by the test
DNS server score `URIBL_LISTED`, a list answering 127.255.255.x (refused by policy) counts
as not listed and is logged once, and a resolver that never answers does not hold the reply
past the filter budget. No test queries a real list. (DNSBL of the client address is not
exercised here: every test client is on loopback, which is never looked up.)"""
import smtplib
import socket
import time

import pytest

from dnsserver import start_dns_server
from mailserver import MailServer

RECORDS = [
    "evil-domain.test.uribl.test. A 127.0.0.2",
    "evil-domain.test.policy.test. A 127.255.255.254",
    "uribl.test. A 127.0.0.1",
]


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin="alice-bl-pw-1\n")
    s.cli.ok("settings", "set", "filter.greylist.enabled", "false")
    s.cli.ok("settings", "set", "filter.spam.dnsbl", "")
    s.cli.ok("settings", "set", "filter.spam.uribl", "uribl.test=5, policy.test=3")
    yield s
    s.stop()


def send(server, body, subject="links"):
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=60) as s:
        s.ehlo("client.remote.test")
        s.mail("someone@remote.test")
        s.rcpt("alice@example.com")
        code, text = s.data(f"From: someone@remote.test\r\nSubject: {subject}\r\n\r\n{body}\r\n".encode())
        return code, text.decode()


def filter_lines(server):
    return [l for l in server.maillog().splitlines() if "filter: action=" in l]


def test_uribl_listing_scores_and_policy_answer_is_not_a_listing(server, tmp_path):
    with start_dns_server(tmp_path, RECORDS) as dns:
        server.cli.ok("settings", "set", "dns.nameserver", dns.endpoint)
        server.start()
        code, _ = send(server, "Cheap offer at http://www.evil-domain.test/buy now")
        assert code == 250
        [line] = filter_lines(server)
        assert "URIBL_LISTED(5" in line and "evil-domain.test in uribl.test (127.0.0.2)" in line, line
        assert "policy.test" not in line, line
        log = server.maillog()
        assert log.count("blocklist policy.test refuses to answer") == 1, log
        # A second message with the same domain: still listed (from the cache), and the
        # policy zone is not reported again.
        code, _ = send(server, "Again http://evil-domain.test/", subject="again")
        assert code == 250
        assert "URIBL_LISTED(5" in filter_lines(server)[-1]
        assert server.maillog().count("blocklist policy.test refuses to answer") == 1
        # A clean domain scores nothing.
        code, _ = send(server, "Minutes at https://docs.clean-site.test/notes", subject="clean")
        assert code == 250
        assert "URIBL_LISTED" not in filter_lines(server)[-1]


def test_a_resolver_that_never_answers_does_not_hold_the_reply(server):
    # A UDP socket that reads queries and never answers: every lookup times out.
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        server.cli.ok("settings", "set", "dns.nameserver", f"127.0.0.1:{silent.getsockname()[1]}")
        server.cli.ok("settings", "set", "filter.time_budget", "2s")
        server.start()
        started = time.monotonic()
        code, _ = send(server, "See http://www.evil-domain.test/ and http://other.test/")
        elapsed = time.monotonic() - started
        assert code == 250
        # The budget bounds each DNS-using check (mail authentication, then blocklists).
        assert elapsed < 2 * 2 + 2, elapsed
        [line] = filter_lines(server)
        assert "URIBL_LISTED" not in line
    finally:
        silent.close()
