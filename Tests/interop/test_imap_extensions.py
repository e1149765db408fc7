"""IMAP extensions of issue 20, each against its RFC: THREAD (RFC 5256), MULTIAPPEND
(RFC 3502), COMPRESS=DEFLATE (RFC 4978)."""
import re
import zlib
import pytest

from mailserver import MailServer
from test_imap_rfc import PASSWORD, RawIMAP, find


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


def threaded(subject, mid, day, refs="", reply_to=""):
    extra = (f"References: {refs}\r\n" if refs else "") + (f"In-Reply-To: {reply_to}\r\n" if reply_to else "")
    return (f"From: a@remote.example\r\nTo: alice@example.com\r\nSubject: {subject}\r\nMessage-ID: {mid}\r\n{extra}"
            f"Date: {day} Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n").encode()


def test_thread_references_and_orderedsubject(server):
    """RFC 5256 §3: REFERENCES links messages by References/In-Reply-To (§4 (1)), keeps
    a dummy's only child at the root (§4 (3)), gathers replies under the thread with the
    same base subject (§4 (5)); ORDEREDSUBJECT groups by base subject, the first message
    of a group the parent of the others; threads in sent-date order."""
    s = RawIMAP(server)
    caps = s.ok("CAPABILITY")[0]
    assert b"THREAD=REFERENCES" in caps and b"THREAD=ORDEREDSUBJECT" in caps
    for m in (threaded("apple", "<a@x>", 1),
              threaded("Re: apple", "<b@x>", 2, reply_to="<a@x>"),
              threaded("banana", "<c@x>", 3),
              threaded("Re: apple", "<d@x>", 4, refs="<a@x> <b@x>"),
              threaded("Re: banana", "<e@x>", 5),
              threaded("cherry", "<f@x>", 6, refs="<missing@x>"),
              threaded("Re: apple", "<g@x>", 7, reply_to="<a@x>")):
        s.append("INBOX", m)
    s.ok("SELECT INBOX")
    refs = s.ok("THREAD REFERENCES UTF-8 ALL")
    assert find(refs, rb"^\* THREAD \(1 \(2 4\)\(7\)\)\(3 5\)\(6\)$"), refs
    subject = s.ok("THREAD ORDEREDSUBJECT UTF-8 ALL")
    assert find(subject, rb"^\* THREAD \(1 \(2\)\(4\)\(7\)\)\(3 5\)\(6\)$"), subject
    # UID THREAD answers with UIDs, and the search criteria apply.
    uids = s.ok("UID THREAD REFERENCES UTF-8 SUBJECT banana")
    assert find(uids, rb"^\* THREAD \(3 5\)$"), uids
    s.close()


