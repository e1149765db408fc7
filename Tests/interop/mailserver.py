"""A running `postino serve` for protocol tests: a temporary data directory, every wanted
service on a free loopback port (bound as port 0 and read back from the banner), the CLI
against the same data, and helpers to look into Maildirs.

    server = MailServer(tmp_path, services=("smtp", "submission"))
    server.cli.ok("domain", "add", "example.com")
    server.start()
    ... smtplib.SMTP("127.0.0.1", server.port("smtp")) ...
    server.stop()
"""
import json
import os
import pathlib
import re
import signal
import sqlite3
import ssl
import subprocess
import time

from conftest import BIN, Postino, wait_for_output

ALL_SERVICES = ("smtp", "submission", "smtps", "imap", "imaps", "pop3", "pop3s", "managesieve", "admin",
                "autoconfig", "autodiscover")


def client_tls_context() -> ssl.SSLContext:
    """Tests talk to a self-signed certificate."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class MailServer:
    def __init__(self, tmp_path: pathlib.Path, services=("smtp", "submission", "smtps"), host="127.0.0.1"):
        self.data = tmp_path / "data"
        self.cli = Postino(self.data)
        self.services = services
        self.host = host
        self.proc = None
        self.ports = {}
        self.banner = ""
        # Tests never reach the real DNS: by default queries go to a closed loopback port
        # and fail at once (tests of outbound delivery point this at their own server).
        self.cli.ok("settings", "set", "dns.nameserver", "127.0.0.1:9")

    # -- lifecycle --------------------------------------------------------------------

    def start(self, extra_args=()):
        args = [BIN, "serve", "--data", str(self.data)]
        for name in ALL_SERVICES:
            if name in self.services:
                # Keep the ports of a previous start, so clients reconnect to the same place.
                args += ["--listen", f"{name}={self.host}:{self.ports.get(name, 0)}"]
            else:
                args += ["--listen", f"{name}=off"]
        self.proc = subprocess.Popen([*args, *extra_args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.banner = wait_for_output(self.proc, "Stop with Ctrl-C", timeout=60)
        for name in self.services:
            m = re.search(rf"^  {name}\s+\S+:(\d+)\s", self.banner, re.M)
            assert m, f"{name} not listening:\n{self.banner}"
            self.ports[name] = int(m.group(1))
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def kill(self):
        """SIGKILL: a crash, no cleanup at all."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def port(self, name: str) -> int:
        return self.ports[name]

    # -- looking inside -----------------------------------------------------------------

    def maildir(self, owner: str, folder: str = "INBOX") -> pathlib.Path:
        root = self.data / "mail" / owner / "Maildir"
        return root if folder == "INBOX" else root / ("." + folder.replace("/", "."))

    def messages(self, owner: str, folder: str = "INBOX") -> list:
        """The message files of a mailbox (new/ and cur/), oldest first by name."""
        box = self.maildir(owner, folder)
        files = []
        for sub in ("new", "cur"):
            d = box / sub
            if d.is_dir():
                files += [p for p in d.iterdir() if not p.name.startswith(".")]
        return sorted(files, key=lambda p: p.name)

    def wait_for_messages(self, owner: str, count: int, folder: str = "INBOX", timeout: float = 20.0) -> list:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.messages(owner, folder)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{owner}/{folder}: expected {count} messages, found {len(self.messages(owner, folder))}")

    def maillog(self) -> str:
        path = self.data / "log" / "maillog"
        return path.read_text() if path.exists() else ""

    def spool_files(self) -> list:
        active = self.data / "spool" / "active"
        return sorted(p.name for p in active.iterdir()) if active.is_dir() else []

    def queued_envelopes(self) -> list:
        """The envelopes of the messages in the queue, as stored with their queue rows."""
        db = sqlite3.connect(f"file:{self.data / 'postino.sqlite'}?mode=ro", uri=True)
        try:
            return [json.loads(row[0]) for row in db.execute("SELECT envelope FROM queue_messages")]
        finally:
            db.close()


def started_server(tmp_path, users: dict, services=("imap",)) -> MailServer:
    """A started server for example.com with `users` (name -> password), plaintext logins
    allowed (the IMAP/POP3 tests log in without TLS on loopback). Stop it with `.stop()`."""
    server = MailServer(tmp_path, services=services)
    server.cli.ok("domain", "add", "example.com")
    for name, password in users.items():
        server.cli.ok("user", "add", name, "--password-stdin", stdin=password + "\n")
    server.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    return server.start()


def strip_received(raw: bytes) -> bytes:
    """A stored message without the trace fields Postino prepends: its
    Authentication-Results (mail from outside, RFC 8601) and its Received header."""
    lines = raw.split(b"\r\n")
    i = 0
    if lines[0].startswith(b"Authentication-Results: "):
        i += 1
        while lines[i].startswith((b"\t", b" ")):
            i += 1
    assert lines[i].startswith(b"Received: "), raw[:80]
    i += 1
    while lines[i].startswith((b"\t", b" ")):
        i += 1
    return b"\r\n".join(lines[i:])


def deliver_many(server, recipient: str, messages, connections: int = 8):
    """Sends every message of `messages` (bytes) to `recipient` over port 25, spread over
    several connections; returns when all got their 250."""
    import smtplib
    import threading
    errors = []
    chunks = [messages[i::connections] for i in range(connections)]

    def send(chunk):
        try:
            with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=60) as s:
                for raw in chunk:
                    s.sendmail("sender@remote.example", [recipient], raw)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
    threads = [threading.Thread(target=send, args=(c,)) for c in chunks if c]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
