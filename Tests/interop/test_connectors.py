"""Connectors (issue 15): a real Dovecot on loopback is the external server; Postino
fetches its POP3 and IMAP mailboxes into a local user through the intake pipeline and the
content filter, never twice, deleting remotely only what it stored."""
import email
import imaplib
import json
import os
import re
import sqlite3
import subprocess
import time

import pytest

from dovecot_remote import DovecotRemote
from mailserver import MailServer, client_tls_context
from test_filter import EICAR, clamd, with_attachment  # noqa: F401 (clamd is a fixture)

LOCAL_PW = "alice-connector-pw"


def message(n: int, subject: str = "remote", body: bytes = b"hello from the old provider\r\n") -> bytes:
    return (f"Return-Path: <sender{n}@remote.test>\r\nFrom: Sender <sender{n}@remote.test>\r\n"
            f"To: bob@old.test\r\nSubject: {subject} {n}\r\nMessage-ID: <m{n}.{time.time()}@remote.test>\r\n"
            f"Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n\r\n").encode() + body


@pytest.fixture(scope="module")
def remote():
    r = DovecotRemote().start()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def remote_without_uidplus():
    """Dovecot offering everything but UIDPLUS (RFC 4315): a client has no UID EXPUNGE."""
    r = DovecotRemote().start()
    r.add_user("probe", [])
    m = imaplib.IMAP4("127.0.0.1", r.ports["imap"])
    m.login("probe", r.PASSWORD)
    caps = [c for c in m.capability()[1][0].decode().split() if c.upper() not in ("UIDPLUS", "IMAP4REV1")]
    m.logout()
    with open(r.conf, "a") as f:
        f.write("protocol imap {\n  imap_capability = IMAP4rev1 %s\n}\n" % " ".join(caps))
    subprocess.run(["doveadm", "-c", str(r.conf), "reload"], check=True, capture_output=True)
    deadline = time.time() + 20
    while True:
        m = imaplib.IMAP4("127.0.0.1", r.ports["imap"])
        m.login("probe", r.PASSWORD)
        offered = m.capability()[1][0].decode().split()
        m.logout()
        if "UIDPLUS" not in offered:
            break
        assert time.time() < deadline, offered
        time.sleep(0.2)
    yield r
    r.stop()


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=LOCAL_PW + "\n")
    yield s
    s.stop()


def add(server, remote, email_, user, password, protocol, tls, *extra, check=True):
    port = {("pop3", "implicit"): "pop3s", ("imap", "implicit"): "imaps"}.get((protocol, tls), protocol)
    args = ["connector", "add", email_, "--protocol", protocol, "--host", "127.0.0.1",
            "--port", str(remote.ports[port]), "--tls", tls, "--tls-verify", "off", "--user", user,
            "--password-stdin", "--deliver-to", "alice", *extra]
    return server.cli.run(*args, stdin=password + "\n", check=check)


def run(server, email_=None):
    proc = server.cli.run("connector", "run", *([email_] if email_ else []), "--json", check=False)
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def local_messages(server):
    return [p.read_bytes() for p in server.messages("alice")]


@pytest.mark.parametrize("protocol", ["pop3", "imap"])
def test_fetch_with_each_tls_mode_then_nothing_twice(server, remote, protocol):
    for tls in ("none", "starttls", "implicit"):
        user = f"{protocol}-{tls}"
        remote.add_user(user, [message(i, subject=f"{user}") for i in range(3)])
        out = add(server, remote, f"{user}@old.test", user, remote.PASSWORD, protocol, tls).stdout
        assert "check: connected and logged in" in out
    reports = run(server)
    assert [r["fetched"] for r in reports] == [3, 3, 3], reports
    assert all(r["error"] is None for r in reports), reports
    stored = local_messages(server)
    assert len(stored) == 9
    for raw in stored:
        msg = email.message_from_bytes(raw)
        received = msg.get_all("Received")[0]
        assert "Postino connector" in received and f"with {protocol.upper()}" in received, received
        assert msg["Authentication-Results"], raw[:400]
    # Nothing twice: a second run finds every message known; --remote keep left them there.
    again = run(server)
    assert [(r["fetched"], r["known"]) for r in again] == [(0, 3)] * 3, again
    assert len(local_messages(server)) == 9
    for tls in ("none", "starttls", "implicit"):
        assert len(remote.messages(f"{protocol}-{tls}")) == 3
    rows = server.cli.json("connector", "list")
    assert {r["fetched_total"] for r in rows} == {3} and all(r["last_error"] is None for r in rows)
    assert remote.PASSWORD not in server.cli.ok("connector", "list") + json.dumps(rows) + server.maillog()
    # The mail log names each fetched message's QID.
    assert len(re.findall(r": connector=.*remote-id=", server.maillog())) >= 9


