"""Every CLI command end to end through the built binary, with its error cases."""
import json
import subprocess

from conftest import BIN


def test_domain_lifecycle(postino):
    assert "added domain example.com" in postino.ok("domain", "add", "Example.COM")
    postino.ok("domain", "add", "relay.example", "--relay-to", "mx.backend.example:2525")
    assert "already exists" in postino.fails("domain", "add", "example.com")
    assert "invalid" in postino.fails("domain", "add", "not_a_domain!")
    domains = {d["name"]: d for d in postino.json("domain", "list")}
    assert domains["example.com"]["delivery"] == "local"
    assert domains["relay.example"]["relay_host"] == "mx.backend.example"
    assert domains["relay.example"]["relay_port"] == 2525
    table = postino.ok("domain", "list")
    assert "example.com" in table and "relay mx.backend.example:2525" in table


def test_domain_set_options(postino, tmp_path):
    postino.ok("domain", "add", "example.com")
    postino.ok("user", "add", "john")
    disclaimer = tmp_path / "disclaimer.md"
    disclaimer.write_text("**Confidential**: for the addressee only.\n")
    postino.ok("domain", "set", "example.com", "--catch-all", "john@example.com",
               "--copy-to", "archive@example.com", "--dkim", "on", "--disclaimer-file", str(disclaimer))
    d = postino.json("domain", "list")[0]
    assert d["catch_all"] == "john@example.com" and d["copy_to"] == "archive@example.com"
    assert d["dkim"] is True and d["disclaimer"] is True
    postino.ok("domain", "set", "example.com", "--no-catch-all", "--no-copy-to", "--dkim", "off", "--no-disclaimer")
    d = postino.json("domain", "list")[0]
    assert d["catch_all"] is None and d["copy_to"] is None and d["dkim"] is False and d["disclaimer"] is False
    assert "unknown domain" in postino.fails("domain", "set", "nope.example", "--dkim", "on")
    assert "invalid address" in postino.fails("domain", "set", "example.com", "--catch-all", "not-an-address")
    assert "exclusive" in postino.fails("domain", "set", "example.com", "--catch-all", "a@b.c", "--no-catch-all")
    assert "cannot read" in postino.fails("domain", "set", "example.com", "--disclaimer-file", str(tmp_path / "missing"))
    postino.fails("domain", "set", "example.com", "--dkim", "maybe")


def test_domain_remove_refuses_new_mail(postino):
    postino.ok("domain", "add", "example.com")
    postino.ok("user", "add", "john")
    assert postino.run("resolve", "john@example.com").returncode == 0
    postino.ok("domain", "remove", "example.com")
    assert postino.json("domain", "list") == []
    refused = postino.run("resolve", "john@example.com", check=False)
    assert refused.returncode == 2 and "5.7.1" in refused.stderr
    assert [u["name"] for u in postino.json("user", "list") if u["name"] == "john"] == ["john"]
    assert "unknown domain" in postino.fails("domain", "remove", "example.com")


def test_user_lifecycle_and_options(postino):
    postino.ok("domain", "add", "example.com")
    postino.ok("user", "add", "john", "--password-stdin", "--quota", "2G", stdin="s3cret\n")
    postino.ok("user", "add", "mary", "--password-hash",
               "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/")
    assert "already" in postino.fails("user", "add", "john", "--password-stdin", stdin="x\n")
    assert "nothing on standard input" in postino.fails("user", "add", "bob", "--password-stdin", stdin="")
    postino.fails("user", "add", "Bad Name!")
    assert "hash" in postino.fails("user", "add", "eve", "--password-hash", "plaintext")
    users = {u["name"]: u for u in postino.json("user", "list")}
    assert users["john"]["quota"] == 2 * 1024 ** 3 and users["john"]["quota_used"] == 0
    assert users["john"]["has_password"] and users["mary"]["has_password"]
    assert "john" in postino.ok("user", "list")

    postino.ok("user", "set", "john", "--imap", "off", "--pop3", "off", "--smtp-auth", "off",
               "--forward", "john@elsewhere.example", "--forward", "j2@elsewhere.example",
               "--keep-copy", "on", "--quota", "none", "--spam-retention", "30")
    john = {u["name"]: u for u in postino.json("user", "list")}["john"]
    assert (john["imap"], john["pop3"], john["smtp_auth"]) == (False, False, False)
    assert john["forwards"] == ["john@elsewhere.example", "j2@elsewhere.example"] and john["keep_copy"]
    assert john["quota"] is None and john["spam_retention_days"] == 30
    postino.ok("user", "set", "john", "--no-forward", "--spam-retention", "default", "--quota", "500M")
    john = {u["name"]: u for u in postino.json("user", "list")}["john"]
    assert john["forwards"] == [] and john["spam_retention_days"] == 15 and john["quota"] == 500 * 1024 ** 2

    assert "size" in postino.fails("user", "set", "john", "--quota", "lots")
    assert "days" in postino.fails("user", "set", "john", "--spam-retention", "forever")
    assert "unknown user" in postino.fails("user", "set", "nobody", "--imap", "on")
    postino.ok("user", "passwd", "john", "--password-stdin", stdin="n3w\n")
    postino.fails("user", "passwd", "john")
    postino.ok("user", "remove", "mary")
    assert "unknown user" in postino.fails("user", "remove", "mary")


