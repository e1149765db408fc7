"""IMAP behaviours checked against the RFC text itself (../shared/rfc), with a raw client
that shows every response line: \\Recent (RFC 3501 §2.3.2), section data of binary parts
(§6.4.5), CONDSTORE's first enabling command (RFC 7162 §3.1) and ESEARCH MIN/MAX with
MODSEQ (RFC 4731 §3.2), ENVELOPE source routes (§7.4.2), SEARCH on addresses (§6.4.4),
SORT keys (RFC 5256 §3, RFC 5957 §3), LIST/LSUB and subscriptions (§6.3.6, §6.3.9,
RFC 5258 §3.5), UIDVALIDITY (§2.3.1.1), expunged messages under FETCH (RFC 2180 §4.1),
keywords announced before use (§7.2.6), and over-long mailbox names (RFC 5530 CANNOT).

`RawIMAP` is shared with test_imap_concurrency.py."""
import re
import socket
import time

import pytest

from mailserver import MailServer

PASSWORD = "alice-rfc-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    # Plain IMAP on loopback keeps the raw client simple.
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


class RawIMAP:
    """One connection; `run` sends a command and returns (untagged lines, tagged line) as
    bytes, literals inlined (so binary data and NULs are kept)."""

    def __init__(self, server, user="alice", password=PASSWORD):
        self.sock = socket.create_connection(("127.0.0.1", server.port("imap")), timeout=30)
        self.buffer = b""
        self.counter = 0
        self.greeting = self.line()
        if user:
            _, tagged = self.run(f'LOGIN {user} "{password}"')
            assert b" OK" in tagged, tagged

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer += chunk

    def _raw_line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def line(self) -> bytes:
        """One response line with its literals inlined."""
        out = self._raw_line()
        while True:
            m = re.search(rb"~?\{(\d+)\}$", out)
            if not m:
                return out
            n = int(m.group(1))
            while len(self.buffer) < n:
                self._fill()
            out += b"\r\n" + self.buffer[:n]
            self.buffer = self.buffer[n:]
            out += self._raw_line()

    def send(self, text: str, literal: bytes = None) -> str:
        self.counter += 1
        tag = f"t{self.counter}"
        data = f"{tag} {text}".encode()
        if literal is not None:
            data += b" {%d+}\r\n" % len(literal) + literal
        self.sock.sendall(data + b"\r\n")
        return tag

    def collect(self, tag: str):
        untagged = []
        while True:
            line = self.line()
            if line.startswith(tag.encode() + b" "):
                return untagged, line
            untagged.append(line)

    def run(self, text: str, literal: bytes = None):
        return self.collect(self.send(text, literal))

    def ok(self, text: str, literal: bytes = None):
        untagged, tagged = self.run(text, literal)
        assert re.match(rb"\S+ OK", tagged), (text, tagged, untagged)
        return untagged

    def append(self, mailbox: str, message: bytes, flags: str = ""):
        flags = f" ({flags})" if flags else ""
        return self.ok(f'APPEND "{mailbox}"{flags}', message)

    def close(self):
        try:
            self.sock.sendall(b"z LOGOUT\r\n")
        except OSError:
            pass
        self.sock.close()


def msg(subject="hello", sender="Sender <sender@remote.example>", body="Body.\r\n", extra="") -> bytes:
    return (f"From: {sender}\r\nTo: alice@example.com\r\nSubject: {subject}\r\n{extra}"
            f"Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n{body}").encode()


def find(lines, pattern: bytes):
    return [l for l in lines if re.search(pattern, l)]


def number(lines, pattern: bytes) -> int:
    hits = [re.search(pattern, l) for l in lines]
    hits = [h for h in hits if h]
    assert hits, (pattern, lines)
    return int(hits[0].group(1))


# -- \Recent ------------------------------------------------------------------------------

