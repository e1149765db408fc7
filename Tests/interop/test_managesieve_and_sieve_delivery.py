"""ManageSieve (RFC 5804, port 4190) with sieve-connect and a Python client, and Sieve at
delivery end to end over SMTP: fileinto with flags, redirect, vacation once per sender,
a runtime error keeping the mail in INBOX."""
import base64
import imaplib
import os
import re
import smtplib
import socket
import ssl
import subprocess
import time

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "alice-sieve-pw"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "imaps", "managesieve"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-sieve-pw\n")
    s.cli.ok("user", "add", "carol")
    s.start()
    yield s
    s.stop()


class ManageSieve:
    """A small RFC 5804 client: STARTTLS, AUTHENTICATE PLAIN, the script commands."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""
        self.capabilities = self.read_response()[0]

    def line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def literal(self, size):
        while len(self.buf) < size:
            self.buf += self.sock.recv(65536)
        data, self.buf = self.buf[:size], self.buf[size:]
        return data

    def read_response(self):
        """(data lines, final OK/NO/BYE line); literals are read whole."""
        data = []
        while True:
            line = self.line()
            if re.match(rb"^(OK|NO|BYE)\b", line):
                return data, line
            m = re.match(rb"^\{(\d+)\+?\}$", line)
            if m:
                data.append(self.literal(int(m.group(1))))
            else:
                data.append(line)

    def command(self, text: bytes):
        self.sock.sendall(text + b"\r\n")
        return self.read_response()

    def starttls(self):
        data, status = self.command(b"STARTTLS")
        assert status.startswith(b"OK")
        self.sock = client_tls_context().wrap_socket(self.sock, server_hostname="localhost")
        self.capabilities = self.read_response()[0]

    def login(self, user, password):
        token = base64.b64encode(f"\0{user}\0{password}".encode())
        return self.command(b'AUTHENTICATE "PLAIN" "' + token + b'"')[1]

    def put(self, name, script: bytes):
        return self.command(b'PUTSCRIPT "' + name.encode() + b'" {%d+}\r\n' % len(script) + script)[1]


def mailbox_messages(server, user, password, folder="INBOX"):
    m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    m.login(user, password)
    typ, data = m.select(f'"{folder}"', readonly=True)
    if typ != "OK":
        m.logout()
        return []
    typ, data = m.fetch("1:*", "(FLAGS BODY.PEEK[])") if int(data[0]) else ("OK", [])
    result = [(item[0], item[1]) for item in data if isinstance(item, tuple)]
    m.logout()
    return result


def send(server, sender, recipient, subject, to_header=None):
    raw = (f"From: {sender}\r\nTo: {to_header or recipient}\r\nSubject: {subject}\r\n"
           f"Message-ID: <{subject.replace(' ', '.')}.{time.time()}@test>\r\n\r\nHello.\r\n").encode()
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        s.sendmail(sender, [recipient], raw)


# -- ManageSieve ----------------------------------------------------------------------------

def test_python_client_every_command(server):
    c = ManageSieve(server.port("managesieve"))
    assert any(b'"STARTTLS"' in line for line in c.capabilities)
    assert c.login("alice", PASSWORD).startswith(b"NO")  # no PLAIN before TLS
    c.starttls()
    assert any(b'"SIEVE"' in l and b"fileinto" in l and b"vacation" in l for l in c.capabilities)
    assert c.login("alice", "wrong").startswith(b"NO")
    assert c.login("alice", PASSWORD).startswith(b"OK")
    assert c.command(b'HAVESPACE "filter" 100')[1].startswith(b"OK")
    assert c.put("filter", b'require "fileinto";\r\nif header :contains "Subject" "x" { fileinto "X"; }\r\n').startswith(b"OK")
    broken = c.put("broken", b'require "fileinto";\r\nif header :contains "Subject" { keep; }\r\n')
    assert broken.startswith(b"NO") and b"line 2" in broken
    assert c.command(b'CHECKSCRIPT {7+}\r\nkeep;\r\n')[1].startswith(b"OK")
    data, status = c.command(b"LISTSCRIPTS")
    assert status.startswith(b"OK") and data == [b'"filter"']
    assert c.command(b'SETACTIVE "filter"')[1].startswith(b"OK")
    assert c.command(b"LISTSCRIPTS")[0] == [b'"filter" ACTIVE']
    data, status = c.command(b'GETSCRIPT "filter"')
    assert status.startswith(b"OK") and b'fileinto "X"' in data[0]
    assert c.command(b'DELETESCRIPT "filter"')[1].startswith(b"NO (ACTIVE)")
    assert c.command(b'RENAMESCRIPT "filter" "main"')[1].startswith(b"OK")
    assert c.command(b"LISTSCRIPTS")[0] == [b'"main" ACTIVE']
    assert c.command(b'GETSCRIPT "nope"')[1].startswith(b"NO (NONEXISTENT)")
    assert c.command(b'SETACTIVE ""')[1].startswith(b"OK")
    assert c.command(b'DELETESCRIPT "main"')[1].startswith(b"OK")
    assert c.command(b"NOOP")[1].startswith(b"OK")
    assert c.command(b"LOGOUT")[1].startswith(b"OK")


def test_sieve_connect_upload_list_activate_download_delete(server, tmp_path):
    script = tmp_path / "vacation.sieve"
    script.write_text('require "vacation";\nvacation :days 1 "Away";\n')
    broken = tmp_path / "broken.sieve"
    broken.write_text('require "vacation";\nvacation :days;\n')

    def sieve_connect(*args):
        read, write = os.pipe()
        os.write(write, PASSWORD.encode() + b"\n")
        os.close(write)
        proc = subprocess.run(["sieve-connect", "--server", "localhost", "--port", str(server.port("managesieve")),
                               "--user", "alice", "--passwordfd", str(read), "--authmech", "PLAIN",
                               "--tlscafile", str(server.data / "tls" / "cert.pem"), *args],
                              capture_output=True, text=True, timeout=60, pass_fds=(read,))
        os.close(read)
        return proc
    assert sieve_connect("--upload", "--localsieve", str(script), "--remotesieve", "vac").returncode == 0
    refused = sieve_connect("--upload", "--localsieve", str(broken), "--remotesieve", "bad")
    assert refused.returncode != 0 and "line 2" in refused.stdout + refused.stderr
    assert sieve_connect("--activate", "--remotesieve", "vac").returncode == 0
    listing = sieve_connect("--list")
    assert listing.returncode == 0 and re.search(r"\bvac\b.*\bactive\b", listing.stdout, re.I), listing.stdout
    out = tmp_path / "back.sieve"
    assert sieve_connect("--download", "--remotesieve", "vac", "--localsieve", str(out)).returncode == 0
    assert out.read_text() == script.read_text()
    assert sieve_connect("--deactivate").returncode == 0
    assert sieve_connect("--delete", "--remotesieve", "vac").returncode == 0
    assert "vac" not in sieve_connect("--list").stdout


# -- Sieve at delivery ----------------------------------------------------------------------

def activate(server, user, password, script: bytes):
    c = ManageSieve(server.port("managesieve"))
    c.starttls()
    assert c.login(user, password).startswith(b"OK")
    assert c.put("main", script).startswith(b"OK")
    assert c.command(b'SETACTIVE "main"')[1].startswith(b"OK")
    c.command(b"LOGOUT")


def test_fileinto_with_flags_and_create(server):
    activate(server, "alice", PASSWORD, b'require ["fileinto", "imap4flags", "mailbox"];\r\n'
             b'if header :contains "Subject" "report" { fileinto :create :flags "\\\\Flagged" "Reports/2026"; }\r\n')
    send(server, "x@remote.example", "alice@example.com", "monthly report")
    send(server, "x@remote.example", "alice@example.com", "hello")
    server.wait_for_messages("alice", 1)
    time.sleep(0.5)
    reports = mailbox_messages(server, "alice", PASSWORD, "Reports/2026")
    assert len(reports) == 1 and b"\\Flagged" in reports[0][0] and b"monthly report" in reports[0][1]
    inbox = mailbox_messages(server, "alice", PASSWORD)
    assert [b"hello" in body for _, body in inbox] == [True]


def test_redirect_to_another_user(server):
    activate(server, "alice", PASSWORD, b'redirect "bob@example.com";\r\n')
    send(server, "x@remote.example", "alice@example.com", "for bob")
    [copy] = server.wait_for_messages("bob", 1)
    assert b"Subject: for bob" in copy.read_bytes()
    time.sleep(0.5)
    assert server.messages("alice") == []


def test_vacation_once_per_sender(server):
    activate(server, "alice", PASSWORD, b'require "vacation";\r\nvacation :days 1 :subject "Away" "I am away.";\r\n')
    for i in range(2):
        send(server, "bob@example.com", "alice@example.com", f"question {i}")
    send(server, "carol@example.com", "alice@example.com", "carol asks")
    server.wait_for_messages("alice", 3)
    replies_bob = server.wait_for_messages("bob", 1)
    server.wait_for_messages("carol", 1)
    time.sleep(1)
    replies_bob = server.messages("bob")
    assert len(replies_bob) == 1
    reply = replies_bob[0].read_bytes()
    assert b"Subject: Away" in reply and b"Auto-Submitted: auto-replied" in reply and b"I am away." in reply
    # Sent with the null sender (RFC 5230 §5.1), so it cannot loop.
    assert b"In-Reply-To:" in reply


def test_runtime_error_keeps_mail_and_tells_once(server):
    activate(server, "alice", PASSWORD,
             b''.join(b'redirect "r%d@example.com";\r\n' % i for i in range(6)))  # over the redirect limit
    send(server, "x@remote.example", "alice@example.com", "first")
    send(server, "x@remote.example", "alice@example.com", "second")
    files = server.wait_for_messages("alice", 3)
    time.sleep(0.5)
    bodies = [f.read_bytes() for f in server.messages("alice")]
    assert sum(b"Subject: first" in b or b"Subject: second" in b for b in bodies) == 2
    notices = [b for b in bodies if b"Your mail filter (Sieve) failed" in b]
    assert len(notices) == 1
    assert "sieve: alice:" in server.maillog()
