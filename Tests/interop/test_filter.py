"""The content filter (issue 12) end to end: a real clamd with the offline database in
../shared/clamav, attachments recognised by content, access rules, quarantine, untrusted
headers, the verdict log and `postino filter scan`."""
import base64
import email.message
import json
import os
import pathlib
import smtplib
import subprocess
import time

import pytest

import filterfiles as ff
from conftest import SHARED, free_port
from mailserver import MailServer, client_tls_context

PASSWORD = "alice-filter-pw"
CLAMAV = SHARED / "clamav"
EICAR = (CLAMAV / "samples" / "eicar.com").read_bytes().strip()


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    """A real clamd on a free loopback port, with the offline test database."""
    work = tmp_path_factory.mktemp("clamd")
    port = free_port()
    config = (CLAMAV / "clamd.conf").read_text()
    config = config.replace("/ABSOLUTE/PATH/TO/shared/clamav/db", str((CLAMAV / "db").resolve()))
    config = config.replace("TCPSocket 13310", f"TCPSocket {port}")
    config = config.replace("/tmp/clamd-test.pid", str(work / "clamd.pid")).replace("/tmp/clamd-test.log", str(work / "clamd.log"))
    config = config.replace("TemporaryDirectory /tmp", f"TemporaryDirectory {work}")
    (work / "clamd.conf").write_text(config)
    proc = subprocess.Popen(["clamd", f"--config-file={work / 'clamd.conf'}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    import socket
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"zPING\0")
                if s.recv(16).startswith(b"PONG"):
                    break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise AssertionError("clamd did not start: " + (work / "clamd.log").read_text(errors="replace"))
    yield f"127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path, clamd):
    s = MailServer(tmp_path, services=("smtp", "submission"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "quarantine", "--password-stdin", stdin="quarantine-pw\n")
    s.cli.ok("settings", "set", "filter.antivirus.clamd", clamd)
    s.cli.ok("settings", "set", "filter.antivirus.enabled", "true")
    s.start()
    yield s
    s.stop()


def with_attachment(filename: str, data: bytes, subject="attachment", sender="friend@remote.test",
                    mime=("application", "octet-stream")) -> bytes:
    msg = email.message.EmailMessage()
    msg["From"] = sender
    msg["To"] = "alice@example.com"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{subject.replace(' ', '-')}-{time.time()}@remote.test>"
    msg.set_content("See the attachment.\n")
    msg.add_attachment(data, maintype=mime[0], subtype=mime[1], filename=filename)
    return msg.as_bytes().replace(b"\n", b"\r\n")


def send25(server, raw: bytes, sender="friend@remote.test", rcpt="alice@example.com"):
    """(code, text) of the reply to the end of DATA on port 25."""
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=60) as s:
        s.ehlo("client.remote.test")
        s.mail(sender)
        s.rcpt(rcpt)
        code, text = s.data(raw)
        return code, text.decode()


def send587(server, raw: bytes):
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=60) as s:
        s.starttls(context=client_tls_context())
        s.login("alice", PASSWORD)
        s.mail("alice@example.com")
        s.rcpt("alice@example.com")
        code, text = s.data(raw)
        return code, text.decode()


def inbox(server, owner="alice"):
    return server.messages(owner)


def test_eicar_is_refused_on_25_and_587_and_never_stored(server):
    # eicar.com is also an executable by name: switch the blocker off to see the antivirus.
    server.cli.ok("settings", "set", "filter.attachments.enabled", "false")
    body = b"From: x@remote.test\r\nTo: alice@example.com\r\nSubject: eicar body\r\n\r\n" + EICAR + b"\r\n"
    code, text = send25(server, body)
    assert code == 554 and "5.7.1" in text and "virus found (Custom.Test.EICAR" in text, (code, text)
    attached = (CLAMAV / "samples" / "eicar-attached-base64.eml").read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    code, text = send587(server, attached)
    assert code == 554 and "virus found" in text, (code, text)
    time.sleep(0.5)
    assert inbox(server) == []
    assert server.spool_files() == []
    assert "action=reject" in server.maillog() and "AV_VIRUS" in server.maillog()


def test_clamd_down_defers_or_passes_as_configured(server):
    server.cli.ok("settings", "set", "filter.antivirus.clamd", f"127.0.0.1:{free_port()}")
    time.sleep(1.1)  # the filter re-reads its settings at most once a second
    body = b"From: x@remote.test\r\nTo: alice@example.com\r\nSubject: clamd down\r\n\r\n" + EICAR + b"\r\n"
    code, text = send25(server, body)
    assert code == 451 and "4.7.1" in text, (code, text)
    assert inbox(server) == [] and server.spool_files() == []
    server.cli.ok("settings", "set", "filter.antivirus.on_error", "accept")
    time.sleep(1.1)
    code, text = send25(server, b"From: x@remote.test\r\nSubject: passes\r\n\r\nclean\r\n")
    assert code == 250, (code, text)
    server.wait_for_messages("alice", 1)
    assert "virus scan skipped (on_error accept)" in server.maillog()