def test_recent_belongs_to_exactly_one_session(server):
    """RFC 3501 §2.3.2: \\Recent "Message is "recently" arrived in this mailbox. This
    session is the first session to have been notified about this message; if the
    session is read-write, subsequent sessions will not see \\Recent set for this
    message." §6.3.2: EXAMINE must not take \\Recent away. §6.3.10: STATUS RECENT is
    "the number of messages with the \\Recent flag set"."""
    a, b, c = RawIMAP(server), RawIMAP(server), RawIMAP(server)
    a.append("INBOX", msg("one"))
    a.append("INBOX", msg("two"))
    # EXAMINE reports both as recent, and leaves them recent for a later SELECT.
    examined = b.ok("EXAMINE INBOX")
    assert number(examined, rb"^\* (\d+) RECENT") == 2
    assert number(c.ok("STATUS INBOX (RECENT)"), rb"RECENT (\d+)") == 2
    b.ok("CLOSE")
    # The first SELECT takes them.
    assert number(b.ok("SELECT INBOX"), rb"^\* (\d+) RECENT") == 2
    assert number(c.ok("STATUS INBOX (RECENT)"), rb"RECENT (\d+)") == 0
    # A message arriving while b has the mailbox selected is recent in b once b is told,
    # and nowhere else.
    a.append("INBOX", msg("three"))
    told = b.ok("NOOP")
    assert find(told, rb"^\* 3 EXISTS") and number(told, rb"^\* (\d+) RECENT") == 3
    assert find(b.ok("FETCH 3 FLAGS"), rb"\\Recent")
    assert number(c.ok("STATUS INBOX (RECENT)"), rb"RECENT (\d+)") == 0
    selected = c.ok("SELECT INBOX")
    assert number(selected, rb"^\* (\d+) RECENT") == 0
    assert not find(c.ok("FETCH 1:3 FLAGS"), rb"\\Recent")
    for s in (a, b, c):
        s.close()


# -- section data of binary content ---------------------------------------------------------

