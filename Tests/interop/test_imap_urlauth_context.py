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


def plain(line: bytes) -> bytes:
    """A STATUS line with the mailbox name's quotes removed (the server may quote any name)."""
    return re.sub(rb'^\* STATUS "([^"]*)"', rb"* STATUS \1", line)


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


def test_search_update_with_fetch_attributes(server):
    """RFC 5465 §7: RETURN (UPDATE (fetch-att …)): a new matching message comes as EXISTS,
    then a FETCH of those attributes, then ESEARCH ADDTO; "No untagged FETCH response
    SHOULD be returned if a message becomes a member of UPDATE SEARCH due to flag … changes"."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    b.append("INBOX", message("other"))
    a.ok("SELECT INBOX")
    tag = a.send("UID SEARCH RETURN (COUNT UPDATE (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])) OR SUBJECT boss FLAGGED")
    untagged, tagged = a.collect(tag)
    assert re.match(rb"\S+ OK", tagged) and find(untagged, rb"COUNT 0"), (untagged, tagged)
    b.append("INBOX", message("from the boss"))
    lines = a.ok("NOOP")
    order = [i for pattern in (rb"^\* 2 EXISTS$", rb"^\* 2 FETCH \(UID 2 BODY\[HEADER\.FIELDS \(SUBJECT\)\] ",
                               rb'ESEARCH \(TAG "' + tag.encode() + rb'"\) UID ADDTO \(0 2\)')
             for i, l in enumerate(lines) if re.search(pattern, l)]
    assert len(order) == 3 and order == sorted(order), lines
    assert b"Subject: from the boss" in lines[order[1]], lines
    b.ok("SELECT INBOX")
    b.ok("UID STORE 1 +FLAGS (\\Flagged)")
    lines = a.ok("NOOP")
    assert find(lines, rb"UID ADDTO \(0 1\)"), lines
    assert not find(lines, rb"BODY\["), lines
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


# NOTIFY (RFC 5465)

def test_notify_status_for_other_mailboxes_and_selected_events(server):
    """§3.1 STATUS indicator: a STATUS per watched mailbox before the OK, none for the
    selected one; §5.2/§5.3: MessageNew/MessageExpunge in another mailbox arrive unasked
    as `* STATUS (MESSAGES UIDNEXT)`; in the selected one as EXISTS followed by a FETCH of
    the requested attributes, EXPUNGE, and a FETCH (UID FLAGS) for FlagChange (§5.1)."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    assert b"NOTIFY" in a.ok("CAPABILITY")[0].split()
    b.ok("CREATE Lists")
    b.ok("CREATE Unwatched")
    a.ok("SELECT INBOX")
    untagged = a.ok("NOTIFY SET STATUS (selected (MessageNew (UID FLAGS) MessageExpunge FlagChange)) "
                    "(personal (MessageNew MessageExpunge))")
    assert find([plain(l) for l in untagged], rb"^\* STATUS Lists \(MESSAGES 0 UIDNEXT 1 UIDVALIDITY \d+\)$"), untagged
    assert not find(untagged, rb"STATUS \"?INBOX"), untagged

    b.append("Lists", message("to the list"))
    lines = pending(a, rb"^\* STATUS \"?Lists")
    assert plain(lines[-1]) == b"* STATUS Lists (MESSAGES 1 UIDNEXT 2)", lines

    b.append("INBOX", message("to the inbox"))
    lines = pending(a, rb"FETCH")
    assert b"* 1 EXISTS" in lines, lines
    assert lines.index(b"* 1 EXISTS") < len(lines) - 1
    assert re.match(rb"^\* 1 FETCH \(UID 1 FLAGS \(.*\)\)$", lines[-1]), lines

    b.ok("SELECT INBOX")
    b.ok("UID STORE 1 +FLAGS (\\Flagged)")
    lines = pending(a, rb"FETCH")
    assert re.match(rb"^\* 1 FETCH \(UID 1 FLAGS \(.*\\Flagged.*\)\)$", lines[-1]), lines

    b.ok("UID STORE 1 +FLAGS (\\Deleted)")
    b.ok("EXPUNGE")
    lines = pending(a, rb"EXPUNGE")
    assert lines[-1] == b"* 1 EXPUNGE", lines

    b.ok("SELECT Lists")
    b.ok("STORE 1 +FLAGS (\\Deleted)")
    b.ok("EXPUNGE")
    lines = pending(a, rb"^\* STATUS \"?Lists")
    assert plain(lines[-1]) == b"* STATUS Lists (MESSAGES 0 UIDNEXT 2)", lines
    # A mailbox outside the filter: nothing.
    a.ok("NOTIFY SET (mailboxes Lists (MessageNew MessageExpunge))")
    b.append("Unwatched", message("unseen"))
    assert quiet(a) == [], a.buffer
    b.append("Lists", message("seen"))
    assert plain(pending(a, rb"^\* STATUS \"?Lists")[-1]) == b"* STATUS Lists (MESSAGES 1 UIDNEXT 3)"
    # NOTIFY NONE: nothing more.
    a.ok("NOTIFY NONE")
    b.append("Lists", message("after none"))
    assert quiet(a) == [], a.buffer
    a.close()
    b.close()