def test_group_lifecycle(postino):
    postino.ok("domain", "add", "example.com")
    for u in ("john", "mary"):
        postino.ok("user", "add", u)
    postino.ok("group", "add", "sales")
    postino.ok("group", "member", "add", "sales", "john")
    postino.ok("group", "member", "add", "sales", "mary")
    assert "unknown user" in postino.fails("group", "member", "add", "sales", "ghost")
    assert "unknown group" in postino.fails("group", "member", "add", "ghost", "john")
    g = postino.json("group", "list")[0]
    assert g["name"] == "sales" and sorted(g["members"]) == ["john", "mary"] and g["address_enabled"]
    # Group addresses are off globally by default.
    assert postino.run("resolve", "sales@example.com", check=False).returncode == 2
    postino.ok("settings", "set", "groups.addresses", "on")
    out = postino.json("resolve", "sales@example.com")
    assert sorted(out["deliver"]) == ["mailbox john", "mailbox mary"]
    postino.ok("group", "set", "sales", "--address", "off")
    assert postino.run("resolve", "sales@example.com", check=False).returncode == 2
    postino.ok("group", "member", "remove", "sales", "mary")
    assert postino.json("group", "list")[0]["members"] == ["john"]
    assert "already" in postino.fails("group", "add", "john")  # shares the user name space
    postino.ok("group", "remove", "sales")
    assert postino.json("group", "list") == []


def test_public_mailboxes(postino):
    postino.ok("group", "add", "support")
    postino.ok("public", "add", "helpdesk", "--group", "support")
    assert postino.json("public", "list") == [{"name": "helpdesk", "groups": ["support"]}]
    postino.fails("public", "add", "other")  # needs a group
    assert "unknown group" in postino.fails("public", "add", "other", "--group", "ghost")
    assert "public mailbox" in postino.fails("group", "remove", "support")  # still owns helpdesk
    postino.ok("public", "remove", "helpdesk")
    postino.ok("group", "remove", "support")


def test_addresses(postino):
    postino.ok("domain", "add", "example.com")
    postino.ok("domain", "add", "example.org")
    postino.ok("user", "add", "john")
    postino.ok("group", "add", "sales")
    postino.ok("group", "member", "add", "sales", "john")
    postino.ok("group", "add", "support")
    postino.ok("public", "add", "helpdesk", "--group", "support")
    postino.ok("address", "add", "goofy@example.com", "--to", "user:john", "--to", "friend@elsewhere.example")
    postino.ok("address", "add", "info", "--to", "group:sales")
    postino.ok("address", "add", "help@*", "--to", "public:helpdesk", "--internal")
    rows = {a["address"]: a for a in postino.json("address", "list")}
    assert rows["goofy@example.com"]["destinations"] == ["user:john", "friend@elsewhere.example"]
    assert rows["info@*"]["domain"] is None and rows["help@*"]["internal"]
    out = postino.json("resolve", "info@example.org")
    assert out["deliver"] == ["mailbox john"]
    assert postino.json("resolve", "GOOFY@Example.COM")["deliver"] == ["mailbox john", "external friend@elsewhere.example"]
    refused = postino.run("resolve", "help@example.com", check=False)
    assert refused.returncode == 2 and "5.7.1" in refused.stderr
    assert postino.json("resolve", "help@example.com", "--auth", "john")["deliver"] == ["public mailbox helpdesk"]
    assert postino.json("resolve", "help@example.com", "--local-network")["deliver"] == ["public mailbox helpdesk"]
    assert "already" in postino.fails("address", "add", "goofy@example.com", "--to", "user:john")
    assert "not a local domain" in postino.fails("address", "add", "x@unknown.example", "--to", "user:john") \
        or "unknown domain" in postino.fails("address", "add", "x@unknown.example", "--to", "user:john")
    postino.fails("address", "add", "y@example.com")  # no destination
    postino.fails("address", "add", "y@example.com", "--to", "robot:r2d2")
    postino.fails("address", "add", "y@example.com", "--to", "user:ghost")
    postino.ok("address", "remove", "goofy@example.com")
    assert "unknown address" in postino.fails("address", "remove", "goofy@example.com")