@pytest.mark.parametrize("name,data,settings,refused", [
    ("invoice.pdf", ff.PE, {}, "executable: invoice.pdf"),
    ("report.pdf", ff.ELF, {}, "executable: report.pdf"),
    ("notes.txt", ff.zip_of({"a.txt": "hello"}), {"filter.attachments.block": "archives"}, "archive: notes.txt"),
    ("letter.docx", ff.docx(), {"filter.attachments.block": "archives"}, "archive: letter.docx"),
    ("photos.zip", ff.zip_of({"setup.exe": ff.PE}), {}, "executable: setup.exe in photos.zip"),
    ("backup.dat", ff.tar_gz(), {"filter.attachments.block": "archives"}, "archive: backup.dat"),
    ("budget.doc", ff.ole2(["Macros", "VBA"]), {"filter.attachments.block": "macros"}, "macro: budget.doc"),
    ("budget.docm", ff.docx(with_macros=True), {"filter.attachments.block": "macros"}, "macro: budget.docm"),
    ("setup.doc", ff.ole2(root_clsid=ff.MSI_CLSID), {}, "executable: setup.doc"),
    ("run.vbs", b"MsgBox 1\r\n", {}, "executable: run.vbs"),
    ("disk.img", b"just bytes", {"filter.attachments.extensions": "img, iso"}, "extension: disk.img"),
], ids=lambda value: value if isinstance(value, str) and len(value) < 40 and "\x00" not in value else "")
def test_forbidden_attachments_are_recognised_by_content(server, name, data, settings, refused):
    for key, value in settings.items():
        server.cli.ok("settings", "set", key, value)
    time.sleep(1.1 if settings else 0)
    code, text = send25(server, with_attachment(name, data, subject=f"attach {name}"))
    assert code == 554 and f"forbidden attachment ({refused})" in text, (code, text)


@pytest.mark.parametrize("name,data,mime", [
    ("paper.pdf", ff.PDF, ("application", "pdf")),
    ("photo.png", ff.PNG, ("image", "png")),
    ("readme.txt", b"plain words\r\n", ("text", "plain")),
    ("letter.doc", ff.ole2(), ("application", "msword")),
], ids=["pdf", "png", "text", "doc"])
def test_harmless_attachments_pass(server, name, data, mime):
    server.cli.ok("settings", "set", "filter.attachments.block", "executables,archives,macros")
    time.sleep(1.1)
    code, text = send25(server, with_attachment(name, data, subject=f"harmless {name}", mime=mime))
    assert code == 250, (code, text)


def test_executable_in_a_forwarded_message_is_found(server):
    inner = with_attachment("setup.exe", ff.PE, subject="inner")
    outer = email.message.EmailMessage()
    outer["From"] = "friend@remote.test"
    outer["To"] = "alice@example.com"
    outer["Subject"] = "forwarded"
    outer.set_content("Forwarding this.\n")
    outer.add_attachment(email.message_from_bytes(inner))
    code, text = send25(server, outer.as_bytes().replace(b"\n", b"\r\n"))
    assert code == 554 and "executable: setup.exe" in text, (code, text)


def test_block_and_allow_rules(server):
    server.cli.ok("filter", "rule", "add", "block-from", "spam.example")
    code, text = send25(server, b"Subject: hi\r\n\r\nhi\r\n", sender="bulk@news.spam.example")
    assert code == 554 and "5.7.1" in text and "blocked" in text, (code, text)
    # The From header counts for Block from too.
    code, _ = send25(server, b"From: <x@spam.example>\r\nSubject: hi\r\n\r\nhi\r\n", sender="ok@remote.test")
    assert code == 554
    # Allow beats Block, and an allowed sender skips the antivirus…
    server.cli.ok("filter", "rule", "add", "allow-from", "friend@spam.example")
    eicar = b"From: friend@spam.example\r\nSubject: allowed\r\n\r\n" + EICAR + b"\r\n"
    code, text = send25(server, eicar, sender="friend@spam.example")
    assert code == 250, (code, text)
    assert "allowed-by=allow-from friend@spam.example" in server.maillog()
    # …but not the attachment blocker,
    code, _ = send25(server, with_attachment("x.pdf", ff.PE, sender="friend@spam.example"), sender="friend@spam.example")
    assert code == 554
    # and a forged From header does not make a stranger allowed.
    server.cli.ok("filter", "rule", "add", "allow-from", "ally.test")
    code, text = send25(server, b"From: boss@ally.test\r\nSubject: forged\r\n\r\n" + EICAR + b"\r\n", sender="evil@remote.test")
    assert code == 554 and "virus found" in text
    # The verdicts are kept, newest first, and survive a restart.
    server.stop()
    server.start()
    history = server.cli.json("filter", "history", "--limit", "3")
    assert [h["action"] for h in history] == ["reject", "reject", "accept"]
    assert history[0]["sender"] == "evil@remote.test"
    assert any(s["name"] == "AV_VIRUS" for s in history[0]["symbols"])
    rules = server.cli.json("filter", "rule", "list")
    assert {"kind": "block-from", "value": "spam.example", "action": "reject"} in rules
    server.cli.ok("filter", "rule", "remove", "block-from", "spam.example")
    assert len(server.cli.json("filter", "rule", "list")) == 2


