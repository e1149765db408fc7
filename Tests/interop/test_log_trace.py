"""`postino log trace` (issue 17): a message's story by QID, by Message-ID and by address,
the same timeline each way, with the notices it led to."""
import json
import re
import smtplib

from mailserver import MailServer


def test_trace_by_qid_message_id_and_address(tmp_path):
    server = MailServer(tmp_path, services=("smtp",))
    server.cli.ok("domain", "add", "example.com")
    server.cli.ok("user", "add", "alice", "--password-stdin", stdin="alice-pw-123456\n")
    server.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-pw-1234567\n")
    server.start()
    try:
        raw = b"From: x@remote.test\r\nSubject: trace me\r\nMessage-ID: <trace.1@remote.test>\r\n\r\nhello\r\n"
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            s.ehlo("client.remote.test")
            s.mail("x@remote.test")
            s.rcpt("alice@example.com")
            s.rcpt("bob@example.com")
            code, text = s.data(raw)
        assert code == 250
        qid = re.search(rb"queued as (\w+)", text).group(1).decode()
        server.wait_for_messages("alice", 1)
        server.wait_for_messages("bob", 1)
        import time
        deadline = time.time() + 10
        while "removed" not in server.maillog() and time.time() < deadline:
            time.sleep(0.1)
        by_qid = server.cli.json("log", "trace", qid)
        by_id = server.cli.json("log", "trace", "<trace.1@remote.test>")
        by_address = server.cli.json("log", "trace", "bob@example.com")
        assert by_qid == by_id == by_address
        [timeline] = by_qid
        assert timeline["qid"] == qid
        texts = [e["text"] for e in timeline["events"]]
        assert "message-id=<trace.1@remote.test>" in texts
        assert any(t.startswith("from=<x@remote.test>") for t in texts)
        assert any("to=<alice@example.com>" in t and "status=sent" in t for t in texts)
        assert any("to=<bob@example.com>" in t and "status=sent" in t for t in texts)
        assert any(t.startswith("filter: action=accept") for t in texts)
        assert texts[-1] == "removed"
        text_form = server.cli.ok("log", "trace", qid)
        assert text_form.splitlines()[0] == qid and "postino/local: to=<alice@example.com>" in text_form
        assert "nothing in the mail log" in server.cli.fails("log", "trace", "nobody@nowhere.test")
    finally:
        server.stop()


def test_trace_since_keeps_the_window(tmp_path):
    """`--since DURATION`: only what happened in the window. Two messages to one address,
    3 s apart; `--since 2s` shows the second alone, a wider window both."""
    import time
    server = MailServer(tmp_path, services=("smtp",))
    server.cli.ok("domain", "add", "example.com")
    server.cli.ok("user", "add", "alice", "--password-stdin", stdin="alice-pw-123456\n")
    server.start()
    try:
        qids = []
        for n in (1, 2):
            if n == 2:
                time.sleep(3)
            with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
                s.ehlo("client.remote.test")
                s.mail("x@remote.test")
                s.rcpt("alice@example.com")
                code, text = s.data(f"From: x@remote.test\r\nSubject: since {n}\r\n\r\nhello\r\n".encode())
            assert code == 250
            qids.append(re.search(rb"queued as (\w+)", text).group(1).decode())
            server.wait_for_messages("alice", n)
            deadline = time.time() + 10
            while f"{qids[-1]}: removed" not in server.maillog() and time.time() < deadline:
                time.sleep(0.05)
        first, second = qids

        everything = server.cli.json("log", "trace", "alice@example.com")
        assert [t["qid"] for t in everything] == [first, second]
        recent = server.cli.json("log", "trace", "alice@example.com", "--since", "2s")
        assert [t["qid"] for t in recent] == [second], recent
        assert recent[0] == everything[1]  # the whole story of the second, nothing cut
        assert server.cli.json("log", "trace", "alice@example.com", "--since", "1h") == everything
        # Plain seconds, as the API takes them.
        assert server.cli.json("log", "trace", "alice@example.com", "--since", "3600") == everything
        text = server.cli.ok("log", "trace", "alice@example.com", "--since", "2s")
        assert first not in text and text.splitlines()[0] == second
        # The first message alone has nothing in the window.
        assert "nothing in the mail log" in server.cli.fails("log", "trace", first, "--since", "2s")
        assert "30m, 2h or 1d" in server.cli.fails("log", "trace", first, "--since", "soon")
    finally:
        server.stop()
