"""Mail authentication end to end over SMTP port 25 (issue 13): the delivered message
carries exactly one Authentication-Results field for our authserv-id with the SPF, DKIM
and DMARC results; a forged one claiming our authserv-id is gone; DMARC enforcement."""
import email
import smtplib

import pytest

from dnsserver import dns_server, txt_record  # noqa: F401 - fixture
from mailauth_helpers import RSAKey, dkim_sign
from mailserver import MailServer

AUTHSERV = "mx.receiver.test"


@pytest.fixture
def key():
    return RSAKey()


@pytest.fixture
def server(tmp_path, dns_server, key):  # noqa: F811
    dns = dns_server([
        'example.com. TXT "v=spf1 ip4:127.0.0.0/8 -all"',
        txt_record("sel._domainkey.example.com.", key.record),
        'example.com. MX 10 mail.example.com.',
        '_dmarc.example.com. TXT "v=DMARC1; p=reject"',
        '_dmarc.forged.test. TXT "v=DMARC1; p=reject"',
        'forged.test. TXT "v=spf1 -all"',
        '_dmarc.softly.test. TXT "v=DMARC1; p=quarantine"',
        'softly.test. TXT "v=spf1 -all"',
    ])
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("settings", "set", "dns.nameserver", dns.endpoint)
    s.cli.ok("settings", "set", "server.hostname", AUTHSERV)
    s.cli.ok("domain", "add", "receiver.test")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-pw-123456\n")
    s.start()
    yield s
    s.stop()


def send(server, raw: bytes, mail_from: str):
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        s.ehlo("mail.example.com")
        s.mail(mail_from)
        s.rcpt("bob@receiver.test")
        code, text = s.data(raw)
        return code, text.decode()


def message(from_addr: str, subject: str, extra: str = "") -> bytes:
    return (f"From: {from_addr}\r\nTo: bob@receiver.test\r\nSubject: {subject}\r\n"
            f"Date: Mon, 2 Jun 2025 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '.')}@example.com>\r\n"
            f"{extra}\r\nHello Bob.\r\n").encode()


def delivered(server, folder="INBOX", count=1):
    paths = server.wait_for_messages("bob", count, folder=folder)
    return [email.message_from_bytes(p.read_bytes()) for p in paths]


def test_signed_mail_gets_one_authentication_results_and_forged_ones_go(server, key):
    forged = f"Authentication-Results: {AUTHSERV}; spf=pass smtp.mailfrom=evil@example.com; dmarc=pass\r\n" \
             "Authentication-Results: other.example; dkim=pass header.d=other.example\r\n"
    raw = dkim_sign(message("Alice <alice@example.com>", "signed", forged), key)
    code, text = send(server, raw, "alice@example.com")
    assert code == 250, (code, text)
    [msg] = delivered(server)
    ours = [v for v in msg.get_all("Authentication-Results") if v.strip().startswith(AUTHSERV)]
    assert len(ours) == 1, msg.get_all("Authentication-Results")
    result = " ".join(ours[0].split())
    assert "spf=pass" in result and "smtp.mailfrom=alice@example.com" in result
    assert "dkim=pass" in result and "header.d=example.com" in result and "header.s=sel" in result
    assert "dmarc=pass" in result and "header.from=example.com" in result
    assert "evil@example.com" not in str(msg)
    # Another server's field is not ours to remove.
    assert any(v.strip().startswith("other.example") for v in msg.get_all("Authentication-Results"))
    # Ours is the first field of the message.
    assert list(msg.keys())[0] == "Authentication-Results"
    assert "SPF_PASS" in server.maillog() and "DKIM_VALID" in server.maillog() and "DMARC_PASS" in server.maillog()


def test_dmarc_enforcement_off_junk_reject(server):
    raw = message("Boss <boss@forged.test>", "forged one")
    code, _ = send(server, raw, "boss@forged.test")
    assert code == 250  # off: only scored (the score may well file it as spam)
    import time
    deadline = time.time() + 20
    while not (server.messages("bob") or server.messages("bob", "Junk")) and time.time() < deadline:
        time.sleep(0.05)
    [path] = server.messages("bob") + server.messages("bob", "Junk")
    msg = email.message_from_bytes(path.read_bytes())
    assert "dmarc=fail" in " ".join(msg["Authentication-Results"].split())
    assert "DMARC_REJECT(5.00)" in server.maillog()
    server.cli.ok("settings", "set", "mailauth.dmarc.enforce", "reject")
    import time
    time.sleep(1.1)
    code, text = send(server, message("Boss <boss@forged.test>", "forged two"), "boss@forged.test")
    assert code == 550 and "5.7.1" in text and "DMARC" in text, (code, text)
    # The domain says quarantine: delivered as spam (into Junk by the system Sieve script).
    code, _ = send(server, message("X <x@softly.test>", "soft one"), "x@softly.test")
    assert code == 250
    junk = [email.message_from_bytes(p.read_bytes()) for p in server.messages("bob", "Junk")]
    deadline = time.time() + 20
    while not any(m["Subject"] == "soft one" for m in junk) and time.time() < deadline:
        time.sleep(0.05)
        junk = [email.message_from_bytes(p.read_bytes()) for p in server.messages("bob", "Junk")]
    [soft] = [m for m in junk if m["Subject"] == "soft one"]
    assert soft["X-Spam"] == "Yes"
    server.cli.ok("settings", "set", "mailauth.dmarc.enforce", "junk")
    time.sleep(1.1)
    code, _ = send(server, message("Boss <boss@forged.test>", "forged three"), "boss@forged.test")
    assert code == 250
    deadline = time.time() + 20
    while time.time() < deadline:
        subjects = [email.message_from_bytes(p.read_bytes())["Subject"] for p in server.messages("bob", "Junk")]
        if "forged three" in subjects:
            break
        time.sleep(0.05)
    assert "forged three" in subjects
