"""Errors are never swallowed where they decide a reply (issue 10, point 6): a database
failure during RCPT is a 451 and a mail-log line saying why; the session goes on once the
database is back."""
import smtplib
import sqlite3

import pytest

from mailserver import MailServer


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin="alice-secret\n")
    s.start()
    yield s
    s.stop()


def rename_table(server, old, new):
    db = sqlite3.connect(server.data / "postino.sqlite", timeout=10)
    try:
        db.execute(f"ALTER TABLE {old} RENAME TO {new}")
        db.commit()
    finally:
        db.close()


def test_a_database_failure_during_rcpt_is_a_logged_451(server):
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        s.ehlo("client.test")
        assert s.mail("sender@remote.test")[0] == 250
        rename_table(server, "domains", "domains_away")
        try:
            code, text = s.rcpt("alice@example.com")
            assert code == 451, text
        finally:
            rename_table(server, "domains_away", "domains")
        assert s.rcpt("alice@example.com")[0] == 250
    log = server.maillog()
    assert "error: RCPT from unknown[127.0.0.1]: cannot check the recipient:" in log
    assert "to=<alice@example.com>, answered 451" in log
