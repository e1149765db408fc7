"""IMAP4rev2 (RFC 9051) beside IMAP4rev1: each server-side item of RFC 9051 Appendix E
that changes behaviour once a client sends ENABLE IMAP4rev2 (RFC 9051 §6.3.1)."""
import re

import pytest

from mailserver import MailServer
from test_imap_rfc import PASSWORD, RawIMAP, find, msg


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


def rev2(server):
    s = RawIMAP(server)
    assert find(s.ok("ENABLE IMAP4rev2"), rb"^\* ENABLED IMAP4rev2$")
    return s


def test_capability_lists_both_revisions(server):
    """RFC 9051 §7.2.2: IMAP4rev2 is advertised; IMAP4rev1 stays for older clients."""
    s = RawIMAP(server, user=None)
    assert b"IMAP4rev2" in s.greeting and b"IMAP4rev1" in s.greeting
    s.ok(f'LOGIN alice "{PASSWORD}"')
    caps = s.ok("CAPABILITY")[0]
    assert b" IMAP4rev2" in caps and b" IMAP4rev1" in caps
    s.close()


def test_select_sends_list_and_closed_without_recent_or_unseen(server):
    """Appendix E items 9-12: SELECT/EXAMINE return an untagged LIST response, CLOSED when
    a mailbox was selected; RECENT, UNSEEN and \\Recent are gone."""
    a = RawIMAP(server)
    a.append("INBOX", msg("one"))
    s = rev2(server)
    selected = s.ok("SELECT INBOX")
    assert find(selected, rb'^\* LIST \(\) "/" "?INBOX"?$'), selected
    assert not find(selected, rb"RECENT|UNSEEN"), selected
    assert not find(s.ok("FETCH 1 FLAGS"), rb"\\Recent")
    again = s.ok("EXAMINE INBOX")
    assert find(again, rb"^\* OK \[CLOSED\]"), again
    # An IMAP4rev1 session is unchanged.
    old = a.ok("SELECT INBOX")
    assert find(old, rb"RECENT") and not find(old, rb"^\* LIST")
    a.close()
    s.close()


def test_search_answers_with_esearch(server):
    """Appendix E item 4, RFC 9051 §6.4.4: "SEARCH command now requires to return the
    ESEARCH response"."""
    s = rev2(server)
    for i in range(3):
        s.append("INBOX", msg(f"m{i}"))
    s.ok("SELECT INBOX")
    found = s.ok("SEARCH ALL")
    assert find(found, rb'^\* ESEARCH \(TAG "t\d+"\) ALL 1:3$') and not find(found, rb"^\* SEARCH"), found
    uid = s.ok("UID SEARCH SUBJECT m1")
    assert find(uid, rb'^\* ESEARCH \(TAG "t\d+"\) UID ALL 2$'), uid
    none = s.ok("SEARCH SUBJECT nothing")
    assert find(none, rb'^\* ESEARCH \(TAG "t\d+"\)$'), none
    s.close()


def test_mailbox_names_are_utf8(server):
    """Appendix E item 16, RFC 9051 §5.1: mailbox names travel in UTF-8 once IMAP4rev2 is
    enabled; an IMAP4rev1 session sees the same mailbox in modified UTF-7."""
    s = rev2(server)
    name = "Données & co".encode()
    _, tagged = s.run("CREATE", name)
    assert b" OK" in tagged, tagged
    listed = s.ok('LIST "" "Donn*"')
    assert any(name in l for l in listed), listed
    old = RawIMAP(server)
    assert find(old.ok('LIST "" "Donn*"'), rb'"Donn&AOk-es &- co"'), old
    old.close()
    s.close()


def test_unsolicited_fetch_carries_uid(server):
    """Appendix E item 21: "All unsolicited FETCH updates are required to include UID"."""
    a = RawIMAP(server)
    a.append("INBOX", msg("one"))
    s = rev2(server)
    s.ok("SELECT INBOX")
    a.ok("SELECT INBOX")
    a.ok("STORE 1 +FLAGS (\\Flagged)")
    update = s.ok("NOOP")
    assert find(update, rb"^\* 1 FETCH \(UID 1 FLAGS \(\\Flagged\)\)$"), update
    a.close()
    s.close()