def test_block_rule_quarantine_delivers_to_the_quarantine_mailbox_and_notifies(server):
    server.cli.ok("settings", "set", "filter.quarantine.enabled", "true")
    server.cli.ok("settings", "set", "filter.quarantine.mailbox", "quarantine")
    server.cli.ok("settings", "set", "filter.quarantine.notify", "true")
    server.cli.ok("settings", "set", "server.hostname", "example.com")
    server.cli.ok("filter", "rule", "add", "block-from", "shady.test", "--action", "quarantine")
    time.sleep(1.1)
    code, text = send25(server, b"From: a@shady.test\r\nSubject: held\r\n\r\nhello\r\n", sender="a@shady.test")
    assert code == 250, (code, text)
    [held] = server.wait_for_messages("quarantine", 1)
    assert b"Subject: held" in held.read_bytes()
    assert inbox(server) == []
    # postmaster@ goes to the administrator account.
    [notice] = server.wait_for_messages("admin", 1)
    text = notice.read_bytes().decode()
    assert "Subject: Quarantined message" in text and "<a@shady.test>" in text and "BLOCK_FROM" in text


def test_untrusted_spam_headers_from_outside_are_removed(server):
    raw = b"From: x@remote.test\r\nX-Spam: Yes\r\nX-Spam-Score: 99\r\nX-Postino-Test: 1\r\nSubject: sneaky\r\n\r\nhello\r\n"
    code, _ = send25(server, raw)
    assert code == 250
    [path] = server.wait_for_messages("alice", 1)
    delivered = email.message_from_bytes(path.read_bytes())
    assert delivered.get("X-Spam") is None and delivered.get("X-Postino-Test") is None
    assert delivered.get("X-Spam-Score") is None  # the sender's is gone; ham gets none of ours
    assert delivered.get("Subject") == "sneaky"
    # Not in Junk either: the system Sieve script saw no X-Spam.
    assert server.messages("alice", "Junk") == []


def test_filter_scan_json(server, tmp_path):
    exe = tmp_path / "exe.eml"
    exe.write_bytes(with_attachment("invoice.pdf", ff.PE))
    clean = tmp_path / "clean.eml"
    clean.write_bytes(b"From: x@remote.test\r\nSubject: clean\r\n\r\nhello\r\n")
    one = server.cli.json("filter", "scan", str(exe), "--no-network")
    assert one["file"] == str(exe) and one["action"] == "reject"
    assert isinstance(one["score"], (int, float)) and isinstance(one["time_ms"], (int, float))
    assert {"name": "ATTACHMENT_BLOCKED", "weight": 0, "detail": "executable: invoice.pdf"} in one["symbols"]
    both = server.cli.json("filter", "scan", str(exe), str(clean), "--no-network")
    assert [v["action"] for v in both] == ["reject", "accept"]
    # Without network, mail authentication reports `none` for each method; no attachment fired.
    names = {s["name"] for s in both[1]["symbols"]}
    assert {"SPF_NONE", "DKIM_NONE", "DMARC_NONE", "ARC_NONE"} <= names and "ATTACHMENT_BLOCKED" not in names
    assert both[1]["score"] == round(sum(s["weight"] for s in both[1]["symbols"]), 2)
    assert "spf=none" in both[1]["authentication_results"] and "dkim=none" in both[1]["authentication_results"]
    status = server.cli.json("filter", "status")
    assert status["clamd_answers"] is True and status["clamd_version"].startswith("ClamAV")


def rss_kb(pid: int, field: str) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


def test_a_50_mb_message_is_scanned_in_bounded_memory(server):
    server.cli.ok("settings", "set", "smtp.max_message_size", "60M")
    server.stop()
    server.start()
    before = rss_kb(server.proc.pid, "VmRSS")
    attachment = os.urandom(40 << 20)
    raw = with_attachment("big.bin", attachment, subject="big")
    raw += b"X" * 0  # ~54 MB encoded
    assert len(raw) > 50 << 20
    code, text = send25(server, raw)
    assert code == 250, (code, text)
    peak = rss_kb(server.proc.pid, "VmHWM")
    growth_mb = (peak - before) / 1024
    print(f"50 MB message: server RSS {before / 1024:.0f} MB before, peak {peak / 1024:.0f} MB (+{growth_mb:.0f} MB)")
    assert growth_mb <= 64, growth_mb
