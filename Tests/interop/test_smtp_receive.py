"""SMTP receiving (ports 25, 587, 465) with real clients: Python smtplib, swaks and raw
sockets. Every accepted message must land in the right Maildir with intact bytes."""
import json
import re
import smtplib
import socket
import ssl
import subprocess
import time

import pytest

from mailserver import MailServer, client_tls_context, strip_received

PASSWORD = "alice-secret-pw"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "submission", "smtps"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-secret-pw\n")
    s.start()
    yield s
    s.stop()


def message(subject: str, body: str = "Hello.\r\n") -> bytes:
    return (f"From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}@test>\r\n\r\n{body}").encode()


def submission(server, port_name="submission") -> smtplib.SMTP:
    if port_name == "smtps":
        return smtplib.SMTP_SSL("127.0.0.1", server.port("smtps"), context=client_tls_context(), timeout=30)
    s = smtplib.SMTP("127.0.0.1", server.port(port_name), timeout=30)
    s.starttls(context=client_tls_context())
    return s


class RawSMTP:
    """A line-level client for what smtplib will not do (pipelining, BDAT, injection)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buffer = b""
        assert self.reply()[0] == 220

    def send(self, data: bytes):
        self.sock.sendall(data)

    def reply(self):
        """(code, [lines]) of one possibly multi-line reply."""
        lines = []
        while True:
            while b"\r\n" not in self.buffer:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError(f"closed; got {lines}")
                self.buffer += chunk
            line, self.buffer = self.buffer.split(b"\r\n", 1)
            lines.append(line.decode())
            if line[3:4] != b"-":
                return int(line[:3]), lines

    def command(self, line: str):
        self.send(line.encode() + b"\r\n")
        return self.reply()

    def close(self):
        self.sock.close()


# -- delivery with intact bytes -------------------------------------------------------------

def test_port_25_delivers_the_exact_bytes(server):
    body = ("Line one\r\n.leading dot must survive\r\n..two dots\r\n\r\n"
            "trailing spaces   \r\n\tand a tab\r\n")
    raw = message("exact bytes", body)
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        assert s.sendmail("someone@remote.example", ["bob@example.com"], raw) == {}
    [stored] = server.wait_for_messages("bob", 1)
    data = stored.read_bytes()
    assert strip_received(data) == raw
    received = data.split(b"\r\n\t", 1)[0] + data.split(b"\r\n")[3]
    assert b"with ESMTP id " in data and b"for <bob@example.com>" in data
    assert b"(authenticated" not in received
    # The directory's usage summary follows the delivery (what `user list` shows); the file
    # is in new/ a moment before the delivery's transaction commits.
    def bob_usage():
        return {u["name"]: u for u in json.loads(server.cli.ok("user", "list", "--json"))}["bob"]["quota_used"]
    deadline = time.time() + 10
    while bob_usage() != len(data) and time.time() < deadline:
        time.sleep(0.05)
    assert bob_usage() == len(data)


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_submission_starttls_and_auth(server, mechanism):
    raw = message(f"auth {mechanism}")
    with submission(server) as s:
        s.ehlo()
        s.user, s.password = "alice", PASSWORD
        code, _ = s.auth(mechanism, s.auth_plain if mechanism == "PLAIN" else s.auth_login)
        assert code == 235
        assert s.sendmail("alice@example.com", ["bob@example.com"], raw) == {}
    [stored] = server.wait_for_messages("bob", 1)
    data = stored.read_bytes()
    assert strip_received(data) == raw
    assert b"(using TLSv1." in data and b"(authenticated as alice)" in data and b"with ESMTPSA id" in data
    assert "smtp login: user=<alice>" in (server.data / "log" / "access").read_text()


def test_implicit_tls_on_465(server):
    raw = message("implicit tls")
    with submission(server, "smtps") as s:
        s.login("alice", PASSWORD)
        assert s.sendmail("alice@example.com", ["bob@example.com", "alice@example.com"], raw) == {}
    assert strip_received(server.wait_for_messages("bob", 1)[0].read_bytes()) == raw
    assert strip_received(server.wait_for_messages("alice", 1)[0].read_bytes()) == raw


def test_swaks_plain_starttls_auth_and_implicit_tls(server):
    def swaks(*args):
        proc = subprocess.run(["swaks", "--server", "127.0.0.1", "--from", "alice@example.com",
                               "--to", "bob@example.com", "--timeout", "20", *args],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc.stdout
    out = swaks("--port", str(server.port("smtp")), "--header", "Subject: swaks plain", "--pipeline")
    assert "250 2.0.0 Ok: queued as" in out
    out = swaks("--port", str(server.port("submission")), "-tls", "--auth", "LOGIN",
                "--auth-user", "alice", "--auth-password", PASSWORD, "--header", "Subject: swaks tls")
    assert "235 2.7.0" in out
    out = swaks("--port", str(server.port("smtps")), "--tls-on-connect", "--auth", "PLAIN",
                "--auth-user", "alice", "--auth-password", PASSWORD, "--header", "Subject: swaks 465")
    assert "235 2.7.0" in out
    subjects = {line for f in server.wait_for_messages("bob", 3)
                for line in f.read_text(errors="replace").splitlines() if line.startswith("Subject:")}
    assert subjects == {"Subject: swaks plain", "Subject: swaks tls", "Subject: swaks 465"}


def test_pipelined_commands_get_replies_in_order(server):
    c = RawSMTP(server.port("smtp"))
    c.command("EHLO client.example")
    c.send(b"MAIL FROM:<x@remote.example>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<nobody@example.com>\r\n"
           b"RCPT TO:<bob@example.com>\r\nDATA\r\n")
    codes = [c.reply()[0] for _ in range(5)]
    assert codes == [250, 250, 550, 250, 354]
    c.send(b"Subject: pipelined\r\n\r\nbody\r\n.\r\nQUIT\r\n")
    assert c.reply()[0] == 250
    assert c.reply()[0] == 221
    server.wait_for_messages("alice", 1)
    server.wait_for_messages("bob", 1)


def test_smtputf8_addresses(server):
    server.cli.ok("address", "add", "jörg@example.com", "--to", "user:alice")
    raw = "From: jörg@example.com\r\nSubject: grüße\r\n\r\nÄÖÜ\r\n".encode()
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        assert s.sendmail("sender@bücher.example", ["jörg@example.com"], raw,
                          mail_options=["SMTPUTF8", "BODY=8BITMIME"]) == {}
        # Without SMTPUTF8 a UTF-8 address is refused (RFC 6531 §3.5).
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            s.sendmail("plain@remote.example", ["jörg@example.com"], b"Subject: x\r\n\r\nx\r\n")
    assert refused.value.recipients["jörg@example.com"][0] == 553
    data = server.wait_for_messages("alice", 1)[0].read_bytes()
    assert strip_received(data) == raw
    assert b"with UTF8SMTP id" in data


def test_bdat_chunks_are_stored_byte_exact(server):
    c = RawSMTP(server.port("smtp"))
    c.command("EHLO client.example")
    assert c.command("MAIL FROM:<x@remote.example>")[0] == 250
    assert c.command("RCPT TO:<bob@example.com>")[0] == 250
    part1 = b"Subject: bdat\r\n\r\n.a line with a dot\r\n"
    part2 = b"binary-ish \x00\x01 octets, no dot stuffing\r\n.\r\n"
    c.send(b"BDAT %d\r\n" % len(part1) + part1)
    assert c.reply()[0] == 250
    c.send(b"BDAT %d LAST\r\n" % len(part2) + part2)
    code, lines = c.reply()
    assert code == 250 and "queued as" in lines[0]
    c.command("QUIT")
    assert strip_received(server.wait_for_messages("bob", 1)[0].read_bytes()) == part1 + part2


def test_dsn_parameters_are_kept_with_the_queued_message(server):
    with submission(server) as s:
        s.login("alice", PASSWORD)
        s.sendmail("alice@example.com", ["far@remote.example"], message("dsn"),
                   mail_options=["RET=HDRS", "ENVID=QQ+2Bid"],
                   rcpt_options=["NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;far@remote.example"])
    envelopes = server.queued_envelopes()
    assert len(envelopes) == 1, server.spool_files()
    env = envelopes[0]
    assert env["dsnReturn"] == "HDRS" and env["envelopeID"] == "QQ+id"
    [delivery] = env["deliveries"]
    assert delivery["notify"] == ["SUCCESS", "FAILURE"]
    assert delivery["originalRecipient"] == "rfc822;far@remote.example"
    assert delivery["target"] == {"remote": {"address": "far@remote.example"}}


# -- refusals -----------------------------------------------------------------------------

RELAY_TRICKS = [
    ("user@remote.example", 554),
    ("user%remote.example@example.com", 550),
    ("@example.com:user@remote.example", 554),
    ('"user@remote.example"@example.com', 550),
    ("remote.example!user@example.com", 550),
    ("user@[127.0.0.1]", 554),
    ("user@[IPv6:::1]", 554),
    ("user@remote.example.", 501),
]


@pytest.mark.parametrize("rcpt,code", RELAY_TRICKS)
def test_open_relay_battery_without_auth(server, rcpt, code):
    c = RawSMTP(server.port("smtp"))
    c.command("EHLO client.example")
    assert c.command("MAIL FROM:<spammer@remote.example>")[0] == 250
    got, lines = c.command(f"RCPT TO:<{rcpt}>")
    assert got == code, lines
    if code == 554:
        assert "5.7.1 Relay access denied" in lines[0]
    assert c.command("DATA")[0] == 554  # no valid recipients
    c.command("QUIT")
    assert server.spool_files() == []


@pytest.mark.parametrize("rcpt", ["user%remote.example@example.com", '"user@remote.example"@example.com',
                                  "remote.example!user@example.com"])
def test_relay_tricks_stay_local_parts_with_auth(server, rcpt):
    with submission(server) as s:
        s.login("alice", PASSWORD)
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            s.sendmail("alice@example.com", [rcpt], message("trick"))
        assert list(refused.value.recipients.values())[0][0] == 550
    assert server.spool_files() == []


def test_unknown_user_and_internal_only_address(server):
    server.cli.ok("address", "add", "staff@example.com", "--to", "user:bob", "--internal")
    # Loopback is a trusted (local) network by default; make this client an outsider.
    server.cli.ok("settings", "set", "smtp.trusted_networks", "10.255.255.0/24")
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as unknown:
            s.sendmail("x@remote.example", ["nobody@example.com"], message("unknown"))
        code, text = unknown.value.recipients["nobody@example.com"]
        assert code == 550 and text.startswith(b"5.1.1")
        with pytest.raises(smtplib.SMTPRecipientsRefused) as internal:
            s.sendmail("x@remote.example", ["staff@example.com"], message("internal"))
        code, text = internal.value.recipients["staff@example.com"]
        assert code == 550 and text.startswith(b"5.7.1")
    # An authenticated sender is local and may write to it.
    with submission(server) as s:
        s.login("alice", PASSWORD)
        assert s.sendmail("alice@example.com", ["staff@example.com"], message("internal ok")) == {}
    server.wait_for_messages("bob", 1)


def test_message_over_the_size_limit_is_refused_and_nothing_is_kept(server):
    server.cli.ok("settings", "set", "smtp.max_message_size", "10K")
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        assert "SIZE 10240" in s.ehlo()[1].decode()
        # Declared too big at MAIL.
        code, text = s.mail("x@remote.example", ["SIZE=20000"])
        assert code == 552 and text.startswith(b"5.3.4")
    # Undeclared, found out while receiving: 552 after the final dot, session goes on.
    c = RawSMTP(server.port("smtp"))
    c.command("EHLO client.example")
    c.command("MAIL FROM:<x@remote.example>")
    c.command("RCPT TO:<bob@example.com>")
    assert c.command("DATA")[0] == 354
    c.send(b"Subject: big\r\n\r\n" + (b"x" * 78 + b"\r\n") * 200 + b".\r\n")
    code, lines = c.reply()
    assert code == 552 and "5.3.4" in lines[0]
    c.command("MAIL FROM:<x@remote.example>")
    c.command("RCPT TO:<bob@example.com>")
    c.command("DATA")
    c.send(b"Subject: small\r\n\r\nsmall\r\n.\r\n")
    assert c.reply()[0] == 250
    c.command("QUIT")
    [stored] = server.wait_for_messages("bob", 1)
    assert b"Subject: small" in stored.read_bytes()
    time.sleep(0.3)
    assert len(server.messages("bob")) == 1
    assert list((server.data / "spool" / "incoming").iterdir()) == []
    # The refusal after the QID was assigned is in the mail log with that QID.
    assert re.search(r"postino/smtpd\[\d+\]: [0-9A-Z]{12}: reject: END-OF-MESSAGE .*: 552 5\.3\.4", server.maillog())


def test_auth_needs_tls_and_mail_needs_auth_on_submission(server):
    c = RawSMTP(server.port("submission"))
    code, lines = c.command("EHLO client.example")
    assert not any("AUTH" in line for line in lines)
    assert c.command("AUTH PLAIN AGFsaWNlAGFsaWNlLXNlY3JldC1wdw==")[0] in (530, 538)
    code, lines = c.command("MAIL FROM:<alice@example.com>")
    assert code == 530 and "5.7.0" in lines[0]
    c.close()
    # With mail.allow_unencrypted on, AUTH is offered in clear.
    server.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    c = RawSMTP(server.port("submission"))
    code, lines = c.command("EHLO client.example")
    assert any("AUTH PLAIN LOGIN" in line for line in lines)
    assert c.command("AUTH PLAIN AGFsaWNlAGFsaWNlLXNlY3JldC1wdw==")[0] == 235
    c.close()


def test_wrong_password_is_refused_and_slowed_down(server):
    with submission(server) as s:
        started = time.time()
        with pytest.raises(smtplib.SMTPAuthenticationError) as failed:
            s.login("alice", "wrong")
        assert failed.value.smtp_code == 535
    assert time.time() - started >= 0.4  # the per-IP failure delay
    assert "smtp auth failed: user=<alice>" in (server.data / "log" / "access").read_text()


def test_sender_login_match_when_enforced(server):
    server.cli.ok("settings", "set", "smtp.enforce_sender_login_match", "true")
    with submission(server) as s:
        s.login("alice", PASSWORD)
        code, text = s.mail("bob@example.com")
        assert code == 553 and text.startswith(b"5.7.1")
        s.rset()
        # Envelope fine, From header not hers.
        forged = message("forged").replace(b"From: Alice <alice@example.com>", b"From: Bob <bob@example.com>")
        with pytest.raises(smtplib.SMTPDataError) as refused:
            s.sendmail("alice@example.com", ["bob@example.com"], forged)
        assert refused.value.smtp_code == 550
        assert s.sendmail("alice@example.com", ["bob@example.com"], message("honest")) == {}
    [stored] = server.wait_for_messages("bob", 1)
    assert b"Subject: honest" in stored.read_bytes()


def test_plaintext_injected_after_starttls_is_discarded(server):
    c = RawSMTP(server.port("smtp"))
    c.command("EHLO client.example")
    # The injected MAIL would be answered before the TLS EHLO if it were processed.
    c.send(b"STARTTLS\r\nMAIL FROM:<injected@remote.example>\r\n")
    assert c.reply()[0] == 220
    tls = client_tls_context().wrap_socket(c.sock, server_hostname="localhost")
    tls.sendall(b"EHLO client.example\r\n")
    data = b""
    while not data.endswith(b"\r\n") or data.split(b"\r\n")[-2][3:4] == b"-":
        data += tls.recv(65536)
    assert data.startswith(b"250-"), data
    tls.sendall(b"RCPT TO:<bob@example.com>\r\n")
    assert tls.recv(65536).startswith(b"503")  # no MAIL happened
    tls.close()


# -- where copies go ------------------------------------------------------------------------

def test_groups_copies_catch_all_and_forwards(server):
    cli = server.cli
    cli.ok("user", "add", "carol")
    cli.ok("user", "add", "archive")
    cli.ok("group", "add", "team")
    cli.ok("group", "member", "add", "team", "alice")
    cli.ok("group", "member", "add", "team", "bob")
    cli.ok("settings", "set", "groups.addresses", "true")
    cli.ok("domain", "set", "example.com", "--copy-to", "archive@example.com", "--catch-all", "carol@example.com")
    cli.ok("user", "set", "bob", "--forward", "bob@elsewhere.example", "--keep-copy", "on")
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        # The group, and alice directly: alice gets one copy, bob one (and his forward).
        assert s.sendmail("x@remote.example", ["team@example.com", "alice@example.com"], message("team")) == {}
        assert s.sendmail("x@remote.example", ["whoever@example.com"], message("catch all")) == {}
    assert len(server.wait_for_messages("alice", 1)) == 1
    assert len(server.wait_for_messages("bob", 1)) == 1
    assert len(server.wait_for_messages("carol", 1)) == 1
    # The domain's copy-inbound address got each message once.
    assert len(server.wait_for_messages("archive", 2)) == 2
    time.sleep(0.3)
    assert len(server.messages("alice")) == 1 and len(server.messages("archive")) == 2
    # Bob's external forward went to the outbound queue; the tests' DNS is unreachable, a
    # temporary failure, so it stays queued.
    envelopes = server.queued_envelopes()
    remote = [d["target"] for e in envelopes for d in e["deliveries"] if "remote" in d["target"]]
    log = server.maillog()
    assert remote == [{"remote": {"address": "bob@elsewhere.example"}}]
    assert "status=sent (delivered to archive/INBOX)" in log and "removed" in log
