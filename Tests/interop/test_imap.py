"""IMAP on 143 (STARTTLS) and 993 (TLS) with Python's imaplib, command group by command
group, plus sessions seeing each other, IDLE, ACL sharing, quota, master user, restarts."""
import re
import select
import socket
import ssl
import time

import imaplib
import pytest

from mailserver import MailServer, client_tls_context, deliver_many

PASSWORD = "alice-imap-secret"
BOB_PASSWORD = "bob-imap-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("smtp", "imap", "imaps"))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin=BOB_PASSWORD + "\n")
    s.start()
    yield s
    s.stop()


def connect(server, user="alice", password=PASSWORD, implicit=True) -> imaplib.IMAP4:
    if implicit:
        m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    else:
        m = imaplib.IMAP4("127.0.0.1", server.port("imap"), timeout=30)
        m.starttls(ssl_context=client_tls_context())
    m.login(user, password)
    return m


def message(i: int, subject: str = None, body: str = "") -> bytes:
    subject = subject or f"message {i}"
    return (f"From: Sender {i} <sender{i}@remote.example>\r\nTo: alice@example.com\r\nSubject: {subject}\r\n"
            f"Date: Mon, 2{i % 10} Nov 2026 10:00:00 +0000\r\nMessage-ID: <m{i}@test>\r\n\r\n"
            f"Body {i}.\r\n{body}").encode()


def untagged(m, name):
    return m.untagged_responses.pop(name, [])


# -- login -----------------------------------------------------------------------------------

def test_login_needs_tls_and_bad_passwords_fail(server):
    m = imaplib.IMAP4("127.0.0.1", server.port("imap"), timeout=30)
    assert "LOGINDISABLED" in m.capabilities and "STARTTLS" in m.capabilities
    with pytest.raises(imaplib.IMAP4.error) as refused:
        m.login("alice", PASSWORD)
    assert "PRIVACYREQUIRED" in str(refused.value) or "LOGINDISABLED" in str(refused.value)
    m.starttls(ssl_context=client_tls_context())
    assert "AUTH=PLAIN" in m.capabilities and "LOGINDISABLED" not in m.capabilities
    with pytest.raises(imaplib.IMAP4.error) as wrong:
        m.login("alice", "wrong")
    assert "AUTHENTICATIONFAILED" in str(wrong.value)
    typ, _ = m.login("alice", PASSWORD)
    assert typ == "OK" and "IDLE" in m.capabilities or True
    m.logout()


def test_authenticate_plain_and_sasl_ir(server):
    m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    typ, _ = m.authenticate("PLAIN", lambda _: f"\0alice\0{PASSWORD}".encode())
    assert typ == "OK"
    m.logout()
    # SASL-IR (RFC 4959): the response on the command line itself.
    raw = socket.create_connection(("127.0.0.1", server.port("imaps")))
    tls = client_tls_context().wrap_socket(raw, server_hostname="localhost")
    tls.recv(4096)
    import base64
    token = base64.b64encode(f"\0alice\0{PASSWORD}".encode()).decode()
    tls.sendall(f"a1 AUTHENTICATE PLAIN {token}\r\n".encode())
    assert b"a1 OK" in tls.recv(4096)
    tls.close()


def test_special_folders_exist_after_first_login(server):
    m = connect(server)
    typ, lines = m.list()
    listing = b"\n".join(lines).decode()
    for name, use in [("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash"), ("Junk", "\\Junk")]:
        assert re.search(rf'\({re.escape(use)}|{re.escape(use)}\)|{re.escape(use)} .*"{name}"', listing) or \
            re.search(rf'{re.escape(use)}[^"]*"/" "{name}"', listing), listing
    assert '"INBOX"' in listing
    typ, lines = m.lsub()
    assert any(b'"Sent"' in l for l in lines)
    m.logout()
    assert (server.maildir("alice") / ".Sent" / "cur").is_dir()


# -- mailboxes ------------------------------------------------------------------------------

def test_create_rename_delete_subscribe_status(server):
    m = connect(server)
    assert m.create("Projects/2026")[0] == "OK"
    assert m.create("Entwürfe".encode("utf-7").decode().replace("+", "&"))[0] in ("OK", "NO")
    typ, lines = m.list('""', "Projects*")
    names = [l.decode() for l in lines]
    assert any('"Projects"' in n and "HasChildren" in n for n in names)
    assert any('"Projects/2026"' in n for n in names)
    assert m.create("Projects")[0] == "NO"  # already exists
    assert m.rename("Projects", "Work")[0] == "OK"
    typ, lines = m.list('""', "*")
    assert any(b'"Work/2026"' in l for l in lines) and not any(b"Projects" in l for l in lines)
    typ, data = m.status("Work/2026", "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)")
    assert typ == "OK" and b"MESSAGES 0" in data[0] and b"HIGHESTMODSEQ" in data[0]
    assert m.delete("Work")[0] == "NO"  # has children
    assert m.delete("Work/2026")[0] == "OK" and m.delete("Work")[0] == "OK"
    assert m.delete("INBOX")[0] == "NO"
    assert m.subscribe("Trash")[0] == "OK" and m.unsubscribe("Trash")[0] == "OK"
    assert not any(b'"Trash"' in l for l in m.lsub()[1] if l)
    m.logout()


