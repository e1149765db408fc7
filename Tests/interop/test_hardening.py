"""Hardening findings (issue 23), each reproduced as an administrator would meet it."""
import imaplib
import os

import pytest

from conftest import postino  # noqa: F401 - fixture
from mailserver import MailServer, client_tls_context

PASSWORD = "big-imap-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imaps",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "big", "--password-stdin", stdin=PASSWORD + "\n")
    s.start()
    yield s
    s.stop()


def test_foreign_file_with_wrong_size_in_its_name_is_kept(server):
    """Finding 1: a file dropped into new/ whose `S=` is wrong is mail, not debris: SELECT
    shows it, the file is renamed to its real size, and the mail log says so."""
    imap = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    imap.login("big", PASSWORD)
    imap.select("INBOX")  # creates the Maildir
    imap.logout()
    body = b"Subject: migrated\r\n\r\nforty bytes, give or take.\r\n"
    new = server.maildir("big") / "new"
    (new / "1700000000.M0P1.big,S=300").write_bytes(body)

    imap = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    imap.login("big", PASSWORD)
    typ, data = imap.select("INBOX")
    assert typ == "OK" and int(data[0]) == 1
    typ, fetched = imap.fetch("1", "(RFC822.SIZE BODY.PEEK[])")
    assert typ == "OK"
    assert fetched[0][1] == body
    assert f"RFC822.SIZE {len(body)}".encode() in fetched[0][0]
    imap.logout()
    names = [n for sub in ("new", "cur") for n in os.listdir(server.maildir("big") / sub)]
    assert names and all(f",S={len(body)},W={len(body)}" in n for n in names), names
    assert "1700000000.M0P1.big,S=300" in server.maillog() and "renamed" in server.maillog()


# -- Finding 2: file permissions ---------------------------------------------------------

def _modes(root):
    """{relative path: mode} of everything under root (root itself as '.')."""
    found = {".": os.stat(root).st_mode & 0o7777}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            found[os.path.relpath(path, root)] = os.lstat(path).st_mode & 0o7777
    return found


def _expected_mode(rel, is_dir):
    if is_dir:
        return 0o700
    if rel.startswith("log" + os.sep):
        return 0o640
    if rel == os.path.join("tls", "cert.pem"):
        return 0o644
    return 0o600


def test_every_file_is_private_even_in_a_world_readable_directory(tmp_path):
    """Finding 2: `mkdir -m755 D; postino domain add x.test --data D` left postino.sqlite,
    -wal and -shm 0644. Now the directory is tightened to 0700 (said on stderr), and every
    file the CLI and the server create is 0600 (logs 0640, the certificate 0644)."""
    import smtplib
    from conftest import Postino
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    proc = Postino(data).run("domain", "add", "x.test")
    assert "tightened permissions" in proc.stderr and "0755" in proc.stderr, proc.stderr
    assert os.stat(data).st_mode & 0o7777 == 0o700
    assert os.stat(data / "postino.sqlite").st_mode & 0o7777 == 0o600

    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("user", "add", "ann", "--password-stdin", stdin="ann-secret-1\n")
    s.start()
    try:
        with smtplib.SMTP("127.0.0.1", s.port("smtp"), timeout=30) as c:
            c.sendmail("someone@remote.example", ["ann@x.test"], b"Subject: hi\r\n\r\nhello\r\n")
        s.wait_for_messages("ann", 1)
        modes = _modes(data)
        # The server keeps the database open in WAL mode: both side files exist now.
        assert modes.get("postino.sqlite-wal") == 0o600 and modes.get("postino.sqlite-shm") == 0o600, modes
        for name in ("log/maillog", "tls/cert.pem", "tls/key.pem"):
            assert name in modes, sorted(modes)
        wrong = {rel: oct(mode) for rel, mode in modes.items()
                 if mode != _expected_mode(rel, os.path.isdir(data / rel))}
        assert not wrong, wrong
    finally:
        s.stop()