@pytest.mark.parametrize("protocol", ["pop3", "imap"])
def test_remote_delete_removes_only_what_was_stored(server, remote, protocol):
    user = f"{protocol}-delete"
    remote.add_user(user, [message(i) for i in range(4)])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, protocol, "starttls", "--remote", "delete")
    [report] = run(server)
    assert (report["fetched"], report["deleted"]) == (4, 4), report
    assert remote.messages(user) == []
    assert len(local_messages(server)) == 4


def test_remote_delete_without_uidplus_leaves_other_deleted_messages(server, remote_without_uidplus):
    """Without UID EXPUNGE a plain EXPUNGE removes every \\Deleted message: one that another
    mail client marked (here one the filter refuses, so Postino never stores it) must stay."""
    remote = remote_without_uidplus
    user = "imap-no-uidplus"
    remote.add_user(user, [message(1, "clean"), with_attachment("run.vbs", b"MsgBox 1\r\n", subject="forbidden"),
                           message(3, "clean")])
    other = imaplib.IMAP4("127.0.0.1", remote.ports["imap"])
    other.login(user, remote.PASSWORD)
    other.select("INBOX")
    [forbidden] = other.uid("SEARCH", "SUBJECT", "forbidden")[1][0].split()
    assert other.uid("STORE", forbidden, "+FLAGS", "(\\Deleted)")[0] == "OK"
    other.logout()
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, "imap", "starttls", "--remote", "delete")
    [report] = run(server)
    assert (report["fetched"], report["refused"], report["deleted"]) == (2, 1, 2), report
    assert len(local_messages(server)) == 2
    other = imaplib.IMAP4("127.0.0.1", remote.ports["imap"])
    other.login(user, remote.PASSWORD)
    other.select("INBOX", readonly=True)
    typ, data = other.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    left = [item for item in data if isinstance(item, tuple)]
    other.logout()
    assert len(left) == 1 and b"forbidden" in left[0][1], data
    assert b"\\Deleted" in left[0][0], left  # its \Deleted flag is back, as the other client left it


def test_certificate_verification_and_wrong_password_are_reported(server, remote):
    remote.add_user("verify", [])
    # The remote certificate is self-signed: with verification on (the default) the check says so.
    port = remote.ports["imaps"]
    proc = server.cli.run("connector", "add", "verify@old.test", "--protocol", "imap", "--host", "127.0.0.1",
                          "--port", str(port), "--tls", "implicit", "--user", "verify", "--password-stdin",
                          "--deliver-to", "alice", stdin=remote.PASSWORD + "\n", check=False)
    assert proc.returncode == 1 and "(certificate)" in proc.stderr, proc.stderr
    server.cli.ok("connector", "set", "verify@old.test", "--tls-verify", "off")
    # A wrong password: add reports it, check reports it (and never prints the password).
    proc = add(server, remote, "wrong@old.test", "verify", "not-the-password", "pop3", "starttls", check=False)
    assert proc.returncode == 1 and "(auth)" in proc.stderr, proc.stderr
    proc = server.cli.run("connector", "check", "wrong@old.test", check=False)
    assert proc.returncode == 1 and "auth" in proc.stderr and "not-the-password" not in proc.stderr + proc.stdout
    result = json.loads(server.cli.run("connector", "check", "wrong@old.test", "--json", check=False).stdout)
    assert result["ok"] is False and result["failure"] == "auth"
    assert "ok" in server.cli.ok("connector", "check", "verify@old.test")


@pytest.mark.parametrize("protocol", ["pop3", "imap"])
def test_virus_and_forbidden_attachment_stay_remote_and_are_not_fetched_again(server, remote, clamd, protocol):  # noqa: F811
    server.cli.ok("settings", "set", "filter.antivirus.clamd", clamd)
    server.cli.ok("settings", "set", "filter.antivirus.enabled", "true")
    user = f"{protocol}-filter"
    remote.add_user(user, [
        message(1, "clean"),
        message(2, "virus", body=EICAR + b"\r\n"),
        with_attachment("run.vbs", b"MsgBox 1\r\n", subject="forbidden"),
    ])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, protocol, "none", "--remote", "delete")
    [report] = run(server)
    assert (report["fetched"], report["refused"], report["deleted"]) == (1, 2, 1), report
    assert len(remote.messages(user)) == 2  # the refused ones stay, never deleted
    [again] = run(server)
    assert (again["fetched"], again["refused"], again["known"]) == (0, 0, 2), again
    assert len(local_messages(server)) == 1
    log = server.maillog()
    assert "virus found" in log and "forbidden attachment" in log