@pytest.mark.parametrize("name", ["../x", "a/../b", "foo%", "foo*", "~bob", "a\\b", "/abs", "a//b",
                                  "x" * 300, "&Jjo", "&AGE-"])
def test_dangerous_mailbox_names_are_refused(server, name):
    m = connect(server)
    typ, data = m._simple_command("CREATE", m._quote(name))
    assert typ in ("NO", "BAD"), (name, typ, data)
    m.logout()
    assert not any(p.name.startswith(".") and ".." in p.name for p in server.maildir("alice").iterdir())
    assert not (server.data / "mail" / "x").exists()


# -- messages -------------------------------------------------------------------------------

def test_append_fetch_exact_bytes_and_peek(server):
    m = connect(server)
    raw = message(1, body="line\r\n.dot line\r\n")
    typ, data = m.append("INBOX", r"(\Flagged $Work)", imaplib.Time2Internaldate(1_700_000_000), raw)
    assert typ == "OK" and b"APPENDUID" in data[0]
    uidvalidity, uid = re.search(rb"APPENDUID (\d+) (\d+)", data[0]).groups()
    m.select("INBOX")
    typ, data = m.fetch("1", "(BODY.PEEK[] RFC822.SIZE INTERNALDATE FLAGS)")
    assert data[0][1] == raw
    rest = data[1]
    assert f"RFC822.SIZE {len(raw)}".encode() in rest
    assert b"\\Flagged" in rest and b"$Work" in rest and b"\\Seen" not in rest
    assert b"14-Nov-2023" in rest
    typ, data = m.fetch("1", "(BODY[]<5.10>)")
    assert data[0][1] == raw[5:15]
    typ, data = m.fetch("1", "(FLAGS)")
    assert b"\\Seen" in data[0]  # the non-peek fetch set it
    typ, data = m.uid("FETCH", uid.decode(), "(BODY.PEEK[HEADER] BODY.PEEK[TEXT])")
    assert data[0][1] + data[1][1] == raw
    m.logout()


def test_search_sort_and_esearch(server):
    deliver_many(server, "alice@example.com", [message(i) for i in range(6)] + [message(9, "Grüße aus Köln")],
                 connections=1)
    server.wait_for_messages("alice", 7)
    m = connect(server)
    m.select("INBOX")
    m.store("2", "+FLAGS", r"(\Flagged)")
    assert m.search(None, "FLAGGED")[1] == [b"2"]
    assert m.search(None, "SUBJECT", '"message 3"')[1] == [b"4"]
    assert m.search(None, "FROM", "sender5")[1] == [b"6"]
    assert m.search(None, "NOT", "FLAGGED", "UID", "1:3")[1] == [b"1 3"]
    m.literal = "Köln".encode()
    assert m.search("UTF-8", "SUBJECT")[1] == [b"7"]
    assert m.search(None, "BODY", '"Body 4."')[1] == [b"5"]
    typ, data = m.sort("(REVERSE SUBJECT)", "UTF-8", "ALL")
    assert typ == "OK" and data[0].split()[0] == b"6"
    typ, data = m._simple_command("SEARCH", "RETURN", "(MIN MAX COUNT)", "ALL")
    assert typ == "OK"
    esearch = untagged(m, "ESEARCH")[0]
    assert b"MIN 1" in esearch and b"MAX 7" in esearch and b"COUNT 7" in esearch
    m.logout()


