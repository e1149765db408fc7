"""Issue 17: a message's whole story in the mail log and in the message events —
received with TLS and AUTH, DKIM-signed, delivered to a user and to a hidden copy, relayed
to another server, removed: `grep QID` shows every step, the Message-ID leads to the QID,
`log trace` (CLI and API) tells the same timeline by QID, Message-ID or address; refusals
after a QID and queue deletes from the CLI are logged with it; the dashboard counts from
the events. Issue 18: /api/v1/logs/trace and /api/v1/dashboard."""
import json
import re
import smtplib
import time
import urllib.parse
import urllib.request

from conftest import free_port
from mailserver import MailServer, client_tls_context
from smtpsink import SMTPSink

QID = re.compile(r"^(?:\S+ ){3}([0-9A-Z]{12}): (.*)$")


def lines_of(server, qid):
    """The texts of the maillog lines of one QID, in order."""
    found = []
    for line in server.maillog().splitlines():
        m = QID.match(line)
        if m and m.group(1) == qid:
            found.append(m.group(2))
    return found


def wait_for(predicate, timeout=20.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def admin_call(server, method, path):
    """One REST API call as the administrator (logged in with the banner's password)."""
    password = re.search(r"^\s+password: (\S+)$", server.banner, re.M).group(1)
    base = f"http://127.0.0.1:{server.port('admin')}"
    login = urllib.request.Request(base + "/api/v1/session", method="POST",
                                   data=json.dumps({"user": "admin", "password": password}).encode(),
                                   headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(login, timeout=10) as response:
        token = json.loads(response.read())["token"]
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        return json.loads(body) if body else None


def admin_get(server, path):
    return admin_call(server, "GET", path)


def test_a_messages_whole_story(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTINO_QUEUE_RETRY", "1,2")
    monkeypatch.setenv("POSTINO_QUEUE_SWEEP", "0.3")
    sink = SMTPSink("127.0.0.1", free_port())
    server = MailServer(tmp_path, services=("submission", "admin"))
    cli = server.cli
    cli.ok("domain", "add", "example.com")
    for user in ("alice", "bob", "archive"):
        cli.ok("user", "add", user, "--password-stdin", stdin=f"{user}-pw-123456\n")
    disclaimer = tmp_path / "disclaimer.md"
    disclaimer.write_text("Sent through the story server.\n")
    cli.ok("domain", "set", "example.com", "--copy-to", "archive@example.com", "--dkim", "on",
           "--disclaimer-file", str(disclaimer))
    cli.ok("dkim", "generate", "example.com")
    cli.ok("relay", "smarthost", "set", "--host", "127.0.0.1", "--port", str(sink.port), "--tls", "none")
    server.start()
    try:
        raw = (b"From: alice@example.com\r\nTo: bob@example.com, carol@remote.test\r\nSubject: story\r\n"
               b"Message-ID: <story.1@example.com>\r\n\r\nthe whole story\r\n")
        with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
            s.starttls(context=client_tls_context())
            s.login("alice", "alice-pw-123456")
            s.mail("alice@example.com")
            s.rcpt("bob@example.com")
            s.rcpt("carol@remote.test")
            code, text = s.data(raw)
        assert code == 250, text
        qid = re.search(rb"queued as (\w+)", text).group(1).decode()
        server.wait_for_messages("bob", 1)
        server.wait_for_messages("archive", 1)
        [relayed] = sink.wait_for_messages(1)
        assert b"DKIM-Signature:" in relayed["data"] and b"Sent through the story server." in relayed["data"]
        wait_for(lambda: "removed" in lines_of(server, qid), what="removed")

        # grep QID: every step, in order.
        texts = lines_of(server, qid)
        receipt = next(t for t in texts if t.startswith("client="))
        assert "sasl_username=alice" in receipt and re.search(r"tls=TLSv1\.[23]", receipt), receipt
        assert texts.count("message-id=<story.1@example.com>") == 1
        # The submission rewrites, with the QID: the disclaimer first, then the signature over it.
        disclaimed = [i for i, t in enumerate(texts) if t.startswith("disclaimer of example.com added to <story.1@example.com>")]
        signed = [i for i, t in enumerate(texts) if t.startswith("DKIM-signed <story.1@example.com> for example.com")]
        assert len(disclaimed) == 1 and len(signed) == 1 and disclaimed[0] < signed[0], texts
        assert any(t.startswith("from=<alice@example.com>, size=") for t in texts)
        assert any(t.startswith("filter: action=") for t in texts), texts
        assert any(t.startswith("to=<bob@example.com>, relay=local") and "status=sent" in t for t in texts), texts
        # The hidden copy is logged with its copy address, not to=<>.
        assert any(t.startswith("to=<archive@example.com>, relay=local") and "status=sent" in t for t in texts), texts
        assert not any(t.startswith("to=<>") for t in texts), texts
        assert any(t.startswith("to=<carol@remote.test>, relay=") and "status=sent (250" in t for t in texts), texts
        assert texts[-1] == "removed"

        # grep MESSAGE-ID finds the message-id= line, with the QID.
        by_id = [line for line in server.maillog().splitlines() if "story.1@example.com" in line]
        assert any(line.endswith(f"{qid}: message-id=<story.1@example.com>") for line in by_id), by_id

        # log trace: the same timeline by QID, Message-ID and address; the events are the lines.
        by_qid = cli.json("log", "trace", qid)
        assert by_qid == cli.json("log", "trace", "<story.1@example.com>") == cli.json("log", "trace", "story.1@example.com")
        assert by_qid == cli.json("log", "trace", "carol@remote.test") == cli.json("log", "trace", "archive@example.com")
        [timeline] = by_qid
        assert timeline["qid"] == qid
        assert [e["text"] for e in timeline["events"]] == texts
        kinds = [e["kind"] for e in timeline["events"]]
        for kind in ("received", "message-id", "rewrite", "verdict", "delivery", "removal"):
            assert kind in kinds, kinds
        received = next(e for e in timeline["events"] if e["kind"] == "received" and e["client"])
        assert received["auth_user"] == "alice" and received["tls"].startswith("TLSv1")
        relay = next(e for e in timeline["events"] if e["recipient"] == "carol@remote.test")
        assert relay["status"] == "sent" and relay["reply"].startswith("250")
        text_form = cli.ok("log", "trace", qid).splitlines()
        assert text_form[0] == qid and len(text_form) == len(texts) + 1
        assert text_form[-1].endswith(": removed")

        # The API: the same trace, and the dashboard counts from the events.
        assert admin_get(server, "/api/v1/logs/trace?query=" + urllib.parse.quote(qid)) == by_qid
        assert admin_get(server, "/api/v1/logs/trace?query=nobody%40nowhere.test") == []
        dashboard = admin_get(server, "/api/v1/dashboard")
        assert len(dashboard["hours"]) == 24
        assert dashboard["received"] >= 1 and dashboard["hours"][-1]["received"] >= 1
        assert dashboard["sent"] >= 3  # bob, the hidden copy, carol
        assert dashboard["queue"] == {"messages": 0, "bytes": 0}
        assert {"alice", "bob", "archive"} <= {q["user"] for q in dashboard["quotas"]}
        bob = next(q for q in dashboard["quotas"] if q["user"] == "bob")
        assert bob["used"] > 0
    finally:
        server.stop()
        sink.stop()


def test_refusals_and_admin_deletes_carry_their_qid(tmp_path):
    server = MailServer(tmp_path, services=("smtp", "submission", "admin"))
    cli = server.cli
    cli.ok("domain", "add", "example.com")
    cli.ok("user", "add", "alice", "--password-stdin", stdin="alice-pw-123456\n")
    cli.ok("settings", "set", "smtp.max_message_size", "2K")
    cli.ok("filter", "rule", "add", "block-from", "bad.test")
    server.start()
    try:
        # 552: too big, refused after the QID was given.
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            s.ehlo("client.remote.test")
            assert s.mail("x@remote.test")[0] == 250
            assert s.rcpt("alice@example.com")[0] == 250
            code, _ = s.data(b"Subject: big\r\n\r\n" + (b"y" * 76 + b"\r\n") * 60)
        assert code == 552
        refusals = [l for l in server.maillog().splitlines() if "552" in l and "reject:" in l]
        assert refusals and all(QID.match(l) for l in refusals), refusals

        # 554: refused by policy (a block rule).
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            s.ehlo("client.bad.test")
            assert s.mail("spammer@bad.test")[0] == 250
            assert s.rcpt("alice@example.com")[0] == 250
            code, _ = s.data(b"From: spammer@bad.test\r\nSubject: no\r\n\r\nno\r\n")
        assert code == 554
        blocked = [l for l in server.maillog().splitlines() if "reject:" in l and "554" in l]
        assert blocked and all(QID.match(l) for l in blocked), blocked
        blocked_qid = QID.match(blocked[-1]).group(1)
        assert any(t.startswith("filter: action=reject") for t in lines_of(server, blocked_qid))

        # A queue delete from the CLI or the API: `removed by admin`, the last line of its story.
        def stuck():
            with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
                s.starttls(context=client_tls_context())
                s.login("alice", "alice-pw-123456")
                s.mail("alice@example.com")
                s.rcpt("someone@unreachable.test")
                code, text = s.data(b"From: alice@example.com\r\nSubject: stuck\r\n\r\nstuck\r\n")
            qid = re.search(rb"queued as (\w+)", text).group(1).decode()
            wait_for(lambda: any(q["qid"] == qid for q in cli.json("queue", "list")), what="queued")
            return qid
        qid = stuck()
        cli.ok("queue", "delete", qid)
        assert lines_of(server, qid)[-1] == "removed by admin"
        [timeline] = cli.json("log", "trace", qid)
        assert timeline["events"][-1]["text"] == "removed by admin" and timeline["events"][-1]["kind"] == "removal"
        by_api = stuck()
        admin_call(server, "DELETE", f"/api/v1/queue/{by_api}")
        assert lines_of(server, by_api)[-1] == "removed by admin"
        assert admin_get(server, f"/api/v1/logs/trace?query={by_api}")[0]["events"][-1]["kind"] == "removal"
    finally:
        server.stop()


def test_rotation_by_size_compresses_and_keeps_the_newest(tmp_path):
    import gzip
    server = MailServer(tmp_path, services=("smtp",))
    server.cli.ok("settings", "set", "log.rotate_size", "2K")
    server.cli.ok("settings", "set", "log.keep", "3")
    server.start()
    try:
        for _ in range(40):
            with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
                s.noop()
        logs = server.data / "log"
        wait_for(lambda: len(list(logs.glob("maillog-*.gz"))) == 3 and not
                 [p for p in logs.glob("maillog-*") if not p.name.endswith(".gz")], what="3 compressed files")
        rotated = sorted(logs.glob("maillog-*.gz"))
        for path in rotated:
            text = gzip.decompress(path.read_bytes()).decode()
            assert "connect from" in text
            assert len(text) <= 2048 + 300
        assert (logs / "maillog").stat().st_size <= 2048 + 300
    finally:
        server.stop()


def test_sighup_reopens_the_log_files(tmp_path):
    import signal
    server = MailServer(tmp_path, services=("smtp",))
    server.start()
    try:
        logs = server.data / "log"
        # What an external logrotate does: rename, then SIGHUP.
        (logs / "maillog").rename(logs / "maillog.1")
        (logs / "access").rename(logs / "access.1")
        server.proc.send_signal(signal.SIGHUP)
        wait_for(lambda: (logs / "maillog").exists() and "reopened" in (logs / "maillog").read_text(), what="reopen")
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            s.noop()
        wait_for(lambda: "disconnect from" in (logs / "maillog").read_text(), what="new lines in the new file")
        assert "disconnect from" not in (logs / "maillog.1").read_text()
        assert (logs / "access").exists()
        assert server.proc.poll() is None
    finally:
        server.stop()