def test_notify_subtree_selected_delayed_and_inboxes(server):
    """§6.5 subtree: the mailbox and those below it; §6.1.2 SELECTED-DELAYED: expunges
    wait for a command (NOOP), new messages may come at once."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    for name in ("Lists", "Lists/Lemonade", "Listsx"):
        b.ok(f"CREATE {name}")
    b.append("INBOX", message("one"))
    a.ok("SELECT INBOX")
    a.ok("NOTIFY SET (selected-delayed (MessageNew MessageExpunge)) (subtree Lists (MessageNew MessageExpunge))")
    b.append("Listsx", message("not below Lists"))
    b.append("Lists/Lemonade", message("below Lists"))
    lines = pending(a, rb"^\* STATUS ")
    assert plain(lines[-1]) == b"* STATUS Lists/Lemonade (MESSAGES 1 UIDNEXT 2)", lines
    b.ok("SELECT INBOX")
    b.ok("STORE 1 +FLAGS (\\Deleted)")
    b.ok("EXPUNGE")
    assert quiet(a) == [], a.buffer
    assert find(a.ok("NOOP"), rb"^\* 1 EXPUNGE$")
    a.close()
    b.close()


def test_notify_mailbox_name_and_subscription_change(server):
    """§5.4: CREATE/DELETE by another session: a LIST for the mailbox and its parent,
    \\NonExistent once deleted; RENAME: one LIST with OLDNAME; §5.5: SUBSCRIBE gives a
    LIST with \\Subscribed; §5: not for the client's own CREATE."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    a.ok("NOTIFY SET (personal (MailboxName SubscriptionChange))")
    b.ok("CREATE Projects")
    lines = pending(a, rb"LIST")
    assert re.match(rb'^\* LIST \(\\HasNoChildren\) "/" "?Projects"?$', lines[-1]), lines
    b.ok("CREATE Projects/Q1")
    lines = pending(a, rb"LIST .*\"?Projects\"?$")
    assert find(lines, rb'^\* LIST \(\\HasNoChildren\) "/" "?Projects/Q1"?$'), lines
    assert re.match(rb'^\* LIST \(\\HasChildren\) "/" "?Projects"?$', lines[-1]), lines
    b.ok("RENAME Projects/Q1 Projects/Q2")
    lines = pending(a, rb"LIST")
    assert re.match(rb'^\* LIST \(\\HasNoChildren\) "/" "?Projects/Q2"? \("OLDNAME" \("?Projects/Q1"?\)\)$', lines[-1]), lines
    b.ok("SUBSCRIBE Projects")
    lines = pending(a, rb"LIST")
    assert re.match(rb'^\* LIST \(\\HasChildren \\Subscribed\) "/" "?Projects"?$', lines[-1]), lines
    b.ok("DELETE Projects/Q2")
    lines = pending(a, rb"LIST .*\"?Projects\"?$")
    assert find(lines, rb'^\* LIST \(\\NonExistent\) "/" "?Projects/Q2"?$'), lines
    assert re.match(rb'^\* LIST \(\\HasNoChildren \\Subscribed\) "/" "?Projects"?$', lines[-1]), lines
    # The client's own CREATE is not reported back to it.
    assert not find(a.ok("CREATE Mine"), rb"LIST")
    assert quiet(a) == [], a.buffer
    a.close()
    b.close()