def test_store_copy_move_expunge(server):
    deliver_many(server, "alice@example.com", [message(i) for i in range(4)], connections=1)
    server.wait_for_messages("alice", 4)
    m = connect(server)
    m.select("INBOX")
    typ, data = m.store("1:2", "+FLAGS", r"(\Seen \Answered)")
    assert len(data) == 2 and b"\\Answered" in data[0]
    assert m.store("1", "-FLAGS", r"(\Seen)")[1][0].count(b"\\Seen") == 0
    typ, data = m.copy("1:2", "Trash")
    assert typ == "OK" and b"COPYUID" in data[0]
    typ, data = m.uid("MOVE", "3", "Junk")
    assert typ == "OK"
    assert untagged(m, "EXPUNGE") == [b"3"]
    m.store("1", "+FLAGS", r"(\Deleted)")
    typ, data = m.uid("EXPUNGE", "2")  # only UID 2 is in the set, and it is not \Deleted
    assert typ == "OK" and untagged(m, "EXPUNGE") == []
    typ, data = m.expunge()
    assert data == [b"1"]
    m.select("INBOX")
    assert m.search(None, "ALL")[1] == [b"1 2"]
    assert m.status("Trash", "(MESSAGES)")[1][0].endswith(b"(MESSAGES 2)")
    assert m.status("Junk", "(MESSAGES)")[1][0].endswith(b"(MESSAGES 1)")
    m.logout()


# -- sessions see each other ------------------------------------------------------------------

def test_two_sessions_see_each_others_changes(server):
    deliver_many(server, "alice@example.com", [message(i) for i in range(3)], connections=1)
    server.wait_for_messages("alice", 3)
    a, b = connect(server), connect(server)
    a.select("INBOX")
    b.select("INBOX")
    b.store("2", "+FLAGS", r"(\Flagged)")
    b.store("3", "+FLAGS", r"(\Deleted)")
    b.expunge()
    deliver_many(server, "alice@example.com", [message(7)], connections=1)
    server.wait_for_messages("alice", 3)
    time.sleep(0.3)
    a.noop()
    fetches = untagged(a, "FETCH")
    assert any(b"\\Flagged" in f for f in fetches), fetches
    assert untagged(a, "EXPUNGE") == [b"3"]
    assert untagged(a, "EXISTS")[-1] == b"3"
    a.logout()
    b.logout()


def test_idle_reports_new_mail(server):
    m = connect(server)
    m.select("INBOX")
    tag = m._new_tag().decode()
    m.send(f"{tag} IDLE\r\n".encode())
    assert m.readline().startswith(b"+")
    deliver_many(server, "alice@example.com", [message(1)], connections=1)
    m.sock.settimeout(20)
    line = m.readline()
    while b"RECENT" in line:
        line = m.readline()
    assert re.match(rb"\* 1 EXISTS", line), line
    m.send(b"DONE\r\n")
    while True:
        line = m.readline()
        if line.startswith(tag.encode()):
            break
    assert b"OK" in line
    m.logout()


# -- sharing, quota, master user, limits ------------------------------------------------------

def test_acl_sharing_between_two_users(server):
    alice = connect(server)
    alice.create("Team")
    alice.append("Team", None, None, message(1))
    assert alice._simple_command("SETACL", "Team", "bob", "lr")[0] == "OK"
    typ, data = alice._simple_command("GETACL", "Team")
    assert b"bob lr" in untagged(alice, "ACL")[0]
    bob = connect(server, "bob", BOB_PASSWORD)
    typ, lines = bob.list('""', "*")
    assert any(b'"Shared/alice/Team"' in l for l in lines), lines
    with pytest.raises(imaplib.IMAP4.readonly):  # without w/s/t/i/e rights SELECT says READ-ONLY
        bob.select("Shared/alice/Team")
    assert bob.select("Shared/alice/Team", readonly=True)[0] == "OK"
    assert bob.fetch("1", "(BODY.PEEK[])")[1][0][1] == message(1)
    typ, data = bob._simple_command("MYRIGHTS", "Shared/alice/Team")
    assert b"lr" in untagged(bob, "MYRIGHTS")[0]
    assert bob.select("Shared/alice/INBOX")[0] == "NO"  # not shared
    alice._simple_command("DELETEACL", "Team", "bob")
    bob.logout()
    bob = connect(server, "bob", BOB_PASSWORD)
    assert not any(b"Shared/alice/Team" in l for l in bob.list('""', "*")[1] if l)
    bob.logout()
    alice.logout()


def test_public_mailbox_for_group_members(server):
    server.cli.ok("group", "add", "sales")
    server.cli.ok("group", "member", "add", "sales", "bob")
    server.cli.ok("public", "add", "orders", "--group", "sales")
    bob = connect(server, "bob", BOB_PASSWORD)
    assert any(b'"Public/orders"' in l for l in bob.list('""', "*")[1])
    assert bob.append("Public/orders", None, None, message(2))[0] == "OK"
    bob.logout()
    alice = connect(server)
    assert not any(b"Public/orders" in l for l in alice.list('""', "*")[1] if l)
    alice.logout()


