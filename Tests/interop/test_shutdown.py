"""Graceful shutdown (issue 10): SIGTERM stops accepting, lets an SMTP transaction in DATA
finish, tells every other session goodbye (`421`, `* BYE`, `-ERR`), and exits within
15 s; every acknowledged message is delivered after a restart."""
import imaplib
import signal
import smtplib
import socket
import threading
import time

from mailserver import MailServer, client_tls_context

PASSWORD = "alice-shutdown-pw"


def make_server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "imaps", "pop3"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    return s.start()


def read_line(sock) -> bytes:
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = sock.recv(1)
        if not chunk:
            break
        data += chunk
    return data


def test_sigterm_drains_sessions_and_loses_no_acknowledged_message(tmp_path):
    server = make_server(tmp_path)
    # An IMAP client idling.
    imap = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    imap.login("alice", PASSWORD)
    imap.select("INBOX")
    tag = imap._new_tag().decode()
    imap.send(f"{tag} IDLE\r\n".encode())
    assert imap.readline().startswith(b"+")
    # An idle SMTP session (after EHLO) and a POP3 session.
    idle_smtp = socket.create_connection(("127.0.0.1", server.port("smtp")), timeout=30)
    assert read_line(idle_smtp).startswith(b"220")
    idle_smtp.sendall(b"EHLO idle.test\r\n")
    while not read_line(idle_smtp).startswith(b"250 "):
        pass
    pop = socket.create_connection(("127.0.0.1", server.port("pop3")), timeout=30)
    assert read_line(pop).startswith(b"+OK")
    # A transaction in DATA when the signal comes: it must still be answered 250.
    in_data = socket.create_connection(("127.0.0.1", server.port("smtp")), timeout=30)
    assert read_line(in_data).startswith(b"220")
    for command in (b"HELO data.test", b"MAIL FROM:<a@remote.test>", b"RCPT TO:<alice@example.com>", b"DATA"):
        in_data.sendall(command + b"\r\n")
        assert read_line(in_data)[:1] in (b"2", b"3")
    in_data.sendall(b"Subject: in flight\r\n\r\nfirst half\r\n")
    # A load of messages while the signal arrives; count the acknowledged ones.
    acknowledged = []
    stop = threading.Event()

    def load():
        while not stop.is_set():
            try:
                with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=20) as s:
                    while not stop.is_set():
                        subject = f"load {len(acknowledged)} {time.time()}"
                        s.sendmail("a@remote.test", ["alice@example.com"], f"Subject: {subject}\r\n\r\nx\r\n")
                        acknowledged.append(subject)
            except (smtplib.SMTPException, OSError):
                return
    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    started = time.time()
    server.proc.send_signal(signal.SIGTERM)
    # IMAP IDLE gets * BYE (after the EXISTS updates of the load).
    line = imap.readline()
    while line.startswith(b"* ") and b"EXISTS" in line or b"RECENT" in line:
        line = imap.readline()
    assert line.startswith(b"* BYE"), line
    # The idle SMTP session gets 421 at once; POP3 gets -ERR.
    assert read_line(idle_smtp).startswith(b"421 4.3.2"), "idle SMTP session not told 421"
    assert read_line(pop).startswith(b"-ERR")
    # The transaction in DATA finishes normally, then the server says 421.
    time.sleep(0.5)
    in_data.sendall(b"second half\r\n.\r\n")
    assert read_line(in_data).startswith(b"250"), "a transaction in DATA was not allowed to finish"
    assert read_line(in_data).startswith(b"421")
    server.proc.wait(timeout=15)
    elapsed = time.time() - started
    stop.set()
    for t in threads:
        t.join()
    assert elapsed < 15, elapsed
    assert server.proc.returncode == 0
    server.proc = None
    # After a restart every acknowledged message is in the mailbox (+1 for the one in DATA).
    server.start()
    expected = len(acknowledged) + 1
    found = server.wait_for_messages("alice", expected, timeout=30)
    assert len(found) == expected
    print(f"shutdown took {elapsed:.1f} s; {len(acknowledged)} messages acknowledged during the load, all delivered")
    server.stop()
