"""Hardening findings (issue 23), each reproduced as an administrator would meet it."""
import imaplib
import os

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "big-imap-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imaps",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "big", "--password-stdin", stdin=PASSWORD + "\n")
    s.start()
    yield s
    s.stop()


def test_foreign_file_with_wrong_size_in_its_name_is_kept(server):
    """Finding 1: a file dropped into new/ whose `S=` is wrong is mail, not debris: SELECT
    shows it, the file is renamed to its real size, and the mail log says so."""
    imap = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    imap.login("big", PASSWORD)
    imap.select("INBOX")  # creates the Maildir
    imap.logout()
    body = b"Subject: migrated\r\n\r\nforty bytes, give or take.\r\n"
    new = server.maildir("big") / "new"
    (new / "1700000000.M0P1.big,S=300").write_bytes(body)

    imap = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    imap.login("big", PASSWORD)
    typ, data = imap.select("INBOX")
    assert typ == "OK" and int(data[0]) == 1
    typ, fetched = imap.fetch("1", "(RFC822.SIZE BODY.PEEK[])")
    assert typ == "OK"
    assert fetched[0][1] == body
    assert f"RFC822.SIZE {len(body)}".encode() in fetched[0][0]
    imap.logout()
    names = [n for sub in ("new", "cur") for n in os.listdir(server.maildir("big") / sub)]
    assert names and all(f",S={len(body)},W={len(body)}" in n for n in names), names
    assert "1700000000.M0P1.big,S=300" in server.maillog() and "renamed" in server.maillog()
