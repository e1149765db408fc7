"""Outbound delivery end to end: Postino instances on loopback addresses, a real DNS
server (unbound, dnsserver.py) with MX records, and scripted SMTP servers (smtpsink.py)
that answer 4xx, 5xx, require STARTTLS and AUTH. Retries are sped up with
POSTINO_QUEUE_RETRY / POSTINO_QUEUE_SWEEP."""
import email
import email.policy
import json
import smtplib
import time

import dkim
import dns.resolver
import pytest

from conftest import free_port
from dnsserver import dns_server, txt_record  # noqa: F401 (fixture)
from mailserver import MailServer, client_tls_context
from smtpsink import SMTPSink, make_certificate

PASSWORD = "alice-secret-pw"
DISCLAIMER = "**Confidential**: this message is for its recipients only."


@pytest.fixture(autouse=True)
def fast_queue(monkeypatch):
    monkeypatch.setenv("POSTINO_QUEUE_RETRY", "1,2")
    monkeypatch.setenv("POSTINO_QUEUE_SWEEP", "0.3")


def sender_server(tmp_path, dns, mx_port, name="a", host="127.0.0.2"):
    """Instance A: domain a.test with user alice, talking to MX hosts on `mx_port`."""
    server = MailServer(tmp_path / name, services=("smtp", "submission"), host=host)
    cli = server.cli
    cli.ok("domain", "add", "a.test")
    cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    cli.ok("settings", "set", "server.hostname", "mail.a.test")
    cli.ok("settings", "set", "smtp.outbound_port", str(mx_port))
    if dns is not None:
        cli.ok("settings", "set", "dns.nameserver", dns.endpoint)
    return server