def test_wider_modes_found_at_start_are_tightened_and_logged(tmp_path):
    """Finding 2: a data directory restored with loose modes is tightened at `serve`, one
    mail-log line per change; a narrower mode an administrator chose is left alone."""
    s = MailServer(tmp_path, services=("smtp",))
    s.start()
    s.stop()
    data = s.data
    os.chmod(data, 0o755)
    os.chmod(data / "mail", 0o775)
    os.chmod(data / "postino.sqlite", 0o644)
    os.chmod(data / "tls" / "key.pem", 0o644)
    os.chmod(data / "tls" / "cert.pem", 0o666)
    os.chmod(data / "log" / "maillog", 0o666)
    os.chmod(data / "log" / "access", 0o600)  # narrower than 0640: kept
    s.start()
    try:
        modes = _modes(data)
        assert modes["."] == 0o700 and modes["mail"] == 0o700
        assert modes["postino.sqlite"] == 0o600 and modes["tls/key.pem"] == 0o600
        assert modes["tls/cert.pem"] == 0o644 and modes["log/maillog"] == 0o640
        assert modes["log/access"] == 0o600
        log = s.maillog()
        for path, old in ((data, "0755"), (data / "mail", "0775"), (data / "postino.sqlite", "0644"),
                          (data / "tls" / "key.pem", "0644"), (data / "log" / "maillog", "0666")):
            assert f"tightened permissions of {path} from {old}" in log, log
    finally:
        s.stop()


# -- Finding 7: reserved user names ------------------------------------------------------

def test_user_name_public_is_reserved(postino):
    """Finding 7: `public` was accepted and its INBOX landed in mail/public/, the root of
    the public mailboxes. It is refused with one line; similar names stay valid."""
    postino.ok("domain", "add", "example.com")
    line = postino.fails("user", "add", "public", "--password-stdin", stdin="public-secret-1\n")
    assert 'invalid user name "public"' in line and "reserved" in line, line
    assert "public" not in postino.ok("user", "list")
    postino.ok("user", "add", "publicity", "--password-stdin", stdin="public-secret-1\n")
    assert "publicity" in postino.ok("user", "list")


# -- Finding 8: RCPT TO:<postmaster> -----------------------------------------------------

def test_postmaster_without_domain_is_accepted_for_the_administrator(tmp_path):
    """Finding 8: RFC 5321 §4.5.1 — `RCPT TO:<postmaster>` (no domain) must be accepted;
    it got `554 Relay access denied`. It goes to the administrator's INBOX, also from a
    client outside smtp.trusted_networks and whatever the host name."""
    import smtplib
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("settings", "set", "smtp.trusted_networks", "10.255.255.0/24")
    s.cli.ok("settings", "set", "server.hostname", "mx.elsewhere.example")
    s.start()
    try:
        with smtplib.SMTP("127.0.0.1", s.port("smtp"), timeout=30) as c:
            c.ehlo("client.example")
            assert c.mail("someone@remote.example")[0] == 250
            code, text = c.rcpt("<postmaster>")
            assert code == 250, (code, text)
            code, text = c.data(b"Subject: for the postmaster\r\n\r\nhello\r\n")
            assert code == 250, (code, text)
            # A remote domain is still refused to this untrusted, unauthenticated client.
            c.mail("someone@remote.example")
            assert c.rcpt("<someone@elsewhere.example>")[0] == 554
        [path] = s.wait_for_messages("admin", 1)
        assert b"Subject: for the postmaster" in path.read_bytes()
    finally:
        s.stop()


# -- Finding 5: stuck local deliveries ---------------------------------------------------

def _queue_rows(server):
    import json
    return json.loads(server.cli.ok("queue", "list", "--json"))


def _wait(predicate, timeout=30.0, what="condition"):
    import time
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def fast_queue(monkeypatch):
    """Retries after 1 s (doubling up to 2 s), sweeps every 0.3 s."""
    monkeypatch.setenv("POSTINO_QUEUE_RETRY", "1,2")
    monkeypatch.setenv("POSTINO_QUEUE_SWEEP", "0.3")


