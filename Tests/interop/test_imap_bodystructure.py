"""Every message of ../shared/data/mime-samples, delivered over SMTP, is visible over IMAP
with a BODYSTRUCTURE whose MIME tree (content types, nesting, message/rfc822 parts
descended into) is the one Python's `email` package sees in the original file, up to the
two shapes the IMAP grammar imposes (see `same`). The differences already explained for
the parser (test_mime_parse.KNOWN_DIFFERENCES) apply here too, since BODYSTRUCTURE is
built from that parse."""
import email
import email.policy
import imaplib
import os
import re
import smtplib

import mailserver
from mailserver import MailServer, client_tls_context
from test_mime_parse import DATA, IGNORED_NAME_PARTS, KNOWN_DIFFERENCES


def samples():
    root = DATA / "mime-samples"
    files = []
    for dirpath, _dirs, names in os.walk(root):
        files += [os.path.join(dirpath, n) for n in names if not any(p in n.upper() for p in IGNORED_NAME_PARTS)]
    return sorted(files)


# -- a small reader for IMAP parenthesized data ----------------------------------------------

def flatten(data):
    """imaplib's FETCH data (literals split out) → one token list per response."""
    responses, tokens = [], []
    for item in data:
        if isinstance(item, tuple):
            head, literal = item
            head = re.sub(rb"\{\d+\}$", b"", head)
            tokens += tokenize(head) + [("str", literal)]
        elif item is not None:
            tokens += tokenize(item)
            if item.endswith(b")"):
                responses.append(tokens)
                tokens = []
    if tokens:
        responses.append(tokens)
    return responses


def tokenize(text):
    out, i = [], 0
    while i < len(text):
        c = text[i:i + 1]
        if c in b" \r\n":
            i += 1
        elif c in b"()":
            out.append(c.decode())
            i += 1
        elif c == b'"':
            j, value = i + 1, b""
            while text[j:j + 1] != b'"':
                if text[j:j + 1] == b"\\":
                    j += 1
                value += text[j:j + 1]
                j += 1
            out.append(("str", value))
            i = j + 1
        else:
            j = i
            while j < len(text) and text[j:j + 1] not in b' ()"\r\n':
                j += 1
            atom = text[i:j]
            out.append(None if atom.upper() == b"NIL" else ("atom", atom))
            i = j
    return out


def parse(tokens):
    def value(pos):
        t = tokens[pos]
        if t == "(":
            items, pos = [], pos + 1
            while tokens[pos] != ")":
                item, pos = value(pos)
                items.append(item)
            return items, pos + 1
        return (t[1] if t else None), pos + 1
    return value(0)[0]


def bodystructure_of(response_tokens):
    items = parse(response_tokens[1:] if response_tokens[0] != "(" else response_tokens)
    for key, val in zip(items[::2], items[1::2]):
        if key == b"BODYSTRUCTURE":
            return val
    raise AssertionError(f"no BODYSTRUCTURE in {items}")


def our_tree(bs):
    """(content type, children, body size) of a BODYSTRUCTURE."""
    if isinstance(bs[0], list):
        # The parts come first, then the subtype, then extension data (which has lists too).
        count = next(i for i, x in enumerate(bs) if not isinstance(x, list))
        return ("multipart/" + bs[count].decode().lower(), [our_tree(p) for p in bs[:count]], None)
    content_type = (bs[0] + b"/" + bs[1]).decode().lower()
    size = int(bs[6]) if len(bs) > 6 and bs[6] is not None else None
    if content_type == "message/rfc822" and len(bs) > 8 and isinstance(bs[8], list):
        return (content_type, [our_tree(bs[8])], size)
    return (content_type, [], size)


def python_tree(part):
    children = part.get_payload() if part.is_multipart() else []
    return (part.get_content_type(), [python_tree(c) for c in children], None)


