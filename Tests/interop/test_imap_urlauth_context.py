"""URLAUTH (RFC 4467), CONTEXT=SEARCH/SORT (RFC 5267 §4) and NOTIFY (RFC 5465), each
session a raw socket so the untagged responses can be checked one by one."""
import re
import select
import time

import pytest

from mailserver import MailServer
from test_imap_rfc import PASSWORD, RawIMAP, find


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    for name in ("alice", "bob"):
        s.cli.ok("user", "add", name, "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


def message(subject: str, body: str = "Body text.\r\n") -> bytes:
    return (f"From: sender@remote.example\r\nTo: alice@example.com\r\nSubject: {subject}\r\n"
            f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n{body}").encode()


def uid_validity(s: RawIMAP, mailbox: str) -> int:
    status = s.ok(f"STATUS {mailbox} (UIDVALIDITY)")
    return int(re.search(rb"UIDVALIDITY (\d+)", status[0]).group(1))


def gen_url(s: RawIMAP, rump: str) -> str:
    untagged = s.ok(f'GENURLAUTH "{rump}" INTERNAL')
    hit = find(untagged, rb"^\* GENURLAUTH ")
    assert hit, untagged
    url = re.match(rb'^\* GENURLAUTH "?([^"]+)"?$', hit[0]).group(1).decode()
    assert url.startswith(rump + ":internal:"), url
    return url


def url_fetch(s: RawIMAP, url: str) -> bytes | None:
    """The data URLFETCH returns for the URL; None for NIL."""
    untagged = s.ok(f'URLFETCH "{url}"')
    hit = find(untagged, rb"^\* URLFETCH ")
    assert hit, untagged
    rest = hit[0][len(b"* URLFETCH "):]
    assert rest.startswith(b'"' + url.encode() + b'" ') or rest.startswith(url.encode() + b" "), rest
    data = rest.split(b" ", 1)[1] if not rest.startswith(b'"') else rest[len(url) + 3:]
    if data == b"NIL":
        return None
    m = re.match(rb"~?\{(\d+)\}\r\n", data)
    assert m, data
    return data[m.end():m.end() + int(m.group(1))]


def pending(s: RawIMAP, until: bytes, timeout: float = 5.0) -> list[bytes]:
    """Untagged lines that arrive without a command, up to and including one matching `until`."""
    lines = []
    deadline = time.monotonic() + timeout
    while True:
        while b"\r\n" not in s.buffer:
            left = deadline - time.monotonic()
            assert left > 0, (until, lines)
            ready, _, _ = select.select([s.sock], [], [], left)
            assert ready, (until, lines)
            s._fill()
        line = s.line()
        lines.append(line)
        if re.search(until, line):
            return lines


def quiet(s: RawIMAP, seconds: float = 0.7) -> list[bytes]:
    """What arrives unasked within `seconds` (nothing expected, usually)."""
    ready, _, _ = select.select([s.sock], [], [], seconds)
    if ready:
        s._fill()
    return s.buffer.split(b"\r\n") if s.buffer else []


# URLAUTH (RFC 4467)

def test_genurlauth_urlfetch_authuser_and_user_plus(server):
    """§3: `authuser` lets any logged-in user fetch; `user+NAME` only NAME; §7 URLFETCH
    reads with the owner's access; a changed token is NIL; the data is the section."""
    alice = RawIMAP(server)
    alice.append("INBOX", message("secret plans", "The plans are here.\r\n"))
    validity = uid_validity(alice, "INBOX")
    base = f"imap://alice@example.com/INBOX;UIDVALIDITY={validity}/;UID=1"
    anyone = gen_url(alice, base + ";URLAUTH=authuser")
    only_bob = gen_url(alice, base + "/;SECTION=TEXT;URLAUTH=user+bob")

    other_alice = RawIMAP(server)
    assert url_fetch(other_alice, anyone).startswith(b"From: sender@remote.example")
    # user+bob: not alice's other session, not even the owner.
    assert url_fetch(other_alice, only_bob) is None
    bob = RawIMAP(server, user="bob")
    assert b"secret plans" in url_fetch(bob, anyone)
    assert url_fetch(bob, only_bob) == b"The plans are here.\r\n"
    # A token one digit off is refused.
    last = only_bob[-1]
    forged = only_bob[:-1] + ("0" if last != "0" else "1")
    assert url_fetch(bob, forged) is None
    # Without URLAUTH a URL of alice's mailbox is only alice's.
    assert url_fetch(bob, base) is None
    assert url_fetch(other_alice, base).startswith(b"From: ")
    for s in (alice, other_alice, bob):
        s.close()


def test_resetkey_invalidates_and_expire_in_the_past_is_nil(server):
    """§7 RESETKEY: "all URLs generated with that key are invalidated"; §3: after
    ;EXPIRE= "server implementations MUST reject the URL"."""
    alice = RawIMAP(server)
    alice.append("INBOX", message("first"))
    alice.ok("CREATE Other")
    alice.append("Other", message("elsewhere"))
    validity = uid_validity(alice, "INBOX")
    inbox_url = gen_url(alice, f"imap://alice@example.com/INBOX;UIDVALIDITY={validity}/;UID=1;URLAUTH=authuser")
    other_url = gen_url(alice, "imap://alice@example.com/Other/;UID=1;URLAUTH=authuser")
    past = gen_url(alice, f"imap://alice@example.com/INBOX/;UID=1;EXPIRE=2020-01-01T00:00:00Z;URLAUTH=authuser")
    future = gen_url(alice, f"imap://alice@example.com/INBOX/;UID=1;EXPIRE=2099-01-01T00:00:00Z;URLAUTH=authuser")
    bob = RawIMAP(server, user="bob")
    assert url_fetch(bob, past) is None
    assert b"first" in url_fetch(bob, future)
    assert b"first" in url_fetch(bob, inbox_url)
    assert b"elsewhere" in url_fetch(bob, other_url)
    # A key reset for INBOX only: INBOX's URLs die, Other's live.
    _, tagged = alice.run("RESETKEY INBOX INTERNAL")
    assert re.match(rb"\S+ OK", tagged), tagged
    assert url_fetch(bob, inbox_url) is None
    assert url_fetch(bob, future) is None
    assert b"elsewhere" in url_fetch(bob, other_url)
    # A new URL for the same message works with the new key.
    again = gen_url(alice, f"imap://alice@example.com/INBOX;UIDVALIDITY={validity}/;UID=1;URLAUTH=authuser")
    assert again != inbox_url
    assert b"first" in url_fetch(bob, again)
    # RESETKEY without a mailbox removes every key.
    alice.ok("RESETKEY")
    assert url_fetch(bob, again) is None
    assert url_fetch(bob, other_url) is None
    alice.close()
    bob.close()


# CONTEXT=SEARCH (RFC 5267 §4)

def test_search_update_context_follows_other_sessions(server):
    """§4.3: SEARCH RETURN (UPDATE) keeps the result current: a matching APPEND by another
    session arrives as ADDTO with its UID (after EXISTS, §4.3.2), a flag change that makes
    a message match is ADDTO, one that makes it stop matching is REMOVEFROM, an expunge is
    REMOVEFROM before the EXPUNGE; CANCELUPDATE (§4.3.5) ends them."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    caps = a.ok("CAPABILITY")[0]
    assert b"CONTEXT=SEARCH" in caps and b"CONTEXT=SORT" in caps
    for subject in ("report one", "other", "report two"):
        b.append("INBOX", message(subject))
    a.ok("SELECT INBOX")
    b.ok("SELECT INBOX")
    tag = a.send("UID SEARCH RETURN (ALL UPDATE) OR SUBJECT report FLAGGED")
    untagged, tagged = a.collect(tag)
    assert re.match(rb"\S+ OK", tagged), tagged
    assert find(untagged, rb'^\* ESEARCH \(TAG "' + tag.encode() + rb'"\) UID ALL 1,3$'), untagged

    b.append("INBOX", message("report three"))   # UID 4, matches
    b.append("INBOX", message("unrelated"))      # UID 5, does not
    lines = a.ok("NOOP")
    exists = [i for i, l in enumerate(lines) if re.match(rb"^\* 5 EXISTS$", l)]
    addto = [i for i, l in enumerate(lines) if re.search(rb'ESEARCH \(TAG "' + tag.encode() + rb'"\) UID ADDTO', l)]
    assert exists and addto and exists[0] < addto[0], lines
    added = b" ".join(lines[i] for i in addto)
    assert re.search(rb"ADDTO \(0 4\)", added), added
    assert b"5" not in added.split(b"ADDTO")[1], added

    b.ok("UID STORE 2 +FLAGS (\\Flagged)")       # "other" now matches
    lines = a.ok("NOOP")
    assert find(lines, rb'ESEARCH \(TAG "' + tag.encode() + rb'"\) UID ADDTO \(0 2\)'), lines

    b.ok("UID STORE 1 +FLAGS (\\Deleted)")
    b.ok("UID EXPUNGE 1")
    lines = a.ok("NOOP")
    removed = [i for i, l in enumerate(lines) if re.search(rb'ESEARCH \(TAG "' + tag.encode() + rb'"\) UID REMOVEFROM \(0 1\)', l)]
    expunged = [i for i, l in enumerate(lines) if re.match(rb"^\* 1 EXPUNGE$", l)]
    assert removed and expunged and removed[0] < expunged[0], lines

    a.ok(f"CANCELUPDATE \"{tag}\"")
    b.append("INBOX", message("report four"))
    lines = a.ok("NOOP")
    assert find(lines, rb"EXISTS$"), lines
    assert not find(lines, rb"ESEARCH"), lines
    a.close()
    b.close()


def test_sort_update_context_reports_positions(server):
    """§4.3.2 with CONTEXT=SORT: ADDTO carries the position in sort order."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    for subject in ("bravo", "delta"):
        b.append("INBOX", message(subject))
    a.ok("SELECT INBOX")
    tag = a.send("UID SORT RETURN (ALL UPDATE) (SUBJECT) UTF-8 ALL")
    untagged, tagged = a.collect(tag)
    assert re.match(rb"\S+ OK", tagged), tagged
    assert find(untagged, rb"UID ALL (1,2|1:2)$"), untagged
    b.append("INBOX", message("charlie"))  # UID 3, sorts between bravo and delta: position 2
    lines = a.ok("NOOP")
    assert find(lines, rb'ESEARCH \(TAG "' + tag.encode() + rb'"\) UID ADDTO \(2 3\)'), lines
    a.close()
    b.close()