def test_settings(postino):
    rows = {s["key"]: s for s in postino.json("settings", "list")}
    assert rows["smtp.max_message_size"]["value"] == "20M" and rows["smtp.max_message_size"]["is_default"]
    for key in ("imap.master_user", "mail.allow_unencrypted", "server.hostname", "queue.lifetime"):
        assert key in rows and rows[key]["doc"]
    assert postino.ok("settings", "get", "smtp.max_message_size").strip() == "20M"
    postino.ok("settings", "set", "smtp.max_message_size", "10485760")
    assert postino.ok("settings", "get", "smtp.max_message_size").strip() == "10M"
    postino.ok("settings", "set", "imap.master_user", "on")
    assert postino.ok("settings", "get", "imap.master_user").strip() == "true"
    postino.ok("settings", "set", "smtp.trusted_networks", "127.0.0.0/8, 192.0.2.0/24")
    assert "unknown setting" in postino.fails("settings", "get", "no.such")
    assert "unknown setting" in postino.fails("settings", "set", "no.such", "1")
    postino.fails("settings", "set", "smtp.max_message_size", "big")
    postino.fails("settings", "set", "imap.master_user", "perhaps")
    postino.fails("settings", "set", "smtp.trusted_networks", "300.1.1.1/8")
    postino.fails("settings", "set", "queue.lifetime", "4 fortnights")
    assert "10M" in postino.ok("settings", "list")


def test_resolve_output_and_refusals(postino):
    postino.ok("domain", "add", "example.com")
    postino.ok("user", "add", "john")
    postino.ok("domain", "set", "example.com", "--copy-to", "archive@example.com")
    postino.ok("user", "add", "archive")
    text = postino.ok("resolve", "john+news@example.com")
    assert "mailbox john" in text and "+news" in text and "hidden copies" in text and "mailbox archive" in text
    out = postino.json("resolve", "john+news@example.com")
    assert out["subaddress"] == "news" and out["copies"] == ["mailbox archive"]
    # postmaster@ and abuse@ always exist and reach the administrator.
    postino.ok("user", "add", "admin")  # on a fresh directory the CLI has not made one
    refused = postino.run("resolve", "nobody@example.com", check=False)
    assert refused.returncode == 2 and "5.1.1" in refused.stderr and refused.stderr.count("\n") == 1
    assert postino.run("resolve", "john@other.example", check=False).returncode == 2
    assert postino.run("resolve", "not an address", check=False).returncode != 0
    assert "unknown user" in postino.fails("resolve", "john@example.com", "--auth", "ghost")


def test_postmaster_goes_to_administrator_created_by_serve(postino, tmp_path):
    import signal
    proc = subprocess.Popen([BIN, "serve", "--data", str(postino.data), "--listen", "admin=off"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    from conftest import wait_for_output
    try:
        wait_for_output(proc, "Stop with Ctrl-C")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    postino.ok("domain", "add", "example.com")
    assert postino.json("resolve", "postmaster@example.com")["deliver"] == ["mailbox admin"]
    assert postino.json("resolve", "Abuse@EXAMPLE.com")["deliver"] == ["mailbox admin"]


def test_message_inspect(postino, tmp_path):
    msg = tmp_path / "m.eml"
    msg.write_bytes(
        b"From: =?utf-8?q?J=C3=B6rg?= <jorg@example.com>\r\n"
        b"To: a@example.com, Group: b@example.com, c@example.com;\r\n"
        b"Subject: =?iso-8859-1?q?Gr=FC=DFe?= aus\r\n =?utf-8?b?S8O2bG4=?=\r\n"
        b"Message-ID: <1@example.com>\r\n"
        b"Date: Sun, 22 Nov 2026 10:00:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo\r\n"
        b"--XX\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.pdf\r\n\r\nJVBERi0=\r\n"
        b"--XX--\r\n")
    out = json.loads(postino.ok("message", "inspect", str(msg)))
    assert out["subject"] == "Grüße ausKöln" or out["subject"] == "Grüße aus Köln"
    assert out["from"] == ["jorg@example.com"]
    assert out["to"] == ["a@example.com", "b@example.com", "c@example.com"]
    assert out["message_id"] == "<1@example.com>"
    types = [(p["path"], p["content_type"]) for p in out["parts"]]
    assert types == [("", "multipart/mixed"), ("1", "text/plain"), ("2", "application/pdf")]
    pdf = out["parts"][2]
    assert pdf["filename"] == "Résumé.pdf" and pdf["disposition"] == "attachment"
    assert pdf["encoding"] == "base64" and pdf["size"] == 5
    # Several files: JSON Lines in order with the file name.
    lines = postino.ok("message", "inspect", str(msg), str(msg)).splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["file"] == str(msg)
    assert "cannot read" in postino.fails("message", "inspect", str(tmp_path / "missing.eml"))


def test_errors_are_one_line_and_nonzero(postino):
    for args in (["nonsense"], ["domain", "add"], ["user", "set", "john", "--imap", "sideways"],
                 ["domain", "list", "--bogus"]):
        postino.fails(*args)
    help_text = subprocess.run([BIN, "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0 and "domain" in help_text.stdout


def test_data_from_environment(tmp_path):
    data = tmp_path / "env-data"
    env = {"POSTINO_DATA": str(data), "PATH": "/usr/bin:/bin"}
    subprocess.run([BIN, "domain", "add", "example.com"], env=env, check=True, capture_output=True)
    out = subprocess.run([BIN, "domain", "list", "--json"], env=env, check=True, capture_output=True, text=True)
    assert json.loads(out.stdout)[0]["name"] == "example.com"
    assert (data / "postino.sqlite").exists()
