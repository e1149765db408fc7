"""Crash safety: four clients send 2,000 messages while the server is killed with SIGKILL
several times and restarted. Every message that got a 250 must be in its Maildir exactly
once; no message may be there twice."""
import re
import smtplib
import threading
import time

from mailserver import MailServer

TOTAL = 2000
KILLS_AT = (300, 800, 1300, 1700)  # acknowledged messages after which the server dies


def test_sigkill_during_a_stream_of_messages_loses_and_duplicates_nothing(tmp_path):
    server = MailServer(tmp_path, services=("smtp",))
    server.cli.ok("domain", "add", "example.com")
    server.cli.ok("user", "add", "alice")
    server.start()

    acknowledged = set()
    attempted = 0
    lock = threading.Lock()
    clients = 4

    def client(first: int):
        """Sends its share of sequence numbers; a message without a 250 is never sent again."""
        nonlocal attempted
        connection = None
        for seq in range(first, TOTAL, clients):
            while True:
                try:
                    if connection is None:
                        connection = smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=10)
                    break
                except OSError:
                    time.sleep(0.05)
            raw = f"Subject: crash {seq}\r\nX-Seq: {seq}\r\n\r\nmessage {seq}\r\n".encode()
            try:
                with lock:
                    attempted += 1
                connection.sendmail("sender@remote.example", ["alice@example.com"], raw)
                with lock:
                    acknowledged.add(seq)
            except (OSError, smtplib.SMTPException):
                connection = None
        if connection:
            try:
                connection.quit()
            except (OSError, smtplib.SMTPException):
                pass

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    done = threading.Event()
    threading.Thread(target=lambda: ([t.join() for t in threads], done.set()), daemon=True).start()
    kills = 0
    for threshold in KILLS_AT:
        while not done.is_set():
            with lock:
                if len(acknowledged) >= threshold:
                    break
            time.sleep(0.01)
        if done.is_set():
            break
        server.kill()
        kills += 1
        time.sleep(0.2)
        server.start()
    done.wait(timeout=600)
    assert done.is_set(), "clients did not finish"
    assert kills == len(KILLS_AT)

    # Let delivery (and the restart recovery) finish, then stop cleanly.
    deadline = time.time() + 120
    while time.time() < deadline and (server.spool_files() or len(server.messages("alice")) < len(acknowledged)):
        time.sleep(0.1)
    server.stop()

    seen = {}
    for path in server.messages("alice"):
        m = re.search(rb"^X-Seq: (\d+)\r$", path.read_bytes(), re.M)
        assert m, path
        seen[int(m.group(1))] = seen.get(int(m.group(1)), 0) + 1
    duplicated = sorted(k for k, n in seen.items() if n > 1)
    lost = sorted(acknowledged - seen.keys())
    print(f"\ncrash test: {attempted} sent, {len(acknowledged)} acknowledged, {len(seen)} stored, "
          f"{kills} kills, {len(lost)} lost, {len(duplicated)} duplicated")
    assert not lost, f"acknowledged but not delivered: {lost[:20]}"
    assert not duplicated, f"delivered twice: {duplicated[:20]}"
    assert server.spool_files() == []