def test_notify_within_idle(server):
    """§4: in IDLE the server sends exactly the events NOTIFY asked for: STATUS for another
    mailbox, LIST for a new one, EXISTS for the selected one; with no SELECTED group the
    selected mailbox's EXISTS waits for the end of IDLE."""
    a = RawIMAP(server)
    b = RawIMAP(server)
    b.ok("CREATE Other")
    a.ok("SELECT INBOX")
    a.ok("NOTIFY SET (selected (MessageNew MessageExpunge)) (personal (MessageNew MessageExpunge MailboxName))")
    tag = a.send("IDLE")
    assert a.line().startswith(b"+ "), "no continuation"
    b.append("Other", message("elsewhere"))
    assert plain(pending(a, rb"STATUS")[-1]) == b"* STATUS Other (MESSAGES 1 UIDNEXT 2)"
    b.ok("CREATE Fresh")
    assert re.match(rb'^\* LIST \(\\HasNoChildren\) "/" "?Fresh"?$', pending(a, rb"LIST")[-1])
    b.append("INBOX", message("here"))
    assert pending(a, rb"EXISTS")[-1] == b"* 1 EXISTS"
    a.sock.sendall(b"DONE\r\n")
    _, tagged = a.collect(tag)
    assert re.match(rb"\S+ OK", tagged), tagged

    a.ok("NOTIFY SET (personal (MessageNew MessageExpunge))")
    tag = a.send("IDLE")
    assert a.line().startswith(b"+ ")
    b.append("INBOX", message("held back"))
    assert quiet(a, 1.0) == [], a.buffer
    a.sock.sendall(b"DONE\r\n")
    untagged, tagged = a.collect(tag)
    assert b"* 2 EXISTS" in untagged and re.match(rb"\S+ OK", tagged), (untagged, tagged)
    a.close()
    b.close()


def test_notify_refusals(server):
    """§5: MessageNew without MessageExpunge, FlagChange without both: BAD; §6.1: other
    events with SELECTED, two SELECTED groups: BAD; §8: fetch-atts only for SELECTED: BAD;
    §3.1: unsupported events (AnnotationChange; the metadata events without METADATA):
    NO [BADEVENT] listing the supported ones."""
    a = RawIMAP(server)
    for command in ("NOTIFY SET (selected (MessageNew))",
                    "NOTIFY SET (personal (FlagChange))",
                    "NOTIFY SET (selected (MailboxName))",
                    "NOTIFY SET (personal (MessageNew (UID) MessageExpunge))",
                    "NOTIFY SET (selected (MessageNew MessageExpunge)) (selected-delayed (MessageNew MessageExpunge))",
                    "NOTIFY SET (nowhere (MessageNew MessageExpunge))",
                    "NOTIFY SET"):
        _, tagged = a.run(command)
        assert re.match(rb"\S+ BAD", tagged), (command, tagged)
    for command in ("NOTIFY SET (personal (MessageNew MessageExpunge AnnotationChange))",
                    "NOTIFY SET (personal (MailboxMetadataChange))",
                    "NOTIFY SET (personal (ServerMetadataChange))"):
        _, tagged = a.run(command)
        m = re.match(rb"\S+ NO \[BADEVENT \(([^)]*)\)\]", tagged)
        assert m, (command, tagged)
        assert set(m.group(1).split()) == {b"MessageNew", b"MessageExpunge", b"FlagChange", b"MailboxName",
                                            b"SubscriptionChange"}, tagged
    a.ok("NOTIFY SET (inboxes (MessageNew MessageExpunge)) (subscribed NONE)")
    a.close()


