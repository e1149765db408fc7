"""`user list` shows the quota usage the mail index keeps: up after delivery, down after a
POP3 DELE (it used to stay at the directory's last summary)."""
import json
import poplib
import time

import pytest

from mailserver import MailServer, client_tls_context, deliver_many

PASSWORD = "alice-quota-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "pop3s"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.start()
    yield s
    s.stop()


def alice_usage(server) -> int:
    return {u["name"]: u for u in json.loads(server.cli.ok("user", "list", "--json"))}["alice"]["quota_used"]


def wait_for_usage(server, expected: int) -> int:
    deadline = time.time() + 10
    while alice_usage(server) != expected and time.time() < deadline:
        time.sleep(0.05)
    return alice_usage(server)


def test_user_list_follows_pop3_deletions(server):
    messages = [(f"From: s@remote.example\r\nTo: alice@example.com\r\nSubject: {i}\r\n\r\n" + "x" * (100 * (i + 1)) + "\r\n").encode()
                for i in range(3)]
    deliver_many(server, "alice@example.com", messages, connections=1)
    stored = server.wait_for_messages("alice", 3)
    total = sum(f.stat().st_size for f in stored)
    assert wait_for_usage(server, total) == total

    p = poplib.POP3_SSL("127.0.0.1", server.port("pop3s"), context=client_tls_context(), timeout=30)
    p.user("alice")
    p.pass_(PASSWORD)
    _, listing, _ = p.list()
    first_size = int(listing[0].split()[1])
    p.dele(1)
    p.quit()
    assert wait_for_usage(server, total - first_size) == total - first_size