def test_sigkill_during_a_500_message_fetch_then_restart_stores_each_once(server, remote):
    user = "pop3-crash"
    remote.add_user(user, [message(i, "bulk") for i in range(500)])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, "pop3", "none", "--remote", "delete", "--antispam", "off")
    env_tick = {"POSTINO_CONNECTOR_TICK": "0.2"}
    os.environ.update(env_tick)
    try:
        server.start()
        deadline = time.time() + 60
        while len(server.messages("alice")) < 120 and time.time() < deadline:
            time.sleep(0.01)
        server.kill()
        at_kill = len(server.messages("alice"))
        assert 0 < at_kill < 500, at_kill
        print(f"killed with {at_kill} of 500 delivered locally")
        # POP3 deletes at QUIT only: nothing went before it was stored.
        assert len(remote.messages(user)) == 500
        server.start()
        server.wait_for_messages("alice", 500, timeout=90)
        deadline = time.time() + 30
        while remote.messages(user) and time.time() < deadline:
            time.sleep(0.2)
    finally:
        for key in env_tick:
            os.environ.pop(key, None)
    ids = [email.message_from_bytes(raw)["Message-ID"] for raw in local_messages(server)]
    assert len(ids) == 500 and len(set(ids)) == 500
    assert remote.messages(user) == []


def test_imap_idle_brings_a_new_message_within_5_seconds(server, remote):
    user = "imap-idle"
    remote.add_user(user, [message(1, "first")])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, "imap", "starttls", "--interval", "60")
    os.environ["POSTINO_CONNECTOR_TICK"] = "0.2"
    try:
        server.start()
    finally:
        os.environ.pop("POSTINO_CONNECTOR_TICK", None)
    server.wait_for_messages("alice", 1, timeout=20)
    time.sleep(1.5)  # the IDLE session is open
    remote.deliver(user, message(2, "pushed"))
    started = time.time()
    server.wait_for_messages("alice", 2, timeout=5)
    print(f"IDLE delivery took {time.time() - started:.2f} s")


def test_clamd_down_leaves_the_message_for_the_next_run(server, remote, clamd):  # noqa: F811
    from conftest import free_port
    server.cli.ok("settings", "set", "filter.antivirus.enabled", "true")
    server.cli.ok("settings", "set", "filter.antivirus.on_error", "tempfail")
    server.cli.ok("settings", "set", "filter.antivirus.clamd", f"127.0.0.1:{free_port()}")
    user = "pop3-tempfail"
    remote.add_user(user, [message(1, "while clamd is down")])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, "pop3", "none", "--remote", "delete")
    [report] = run(server)
    assert (report["fetched"], report["deferred"], report["deleted"]) == (0, 1, 0), report
    assert len(remote.messages(user)) == 1 and local_messages(server) == []
    server.cli.ok("settings", "set", "filter.antivirus.clamd", clamd)
    [report] = run(server)
    assert (report["fetched"], report["deleted"]) == (1, 1), report
    assert remote.messages(user) == [] and len(local_messages(server)) == 1


def test_cli_run_with_serve_running_is_seen_by_imap_at_once(tmp_path, remote):
    import imaplib
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=LOCAL_PW + "\n")
    user = "imap-cli"
    remote.add_user(user, [message(i, "cli") for i in range(2)])
    # Disabled: only the CLI fetches it.
    add(s, remote, f"{user}@old.test", user, remote.PASSWORD, "imap", "implicit", "--enabled", "off")
    s.start()
    try:
        imap = imaplib.IMAP4("127.0.0.1", s.port("imap"))
        imap.starttls(ssl_context=client_tls_context())
        imap.login("alice", LOCAL_PW)
        assert imap.select("INBOX")[1] == [b"0"]
        [report] = run(s, f"{user}@old.test")
        assert report["fetched"] == 2, report
        imap.noop()
        assert imap.select("INBOX")[1] == [b"2"]
        imap.logout()
        # The running server's scheduler leaves a disabled account alone.
        assert s.cli.json("connector", "list")[0]["fetched_total"] == 2
    finally:
        s.stop()


