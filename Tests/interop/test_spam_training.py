"""Bayes training from the Junk folder over IMAP (SPEC 8, issue 14): MOVE/COPY/APPEND into
Junk or `$Junk` learn spam, moving out of Junk (not to Trash) or `$NotJunk` learn ham, only
members of `spamtrainers` train when that group exists; and Junk retention expunges what
entered Junk longer ago than `spam.retention_days`. Messages are generated here."""
import imaplib
import sqlite3
import time

import pytest

from mailserver import started_server

PASSWORD = "alice-junk-secret"
BOB = "bob-junk-secret"


def message(i, kind="spam"):
    subject = f"CHEAP PILLS {i} ACT NOW" if kind == "spam" else f"Re: build {i} of the compiler"
    return (f"From: sender{i}@example.org\r\nTo: alice@example.com\r\nSubject: {subject}\r\n"
            f"Message-ID: <train-{kind}-{i}@example.org>\r\nDate: Tue, 1 Oct 2024 10:00:00 +0200\r\n\r\n"
            f"Body {i}: {'buy cheap pills now, click here' if kind == 'spam' else 'the build passed the tests'}\r\n").encode()


@pytest.fixture
def server(tmp_path):
    s = started_server(tmp_path, {"alice": PASSWORD, "bob": BOB})
    yield s
    s.stop()


def login(server, user="alice", password=PASSWORD):
    imap = imaplib.IMAP4("127.0.0.1", server.port("imap"))
    imap.login(user, password)
    imap.create("Junk")  # may exist already (NO): either way it is there after
    return imap


def append(imap, folder, data):
    typ, response = imap.append(folder, None, None, data)
    assert typ == "OK", response
    return response[0].split(b"APPENDUID ")[1].split(b" ")[1].rstrip(b"]").decode()


def bayes(server):
    return server.cli.json("spam", "status")


def wait_for(server, predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = bayes(server)
        if predicate(status):
            return status
        time.sleep(0.2)
    raise AssertionError(f"Bayes status never matched: {bayes(server)}")


def test_moves_into_and_out_of_junk_train_bayes(server):
    imap = login(server)
    uids = [append(imap, "INBOX", message(i)) for i in range(3)]
    imap.select("INBOX")
    # MOVE into Junk: learnt as spam, in the background.
    typ, _ = imap.uid("MOVE", ",".join(uids), "Junk")
    assert typ == "OK"
    status = wait_for(server, lambda s: s["spam"] == 3 and s["ham"] == 0)
    assert not status["trained"]  # the token weights need ham too
    # COPY of a ham message into Junk also counts (the user says it is spam).
    ham_uid = append(imap, "INBOX", message(10, "ham"))
    imap.uid("COPY", ham_uid, "Junk")
    wait_for(server, lambda s: s["spam"] == 4)
    # Moving it out of Junk into INBOX relearns it as ham.
    imap.select("Junk")
    typ, data = imap.uid("SEARCH", None, "HEADER", "Message-ID", "train-ham-10")
    junk_ham = data[0].split()[0].decode()
    imap.uid("MOVE", junk_ham, "INBOX")
    wait_for(server, lambda s: s["spam"] == 3 and s["ham"] == 1 and s["trained"])
    # Out of Junk into Trash teaches nothing.
    imap.create("Trash")
    typ, data = imap.uid("SEARCH", None, "ALL")
    first = data[0].split()[0].decode()
    imap.uid("MOVE", first, "Trash")
    # APPEND straight into Junk is spam; $NotJunk on an INBOX message is ham.
    append(imap, "Junk", message(20))
    wait_for(server, lambda s: s["spam"] == 4 and s["ham"] == 1)
    imap.select("INBOX")
    other = append(imap, "INBOX", message(30, "ham"))
    imap.uid("STORE", other, "+FLAGS", "($NotJunk)")
    status = wait_for(server, lambda s: s["ham"] == 2)
    assert status["spam"] == 4  # the Trash move did not unlearn anything
    # $Junk on an INBOX message is spam.
    flagged = append(imap, "INBOX", message(40))
    imap.uid("STORE", flagged, "+FLAGS", "($Junk)")
    wait_for(server, lambda s: s["spam"] == 5 and s["ham"] == 2)
    imap.logout()
    log = server.maillog()
    assert "spam training: user=alice move into Junk: learnt 3 of 3 as spam" in log, log
    assert "move out of Junk: learnt 1 of 1 as ham" in log


def test_only_spamtrainers_train_when_the_group_exists(server):
    server.cli.ok("group", "add", "spamtrainers")
    server.cli.ok("group", "member", "add", "spamtrainers", "bob")
    alice = login(server)
    uid = append(alice, "INBOX", message(1))
    alice.select("INBOX")
    alice.uid("MOVE", uid, "Junk")
    bob = login(server, "bob", BOB)
    bob_uid = append(bob, "INBOX", message(2))
    bob.select("INBOX")
    bob.uid("MOVE", bob_uid, "Junk")
    # Bob's move is learnt; Alice's never is.
    wait_for(server, lambda s: s["spam"] == 1)
    time.sleep(0.5)
    assert bayes(server)["spam"] == 1
    assert "user=alice not in spamtrainers" in server.maillog()
    alice.logout()
    bob.logout()


def test_junk_retention_expunges_what_entered_junk_long_ago(server):
    imap = login(server)
    old = append(imap, "Junk", message(1))
    recent = append(imap, "Junk", message(2))
    imap.logout()
    server.stop()
    # Pretend the first message entered Junk 20 days ago (its Date: header is from 2024,
    # which must not count: retention runs from the move into Junk).
    database = sqlite3.connect(server.data / "postino.sqlite")
    with database:
        database.execute("""UPDATE mail_messages SET added_at = strftime('%s','now') - 20 * 86400
                            WHERE uid = ? AND mailbox_id = (SELECT id FROM mail_mailboxes WHERE owner = 'alice' AND name = 'Junk')""",
                         (int(old),))
    database.close()
    server.cli.ok("settings", "set", "spam.retention_days", "15")
    server.start()
    deadline = time.time() + 10
    while time.time() < deadline and "junk retention: user=alice" not in server.maillog():
        time.sleep(0.2)
    assert "junk retention: user=alice, box=Junk, expunged=1, older than 15 days in Junk" in server.maillog()
    imap = login(server)
    imap.select("Junk")
    typ, data = imap.uid("SEARCH", None, "ALL")
    assert data[0].split() == [recent.encode()]
    imap.logout()
