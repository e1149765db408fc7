"""Synchronization (issue 16): a real Dovecot on loopback holds the old account (nested
folders with non-ASCII names, special-use folders, flags, keywords, internal dates,
subscriptions); `postino sync` copies it into a local user, and imaplib compares both
sides through their IMAP servers."""
import hashlib
import imaplib
import json
import re
import signal
import subprocess
import time

import pytest

from conftest import BIN
from mailserver import MailServer, client_tls_context
from sync_dovecot import SyncDovecot

LOCAL_PW = "local-pw-never-used-by-sync"


@pytest.fixture(scope="module")
def remote():
    r = SyncDovecot().start()
    yield r
    r.stop()


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    yield s
    s.stop()


def local_user(server, name):
    server.cli.ok("user", "add", name, "--password-stdin", stdin=LOCAL_PW + "\n")


def remote_imap(remote, user, password):
    m = imaplib.IMAP4("127.0.0.1", remote.ports["imap"])
    m.login(user, password)
    return m


def local_imap(server, user):
    m = imaplib.IMAP4("127.0.0.1", server.port("imap"))
    m.starttls(client_tls_context())
    m.login(user, LOCAL_PW)
    return m


def message(n, subject="sync", body="hello\r\n", message_id=True, size=0):
    header = f"From: Sender {n} <s{n}@old.test>\r\nTo: bob@old.test\r\nSubject: {subject} {n}\r\n"
    if message_id:
        header += f"Message-ID: <{subject.replace(' ', '-')}-{n}-{time.time()}@old.test>\r\n"
    header += "Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n\r\n"
    return (header + body + ("x" * 70 + "\r\n") * (size // 72)).encode()


def append(m, folder, raw, flags="", date=None):
    date = date or time.time() - 86400 * 30
    typ, data = m.append(quote(folder), f"({flags})" if flags else None, imaplib.Time2Internaldate(date), raw)
    assert typ == "OK", data


def quote(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def utf7(name):
    """RFC 3501 §5.1.3 modified UTF-7 (imaplib has no encoder)."""
    out, pending = [], ""

    def flush():
        nonlocal pending
        if pending:
            import base64
            b = base64.b64encode(pending.encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append("&" + b + "-")
            pending = ""
    for ch in name:
        if 0x20 <= ord(ch) <= 0x7e:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending += ch
    flush()
    return "".join(out)


def folders(m):
    """Selectable folder names (as sent) and the subscribed ones, with the delimiter."""
    typ, lines = m.list()
    names, delim = [], None
    for line in lines:
        match = re.match(rb'\((.*?)\) (NIL|"(.)") (.*)$', line)
        attrs, delim = match.group(1), (match.group(3) or b"").decode()
        name = match.group(4).decode()
        name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\") if name.startswith('"') else name
        if b"\\Noselect" not in attrs and b"\\NonExistent" not in attrs:
            names.append(name)
    typ, lines = m.lsub()
    subscribed = set()
    for line in lines:
        if line:
            name = re.match(rb'\(.*?\) (?:NIL|".") (.*)$', line).group(1).decode()
            subscribed.add(name.strip('"'))
    return names, delim, subscribed


def contents(m, folder):
    """The folder's messages as a sorted list of (body digest, flags, internal date)."""
    typ, _ = m.select(quote(folder), readonly=True)
    assert typ == "OK", folder
    typ, data = m.uid("FETCH", "1:*", "(FLAGS INTERNALDATE BODY.PEEK[])")
    result = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, body = item
        flags = sorted(f.decode() for f in re.search(rb"FLAGS \((.*?)\)", meta).group(1).split() if f != b"\\Recent")
        date = time.mktime(imaplib.Internaldate2tuple(meta)) if b"INTERNALDATE" in meta else None
        result.append((hashlib.sha256(body).hexdigest(), tuple(flags), date))
    return sorted(result)


def add_job(server, remote, local, user, *extra, admin=False, password=None):
    args = ["sync", "add", local, "--host", "127.0.0.1", "--port", str(remote.ports["imap"]), "--tls", "starttls",
            "--tls-verify", "off", "--user", user, *extra]
    if admin:
        args += ["--admin-user", "admin", "--admin-password-stdin"]
        return server.cli.ok(*args, stdin="admin-pw\n")
    return server.cli.ok(*args, "--password-stdin", stdin=(password or f"{user}-pw") + "\n")


def run(server, local, *extra, check=True):
    proc = server.cli.run("sync", "run", local, "--json", *extra, check=False)
    assert proc.stdout, proc.stderr
    result = json.loads(proc.stdout)
    if check:
        assert proc.returncode == 0, (result, proc.stderr)
    return result


# Remote folder (Unicode, '.'-separated as Dovecot's maildir++ shows it) → local name.
TREE = {
    "INBOX": "INBOX",
    "Sent Items": "Sent",                  # \Sent by attribute
    "Papierkorb": "Trash",                 # usual German name, no attribute
    "Projekte": "Projekte",
    "Projekte.Brücke": "Projekte/Brücke",
    "Projekte.Brücke.Übergabe & Co": "Projekte/Brücke/Übergabe & Co",
    "Archiv 2024": "Archiv 2024",
}


def compare(remote_m, local_m):
    for remote_name, local_name in TREE.items():
        remote_side = contents(remote_m, utf7(remote_name))
        local_side = contents(local_m, utf7(local_name))
        assert remote_side == local_side, (remote_name, remote_side, local_side)


def test_copy_then_nothing_then_only_remote_changes(server, remote):
    remote.add_user("bob", "bob-pw")
    r = remote_imap(remote, "bob", "bob-pw")
    for name in TREE:
        if name != "INBOX":
            assert r.create(quote(utf7(name)))[0] == "OK", name
    r.subscribe(quote(utf7("Projekte.Brücke")))
    r.subscribe("INBOX")
    base = time.time() - 86400 * 400
    n = 0
    for i, name in enumerate(TREE):
        for j in range(3):
            n += 1
            flags = ["", "\\Seen", "\\Seen \\Flagged $Label1", "\\Answered Projekt-X"][(i + j) % 4]
            append(r, utf7(name), message(n, subject=f"in {name}"), flags, date=base + n * 3600)
    # No Message-ID: the header digest identifies it.
    append(r, "INBOX", message(99, message_id=False), "\\Seen", date=base)
    n += 1
    local_user(server, "alice")
    server.start()
    add_job(server, remote, "alice", "bob")

    first = run(server, "alice")
    assert (first["copied"], first["skipped"], first["failed"]) == (n, 0, 0), first
    assert first["folders_done"] == first["folders_total"] == len(TREE)

    l = local_imap(server, "alice")
    names, delim, subscribed = folders(l)
    assert delim == "/"
    for local_name in TREE.values():
        assert utf7(local_name) in names, (local_name, names)
    assert utf7("Projekte/Brücke") in subscribed
    assert "Sent Items" not in names and "Papierkorb" not in names
    compare(r, l)

    second = run(server, "alice")
    assert (second["copied"], second["skipped"], second["failed"]) == (0, n, 0), second
    status = server.cli.json("sync", "status", "alice")
    assert (status["copied"], status["skipped"], status["failed"], status["state"]) == (0, n, 0, "finished")

    # Remote changes: two new messages, one flag set, one keyword removed.
    append(r, "INBOX", message(200, subject="new"), "\\Flagged")
    append(r, utf7("Projekte.Brücke.Übergabe & Co"), message(201, subject="new"))
    r.select("INBOX")
    r.uid("STORE", "1", "+FLAGS", "(\\Seen \\Answered)")
    r.select(quote(utf7("Sent Items")))
    r.uid("STORE", "1:*", "-FLAGS", "($Label1 Projekt-X)")
    third = run(server, "alice")
    assert third["copied"] == 2 and third["failed"] == 0, third
    assert third["flags_updated"] >= 2, third
    l.logout()
    l = local_imap(server, "alice")
    compare(r, l)
    r.logout()
    l.logout()


def test_sigkill_then_resume_duplicates_nothing(server, remote):
    total = 2500
    remote.add_user("kim", "kim-pw", [message(i, subject="bulk", size=2000) for i in range(total)])
    local_user(server, "karl")
    add_job(server, remote, "karl", "kim")
    # Without a running serve: the CLI writes the store itself.
    proc = subprocess.Popen([BIN, "sync", "run", "karl", "--data", str(server.data)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    copied = 0
    while time.time() < deadline and proc.poll() is None:
        status = server.cli.json("sync", "status", "karl")
        copied = status.get("copied") or 0
        if copied > 0:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    # One job never runs twice at once.
    assert "running already" in server.cli.fails("sync", "run", "karl")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < copied < total

    resumed = run(server, "karl")
    assert resumed["copied"] + resumed["skipped"] == total, resumed
    assert resumed["failed"] == 0
    assert resumed["copied"] < total  # what the killed run stored is not copied again
    server.start()
    l = local_imap(server, "karl")
    typ, data = l.select("INBOX", readonly=True)
    assert int(data[0]) == total
    typ, data = l.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    ids = [item[1].strip() for item in data if isinstance(item, tuple)]
    assert len(ids) == total and len(set(ids)) == total
    l.logout()


def test_admin_login_and_delete_local_missing(server, remote):
    remote.add_user("carol", "carol-pw-unknown-to-postino", [message(i, subject="carol") for i in range(5)])
    local_user(server, "cleo")
    add_job(server, remote, "cleo", "carol", "--delete-local-missing", admin=True)
    first = run(server, "cleo")
    assert first["copied"] == 5 and first["login"] == "admin admin"
    r = remote_imap(remote, "carol", "carol-pw-unknown-to-postino")
    r.select("INBOX")
    r.uid("STORE", "1:2", "+FLAGS", "(\\Deleted)")
    r.expunge()
    second = run(server, "cleo")
    assert (second["copied"], second["deleted_local"]) == (0, 2), second
    server.start()
    l = local_imap(server, "cleo")
    compare_folder = contents(l, "INBOX")
    assert compare_folder == contents(r, "INBOX") and len(compare_folder) == 3
    l.logout()
    r.logout()


def test_expunge_remote_deletes_only_what_was_stored(server, remote):
    remote.add_user("dora", "dora-pw", [message(i, subject="dora") for i in range(4)])
    local_user(server, "dana")
    add_job(server, remote, "dana", "dora", "--expunge-remote")
    first = run(server, "dana")
    assert (first["copied"], first["expunged_remote"]) == (4, 4), first
    r = remote_imap(remote, "dora", "dora-pw")
    typ, data = r.select("INBOX")
    assert int(data[0]) == 0
    append(r, "INBOX", message(9, subject="late"))
    second = run(server, "dana")
    assert (second["copied"], second["expunged_remote"]) == (1, 1), second
    assert len(server.messages("dana")) == 5
    r.logout()


def test_expunge_remote_spares_a_message_whose_local_copy_was_deleted(server, remote):
    """A run killed after linking copies but before the remote expunge; the user then deletes
    one local copy: the next run expunges remotely only what still has a local copy."""
    total = 2500
    remote.add_user("fay", "fay-pw", [message(i, subject="fay", size=2000) for i in range(total)])
    local_user(server, "finn")
    add_job(server, remote, "finn", "fay", "--expunge-remote")
    proc = subprocess.Popen([BIN, "sync", "run", "finn", "--data", str(server.data)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    copied = 0
    while time.time() < deadline and proc.poll() is None:
        copied = server.cli.json("sync", "status", "finn").get("copied") or 0
        if copied > 0:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    r = remote_imap(remote, "fay", "fay-pw")
    assert int(r.select("INBOX", readonly=True)[1][0]) == total  # nothing expunged yet
    server.start()
    l = local_imap(server, "finn")
    l.select("INBOX")
    typ, data = l.uid("FETCH", "1", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    deleted_id = data[0][1].strip()
    assert deleted_id.startswith(b"Message-ID:"), data
    l.uid("STORE", "1", "+FLAGS", "(\\Deleted)")
    l.expunge()
    l.logout()

    resumed = run(server, "finn")
    assert resumed["failed"] == 0 and resumed["expunged_remote"] == total - 1, resumed
    r.select("INBOX", readonly=True)
    typ, data = r.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    left = [item[1].strip() for item in data if isinstance(item, tuple)]
    assert left == [deleted_id], left[:3]
    assert len(server.messages("finn")) == total - 1
    r.logout()


def test_errors_are_reported_and_jobs_listed(server, remote):
    remote.add_user("eve", "eve-pw")
    local_user(server, "emma")
    add_job(server, remote, "emma", "eve", password="wrong")
    failed = run(server, "emma", check=False)
    assert failed["state"] == "failed" and "authentication failed" in failed["error"], failed
    server.cli.ok("sync", "remove", "emma")
    server.cli.ok("sync", "add", "emma", "--host", "127.0.0.1", "--port", str(remote.ports["imaps"]), "--tls", "implicit",
                  "--user", "eve", "--password-stdin", stdin="eve-pw\n")
    failed = run(server, "emma", check=False)
    assert "certificate" in failed["error"], failed
    server.cli.ok("sync", "remove", "emma")
    server.cli.ok("sync", "add", "emma", "--host", "127.0.0.1", "--port", str(remote.ports["imaps"]), "--tls", "implicit",
                  "--tls-verify", "off", "--user", "eve", "--password-stdin", stdin="eve-pw\n")
    assert run(server, "emma")["state"] == "finished"
    listed = server.cli.json("sync", "list")
    assert [j["local_user"] for j in listed] == ["emma"] and listed[0]["tls"] == "implicit"
    assert listed[0]["state"] == "finished" and listed[0]["copied"] == 0
    assert "eve-pw" not in json.dumps(listed)
    server.cli.ok("sync", "set", "emma", "--enabled", "off")
    assert "disabled" in server.cli.fails("sync", "run", "emma")
    assert "no user" in server.cli.fails("sync", "add", "nobody", "--host", "h", "--tls", "none", "--user", "x",
                                         "--password-stdin", stdin="p\n")


def test_dry_run_copies_nothing_and_counts_what_it_would(server, remote):
    """`sync run --dry-run` reports what a run would copy (messages, folders) and changes
    nothing on either side: no local folder or message, no remote expunge, no state (the
    real run after it still copies everything)."""
    remote.add_user("gina", "gina-pw", [message(i, subject="gina") for i in range(4)])
    r = remote_imap(remote, "gina", "gina-pw")
    assert r.create(quote(utf7("Projekte.Brücke")))[0] == "OK"
    append(r, utf7("Projekte.Brücke"), message(10, subject="gina brücke"), "\\Seen")
    local_user(server, "gus")
    add_job(server, remote, "gus", "gina", "--expunge-remote")

    dry = run(server, "gus", "--dry-run")
    assert dry["dry_run"] is True and dry["state"] == "finished", dry
    assert (dry["copied"], dry["skipped"], dry["failed"], dry["expunged_remote"]) == (5, 0, 0, 0), dry
    assert dry["folders_total"] == dry["folders_done"] == 2, dry  # INBOX, Projekte/Brücke (its parent is not a folder)
    text = server.cli.ok("sync", "run", "gus", "--dry-run")
    assert re.search(r"^gus: finished \(dry run\), folders 2/2, to copy 5, skipped 0, failed 0,", text, re.M), text
    assert server.messages("gus") == []
    assert not server.maildir("gus", utf7("Projekte/Brücke")).exists()
    assert int(r.select("INBOX", readonly=True)[1][0]) == 4  # nothing expunged remotely
    assert "copied" not in server.cli.json("sync", "status", "gus")  # no run recorded

    real = run(server, "gus")
    assert (real["copied"], real["expunged_remote"], real["dry_run"]) == (5, 5, False), real
    assert len(server.messages("gus")) == 4 and len(server.messages("gus", utf7("Projekte/Brücke"))) == 1

    # After a real run: only the new remote message would be copied; still nothing changes.
    append(r, "INBOX", message(11, subject="gina late"))
    dry = run(server, "gus", "--dry-run")
    assert (dry["copied"], dry["failed"], dry["expunged_remote"]) == (1, 0, 0), dry
    assert len(server.messages("gus")) == 4
    assert int(r.select("INBOX", readonly=True)[1][0]) == 1
    assert server.cli.json("sync", "status", "gus")["copied"] == 5  # the real run's counts stay
    r.logout()


def test_include_and_exclude_choose_the_folders(server, remote):
    """--include/--exclude on the remote names with '/': `*` spans levels, `?` one
    character, an exclude wins over an include; what is left out is copied by a job
    without patterns later (and what was copied is not copied again)."""
    remote.add_user("hana", "hana-pw")
    r = remote_imap(remote, "hana", "hana-pw")
    counts = {"INBOX": 1, "Projekte": 2, "Projekte.Brücke": 1, "Projekte.Brücke.Übergabe & Co": 2,
              "Projekte.Alt": 1, "Archiv 2024": 3, "Papierkorb": 1}
    n = 0
    for name, count in counts.items():
        if name != "INBOX":
            assert r.create(quote(utf7(name)))[0] == "OK", name
        for _ in range(count):
            n += 1
            append(r, utf7(name), message(n, subject=f"hana {name}"))
    local_user(server, "hugo")
    patterns = ["--include", "INBOX", "--include", "Projekte*", "--exclude", "Projekte/Brücke/*", "--exclude", "Projekte/Al?"]
    add_job(server, remote, "hugo", "hana", *patterns)
    [job] = server.cli.json("sync", "list")
    assert (job["include"], job["exclude"]) == (["INBOX", "Projekte*"], ["Projekte/Brücke/*", "Projekte/Al?"])

    first = run(server, "hugo")
    assert (first["copied"], first["failed"]) == (1 + 2 + 1, 0), first
    assert first["folders_total"] == 3, first
    server.start()
    l = local_imap(server, "hugo")
    names, _, _ = folders(l)
    for kept in ("Projekte", "Projekte/Brücke"):
        assert utf7(kept) in names, (kept, names)
    for left_out in ("Projekte/Brücke/Übergabe & Co", "Projekte/Alt", "Archiv 2024", "Papierkorb"):
        assert utf7(left_out) not in names, (left_out, names)
    for remote_name, local_name in (("INBOX", "INBOX"), ("Projekte", "Projekte"), ("Projekte.Brücke", "Projekte/Brücke")):
        assert contents(r, utf7(remote_name)) == contents(l, utf7(local_name)), remote_name
    if "Trash" in names:
        assert contents(l, "Trash") == []  # Papierkorb (→ Trash) was not included
    l.logout()

    # Without patterns the rest comes; the four already here are recognised, not copied.
    server.cli.ok("sync", "remove", "hugo")
    add_job(server, remote, "hugo", "hana")
    rest = run(server, "hugo")
    assert (rest["copied"], rest["skipped"], rest["failed"]) == (n - 4, 4, 0), rest
    l = local_imap(server, "hugo")
    for remote_name, local_name in (("Projekte.Brücke.Übergabe & Co", "Projekte/Brücke/Übergabe & Co"),
                                    ("Projekte.Alt", "Projekte/Alt"), ("Archiv 2024", "Archiv 2024"), ("Papierkorb", "Trash")):
        assert contents(r, utf7(remote_name)) == contents(l, utf7(local_name)), remote_name
    l.logout()
    r.logout()
