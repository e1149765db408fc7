"""The antispam stage over SMTP (issue 14): the three thresholds with the headers and the
subject prefix, refusal or quarantine above deny, and greylisting (first try 451, early
retry 451, retry after the delay 250, a known triple at once, authenticated users never)."""
import email
import smtplib
import time

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "alice-spam-pw-1"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "submission"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "quarantine", "--password-stdin", stdin="quarantine-pw-1\n")
    # 127.0.0.1 must not count as a trusted network, or it would never be greylisted.
    s.cli.ok("settings", "set", "smtp.trusted_networks", "192.0.2.0/24")
    s.start()
    yield s
    s.stop()


def thresholds(server, greylist, flag, deny):
    # Keep greylist < flag < deny at every step (the order check refuses anything else).
    def put(key, value):
        # "--": a negative value is not an option (the data directory comes from the environment).
        server.cli.run("settings", "set", key, "--", str(value), env={"POSTINO_DATA": str(server.data)})
    put("filter.spam.deny", 900)
    put("filter.spam.greylist", -900)
    put("filter.spam.flag", flag)
    put("filter.spam.greylist", greylist)
    put("filter.spam.deny", deny)
    time.sleep(1.1)  # the filter re-reads its settings at most once a second


def send25(server, subject, sender="someone@remote.test"):
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        s.ehlo("client.remote.test")
        s.mail(sender)
        s.rcpt("alice@example.com")
        code, text = s.data(f"From: {sender}\r\nSubject: {subject}\r\n\r\nHello there.\r\n".encode())
        return code, text.decode()


def test_above_flag_is_marked_and_above_deny_refused_or_quarantined(server):
    server.cli.ok("settings", "set", "filter.greylist.enabled", "false")
    server.cli.ok("settings", "set", "filter.spam.subject_prefix", "***SPAM***")
    thresholds(server, -200, -100, 900)
    code, _ = send25(server, "flagged")
    assert code == 250
    [path] = server.wait_for_messages("alice", 1, folder="Junk")
    msg = email.message_from_bytes(path.read_bytes())
    assert msg["X-Spam"] == "Yes" and msg["X-Spam-Flag"] == "YES"
    assert msg["Subject"] == "***SPAM*** flagged"
    assert float(msg["X-Spam-Score"]) >= -100
    assert msg["X-Spam-Status"].startswith("Yes, score=")
    assert "action=add-header" in server.maillog()
    thresholds(server, -300, -200, -100)
    code, text = send25(server, "denied")
    assert code == 554 and "5.7.1" in text and "spam" in text, (code, text)
    server.cli.ok("settings", "set", "filter.quarantine.enabled", "true")
    server.cli.ok("settings", "set", "filter.quarantine.mailbox", "quarantine")
    time.sleep(1.1)
    code, _ = send25(server, "quarantined")
    assert code == 250
    [held] = server.wait_for_messages("quarantine", 1)
    held_bytes = held.read_bytes()
    assert b"Subject: quarantined" in held_bytes and b"X-Spam-Status: Yes, score=" in held_bytes


def test_greylisting(server):
    server.cli.ok("settings", "set", "filter.greylist.delay", "2s")
    thresholds(server, -500, 800, 900)  # every message is above greylist, below flag
    code, text = send25(server, "first", sender="new@remote.test")
    assert code == 451 and "4.7.1" in text and "Greylisted" in text, (code, text)
    code, _ = send25(server, "too early", sender="new@remote.test")
    assert code == 451
    time.sleep(2.5)
    code, _ = send25(server, "after the delay", sender="new@remote.test")
    assert code == 250
    code, _ = send25(server, "known now", sender="new@remote.test")
    assert code == 250
    assert "action=greylist" in server.maillog()
    # An authenticated client is never greylisted.
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        s.login("alice", PASSWORD)
        s.mail("alice@example.com")
        s.rcpt("alice@example.com")
        code, _ = s.data(b"From: alice@example.com\r\nSubject: from a user\r\n\r\nhi\r\n")
    assert code == 250
