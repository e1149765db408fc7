"""Sieve at delivery where the RFCs decide (issue 21): one copy for `fileinto :copy
"INBOX"` plus the implicit keep (RFC 5228 §2.10.3), a failed `fileinto :create` falling
back to the implicit keep with a notice (RFC 5228 §2.10.6) instead of staying queued,
`:regex` with match variables, and the vacation and regex settings reaching delivery."""
import time

import pytest

from mailserver import MailServer
from test_managesieve_and_sieve_delivery import ManageSieve, mailbox_messages, send

PASSWORD = "alice-rfc-pw"
NOTICE = b"Your mail filter (Sieve) failed"


def make_server(tmp_path, settings=()):
    s = MailServer(tmp_path, services=("smtp", "imaps", "managesieve"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin="bob-rfc-pw\n")
    for key, value in settings:
        s.cli.ok("settings", "set", key, value)
    s.start()
    return s


@pytest.fixture
def server(tmp_path):
    s = make_server(tmp_path)
    yield s
    s.stop()


def activate(server, script: bytes):
    c = ManageSieve(server.port("managesieve"))
    c.starttls()
    assert c.login("alice", PASSWORD).startswith(b"OK")
    assert c.put("main", script).startswith(b"OK")
    assert c.command(b'SETACTIVE "main"')[1].startswith(b"OK")
    c.command(b"LOGOUT")


def settle(server, timeout=10.0):
    """Waits until the spool holds nothing: every delivery finished (none left retrying)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not server.spool_files():
            return
        time.sleep(0.05)
    raise AssertionError(f"still queued: {server.spool_files()}")


def test_copy_into_inbox_and_implicit_keep_store_one_copy(server):
    # RFC 5228 §2.10.3: "Implementations SHOULD NOT deliver a message to the same mailbox
    # more than once"; fileinto :copy keeps the implicit keep (RFC 3894), both name INBOX.
    activate(server, b'require ["fileinto", "copy", "imap4flags"];\r\n'
                     b'fileinto :copy :flags "\\\\Flagged" "INBOX";\r\n')
    send(server, "x@remote.example", "alice@example.com", "once only")
    server.wait_for_messages("alice", 1)
    settle(server)
    inbox = mailbox_messages(server, "alice", PASSWORD)
    assert len(inbox) == 1
    assert b"\\Flagged" in inbox[0][0] and b"once only" in inbox[0][1]


def test_failed_create_falls_back_to_inbox_and_tells_once(server):
    # "Bad/../x" is a name IMAP CREATE refuses (a ".." level), "Shared/x" names another
    # user's namespace: the action fails, the implicit keep stores the message in INBOX
    # (RFC 5228 §2.10.6) and the user is told once; nothing stays in the queue.
    activate(server, b'require ["fileinto", "mailbox"];\r\n'
                     b'if header :contains "Subject" "dots" { fileinto :create "Bad/../x"; }\r\n'
                     b'else { fileinto :create "Shared/x"; }\r\n')
    send(server, "x@remote.example", "alice@example.com", "dots one")
    send(server, "x@remote.example", "alice@example.com", "dots two")
    send(server, "x@remote.example", "alice@example.com", "namespace")
    server.wait_for_messages("alice", 5)
    settle(server)
    time.sleep(0.3)
    bodies = [f.read_bytes() for f in server.messages("alice")]
    assert sum(b"Subject: dots one" in b or b"Subject: dots two" in b or b"Subject: namespace" in b
               for b in bodies) == 3
    notices = [b for b in bodies if NOTICE in b]
    assert len(notices) == 2  # once per distinct failure, not once per message
    assert any(b'fileinto :create "Bad/../x" failed' in n for n in notices)
    assert any(b'fileinto :create "Shared/x" failed' in n for n in notices)
    assert not (server.data / "mail" / "alice" / "Maildir" / ".Bad").exists()


def test_unsettable_flags_are_ignored_and_logged(server):
    # RFC 5232 §2: invalid flags and \Recent "MUST be ignored"; the mail log says so.
    activate(server, b'require ["imap4flags"];\r\naddflag "\\\\Recent bad(flag \\\\Seen";\r\n')
    send(server, "x@remote.example", "alice@example.com", "flags")
    server.wait_for_messages("alice", 1)
    settle(server)
    [(flags, _)] = mailbox_messages(server, "alice", PASSWORD)
    assert b"\\Seen" in flags and b"bad(flag" not in flags
    assert "sieve: alice: warning:" in server.maillog() and "bad(flag" in server.maillog()


def test_regex_match_variables_at_delivery(server):
    activate(server, b'require ["fileinto", "mailbox", "regex", "variables"];\r\n'
                     b'if header :regex "Subject" "^\\\\[([a-z]+)\\\\] (.*)$" { fileinto :create "Lists/${1}"; }\r\n')
    send(server, "x@remote.example", "alice@example.com", "[acme] release 1.0")
    send(server, "x@remote.example", "alice@example.com", "no list here")
    server.wait_for_messages("alice", 1, folder="Lists/acme")
    server.wait_for_messages("alice", 1)
    settle(server)
    assert len(mailbox_messages(server, "alice", PASSWORD, "Lists/acme")) == 1
    assert len(mailbox_messages(server, "alice", PASSWORD)) == 1


def test_invalid_regex_is_refused_on_upload(server):
    # draft-ietf-sieve-regex §6: unsupported expressions are "a syntax error".
    c = ManageSieve(server.port("managesieve"))
    c.starttls()
    assert c.login("alice", PASSWORD).startswith(b"OK")
    assert c.put("bad", b'require "regex";\r\nif header :regex "Subject" "(a)\\\\1" { discard; }\r\n').startswith(b"NO")
    assert c.put("bad", b'require "regex";\r\nif header :regex "Subject" "a(" { discard; }\r\n').startswith(b"NO")
    c.command(b"LOGOUT")


def test_settings_reach_delivery(tmp_path):
    # sieve.vacation_min_seconds 0 lets :seconds 1 answer again a moment later (RFC 6131);
    # sieve.regex_max_pattern_length refuses a longer pattern when the script is run.
    server = make_server(tmp_path, settings=[("sieve.vacation_min_seconds", "0"),
                                             ("sieve.regex_max_pattern_length", "16")])
    try:
        activate(server, b'require "vacation-seconds";\r\nvacation :seconds 1 :subject "Away" "Back soon.";\r\n')
        send(server, "bob@example.com", "alice@example.com", "first question")
        server.wait_for_messages("bob", 1)
        time.sleep(2.2)
        send(server, "bob@example.com", "alice@example.com", "second question")
        server.wait_for_messages("bob", 2)
        activate(server, b'require "regex";\r\nif header :regex "Subject" "^this-pattern-is-long" { discard; }\r\n')
        send(server, "x@remote.example", "alice@example.com", "this-pattern-is-long indeed")
        server.wait_for_messages("alice", 4)  # 2 questions, the message kept, the notice
        settle(server)
        bodies = [f.read_bytes() for f in server.messages("alice")]
        assert any(b"Subject: this-pattern-is-long indeed" in b for b in bodies)
        assert any(NOTICE in b and b"limit is 16" in b for b in bodies)
    finally:
        server.stop()