def slow_reader(server) -> RawIMAP:
    """A logged-in connection with a small receive buffer, so that what the server writes
    to it piles up in the server while the test does not read."""
    import socket
    s = RawIMAP.__new__(RawIMAP)
    s.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sock.settimeout(30)
    s.sock.connect(("127.0.0.1", server.port("imap")))
    s.buffer, s.counter = b"", 0
    s.greeting = s.line()
    s.ok(f'LOGIN alice "{PASSWORD}"')
    return s


def test_notification_overflow_for_a_client_that_does_not_read(server):
    """§5.8: a server "unable or unwilling to deliver as many notifications as it is being
    asked to" sends `* OK [NOTIFICATIONOVERFLOW]` and behaves as after NOTIFY NONE. Here the
    client reads nothing while large new messages and thousands of flag changes arrive."""
    a = slow_reader(server)
    b = RawIMAP(server)
    b.ok("CREATE Lists")
    b.append("Lists", message("flag me"))
    a.ok("SELECT INBOX")
    a.ok("NOTIFY SET (selected (MessageNew (BODY.PEEK[]) MessageExpunge)) (personal (MessageNew MessageExpunge FlagChange))")
    body = ("y" * 998 + "\r\n") * 5000  # 5 MB
    for i in range(2):
        b.append("INBOX", message(f"large {i}", body))
    b.ok("SELECT Lists")
    # Thousands of \Seen changes, pipelined: each is a notice for A and an UNSEEN to send.
    count = 2600
    payload = b"".join(b"f%d STORE 1 %sFLAGS (\\Seen)\r\n" % (i, b"+" if i % 2 == 0 else b"-") for i in range(count))
    b.sock.sendall(payload)
    seen = 0
    while seen < count:
        line = b.line()
        if re.match(rb"f\d+ (OK|NO|BAD)", line):
            assert b" OK" in line, line
            seen += 1
    # Now A reads everything the server kept for it.
    lines = []
    deadline = time.monotonic() + 30
    while not any(b"NOTIFICATIONOVERFLOW" in l for l in lines):
        assert time.monotonic() < deadline, lines[-5:]
        lines.append(a.line())
    assert find(lines, rb"^\* OK \[NOTIFICATIONOVERFLOW\]"), lines[-3:]
    assert len(find(lines, rb"FETCH \(UID \d+ BODY\[\]")) == 2
    # As after NOTIFY NONE: nothing more arrives unasked.
    while quiet(a, 0.5):
        a.line()
    b.append("Lists", message("after the overflow"))
    assert quiet(a, 1.0) == [], a.buffer
    a.ok("NOOP")
    a.close()
    b.close()


def test_notify_on_a_shared_mailbox_follows_the_acl(server):
    """§5: events need the `l` and `r` rights; §5.9: "it is still possible to lose access
    to the mailboxes being monitored at a later time. If this happens, the server MUST
    stop monitoring these mailboxes. If access is later granted, the server MUST restart"."""
    alice = RawIMAP(server)
    bob = RawIMAP(server, user="bob")
    alice.ok("CREATE Team")
    alice.ok("SETACL Team bob lr")
    untagged = bob.ok("NOTIFY SET STATUS (subtree Shared (MessageNew MessageExpunge))")
    statuses = [plain(l) for l in find(untagged, rb"STATUS")]
    assert len(statuses) == 1, untagged
    assert re.match(rb"^\* STATUS Shared/alice/Team \(MESSAGES 0 UIDNEXT 1 UIDVALIDITY \d+\)$", statuses[0]), untagged
    alice.append("Team", message("for the team"))
    assert plain(pending(bob, rb"STATUS")[-1]) == b"* STATUS Shared/alice/Team (MESSAGES 1 UIDNEXT 2)"
    alice.append("INBOX", message("private"))   # not shared: nothing
    assert quiet(bob) == [], bob.buffer
    alice.ok("SETACL Team bob -r")
    alice.append("Team", message("after revoking"))
    assert quiet(bob) == [], bob.buffer
    alice.ok("SETACL Team bob +r")
    alice.append("Team", message("after granting again"))
    assert plain(pending(bob, rb"STATUS")[-1]) == b"* STATUS Shared/alice/Team (MESSAGES 3 UIDNEXT 4)"
    alice.close()
    bob.close()