def test_body_section_of_binary_part_is_a_literal(server):
    """RFC 3501 §6.4.5 BODY[section] returns the section's octets; §4.3 a string that
    cannot be quoted (here NUL octets, RFC 3516) is sent as a literal, never as ""."""
    payload = b"bin\x00ary\x00data\x01\x02"
    message = (b"From: a@remote.example\r\nTo: alice@example.com\r\nSubject: bin\r\nMIME-Version: 1.0\r\n"
               b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: application/octet-stream\r\n"
               b"Content-Transfer-Encoding: binary\r\n\r\n" + payload + b"\r\n--XX--\r\n")
    single = (b"From: a@remote.example\r\nTo: alice@example.com\r\nSubject: bin\r\nMIME-Version: 1.0\r\n"
              b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n" + payload)
    s = RawIMAP(server)
    s.append("INBOX", message)
    s.append("INBOX", single)
    s.ok("SELECT INBOX")
    part = s.ok("FETCH 1 BODY.PEEK[1]")
    assert find(part, rb"BODY\[1\] ~?\{%d\}\r\n" % len(payload)), part
    assert payload in part[0]
    whole = s.ok("FETCH 2 BODY.PEEK[1]")
    assert find(whole, rb"BODY\[1\] ~?\{%d\}\r\n" % len(payload)), whole
    assert payload in whole[0]
    s.close()


# -- CONDSTORE -------------------------------------------------------------------------------

def test_first_condstore_enabling_command_sends_highestmodseq(server):
    """RFC 7162 §3.1: "A first CONDSTORE enabling command executed in the session with a
    mailbox selected MUST cause the server to return HIGHESTMODSEQ"."""
    s = RawIMAP(server)
    s.append("INBOX", msg("one"))
    s.ok("SELECT INBOX")
    first = s.ok("FETCH 1 (FLAGS MODSEQ)")
    assert find(first, rb"^\* OK \[HIGHESTMODSEQ \d+\]"), first
    again = s.ok("FETCH 1 (FLAGS MODSEQ)")
    assert not find(again, rb"HIGHESTMODSEQ")
    s.close()
    # The same with STORE UNCHANGEDSINCE as the first enabling command.
    t = RawIMAP(server)
    t.ok("SELECT INBOX")
    store = t.ok("STORE 1 (UNCHANGEDSINCE 1000) +FLAGS.SILENT (\\Flagged)")
    assert find(store, rb"^\* OK \[HIGHESTMODSEQ \d+\]"), store
    t.close()


def test_esearch_min_max_modseq_is_that_of_the_returned_message(server):
    """RFC 4731 §3.2: "If the SEARCH/UID SEARCH command contained a single MIN or MAX
    result option, the MODSEQ result option contains the mod-sequence for the found
    message." With MIN and MAX alone, the highest of the two; otherwise of all."""
    s = RawIMAP(server)
    for i in range(3):
        s.append("INBOX", msg(f"m{i}"))
    s.ok("SELECT INBOX")
    # Raise message 2's MODSEQ above the others.
    s.ok("STORE 2 +FLAGS (\\Flagged)")
    mods = {int(m.group(1)): int(m.group(2)) for l in s.ok("FETCH 1:3 MODSEQ")
            for m in [re.search(rb"^\* (\d+) FETCH \(MODSEQ \((\d+)\)\)", l)] if m}
    assert mods[2] > mods[1] and mods[2] > mods[3]
    lo = s.ok("SEARCH RETURN (MIN) MODSEQ 1")
    assert find(lo, rb"MIN 1 MODSEQ %d\b" % mods[1]), lo
    hi = s.ok("SEARCH RETURN (MAX) MODSEQ 1")
    assert find(hi, rb"MAX 3 MODSEQ %d\b" % mods[3]), hi
    both = s.ok("SEARCH RETURN (MIN MAX) MODSEQ 1")
    assert find(both, rb"MODSEQ %d\b" % max(mods[1], mods[3])), both
    counted = s.ok("SEARCH RETURN (MIN COUNT) MODSEQ 1")
    assert find(counted, rb"MODSEQ %d\b" % mods[2]), counted
    s.close()


# -- ENVELOPE, SEARCH and SORT on addresses --------------------------------------------------

def test_envelope_keeps_source_route(server):
    """RFC 3501 §7.4.2: the address structure's second field is the "at-domain-list
    (source route)"."""
    s = RawIMAP(server)
    s.append("INBOX", msg(sender="<@relay.example,@hop.example:user@domain.org>"))
    s.ok("SELECT INBOX")
    env = s.ok("FETCH 1 ENVELOPE")
    assert find(env, rb'\(\(NIL "@relay\.example,@hop\.example" "user" "domain\.org"\)\)'), env
    s.close()


def test_search_from_ignores_comments_inside_the_address(server):
    """RFC 3501 §6.4.4 FROM: "Messages that contain the specified string in the envelope
    structure's FROM field"; comments (RFC 5322 §3.2.2) are not part of the address."""
    s = RawIMAP(server)
    s.append("INBOX", msg(sender="<user (comment)@ (comment) domain.org>"))
    s.append("INBOX", msg(sender="other@elsewhere.example"))
    s.ok("SELECT INBOX")
    found = s.ok("SEARCH FROM user@domain.org")
    assert find(found, rb"^\* SEARCH 1$"), found
    s.close()


def test_sort_keys_follow_the_address_structure(server):
    """RFC 5256 §3: FROM sorts on "[IMAP] addr-mailbox of the first "From" address" — a
    group's first address structure carries the group name as addr-mailbox, an address
    without domain its word. RFC 5957 §3: DISPLAYFROM uses addr-name, else
    mailbox@host, else addr-mailbox."""
    s = RawIMAP(server)
    s.append("INBOX", msg(sender="Zulu Group: alpha@x.example;"))        # 1: FROM key "Zulu Group"
    s.append("INBOX", msg(sender="mike"))                               # 2: FROM key "mike"
    s.append("INBOX", msg(sender="Aaron <yankee@x.example>"))           # 3: FROM key "yankee"
    s.append("INBOX", msg(sender="bravo@x.example"))                    # 4: FROM key "bravo"
    s.ok("SELECT INBOX")
    by_from = s.ok("SORT (FROM) UTF-8 ALL")
    assert find(by_from, rb"^\* SORT 4 2 3 1$"), by_from
    # DISPLAYFROM: "Zulu Group" (group name), "mike", "Aaron", "bravo@x.example".
    by_display = s.ok("SORT (DISPLAYFROM) UTF-8 ALL")
    assert find(by_display, rb"^\* SORT 3 4 2 1$"), by_display
    s.close()


# -- LIST, LSUB and subscriptions ------------------------------------------------------------

def test_delete_keeps_subscription_and_list_subscribed_shows_nonexistent(server):
    """RFC 3501 §6.3.6: "The server MUST NOT unilaterally remove an existing mailbox name
    from the subscription list even if a mailbox by that name no longer exists."
    RFC 5258 §3: LIST (SUBSCRIBED) returns it with \\NonExistent."""
    s = RawIMAP(server)
    s.ok("CREATE Gone")
    s.ok("SUBSCRIBE Gone")
    s.ok("DELETE Gone")
    lsub = s.ok('LSUB "" *')
    assert find(lsub, rb'^\* LSUB \([^)]*\) "/" "?Gone"?$'), lsub
    listed = s.ok('LIST (SUBSCRIBED) "" *')
    gone = find(listed, rb'"?Gone"?$')
    assert gone and b"\\NonExistent" in gone[0] and b"\\Subscribed" in gone[0], listed
    s.close()


def test_lsub_percent_returns_unsubscribed_parent_noselect(server):
    """RFC 3501 §6.3.9: "if "foo/bar" … is subscribed but "foo" is not. A "%" wildcard to
    LSUB must return foo, not foo/bar, in the LSUB response, and it MUST be flagged with
    the \\Noselect attribute"."""
    s = RawIMAP(server)
    s.ok("CREATE parent/child/leaf")
    s.ok("SUBSCRIBE parent/child/leaf")
    top = s.ok('LSUB "" %')
    assert find(top, rb'^\* LSUB \(\\Noselect\) "/" "?parent"?$'), top
    below = s.ok('LSUB "" parent/%')
    assert find(below, rb'^\* LSUB \(\\Noselect\) "/" "?parent/child"?$'), below
    assert not find(below, rb"leaf")
    everything = s.ok('LSUB "" *')
    mine = [l for l in everything if b"parent" in l]
    assert mine == [b'* LSUB () "/" "parent/child/leaf"'], everything
    s.close()


def test_recursivematch_childinfo(server):
    """RFC 5258 §3.5 and example 8: a parent that is not subscribed is returned with
    CHILDINFO for a subscribed child the pattern leaves out; a nonexistent one is
    \\NonExistent (A2); a subscribed one with subscribed children has CHILDINFO (A1)."""
    s = RawIMAP(server)
    for name in ("Foo", "Foo/Bar", "Foo/Baz", "Moo"):
        s.ok(f"CREATE {name}")
    s.ok("SUBSCRIBE Foo/Baz")
    s.ok("SUBSCRIBE Ghost/Child")
    r = s.ok('LIST (SUBSCRIBED RECURSIVEMATCH) "" %')
    lines = [l for l in r if l.startswith(b"* LIST")]
    foo = find(lines, rb'"?Foo"? \("CHILDINFO" \("SUBSCRIBED"\)\)$')
    assert foo and b"\\Subscribed" not in foo[0] and b"\\NonExistent" not in foo[0], lines
    ghost = find(lines, rb'"?Ghost"? \("CHILDINFO" \("SUBSCRIBED"\)\)$')
    assert ghost and b"\\NonExistent" in ghost[0], lines
    assert not find(lines, rb"Moo")
    s.ok("SUBSCRIBE Foo")
    r = s.ok('LIST (SUBSCRIBED RECURSIVEMATCH) "" %')
    foo = find(r, rb'"?Foo"? \("CHILDINFO" \("SUBSCRIBED"\)\)$')
    assert foo and b"\\Subscribed" in foo[0], r
    # With "*" the subscribed child is itself returned: Ghost is not needed for it… but
    # Foo is subscribed, so it keeps CHILDINFO.
    r = s.ok('LIST (SUBSCRIBED RECURSIVEMATCH) "" *')
    assert find(r, rb'"?Foo/Baz"?$') and find(r, rb'"?Foo"? \("CHILDINFO"'), r
    s.close()


# -- UIDVALIDITY -----------------------------------------------------------------------------

def test_uidvalidity_grows_for_a_recreated_name_without_drifting(server):
    """RFC 3501 §2.3.1.1 note 3: "If the mailbox is deleted and a new mailbox with the
    same name is created … it must assign a new UIDVALIDITY value"; "A good UIDVALIDITY
    value to use in this case is a 32-bit representation of the creation date/time of the
    mailbox" — so values stay near the clock when many accounts get their mailboxes at
    once (each first login creates five)."""
    s = RawIMAP(server)
    s.ok("CREATE Again")
    first = number(s.ok("STATUS Again (UIDVALIDITY)"), rb"UIDVALIDITY (\d+)")
    s.ok("DELETE Again")
    s.ok("CREATE Again")
    second = number(s.ok("STATUS Again (UIDVALIDITY)"), rb"UIDVALIDITY (\d+)")
    assert second > first
    s.close()
    values = []
    for i in range(12):
        server.cli.ok("user", "add", f"u{i}", "--password-stdin", stdin="pw-u-secret\n")
        u = RawIMAP(server, f"u{i}", "pw-u-secret")
        for box in ("INBOX", "Drafts", "Sent", "Junk", "Trash"):
            values.append(number(u.ok(f"STATUS {box} (UIDVALIDITY)"), rb"UIDVALIDITY (\d+)"))
        u.close()
    assert max(values) <= time.time() + 10, (values, time.time())


# -- over-long names -------------------------------------------------------------------------

def test_create_overlong_name_is_cannot(server):
    """RFC 5530 §3 CANNOT: "The operation violates some invariant of the server"; a name
    the store cannot hold (a Maildir++ folder is one directory entry, NAME_MAX 255) gets
    NO [CANNOT] "name too long", never [SERVERBUG] (issue 23, finding 6)."""
    s = RawIMAP(server)
    fits = "w" * 254  # ".www…" on disk: 255 octets
    s.ok(f'CREATE "{fits}"')
    assert number(s.ok(f'STATUS "{fits}" (MESSAGES)'), rb"MESSAGES (\d+)") == 0
    for name in ("y" * 255, "z" * 300, "d.d" + "v" * 252):
        _, tagged = s.run(f'CREATE "{name}"')
        assert re.match(rb"\S+ NO \[CANNOT\] .*name too long", tagged, re.I), (name, tagged)
        _, tagged = s.run(f'RENAME "{fits}" "{name}"')
        assert re.match(rb"\S+ NO \[CANNOT\] .*name too long", tagged, re.I), (name, tagged)
    s.close()
