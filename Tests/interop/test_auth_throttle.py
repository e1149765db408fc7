"""The login throttle across services (issue 10, point 3): failures from one address slow
every later login down (1 s doubling to 15 s), attempts in flight count as they start, a
correct password always gets in, and the hard block is only an opt-in setting."""
import imaplib
import poplib
import smtplib
import threading
import time

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "alice-throttle-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("submission", "imaps", "pop3s"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.start()
    yield s
    s.stop()


def imap_login(server, user, password):
    """(seconds taken, None or the error text)."""
    m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=60)
    started = time.monotonic()
    try:
        m.login(user, password)
        error = None
    except imaplib.IMAP4.error as e:
        error = str(e)
    taken = time.monotonic() - started
    try:
        m.logout()
    except Exception:
        pass
    return taken, error


def access_log(server) -> str:
    return (server.data / "log" / "access").read_text()


def test_parallel_wrong_passwords_are_all_delayed_and_the_right_one_gets_in(server):
    results = []
    threads = [threading.Thread(target=lambda i=i: results.append(imap_login(server, f"user{i}", "guess")))
               for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(error and "AUTHENTICATIONFAILED" in error for _, error in results)
    # Each attempt waited for those ahead of it: answered after about 1, 2 and 4 s.
    times = sorted(taken for taken, _ in results)
    assert times[0] >= 0.9 and times[1] >= 1.9 and times[2] >= 3.9, times
    # Three failures from this address: the next login waits 4 s, on any service, and works.
    p = poplib.POP3_SSL("127.0.0.1", server.port("pop3s"), context=client_tls_context(), timeout=60)
    started = time.monotonic()
    p.user("alice")
    assert p.pass_(PASSWORD).startswith(b"+OK")
    assert time.monotonic() - started >= 3.9
    p.quit()
    log = access_log(server)
    assert log.count("imap auth failed: user=<user") == 3
    assert "pop3 login: user=<alice>, method=USER, rip=127.0.0.1, TLS (after 4" in log


def test_a_refused_authorization_identity_counts_as_a_failure(server):
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=60) as s:
        s.starttls(context=client_tls_context())
        s.ehlo()
        code, _ = s.docmd("AUTH", "PLAIN " + __import__("base64").b64encode(
            f"bob\0alice\0{PASSWORD}".encode()).decode())
        assert code == 535
    # The IMAP login after it is slowed down by that failure.
    taken, error = imap_login(server, "alice", PASSWORD)
    assert error is None and taken >= 0.9
    assert "smtp auth failed: user=<alice>, method=PLAIN, rip=127.0.0.1, TLS: authorization identity <bob> refused" \
        in access_log(server)


def test_the_block_is_opt_in(server):
    server.cli.ok("settings", "set", "auth.block_after", "2")
    for _ in range(2):
        assert "AUTHENTICATIONFAILED" in imap_login(server, "alice", "guess")[1]
    taken, error = imap_login(server, "alice", PASSWORD)
    assert error and "UNAVAILABLE" in error and taken < 0.9
    assert "imap auth refused: user=<alice>, method=LOGIN, rip=127.0.0.1, TLS: too many failures from this address" \
        in access_log(server)
    # Off again (the default): the same failures only slow the correct password down.
    server.cli.ok("settings", "set", "auth.block_after", "0")
    taken, error = imap_login(server, "alice", PASSWORD)
    assert error is None and taken >= 1.9


def test_parallel_correct_logins_are_not_held_up(server):
    # A client opening several connections at once: each attempt ahead that succeeds
    # lets the next go at once, none waits for a penalty.
    results = []
    threads = [threading.Thread(target=lambda: results.append(imap_login(server, "alice", PASSWORD)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(error is None for _, error in results), results
    assert max(taken for taken, _ in results) < 0.5, results