def test_failing_local_delivery_shows_tries_and_error_and_is_retried_on_backoff(tmp_path, fast_queue):
    """Finding 5: a local delivery error was retried every 30 s for ever with TRIES 0 and
    no error in `queue list`. Now each try is counted with its error, tries follow the
    queue's backoff (not a tight loop), and the message goes in once the fault is gone."""
    import shutil
    import smtplib
    import time
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "ann", "--password-stdin", stdin="ann-secret-1\n")
    s.start()
    try:
        # A file where ann's mail directory should be: every store into it fails (ENOTDIR).
        blocker = s.data / "mail" / "ann"
        if blocker.exists():
            shutil.rmtree(blocker)
        blocker.write_bytes(b"not a directory\n")
        with smtplib.SMTP("127.0.0.1", s.port("smtp"), timeout=30) as c:
            c.sendmail("someone@remote.example", ["ann@example.com"], b"Subject: stuck\r\n\r\nhello\r\n")
        rows = _wait(lambda: [r for r in _queue_rows(s) if r["attempts"] >= 1], what="a counted try")
        assert len(rows) == 1 and rows[0]["last_error"], rows
        assert "4.3.0" in rows[0]["last_error"] and "Not a directory" in rows[0]["last_error"], rows
        table = s.cli.ok("queue", "list")
        assert "TRIES" in table and "Not a directory" in table, table
        # Backoff: 1 s, then 2 s, 2 s… — a few tries in 4 s, not hundreds.
        time.sleep(4)
        tries = _queue_rows(s)[0]["attempts"]
        assert 2 <= tries <= 5, tries
        assert "status=deferred (4.3.0 local delivery failed" in s.maillog()
        blocker.unlink()
        s.wait_for_messages("ann", 1, timeout=20)
        _wait(lambda: _queue_rows(s) == [], what="an empty queue")
    finally:
        s.stop()