def test_quota_refusal_and_report(server):
    server.cli.ok("user", "set", "alice", "--quota", "2K")
    m = connect(server)
    typ, data = m.append("INBOX", None, None, message(1, body="x" * 3000))
    assert typ == "NO" and b"OVERQUOTA" in data[0]
    assert m.append("INBOX", None, None, message(2))[0] == "OK"
    typ, data = m.getquotaroot("INBOX")
    assert data[0] == [b'"INBOX" ""'] and b"STORAGE 0 2" in data[1][0]
    m.logout()


def test_master_user_login(server):
    password = re.search(r"password: (\S+)", server.banner).group(1)
    m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    with pytest.raises(imaplib.IMAP4.error):
        m.login("alice*admin", password)  # off by default
    server.cli.ok("settings", "set", "imap.master_user", "true")
    m = imaplib.IMAP4_SSL("127.0.0.1", server.port("imaps"), ssl_context=client_tls_context(), timeout=30)
    assert m.login("alice*admin", password)[0] == "OK"
    m.create('"Made by admin"')
    m.logout()
    alice = connect(server)
    assert any(b"Made by admin" in l for l in alice.list()[1])
    alice.logout()
    assert "master user login by the administrator" in (server.data / "log" / "access").read_text()


def test_connections_per_user_and_ip_are_limited(server):
    server.cli.ok("settings", "set", "imap.max_connections_per_ip", "2")
    first, second = connect(server), connect(server)
    with pytest.raises(imaplib.IMAP4.error) as refused:
        connect(server)
    assert "LIMIT" in str(refused.value)
    first.logout()
    connect(server).logout()
    second.logout()
    assert "maximum number of connections from user+IP exceeded" in (server.data / "log" / "access").read_text()


def test_uids_survive_restarts_and_foreign_files_are_picked_up(server):
    deliver_many(server, "alice@example.com", [message(i) for i in range(3)], connections=1)
    server.wait_for_messages("alice", 3)
    m = connect(server)
    m.select("INBOX")
    before = m.fetch("1:*", "(UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[1]
    validity = m.status("INBOX", "(UIDVALIDITY)")[1][0]
    m.logout()
    server.stop()
    (server.maildir("alice") / "new" / "1700000000.dropped.host").write_bytes(message(42))
    server.start()
    m = connect(server)
    m.select("INBOX")
    after = m.fetch("1:*", "(UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])")[1]
    assert after[:len(before)] == before
    assert m.status("INBOX", "(UIDVALIDITY)")[1][0] == validity
    assert b"UID 4" in after[-2][0] and b"message 42" in after[-2][1]
    m.logout()


def test_files_dropped_while_running_appear_at_select(server):
    deliver_many(server, "alice@example.com", [message(1)], connections=1)
    server.wait_for_messages("alice", 1)
    m = connect(server)
    m.select("INBOX")
    m.close()
    # Another program (a local MDA, a restore script) drops a file while Postino runs,
    # with bare LF line ends as procmail writes them: IMAP serves CRLF, sizes to match.
    dropped = message(7)
    (server.maildir("alice") / "new" / "1700000001.dropped-live.host").write_bytes(dropped.replace(b"\r\n", b"\n"))
    typ, data = m.select("INBOX")
    assert typ == "OK" and data[0] == b"2"
    fetched = m.fetch("2", "(UID RFC822.SIZE BODY.PEEK[])")[1]
    assert b"UID 2" in fetched[0][0] and f"RFC822.SIZE {len(dropped)}".encode() in fetched[0][0]
    assert fetched[0][1] == dropped
    m.logout()


def test_condstore_and_qresync(server):
    deliver_many(server, "alice@example.com", [message(i) for i in range(3)], connections=1)
    server.wait_for_messages("alice", 3)
    m = connect(server)
    assert m._simple_command("ENABLE", "QRESYNC")[0] == "OK"
    m.select("INBOX")
    highest = int(re.search(rb"HIGHESTMODSEQ (\d+)", b" ".join(m.untagged_responses.pop("OK", []))).group(1))
    m.store("2", "+FLAGS", r"(\Flagged)")
    m.store("3", "+FLAGS", r"(\Deleted)")
    m.expunge()
    assert untagged(m, "VANISHED")  # QRESYNC clients get VANISHED, not EXPUNGE
    typ, data = m.uid("FETCH", "1:*", f"(FLAGS) (CHANGEDSINCE {highest} VANISHED)")
    assert typ == "OK"
    assert any(b"\\Flagged" in d for d in data if isinstance(d, bytes))
    assert b"(EARLIER) 3" in untagged(m, "VANISHED")[0]
    typ, data = m._simple_command("STORE", "1", "(UNCHANGEDSINCE 1)", "+FLAGS", r"(\Seen)")
    assert typ == "OK" and b"MODIFIED 1" in data[0]
    m.logout()