def test_multiappend_stores_all_or_nothing(server):
    """RFC 3502 §6.3.11: several messages in one APPEND, each with its own flags; "If the
    server returns NO for any message, none of the messages are appended"; APPENDUID
    lists every new UID (RFC 4315 §3)."""
    s = RawIMAP(server)
    assert b"MULTIAPPEND" in s.ok("CAPABILITY")[0]
    one = threaded("first", "<m1@x>", 1)
    two = threaded("second", "<m2@x>", 2)
    s.counter += 1
    tag = f"t{s.counter}"
    s.sock.sendall(f"{tag} APPEND INBOX (\\Seen) {{{len(one)}+}}\r\n".encode() + one
                   + f" ($Second) {{{len(two)}+}}\r\n".encode() + two + b"\r\n")
    _, tagged = s.collect(tag)
    assert re.match(rb"\S+ OK \[APPENDUID \d+ 1:2\]", tagged), tagged
    s.ok("SELECT INBOX")
    flags = s.ok("FETCH 1:2 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    assert b"\\Seen" in flags[0] and b"first" in flags[0]
    assert b"$Second" in flags[1] and b"second" in flags[1], flags
    # Over quota as a whole: refused, and neither message is stored.
    server.cli.ok("user", "set", "alice", "--quota", "2K")
    s.close()
    s = RawIMAP(server)
    big = threaded("big", "<m3@x>", 3) + b"x" * 1500 + b"\r\n"
    s.counter += 1
    tag = f"t{s.counter}"
    s.sock.sendall(f"{tag} APPEND INBOX {{{len(big)}+}}\r\n".encode() + big
                   + f" {{{len(big)}+}}\r\n".encode() + big + b"\r\n")
    _, tagged = s.collect(tag)
    assert re.match(rb"\S+ NO \[OVERQUOTA\]", tagged), tagged
    assert find(s.ok("STATUS INBOX (MESSAGES)"), rb"MESSAGES 2\)")
    s.close()


def test_compress_deflate(server):
    """RFC 4978 §3: after "OK" to COMPRESS DEFLATE both sides send raw DEFLATE (RFC 1951)
    from the byte after the tagged OK's CRLF; a second COMPRESS is BAD. The server flushes
    so that every response can be decoded as it arrives (§4)."""
    s = RawIMAP(server)
    s.append("INBOX", b"Subject: squeezed\r\n\r\n" + b"compressible line\r\n" * 500)
    assert b"COMPRESS=DEFLATE" in s.ok("CAPABILITY")[0]
    _, tagged = s.run("COMPRESS DEFLATE")
    assert re.match(rb"\S+ OK", tagged), tagged
    assert s.buffer == b""
    out = zlib.compressobj(6, zlib.DEFLATED, -15)
    inflater = zlib.decompressobj(-15)
    received = [0]

    def send(text):
        s.sock.sendall(out.compress(text) + out.flush(zlib.Z_SYNC_FLUSH))

    def until(tag):
        data = b""
        while not re.search(rb"(^|\r\n)" + tag + rb" (OK|NO|BAD)[^\r\n]*\r\n", data):
            chunk = s.sock.recv(65536)
            assert chunk, data
            received[0] += len(chunk)
            data += inflater.decompress(chunk)
        return data

    send(b"c1 SELECT INBOX\r\n")
    assert b"c1 OK" in until(b"c1")
    send(b"c2 FETCH 1 BODY.PEEK[]\r\n")
    body = until(b"c2")
    assert body.count(b"compressible line") == 500 and b"c2 OK" in body
    assert received[0] < 2000  # ~10 KB of message text, compressed
    send(b"c3 COMPRESS DEFLATE\r\n")
    assert re.search(rb"c3 BAD", until(b"c3"))
    send(b"c4 LOGOUT\r\n")
    assert b"* BYE" in until(b"c4")
    s.sock.close()


def test_searchres_esort_and_partial(server):
    """RFC 5182 §2.1: SEARCH RETURN (SAVE) keeps the result for "$" (no ESEARCH when SAVE
    is alone), usable in FETCH, UID FETCH and SEARCH, emptied by SELECT; §2.4 with MIN
    only "$" holds that message. RFC 5267 §3 ESORT: MIN/MAX/ALL in sort order; §4.4
    PARTIAL returns the given positions of the result."""
    s = RawIMAP(server)
    caps = s.ok("CAPABILITY")[0]
    assert b"SEARCHRES" in caps and b"ESORT" in caps
    for i, subject in enumerate(["delta", "alpha", "charlie", "bravo", "echo"]):
        s.append("INBOX", f"Subject: {subject}\r\nFrom: x@y.example\r\n\r\nbody {i}\r\n".encode(),
                 flags="\\Flagged" if i % 2 == 0 else "")
    s.ok("SELECT INBOX")
    saved = s.ok("SEARCH RETURN (SAVE) FLAGGED")
    assert not find(saved, rb"ESEARCH"), saved
    fetched = s.ok("FETCH $ (UID)")
    assert [int(re.match(rb"\* (\d+) FETCH", l).group(1)) for l in fetched if b"FETCH" in l] == [1, 3, 5]
    assert len(find(s.ok("UID FETCH $ (FLAGS)"), rb"FETCH")) == 3
    assert find(s.ok("SEARCH $ SUBJECT charlie"), rb"^\* SEARCH 3$")
    s.ok("SEARCH RETURN (SAVE MIN) FLAGGED")
    assert find(s.ok("SEARCH $"), rb"^\* SEARCH 1$")
    s.ok("SELECT INBOX")
    assert not find(s.ok("FETCH $ (UID)"), rb"FETCH")
    # ESORT: sort order alpha(2) bravo(4) charlie(3) delta(1) echo(5).
    esort = s.ok("SORT RETURN (MIN MAX ALL COUNT) (SUBJECT) UTF-8 ALL")
    assert find(esort, rb"^\* ESEARCH \(TAG \"t\d+\"\) MIN 2 MAX 5 ALL 2,4,3,1,5 COUNT 5$"), esort
    partial = s.ok("SORT RETURN (PARTIAL 2:3) (SUBJECT) UTF-8 ALL")
    assert find(partial, rb"PARTIAL \(2:3 4,3\)$"), partial
    last = s.ok("SEARCH RETURN (PARTIAL -1:-2) ALL")
    assert find(last, rb"PARTIAL \(-1:-2 4:5\)$") and not find(last, rb" ALL "), last
    none = s.ok("SEARCH RETURN (PARTIAL 10:20) ALL")
    assert find(none, rb"PARTIAL \(10:20 NIL\)$"), none
    s.close()


def test_special_use_recursivematch_and_list_myrights(server):
    """RFC 6154 §3 / RFC 5258 §3.5: the SPECIAL-USE selection option with RECURSIVEMATCH
    returns a parent whose child has a special use with CHILDINFO ("SPECIAL-USE").
    RFC 8440 §3: RETURN (MYRIGHTS) sends a MYRIGHTS response after each mailbox's LIST."""
    s = RawIMAP(server)
    assert b"LIST-MYRIGHTS" in s.ok("CAPABILITY")[0]
    s.ok('CREATE "Archive/2024" (USE (\\Archive))')
    r = s.ok('LIST (SPECIAL-USE RECURSIVEMATCH) "" "%"')
    assert find(r, rb'^\* LIST \([^)]*\) "/" "?Archive"? \("CHILDINFO" \("SPECIAL-USE"\)\)$'), r
    assert find(r, rb'\\Sent\b') and not find(r, rb'INBOX')
    r = s.ok('LIST "" "%" RETURN (MYRIGHTS)')
    inbox = [i for i, l in enumerate(r) if re.match(rb'\* LIST .*"INBOX"$', l)]
    rights = [i for i, l in enumerate(r) if re.match(rb'\* MYRIGHTS "INBOX" \S*l\S*r', l)]
    assert inbox and rights and inbox[0] < rights[0], r
    s.close()


def test_catenate(server):
    """RFC 4469 §5: APPEND with CATENATE builds the message from TEXT literals and IMAP
    URLs of messages or parts on the server (RFC 5092 form, relative or imap://); a URL
    that cannot be resolved gives NO [BADURL url] and nothing is appended."""
    s = RawIMAP(server)
    assert b"CATENATE" in s.ok("CAPABILITY")[0]
    s.append("INBOX", b"Subject: original\r\nFrom: a@b.example\r\n\r\nfirst body\r\n")
    validity = int(re.search(rb"UIDVALIDITY (\d+)", s.ok("STATUS INBOX (UIDVALIDITY)")[0]).group(1))
    body = b"\r\nnew body\r\n"
    s.counter += 1
    tag = f"t{s.counter}"
    s.sock.sendall(f'{tag} APPEND Drafts CATENATE (URL "/INBOX;UIDVALIDITY={validity}/;UID=1/;SECTION=HEADER" '
                   f'TEXT {{{len(body)}+}}\r\n'.encode() + body + b' URL "imap://alice@localhost/INBOX/;UID=1/;SECTION=TEXT")\r\n')
    _, tagged = s.collect(tag)
    assert re.match(rb"\S+ OK \[APPENDUID \d+ 1\]", tagged), tagged
    s.ok("EXAMINE Drafts")
    built = s.ok("FETCH 1 BODY.PEEK[]")[0]
    assert built.endswith(b"Subject: original\r\nFrom: a@b.example\r\n\r\n\r\nnew body\r\nfirst body\r\n)"), built
    _, tagged = s.run('APPEND Drafts CATENATE (URL "/INBOX/;UID=99")')
    assert re.match(rb'\S+ NO \[BADURL /INBOX/;UID=99\]', tagged), tagged
    assert re.search(rb"MESSAGES 1\)", s.ok("STATUS Drafts (MESSAGES)")[0])
    s.close()