def test_over_quota_is_deferred_then_bounces_with_its_error_at_queue_lifetime(tmp_path, fast_queue):
    """Finding 5 / SPEC 5: over quota is deferred, never lost early — tried on the backoff
    until `queue.lifetime`, then returned to the sender with the last error."""
    import smtplib
    import time
    s = MailServer(tmp_path, services=("smtp",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "ann", "--quota", "1K", "--password-stdin", stdin="ann-secret-1\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-secret-1\n")
    s.cli.ok("settings", "set", "queue.lifetime", "6s")
    s.start()
    try:
        body = b"Subject: too big for ann\r\n\r\n" + b"x" * 3000 + b"\r\n"
        with smtplib.SMTP("127.0.0.1", s.port("smtp"), timeout=30) as c:
            c.sendmail("bob@example.com", ["ann@example.com"], body)
        sent = time.time()
        rows = _wait(lambda: [r for r in _queue_rows(s) if r["attempts"] >= 1], what="a counted try")
        assert "4.2.2 mailbox of ann is full" in rows[0]["last_error"], rows
        assert s.messages("bob") == []  # not bounced early
        [dsn] = s.wait_for_messages("bob", 1, timeout=30)
        assert time.time() - sent >= 5, "bounced before queue.lifetime"
        report = dsn.read_bytes()
        assert b"ann@example.com" in report and b"4.2.2" in report and b"mailbox of ann is full" in report, report[:2000]
        assert s.messages("ann") == []
        _wait(lambda: _queue_rows(s) == [], what="an empty queue")
        assert "queue lifetime expired" in s.maillog()
    finally:
        s.stop()


# -- Finding 3: connection floods --------------------------------------------------------

REFUSALS = {
    "smtp": (b"220 ", b"421 4.7.0 "),
    "imap": (b"* OK", b"* BYE "),
    "pop3": (b"+OK", b"-ERR [SYS/TEMP] "),
    "managesieve": (b'"', b"BYE (TRYLATER) "),
}


def _first_line(sock, timeout=10.0):
    """The first line the server sends (for ManageSieve, the line that decides: a
    capability line or BYE)."""
    import time
    sock.settimeout(timeout)
    data = b""
    deadline = time.time() + timeout
    while b"\n" not in data and time.time() < deadline:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data.split(b"\r\n")[0] if data else b""


def _connect(port):
    import socket
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def _flood_server(tmp_path, *settings):
    s = MailServer(tmp_path, services=("smtp", "imap", "pop3", "managesieve"))
    s.cli.ok("settings", "set", "smtp.trusted_networks", "10.255.255.0/24")  # 127.0.0.1 is not trusted
    for key, value in settings:
        s.cli.ok("settings", "set", key, value)
    return s.start()


def test_connection_limit_defaults(postino):
    assert postino.ok("settings", "get", "limits.connections_per_ip").strip() == "50"
    assert postino.ok("settings", "get", "limits.connection_rate_per_ip").strip() == "300"


def test_concurrent_connections_per_ip_are_limited_on_every_listener(tmp_path):
    """Finding 3: before login nothing limited how many connections one address held.
    With limits.connections_per_ip = 3, the 4th connection from an untrusted address gets
    the protocol's refusal and a log line; closing one makes room again."""
    s = _flood_server(tmp_path, ("limits.connections_per_ip", "3"))
    try:
        for service, (greeting, refusal) in REFUSALS.items():
            held = [_connect(s.port(service)) for _ in range(3)]
            for sock in held:
                line = _first_line(sock)
                assert line.startswith(greeting), (service, line)
            extra = _connect(s.port(service))
            line = _first_line(extra)
            assert line.startswith(refusal), (service, line)
            assert extra.recv(100) == b"", service  # and the server closed it
            extra.close()
            held.pop().close()
            import time
            time.sleep(0.3)
            again = _connect(s.port(service))
            assert _first_line(again).startswith(greeting), service
            again.close()
            for sock in held:
                sock.close()
            time.sleep(0.3)
        logs = s.maillog() + (s.data / "log" / "access").read_text()
        assert logs.count("refused: too many connections from this address (limit 3)") == 4, logs[-3000:]
    finally:
        s.stop()


def test_connection_rate_per_ip_is_limited(tmp_path):
    """Finding 3: limits.connection_rate_per_ip new connections per minute; the next one
    is refused even though none is open."""
    s = _flood_server(tmp_path, ("limits.connection_rate_per_ip", "4"))
    try:
        for _ in range(4):
            sock = _connect(s.port("smtp"))
            assert _first_line(sock).startswith(b"220 ")
            sock.sendall(b"QUIT\r\n")
            sock.close()
        sock = _connect(s.port("smtp"))
        line = _first_line(sock)
        assert line.startswith(b"421 4.7.0 ") and b"Too many connections" in line, line
        sock.close()
        assert "refused: connection rate limit exceeded (4 per minute from this address)" in s.maillog()
    finally:
        s.stop()


def test_trusted_networks_are_exempt_from_per_ip_limits(tmp_path):
    """Finding 3: clients in smtp.trusted_networks are exempt, as Postfix's anvil exempts
    mynetworks."""
    s = _flood_server(tmp_path, ("limits.connections_per_ip", "2"), ("limits.connection_rate_per_ip", "2"))
    s.stop()
    s.cli.ok("settings", "set", "smtp.trusted_networks", "127.0.0.0/8")
    s.start()
    try:
        held = [_connect(s.port("imap")) for _ in range(6)]
        for sock in held:
            assert _first_line(sock).startswith(b"* OK"), "trusted client refused"
        for sock in held:
            sock.close()
    finally:
        s.stop()


def _cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_accept_backs_off_when_descriptors_run_out(tmp_path):
    """Finding 3: with the descriptors exhausted the accept loop spun a core at 100 % and
    logged nothing. Now it pauses with one log line, stays idle, and accepts again once
    descriptors are free."""
    import resource
    import socket
    import time
    s = MailServer(tmp_path, services=("smtp",))
    s.start()
    try:
        assert "file descriptors:" in s.maillog()
        resource.prlimit(s.proc.pid, resource.RLIMIT_NOFILE, (128, 128))
        held = []
        try:
            for _ in range(200):
                sock = socket.socket()
                sock.setblocking(False)
                sock.connect_ex(("127.0.0.1", s.port("smtp")))
                held.append(sock)
            time.sleep(1.5)
            before = _cpu_seconds(s.proc.pid)
            time.sleep(3)
            used = _cpu_seconds(s.proc.pid) - before
            assert used < 0.6, f"server used {used:.2f} s of CPU in 3 s while out of descriptors"
            log = s.maillog()
            assert 1 <= log.count("accept failed") <= 3, log[-2000:]
            # At its descriptor limit the process used to die within seconds: libdispatch's
            # worker monitor aborts when it cannot open /proc files (SIGILL). The back-off
            # gives a reserve of descriptors back, so the server outlives a longer siege.
            time.sleep(5)
            assert s.proc.poll() is None, f"server died out of descriptors: {s.proc.returncode}"
        finally:
            for sock in held:
                sock.close()
        time.sleep(1)
        deadline = time.time() + 15
        while True:
            sock = _connect(s.port("smtp"))
            line = _first_line(sock)
            sock.close()
            if line.startswith(b"220 ") or time.time() > deadline:
                break
            time.sleep(0.5)
        assert line.startswith(b"220 "), line
        assert "accepting connections again" in s.maillog()
    finally:
        s.stop()
