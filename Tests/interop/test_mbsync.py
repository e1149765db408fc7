"""mbsync (Debian isync) against Postino's IMAP: a 1,000-message mailbox synced down to a
local Maildir and back up into a new remote folder, with identical content (hashes), and
a second run that transfers nothing."""
import hashlib
import imaplib
import re
import subprocess

from mailserver import MailServer, client_tls_context

COUNT = 1000
PASSWORD = "mbsync-pw-alice"


def make_message(i: int) -> bytes:
    if i % 3 == 0:
        return (f"From: a{i}@remote.example\r\nTo: alice@example.com\r\nSubject: multipart {i}\r\n"
                f"Message-ID: <mb{i}@test>\r\nMIME-Version: 1.0\r\n"
                f"Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n"
                f"--b{i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                f"Grüße {i}\r\n--b{i}\r\nContent-Type: application/octet-stream\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--b{i}--\r\n").encode()
    return (f"From: a{i}@remote.example\r\nTo: alice@example.com\r\nSubject: plain {i}\r\n"
            f"Message-ID: <mb{i}@test>\r\n\r\n" + f"line {i}\r\n" * (1 + i % 20)).encode()


def digest(raw: bytes) -> str:
    """Line ends normalised, and mbsync's own tracking header (X-TUID) removed."""
    text = raw.replace(b"\r\n", b"\n")
    text = re.sub(rb"^X-TUID: [^\n]*\n", b"", text, flags=re.M)
    return hashlib.sha256(text).hexdigest()


def test_mbsync_down_and_up_then_nothing(tmp_path):
    server = MailServer(tmp_path, services=("imaps",))
    server.cli.ok("domain", "add", "example.com")
    server.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    # Messages dropped into the Maildir by another program are indexed at start-up.
    new = server.maildir("alice") / "new"
    for sub in ("cur", "new", "tmp"):
        (server.maildir("alice") / sub).mkdir(parents=True, exist_ok=True)
    originals = {}
    for i in range(COUNT):
        raw = make_message(i)
        (new / f"1700000000.M{i}P1.test").write_bytes(raw)
        originals[digest(raw)] = raw
    server.start()
    try:
        local = tmp_path / "local"
        local.mkdir()
        # Per-channel state directories: a channel's state file is named after its near
        # box only, and both channels use the local INBOX.
        (tmp_path / "state-down").mkdir()
        (tmp_path / "state-up").mkdir()
        rc = tmp_path / "mbsyncrc"
        rc.write_text(f"""IMAPAccount postino
Host localhost
Port {server.port('imaps')}
User alice
Pass {PASSWORD}
SSLType IMAPS
CertificateFile {server.data / 'tls' / 'cert.pem'}

IMAPStore remote
Account postino

MaildirStore local
Path {local}/
Inbox {local}/INBOX

Channel down
Far :remote:INBOX
Near :local:INBOX
Create Near
Sync Pull
Expunge None
SyncState {tmp_path}/state-down/

Channel up
Far :remote:Copy
Near :local:INBOX
Create Far
Sync Push
Expunge None
SyncState {tmp_path}/state-up/
""")

        def mbsync(*args):
            proc = subprocess.run(["mbsync", "-c", str(rc), *args], capture_output=True, text=True, timeout=600)
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
            return proc.stdout + proc.stderr

        mbsync("down")
        pulled = [p for sub in ("cur", "new") for p in (local / "INBOX" / sub).iterdir()]
        assert len(pulled) == COUNT
        assert sorted(digest(p.read_bytes()) for p in pulled) == sorted(originals)

        mbsync("up")
        m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=60)
        m.login("alice", PASSWORD)
        typ, data = m.select("Copy", readonly=True)
        assert typ == "OK" and int(data[0]) == COUNT
        typ, data = m.fetch(f"1:{COUNT}", "(BODY.PEEK[])")
        uploaded = [item[1] for item in data if isinstance(item, tuple)]
        assert sorted(digest(b) for b in uploaded) == sorted(originals)
        before = m.status("INBOX", "(MESSAGES UIDNEXT HIGHESTMODSEQ)")[1], m.status("Copy", "(MESSAGES UIDNEXT)")[1]
        m.logout()

        # Second run: the IMAP protocol trace (-D) must show no message going either way.
        out = mbsync("-a", "-D")
        assert ">>> " in out and "SELECT" in out
        assert not re.search(r">>> \d+ APPEND|BODY\.PEEK\[\]|>>> \d+ UID STORE", out), out[-3000:]
        m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=60)
        m.login("alice", PASSWORD)
        after = m.status("INBOX", "(MESSAGES UIDNEXT HIGHESTMODSEQ)")[1], m.status("Copy", "(MESSAGES UIDNEXT)")[1]
        m.logout()
        assert after == before
        assert len([p for sub in ("cur", "new") for p in (local / "INBOX" / sub).iterdir()]) == COUNT
    finally:
        server.stop()