def same(ours, theirs):
    """Equal trees, allowing what the IMAP grammar imposes:
    - a multipart without parts (malformed mail: no delimiter found) is sent with one
      text/plain part holding its body, because RFC 3501 §9 `body-type-mpart = 1*body SP
      media-subtype` needs at least one (Dovecot does the same);
    - message/* other than rfc822 (external-body, partial…) is a leaf: RFC 3501 §7.4.2
      gives only message/rfc822 an encapsulated ENVELOPE and BODYSTRUCTURE."""
    (our_type, our_children, _), (their_type, their_children, _) = ours, theirs
    if our_type != their_type:
        return False
    if our_type.startswith("multipart/") and not their_children:
        return len(our_children) == 1 and our_children[0][0] == "text/plain" and not our_children[0][1]
    if our_type.startswith("message/") and our_type != "message/rfc822":
        return not our_children
    return len(our_children) == len(their_children) and all(map(same, our_children, their_children))


def flat(tree):
    return [tree[0]] + [t for child in tree[1] for t in flat(child)]


def strip_received(stored: bytes) -> bytes:
    """Without Postino's trace fields (Authentication-Results, Received)."""
    return mailserver.strip_received(stored)


def normalized(raw: bytes) -> bytes:
    """What Postino stores of a file smtplib sent: smtplib adds CRLF when the bytes do
    not end with one, Postino's DATA decoder turns every bare LF into CRLF."""
    if not raw.endswith(b"\r\n"):
        raw += b"\r\n"
    return re.sub(rb"(?<!\r)\n", b"\r\n", raw)


def python_view(raw):
    return python_tree(email.message_from_bytes(raw, policy=email.policy.default))


def test_bodystructure_of_every_mime_sample_matches_python(tmp_path, capsys):
    server = MailServer(tmp_path, services=("smtp", "imaps"))
    server.cli.ok("domain", "add", "example.com")
    server.cli.ok("user", "add", "alice", "--password-stdin", stdin="pw-alice-bs\n")
    server.cli.ok("settings", "set", "smtp.max_message_size", "50M")
    # The samples are stored as sent: a relay client skips the filter, which would remove
    # the X-Spam* fields some samples carry (this test is about BODYSTRUCTURE).
    server.cli.ok("settings", "set", "smtp.relay_ips", "127.0.0.1")
    server.start()
    try:
        files = samples()
        assert len(files) > 200
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=60) as s:
            for path in files:
                raw = open(path, "rb").read()
                s.sendmail("samples@remote.example", ["alice@example.com"], raw,
                           mail_options=["BODY=8BITMIME", "SMTPUTF8"])
        server.wait_for_messages("alice", len(files), timeout=180)
        m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=60)
        m.login("alice", "pw-alice-bs")
        m.select("INBOX", readonly=True)
        # Deliveries run in parallel, so UID order is not sending order: match by content.
        by_content = {}
        for seq in range(1, len(files) + 1):
            typ, data = m.fetch(str(seq), "(BODYSTRUCTURE BODY.PEEK[])")
            assert typ == "OK"
            [response] = flatten(data)
            items = parse(response[1:])
            fields = dict(zip(items[::2], items[1::2]))
            by_content.setdefault(strip_received(fields[b"BODY[]"]), []).append(fields[b"BODYSTRUCTURE"])
        m.logout()
    finally:
        server.stop()

    structures = [by_content[normalized(open(path, "rb").read())].pop() for path in files]
    agreed, unexpected, known = 0, [], 0
    for path, bs in zip(files, structures):
        key = os.path.relpath(path, DATA)
        ours, theirs = our_tree(bs), python_view(open(path, "rb").read())
        if same(ours, theirs):
            agreed += 1
        elif key in KNOWN_DIFFERENCES:
            known += 1
        else:
            unexpected.append(f"{key}: python {flat(theirs)} | BODYSTRUCTURE {flat(ours)}")
    with capsys.disabled():  # the figure belongs in CI's output even when the test passes
        print(f"\nBODYSTRUCTURE agreement: {agreed}/{len(files)}, known differences: {known}, unexpected: {len(unexpected)}")
    assert not unexpected, "\n".join(unexpected)