@pytest.mark.parametrize("protocol", ["pop3", "imap"])
def test_remote_days_keeps_a_message_until_it_is_old_enough(server, remote, protocol):
    user = f"{protocol}-days"
    remote.add_user(user, [message(i, "aging") for i in range(2)])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, protocol, "none", "--remote", "2")
    [report] = run(server)
    assert (report["fetched"], report["deleted"]) == (2, 0), report
    [report] = run(server)
    assert (report["known"], report["deleted"]) == (2, 0), report
    assert len(remote.messages(user)) == 2
    # Three days pass for one of them: its fetch time (what the days count from) moves back.
    db = sqlite3.connect(server.data / "postino.sqlite")
    with db:
        [(remote_id,)] = db.execute("SELECT remote_id FROM connector_fetched WHERE email = ? AND state = 'stored' "
                                    "ORDER BY remote_id LIMIT 1", (f"{user}@old.test",)).fetchall()
        db.execute("UPDATE connector_fetched SET at = at - 3 * 86400 WHERE email = ? AND remote_id = ?",
                   (f"{user}@old.test", remote_id))
    db.close()
    [report] = run(server)
    assert (report["fetched"], report["known"], report["deleted"]) == (0, 2, 1), report
    assert len(remote.messages(user)) == 1 and len(local_messages(server)) == 2
    [report] = run(server)
    assert (report["fetched"], report["known"], report["deleted"]) == (0, 1, 0), report


def test_the_users_sieve_script_files_fetched_mail(tmp_path, remote):
    from test_managesieve_and_sieve_delivery import activate
    s = MailServer(tmp_path, services=("managesieve",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=LOCAL_PW + "\n")
    s.start()
    try:
        activate(s, "alice", LOCAL_PW, b'require ["fileinto", "mailbox"];\r\n'
                 b'if header :contains "Subject" "invoice" { fileinto :create "Invoices"; }\r\n')
        user = "imap-sieve"
        remote.add_user(user, [message(1, "invoice"), message(2, "hello")])
        add(s, remote, f"{user}@old.test", user, remote.PASSWORD, "imap", "none", "--enabled", "off")
        [report] = run(s, f"{user}@old.test")
        assert report["fetched"] == 2, report
        [filed] = s.wait_for_messages("alice", 1, folder="Invoices")
        assert b"Subject: invoice 1" in filed.read_bytes()
        [inbox] = s.wait_for_messages("alice", 1)
        assert b"Subject: hello 2" in inbox.read_bytes()
    finally:
        s.stop()


def test_check_reports_dns_and_refused(server):
    from conftest import free_port
    closed = free_port()
    for email_, host, port, kind in (("dns@old.test", "no-such-host.invalid", 110, "dns"),
                                     ("refused@old.test", "127.0.0.1", closed, "refused")):
        proc = server.cli.run("connector", "add", email_, "--protocol", "pop3", "--host", host, "--port", str(port),
                              "--tls", "none", "--user", "u", "--password-stdin", "--deliver-to", "alice",
                              stdin="secret-pw\n", check=False)
        assert proc.returncode == 1 and f"({kind})" in proc.stderr, proc.stderr
        result = json.loads(server.cli.run("connector", "check", email_, "--json", check=False).stdout)
        assert result["ok"] is False and result["failure"] == kind, result
        assert "secret-pw" not in proc.stdout + proc.stderr


def test_imap_sigkill_during_a_fetch_with_remote_delete_loses_nothing(server, remote):
    user = "imap-crash"
    remote.add_user(user, [message(i, "bulk") for i in range(500)])
    add(server, remote, f"{user}@old.test", user, remote.PASSWORD, "imap", "none", "--remote", "delete", "--antispam", "off")
    os.environ["POSTINO_CONNECTOR_TICK"] = "0.2"
    try:
        server.start()
        deadline = time.time() + 60
        while len(server.messages("alice")) < 120 and time.time() < deadline:
            time.sleep(0.01)
        server.kill()
        at_kill = len(server.messages("alice"))
        assert 0 < at_kill < 500, at_kill
        print(f"killed with {at_kill} of 500 delivered locally")
        # IMAP deletes (STORE \Deleted, UID EXPUNGE) after the whole listing is stored.
        assert len(remote.messages(user)) == 500
        server.start()
        server.wait_for_messages("alice", 500, timeout=90)
        deadline = time.time() + 30
        while remote.messages(user) and time.time() < deadline:
            time.sleep(0.2)
    finally:
        os.environ.pop("POSTINO_CONNECTOR_TICK", None)
    ids = [email.message_from_bytes(raw)["Message-ID"] for raw in local_messages(server)]
    assert len(ids) == 500 and len(set(ids)) == 500
    assert remote.messages(user) == []