def submit(server, sender, recipients, message: bytes, user="alice", password=PASSWORD):
    with smtplib.SMTP(server.host, server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        s.login(user, password)
        return s.sendmail(sender, recipients, message)


def message(subject, sender="alice@a.test", to="bob@b.test", body="Hello from A.\r\n") -> bytes:
    return (f"From: Alice <{sender}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}@a.test>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()


def wait_for(predicate, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def maillog_lines(server, needle):
    return [l for l in server.maillog().splitlines() if needle in l]


def parse_dsn(raw: bytes):
    """(message, per-message fields, [per-recipient fields]) of an RFC 3464 report."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg.get_content_type() == "multipart/report"
    assert msg.get_param("report-type") == "delivery-status"
    parts = list(msg.iter_parts())
    assert parts[0].get_content_type() == "text/plain"
    status = parts[1]
    assert status.get_content_type() == "message/delivery-status"
    # Python parses message/delivery-status into header blocks.
    blocks = [dict((k.lower(), str(v)) for k, v in block.items()) for block in status.get_payload()]
    return msg, blocks[0], blocks[1:]


def dnsfunc_for(dns):
    """dkimpy's key lookup, asked of the test DNS server."""
    def lookup(name, timeout=5):
        r = dns_resolver(dns)
        answer = r.resolve(name.decode().rstrip("."), "TXT")
        return b"".join(answer[0].strings)
    return lookup


def dns_resolver(server):
    r = dns.resolver.Resolver(configure=False)
    r.nameservers = [server.host]
    r.port = server.port
    return r


# -- delivery by MX, DKIM, disclaimer ------------------------------------------------------

def test_delivery_by_mx_signed_and_with_disclaimer(tmp_path, dns_server):
    receiver = MailServer(tmp_path / "b", services=("smtp",), host="127.0.0.3")
    receiver.cli.ok("domain", "add", "b.test")
    receiver.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-pw\n")
    receiver.cli.ok("settings", "set", "server.hostname", "mail.b.test")
    receiver.start()
    try:
        port = receiver.port("smtp")
        sender = sender_server(tmp_path, None, port)
        sender.cli.ok("dkim", "generate", "a.test")
        record = sender.cli.ok("dkim", "show", "a.test").strip()
        dns = dns_server([
            "b.test. MX 10 mx.b.test.",
            "mx.b.test. A 127.0.0.3",
            record,
        ])
        sender.cli.ok("settings", "set", "dns.nameserver", dns.endpoint)
        disclaimer = tmp_path / "disclaimer.md"
        disclaimer.write_text(DISCLAIMER + "\n")
        sender.cli.ok("domain", "set", "a.test", "--dkim", "on", "--disclaimer-file", str(disclaimer))
        sender.start()
        try:
            assert submit(sender, "alice@a.test", ["bob@b.test"], message("signed one")) == {}
            [stored] = receiver.wait_for_messages("bob", 1)
            data = stored.read_bytes()
            assert b"DKIM-Signature:" in data
            assert b"this message is for its recipients only" in data
            # dkimpy checks the signature with the key the DNS server publishes.
            assert dkim.verify(data, dnsfunc=dnsfunc_for(dns)), data[:2000]
            log = "\n".join(maillog_lines(sender, "to=<bob@b.test>"))
            assert "relay=mx.b.test[127.0.0.3]:%d" % port in log and "status=sent" in log and "dsn=2.0.0" in log

            # Without the disclaimer the signature still verifies.
            sender.cli.ok("domain", "set", "a.test", "--no-disclaimer")
            assert submit(sender, "alice@a.test", ["bob@b.test"], message("signed two")) == {}
            second = next(m.read_bytes() for m in receiver.wait_for_messages("bob", 2)
                          if b"Subject: signed two" in m.read_bytes())
            assert b"recipients only" not in second
            assert dkim.verify(second, dnsfunc=dnsfunc_for(dns))

            # Mail received on port 25 is never signed.
            with smtplib.SMTP(sender.host, sender.port("smtp"), timeout=30) as s:
                s.sendmail("someone@b.test", ["alice@a.test"], message("inbound", sender="alice@a.test", to="alice@a.test"))
            [inbound] = sender.wait_for_messages("alice", 1)
            assert b"DKIM-Signature:" not in inbound.read_bytes()
            wait_for(lambda: not sender.spool_files(), what="empty spool on A")
        finally:
            sender.stop()
    finally:
        receiver.stop()


# -- retries, bounces, expiry ----------------------------------------------------------------

def test_retry_after_4xx_and_bounce_after_5xx(tmp_path, dns_server):
    port = free_port()
    dns = dns_server(["c.test. MX 10 mx.c.test.", "mx.c.test. A 127.0.0.4"])

    def reply(rcpt, n):
        if rcpt.startswith("nobody@"):
            return 550, "5.1.1 <%s>: User unknown" % rcpt
        if rcpt.startswith("grey@") and n == 1:
            return 451, "4.7.1 Greylisted, come back later"
        return 250, "2.1.5 Ok"

    sink = SMTPSink("127.0.0.4", port, reply=reply)
    sender = sender_server(tmp_path, dns, port).start()
    try:
        raw = message("mixed fate", to="grey@c.test, nobody@c.test")
        assert submit(sender, "alice@a.test", ["grey@c.test", "nobody@c.test"], raw) == {}
        delivered = sink.wait_for_messages(1, timeout=30)
        assert delivered[-1]["rcpts"] == ["grey@c.test"]
        assert sink.seen["grey@c.test"] == 2  # refused once, accepted on the retry
        assert wait_for(lambda: maillog_lines(sender, "to=<grey@c.test>") and
                        any("status=sent" in l for l in maillog_lines(sender, "to=<grey@c.test>")), what="grey sent")
        log = maillog_lines(sender, "to=<grey@c.test>")
        assert "status=deferred" in log[0] and "451 4.7.1 Greylisted" in log[0]
        assert any("status=bounced" in l and "550 5.1.1" in l for l in maillog_lines(sender, "to=<nobody@c.test>"))

        # The bounce arrives in alice's INBOX and is an RFC 3464 report.
        [bounce] = sender.wait_for_messages("alice", 1)
        msg, per_message, recipients = parse_dsn(bounce.read_bytes())
        assert msg["From"].addresses[0].addr_spec == "MAILER-DAEMON@mail.a.test"
        assert msg["Subject"] == "Undelivered Mail Returned to Sender"
        assert per_message["reporting-mta"] == "dns; mail.a.test"
        assert "arrival-date" in per_message
        assert len(recipients) == 1
        r = recipients[0]
        assert r["final-recipient"] == "rfc822; nobody@c.test"
        assert r["action"] == "failed" and r["status"] == "5.1.1"
        assert r["remote-mta"] == "dns; mx.c.test"
        assert r["diagnostic-code"].startswith("smtp; 550 5.1.1")
        returned = list(msg.iter_parts())[2]
        assert returned.get_content_type() == "message/rfc822"
        assert returned.get_payload()[0]["Subject"] == "mixed fate"
        wait_for(lambda: not sender.spool_files(), what="empty spool")
    finally:
        sender.stop()
        sink.stop()


def test_expiry_and_no_bounce_for_the_null_sender(tmp_path, dns_server):
    port = free_port()  # nothing listens on 127.0.0.5 at this port: connection refused
    dns = dns_server(["d.test. MX 10 mx.d.test.", "mx.d.test. A 127.0.0.5"])
    sender = sender_server(tmp_path, dns, port)
    sender.cli.ok("settings", "set", "queue.lifetime", "3s")
    sender.start()
    try:
        assert submit(sender, "alice@a.test", ["x@d.test"], message("expires", to="x@d.test")) == {}
        assert submit(sender, "", ["y@d.test"], message("bounce of a bounce", to="y@d.test")) == {}
        [bounce] = sender.wait_for_messages("alice", 1, timeout=30)
        msg, _, recipients = parse_dsn(bounce.read_bytes())
        assert [r["final-recipient"] for r in recipients] == ["rfc822; x@d.test"]
        assert recipients[0]["action"] == "failed"
        assert recipients[0]["status"] == "4.4.7"
        assert "connection refused" in recipients[0]["diagnostic-code"].lower() or "refused" in str(msg)
        assert wait_for(lambda: any("status=bounced" in l for l in maillog_lines(sender, "to=<y@d.test>")),
                        what="null-sender message expired")
        wait_for(lambda: not sender.spool_files(), what="empty spool")
        time.sleep(1)
        assert len(sender.messages("alice")) == 1  # no notice for the null sender's message
        assert sender.maillog().count("non-delivery notification") == 1
    finally:
        sender.stop()


# -- relay host rules and smarthost ------------------------------------------------------------

def test_relay_rule_with_auth_and_starttls_and_smarthost(tmp_path):
    cert = make_certificate(tmp_path)
    relay = SMTPSink("127.0.0.1", free_port(), tls=cert, auth=("relayuser", "relay-pw"))
    smart = SMTPSink("127.0.0.1", free_port())
    sender = sender_server(tmp_path, None, 25)
    cli = sender.cli
    cli.ok("domain", "add", "o.test")
    cli.ok("user", "add", "oscar", "--password-stdin", stdin="oscar-pw\n")
    cli.ok("relay", "add", "a.test", "--host", "127.0.0.1", "--port", str(relay.port), "--user", "relayuser",
           "--password-stdin", "--tls", "starttls", stdin="relay-pw\n")
    cli.ok("relay", "smarthost", "set", "--host", "127.0.0.1", "--port", str(smart.port), "--tls", "none")
    rules = cli.json("relay", "list")
    assert [(r["sender"], r["port"], r["tls"], r["user"]) for r in rules] == [
        ("*", smart.port, "none", None), ("a.test", relay.port, "starttls", "relayuser")]
    assert "relay-pw" not in json.dumps(rules)
    sender.start()
    try:
        assert submit(sender, "alice@a.test", ["bob@remote.test"], message("via relay", to="bob@remote.test")) == {}
        assert submit(sender, "oscar@o.test", ["carol@remote.test"],
                      message("via smarthost", sender="oscar@o.test", to="carol@remote.test"),
                      user="oscar", password="oscar-pw") == {}
        [via_relay] = relay.wait_for_messages(1)
        assert via_relay["rcpts"] == ["bob@remote.test"] and via_relay["mail_from"] == "alice@a.test"
        assert via_relay["tls"] and via_relay["auth"] == "relayuser"
        assert via_relay["helo"] == "mail.a.test"
        [via_smart] = smart.wait_for_messages(1)
        assert via_smart["rcpts"] == ["carol@remote.test"] and not via_smart["tls"] and via_smart["auth"] is None
        assert b"Subject: via smarthost" in via_smart["data"]

        # Without the smarthost, o.test's mail goes by MX again (and here finds nothing).
        cli.ok("relay", "smarthost", "off")
        cli.ok("relay", "remove", "a.test")
        assert cli.json("relay", "list") == []
    finally:
        sender.stop()
        relay.stop()
        smart.stop()


# -- queue management ----------------------------------------------------------------------------

def test_queue_cli_on_a_held_queue(tmp_path, dns_server):
    port = free_port()
    dns = dns_server(["held.test. MX 10 mx.held.test.", "mx.held.test. A 127.0.0.6"])
    sender = sender_server(tmp_path, dns, port)
    sender.start()
    cli = sender.cli
    try:
        for n in range(3):
            assert submit(sender, "alice@a.test", [f"r{n}@held.test"], message(f"held {n}", to=f"r{n}@held.test")) == {}
        entries = wait_for(lambda: (lambda q: q if len(q) == 3 and all(e["attempts"] >= 1 for e in q) else None)(
            cli.json("queue", "list")), what="three deferred messages")
        first = entries[0]
        assert first["sender"] == "alice@a.test" and first["recipients"] == ["r0@held.test"]
        assert first["size"] > 0 and first["age_seconds"] >= 0
        assert "refused" in first["last_error"]
        table = cli.ok("queue", "list")
        assert first["qid"] in table and "r0@held.test" in table

        shown = cli.ok("queue", "show", first["qid"])
        assert "Subject: held 0" in shown and "deferred" in shown

        before = first["deliveries"][0]["attempts"]
        cli.ok("queue", "resend", first["qid"])
        wait_for(lambda: next(e for e in cli.json("queue", "list") if e["qid"] == first["qid"])["attempts"] > before,
                 what="a new attempt after resend")
        assert "3 messages" in cli.ok("queue", "resend", "--all")

        cli.ok("queue", "delete", first["qid"])
        remaining = cli.json("queue", "list")
        assert [e["qid"] for e in remaining] == [e["qid"] for e in entries[1:]]
        assert not any(first["qid"] in name for name in sender.spool_files())
        assert "no message" in cli.fails("queue", "show", first["qid"])

        stats = wait_for(lambda: (lambda s: s if s["samples"] else None)(cli.json("queue", "stats")), what="samples")
        assert stats["messages"] == 2 and stats["bytes"] > 0
        assert all({"time", "messages", "bytes"} <= set(p) for p in stats["samples"])

        assert "deleted 2 messages" in cli.ok("queue", "delete", "--all")
        assert cli.json("queue", "list") == []
        time.sleep(1)  # the running server noticed: nothing reappears, nothing is sent
        assert cli.json("queue", "list") == []
        assert not sender.spool_files()
    finally:
        sender.stop()
