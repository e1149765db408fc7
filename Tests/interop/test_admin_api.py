"""The REST API on the admin listener (issue 18): login and tokens, every resource the CLI
has, compared with the CLI's `--json` rows, the JSON errors, the audit log, the OpenAPI
document (checked by schemathesis), shutdown on SIGTERM."""
import json
import re
import smtplib
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "api-test-password-1"


class API:
    """A small client: `call` returns (status, parsed JSON or None, headers)."""

    def __init__(self, port: int, token=None):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def call(self, method, path, body=None, token=..., raw_body=None, headers=None):
        token = self.token if token is ... else token
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, payload, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, payload, headers = error.code, error.read(), error.headers
        if payload:
            assert headers["Content-Type"] == "application/json", headers
        return status, (json.loads(payload) if payload else None), headers

    def ok(self, method, path, body=None, status=200):
        got, payload, _ = self.call(method, path, body)
        assert got == status, f"{method} {path}: {got} {payload}"
        return payload

    def error(self, method, path, body=None, status=422, code=None, **kw):
        got, payload, _ = self.call(method, path, body, **kw)
        assert got == status, f"{method} {path}: expected {status}, got {got} {payload}"
        assert set(payload) == {"error"} and set(payload["error"]) == {"code", "message"}, payload
        assert payload["error"]["message"]
        if code:
            assert payload["error"]["code"] == code, payload
        return payload["error"]

    def login(self, user, password):
        status, payload, _ = self.call("POST", "/api/v1/session", {"user": user, "password": password}, token=None)
        assert status == 201, payload
        return payload["token"]


def q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def admin_password(server: MailServer) -> str:
    m = re.search(r"^\s+password: (\S+)$", server.banner, re.M)
    assert m, server.banner
    return m.group(1)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One server for the resource tests (each test uses its own names)."""
    server = MailServer(tmp_path_factory.mktemp("api"), services=("submission", "admin"))
    server.cli.ok("domain", "add", "a.test")
    server.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    # The tests here refuse a few logins on purpose; the throttle's growing waits (tested
    # with its defaults below) would make the later ones depend on the order of the tests.
    server.cli.ok("settings", "set", "auth.penalty_initial", "0s")
    server.cli.ok("settings", "set", "auth.penalty_max", "0s")
    server.start()
    api = API(server.port("admin"))
    api.token = api.login("admin", admin_password(server))
    yield server, api
    server.stop()


# -- login, tokens, errors of authentication -------------------------------------------------

def test_banner_lists_the_admin_listener_with_its_port(running):
    server, _ = running
    assert re.search(r"^  admin\s+127\.0\.0\.1:\d+\s+admin web UI and REST API$", server.banner, re.M), server.banner


def test_every_route_needs_a_valid_token(running):
    _, api = running
    for method, path in [("GET", "/api/v1/domains"), ("POST", "/api/v1/users"), ("GET", "/api/v1/queue"),
                         ("DELETE", "/api/v1/domains/a.test"), ("GET", "/api/v1/settings")]:
        status, payload, headers = api.call(method, path, {} if method == "POST" else None, token=None)
        assert status == 401 and payload["error"]["code"] == "unauthorized", (method, path, payload)
        assert headers["WWW-Authenticate"].startswith("Bearer")
        assert api.call(method, path, token="pst_not-a-token")[0] == 401
    status, _, _ = api.call("GET", "/api/v1/domains", token=None)
    assert status == 401
    # Nothing was removed by the refused DELETE.
    assert any(d["name"] == "a.test" for d in api.ok("GET", "/api/v1/domains"))


def test_session_login_logout_and_the_admin_flag(running):
    server, api = running
    session = API(api.base.rsplit(":", 1)[1])
    session.token = session.login("admin", admin_password(server))
    assert session.token != api.token
    assert session.ok("GET", "/api/v1/session") == {"user": "admin", "kind": "session", "name": "admin"}
    # POST /api/v1/login is the same login.
    other = session.login("admin", admin_password(server))
    assert api.call("POST", "/api/v1/login", {"user": "admin", "password": admin_password(server)}, token=None)[0] == 201
    assert session.ok("DELETE", "/api/v1/session", status=204) is None
    session.error("GET", "/api/v1/domains", status=401, code="unauthorized")
    assert API(session.base.rsplit(":", 1)[1], other).ok("GET", "/api/v1/session")["user"] == "admin"

    # alice is no administrator: right password, 403; with the flag set through the API she
    # logs in, and her token dies when the flag is taken away.
    api.error("POST", "/api/v1/session", {"user": "alice", "password": PASSWORD}, status=403, code="forbidden", token=None)
    assert api.ok("PATCH", "/api/v1/users/alice", {"administrator": True})["administrator"] is True
    alice = API(api.base.rsplit(":", 1)[1], api.login("alice", PASSWORD))
    assert alice.ok("GET", "/api/v1/session")["user"] == "alice"
    assert api.ok("PATCH", "/api/v1/users/alice", {"administrator": False})["administrator"] is False
    alice.error("GET", "/api/v1/domains", status=401)
    # The CLI sees the flag the API set.
    assert next(u for u in server.cli.json("user", "list") if u["name"] == "alice")["administrator"] is False
    # ... and the API sees the flag the CLI sets (postino user set NAME --admin on).
    server.cli.ok("user", "set", "alice", "--admin", "on")
    assert api.ok("GET", "/api/v1/users/alice")["administrator"] is True
    assert api.login("alice", PASSWORD).startswith("pst_")
    server.cli.ok("user", "set", "alice", "--admin", "off")
    api.error("POST", "/api/v1/session", {"user": "alice", "password": PASSWORD}, status=403, token=None)


def test_browser_session_cookie_needs_the_csrf_token_for_changes(running):
    server, api = running
    status, login, headers = api.call("POST", "/api/v1/session", {"user": "admin", "password": admin_password(server)},
                                      token=None)
    assert status == 201
    cookie = headers["Set-Cookie"]
    assert cookie.startswith(f"postino_session={login['token']};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie  # plain HTTP on loopback
    jar = {"Cookie": f"postino_session={login['token']}"}
    assert api.call("GET", "/api/v1/session", token=None, headers=jar)[1]["user"] == "admin"
    # A change with the cookie alone (what a cross-site form would send) is refused.
    for extra in ({}, {"X-CSRF-Token": "0" * 64}, {"X-CSRF-Token": api.token}):
        status, payload, _ = api.call("POST", "/api/v1/domains", {"name": "csrf.test"}, token=None, headers={**jar, **extra})
        assert status == 403 and payload["error"]["code"] == "csrf", payload
    assert not any(d["name"] == "csrf.test" for d in server.cli.json("domain", "list"))
    with_csrf = {**jar, "X-CSRF-Token": login["csrf_token"]}
    status, row, _ = api.call("POST", "/api/v1/domains", {"name": "csrf.test"}, token=None, headers=with_csrf)
    assert status == 201 and row["name"] == "csrf.test"
    assert api.call("DELETE", "/api/v1/domains/csrf.test", token=None, headers=with_csrf)[0] == 204
    status, _, headers = api.call("DELETE", "/api/v1/session", token=None, headers=with_csrf)
    assert status == 204 and "Max-Age=0" in headers["Set-Cookie"]
    assert api.call("GET", "/api/v1/domains", token=None, headers=jar)[0] == 401


def test_api_tokens_for_scripts(running):
    server, api = running
    created = api.ok("POST", "/api/v1/tokens", {"name": "backup-script"}, status=201)
    assert created["name"] == "backup-script" and created["user"] == "admin" and created["token"].startswith("pst_")
    script = API(api.base.rsplit(":", 1)[1], created["token"])
    assert script.ok("GET", "/api/v1/session") == {"user": "admin", "kind": "api", "name": "backup-script"}
    assert isinstance(script.ok("GET", "/api/v1/domains"), list)
    listed = api.ok("GET", "/api/v1/tokens")
    assert [t["name"] for t in listed] == ["backup-script"]
    assert created["token"] not in json.dumps(listed)
    # Stored hashed: the token text is nowhere in the database file.
    assert created["token"].encode() not in (server.data / "postino.sqlite").read_bytes()
    api.error("POST", "/api/v1/tokens", {"name": "backup-script"}, status=409, code="conflict")
    api.error("POST", "/api/v1/tokens", {"name": "bad name!"}, status=422, code="invalid_input")
    # Logging out with an API token does not revoke it; revoking does.
    script.ok("DELETE", "/api/v1/session", status=204)
    script.ok("GET", "/api/v1/domains")
    api.ok("DELETE", "/api/v1/tokens/backup-script", status=204)
    script.error("GET", "/api/v1/domains", status=401)
    api.error("DELETE", "/api/v1/tokens/backup-script", status=404, code="not_found")


def test_cli_tokens_work_against_the_running_server(running):
    server, api = running
    out = server.cli.ok("admin", "token", "create", "cron-job")
    token = out.strip().splitlines()[-1]
    assert token.startswith("pst_") and "cron-job" in out
    script = API(api.base.rsplit(":", 1)[1], token)
    assert script.ok("GET", "/api/v1/session") == {"user": "admin", "kind": "api", "name": "cron-job"}
    assert server.cli.json("admin", "token", "list") == api.ok("GET", "/api/v1/tokens")
    assert token not in server.cli.ok("admin", "token", "list")
    assert "exists already" in server.cli.fails("admin", "token", "create", "cron-job")
    assert "not an administrator" in server.cli.fails("admin", "token", "create", "other", "--user", "alice")
    server.cli.ok("admin", "token", "revoke", "cron-job")
    script.error("GET", "/api/v1/domains", status=401, code="unauthorized")
    assert "no API token" in server.cli.fails("admin", "token", "revoke", "cron-job")


def test_wrong_passwords_are_401_after_a_delay(tmp_path):
    server = MailServer(tmp_path, services=("admin",))
    server.start()
    try:
        api = API(server.port("admin"))
        took = []
        for user, password in [("admin", "wrong"), ("nobody", "wrong")]:
            started = time.monotonic()
            error = api.error("POST", "/api/v1/session", {"user": user, "password": password}, status=401,
                              code="unauthorized", token=None)
            took.append(time.monotonic() - started)
            assert "password" in error["message"]
        assert took[0] >= 0.9, "a refused login answers after a delay"
        # The authenticator's throttle applies too: the next attempt from this address waits first.
        assert took[1] >= took[0] + 0.9, took
        access = (server.data / "log" / "access").read_text()
        assert "admin" in access and "127.0.0.1" in access
        # Malformed login bodies are 400, not 5xx.
        api.error("POST", "/api/v1/session", raw_body=b"{not json", status=400, code="bad_request", token=None)
        api.error("POST", "/api/v1/session", {"user": "admin"}, status=400, code="bad_request", token=None)
        # The right password still works.
        assert api.login("admin", admin_password(server)).startswith("pst_")
    finally:
        server.stop()


# -- resources, compared with the CLI ----------------------------------------------------------

def test_domains_crud_and_errors(running):
    server, api = running
    row = api.ok("POST", "/api/v1/domains", {"name": "crud.test"}, status=201)
    assert row == next(d for d in server.cli.json("domain", "list") if d["name"] == "crud.test")
    assert api.ok("GET", "/api/v1/domains") == server.cli.json("domain", "list")
    assert api.ok("GET", "/api/v1/domains/CRUD.test") == row

    changed = api.ok("PATCH", "/api/v1/domains/crud.test", {"catch_all": "alice@a.test", "dkim": True})
    assert changed["catch_all"] == "alice@a.test" and changed["dkim"] is True
    assert changed == next(d for d in server.cli.json("domain", "list") if d["name"] == "crud.test")
    # Absent fields stay; null clears.
    assert api.ok("PATCH", "/api/v1/domains/crud.test", {})["catch_all"] == "alice@a.test"
    assert api.ok("PATCH", "/api/v1/domains/crud.test", {"catch_all": None})["catch_all"] is None

    relayed = api.ok("POST", "/api/v1/domains", {"name": "relayed.test", "relay_to": "10.0.0.5:2525"}, status=201)
    assert relayed["relay_host"] == "10.0.0.5" and relayed["relay_port"] == 2525

    api.error("POST", "/api/v1/domains", {"name": "crud.test"}, status=409, code="conflict")
    api.error("POST", "/api/v1/domains", {"name": "not a domain"}, status=422, code="invalid_input")
    api.error("POST", "/api/v1/domains", {"nam": "x.test"}, status=400, code="bad_request")
    api.error("POST", "/api/v1/domains", {"name": 5}, status=400, code="bad_request")
    api.error("POST", "/api/v1/domains", raw_body=b"[", status=400, code="bad_request")
    api.error("PATCH", "/api/v1/domains/crud.test", {"catch_all": "not an address"}, status=422, code="invalid_input")
    api.error("GET", "/api/v1/domains/missing.test", status=404, code="not_found")
    api.error("GET", "/api/v1/no-such-thing", status=404, code="not_found")

    api.ok("DELETE", "/api/v1/domains/crud.test", status=204)
    api.ok("DELETE", "/api/v1/domains/relayed.test", status=204)
    api.error("GET", "/api/v1/domains/crud.test", status=404)
    api.error("DELETE", "/api/v1/domains/crud.test", status=404)
    assert not any(d["name"] == "crud.test" for d in server.cli.json("domain", "list"))


def test_users_crud_and_password(running):
    server, api = running
    row = api.ok("POST", "/api/v1/users", {"name": "bob", "password": "bob-password-1", "quota": "2G"}, status=201)
    assert row["quota"] == 2 * 1024 ** 3 and row["has_password"] is True and "password" not in json.dumps(row).replace("has_password", "")
    assert api.ok("GET", "/api/v1/users") == server.cli.json("user", "list")

    changed = api.ok("PATCH", "/api/v1/users/bob", {"imap": False, "forwards": ["bob@elsewhere.test"], "keep_copy": True,
                                                    "quota": "none", "spam_retention_days": 7})
    assert (changed["imap"], changed["forwards"], changed["keep_copy"], changed["spam_retention_days"]) \
        == (False, ["bob@elsewhere.test"], True, 7)
    assert changed["quota"] != row["quota"]
    assert changed == next(u for u in server.cli.json("user", "list") if u["name"] == "bob")
    assert api.ok("PATCH", "/api/v1/users/bob", {"spam_retention_days": None})["spam_retention_days"] \
        == int(server.cli.ok("settings", "get", "spam.retention_days").strip())

    api.ok("PUT", "/api/v1/users/bob/password", {"password": "bob-password-2"}, status=204)
    status, _, _ = api.call("POST", "/api/v1/session", {"user": "bob", "password": "bob-password-2"}, token=None)
    assert status == 403  # right password, but not an administrator

    api.error("POST", "/api/v1/users", {"name": "bob"}, status=409, code="conflict")
    api.error("POST", "/api/v1/users", {"name": "Bad Name"}, status=422, code="invalid_input")
    api.error("POST", "/api/v1/users", {"name": "carol", "quota": "lots"}, status=422, code="invalid_input")
    api.error("POST", "/api/v1/users", {"name": "carol", "password": "x1", "password_hash": "$6$x"}, status=422)
    api.error("PATCH", "/api/v1/users/bob", {"forwards": ["nope"]}, status=422, code="invalid_input")
    api.error("PATCH", "/api/v1/users/nobody", {"imap": True}, status=404, code="not_found")
    api.error("PATCH", "/api/v1/users/bob", {"imap": "yes"}, status=400, code="bad_request")

    api.ok("DELETE", "/api/v1/users/bob", status=204)
    api.error("GET", "/api/v1/users/bob", status=404, code="not_found")


def test_groups_members_and_public_mailboxes(running):
    server, api = running
    api.ok("POST", "/api/v1/users", {"name": "gina"}, status=201)
    row = api.ok("POST", "/api/v1/groups", {"name": "sales", "members": ["alice"]}, status=201)
    assert row["members"] == ["alice"]
    assert api.ok("PUT", "/api/v1/groups/sales/members/gina")["members"] == ["alice", "gina"]
    assert api.ok("GET", "/api/v1/groups") == server.cli.json("group", "list")
    assert api.ok("DELETE", "/api/v1/groups/sales/members/alice")["members"] == ["gina"]
    assert api.ok("PATCH", "/api/v1/groups/sales", {"address_enabled": False})["address_enabled"] is False
    api.error("PUT", "/api/v1/groups/sales/members/nobody", status=404, code="not_found")
    api.error("POST", "/api/v1/groups", {"name": "sales"}, status=409, code="conflict")

    box = api.ok("POST", "/api/v1/public-mailboxes", {"name": "shared", "groups": ["sales"]}, status=201)
    assert box == {"name": "shared", "groups": ["sales"]}
    assert api.ok("GET", "/api/v1/public-mailboxes") == server.cli.json("public", "list")
    api.ok("POST", "/api/v1/groups", {"name": "support"}, status=201)
    assert api.ok("PATCH", "/api/v1/public-mailboxes/shared", {"groups": ["support"]})["groups"] == ["support"]
    api.error("POST", "/api/v1/public-mailboxes", {"name": "other", "groups": ["nogroup"]}, status=404)
    # A group that owns a public mailbox cannot go.
    api.error("DELETE", "/api/v1/groups/support", status=409, code="conflict")
    api.ok("DELETE", "/api/v1/public-mailboxes/shared", status=204)
    api.ok("DELETE", "/api/v1/groups/support", status=204)
    api.ok("DELETE", "/api/v1/groups/sales", status=204)
    assert server.cli.json("public", "list") == [] and not any(g["name"] == "sales" for g in server.cli.json("group", "list"))


def test_addresses(running):
    server, api = running
    row = api.ok("POST", "/api/v1/addresses", {"address": "info@a.test", "destinations": ["user:alice", "x@remote.test"]},
                 status=201)
    assert row == next(a for a in server.cli.json("address", "list") if a["address"] == "info@a.test")
    assert api.ok("GET", "/api/v1/addresses") == server.cli.json("address", "list")
    assert api.ok("GET", "/api/v1/addresses/" + q("info@a.test")) == row
    changed = api.ok("PATCH", "/api/v1/addresses/" + q("info@a.test"), {"internal": True})
    assert changed["internal"] is True and changed["destinations"] == row["destinations"]
    everywhere = api.ok("POST", "/api/v1/addresses", {"address": "sales@*", "destinations": ["user:alice"]}, status=201)
    assert api.ok("GET", "/api/v1/addresses/" + q(everywhere["address"])) == everywhere
    api.error("POST", "/api/v1/addresses", {"address": "info@a.test", "destinations": ["user:alice"]}, status=409)
    api.error("POST", "/api/v1/addresses", {"address": "new@a.test", "destinations": []}, status=422)
    api.error("POST", "/api/v1/addresses", {"address": "new@a.test", "destinations": ["user:nobody"]}, status=404)
    api.error("POST", "/api/v1/addresses", {"address": "new@a.test", "destinations": ["bogus:x"]}, status=422)
    api.ok("DELETE", "/api/v1/addresses/" + q("info@a.test"), status=204)
    api.ok("DELETE", "/api/v1/addresses/" + q(everywhere["address"]), status=204)
    assert server.cli.json("address", "list") == api.ok("GET", "/api/v1/addresses") == []


def test_settings_with_type_and_help(running):
    server, api = running
    rows = api.ok("GET", "/api/v1/settings")
    assert rows == server.cli.json("settings", "list")
    assert all(r["doc"] and r["type"] for r in rows)
    row = api.ok("PUT", "/api/v1/settings/smtp.max_message_size", {"value": "20m"})
    assert row["value"] == "20M" and row["is_default"] is False
    assert server.cli.ok("settings", "get", "smtp.max_message_size").strip() == "20M"
    error = api.error("PUT", "/api/v1/settings/smtp.max_message_size", {"value": "huge"}, status=422, code="invalid_input")
    assert "smtp.max_message_size" in error["message"] or "size" in error["message"]
    api.error("GET", "/api/v1/settings/no.such_key", status=404, code="not_found")
    assert api.ok("DELETE", "/api/v1/settings/smtp.max_message_size")["is_default"] is True


def test_dkim_keys_and_records(running):
    server, api = running
    api.ok("POST", "/api/v1/domains", {"name": "signed.test"}, status=201)
    api.error("GET", "/api/v1/dkim/signed.test", status=404, code="not_found")
    rows = api.ok("POST", "/api/v1/dkim/signed.test", {}, status=201)
    assert len(rows) == 1 and rows[0]["key_type"] == "rsa" and rows[0]["value"].startswith("v=DKIM1")
    assert "PRIVATE" not in json.dumps(rows)
    assert api.ok("GET", "/api/v1/dkim/signed.test") == rows
    assert rows[0]["value"].split("p=")[1][:40] in server.cli.ok("dkim", "show", "signed.test").replace("\n", "")
    api.error("POST", "/api/v1/dkim/signed.test", {}, status=409, code="conflict")
    both = api.ok("POST", "/api/v1/dkim/signed.test", {"ed25519": True, "force": True}, status=201)
    assert {r["key_type"] for r in both} == {"rsa", "ed25519"}


def test_relay_rules_and_smarthost(running):
    server, api = running
    api.error("GET", "/api/v1/smarthost", status=404, code="not_found")
    rule = api.ok("PUT", "/api/v1/relay-rules/a.test",
                  {"host": "relay.example.net", "port": 587, "user": "u1", "password": "secret-relay-pw", "tls": "starttls"})
    assert rule == {"sender": "a.test", "host": "relay.example.net", "port": 587, "tls": "starttls", "user": "u1"}
    smart = api.ok("PUT", "/api/v1/smarthost", {"host": "smart.example.net", "tls": "implicit"})
    assert smart["port"] == 465
    assert api.ok("GET", "/api/v1/smarthost") == smart
    listed = api.ok("GET", "/api/v1/relay-rules")
    assert listed == server.cli.json("relay", "list") and listed[0] == smart
    assert "secret-relay-pw" not in json.dumps(listed)
    api.error("PUT", "/api/v1/relay-rules/a.test", {"host": "x.test", "tls": "sometimes"}, status=422, code="invalid_input")
    api.ok("DELETE", "/api/v1/relay-rules/a.test", status=204)
    api.error("DELETE", "/api/v1/relay-rules/a.test", status=404, code="not_found")
    api.ok("DELETE", "/api/v1/smarthost", status=204)
    assert api.ok("GET", "/api/v1/relay-rules") == server.cli.json("relay", "list") == []


def test_queue_list_show_resend_delete_stats(running):
    server, api = running
    assert api.ok("GET", "/api/v1/queue") == server.cli.json("queue", "list")
    message = (b"From: alice@a.test\r\nTo: far@remote.test\r\nSubject: held by the API test\r\n"
               b"Message-ID: <api-queue@a.test>\r\n\r\nHello.\r\n")
    for n in range(2):
        with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
            s.starttls(context=client_tls_context())
            s.login("alice", PASSWORD)
            s.sendmail("alice@a.test", [f"far{n}@remote.test"], message)
    deadline = time.time() + 20
    while time.time() < deadline:
        queued = api.ok("GET", "/api/v1/queue")
        if len(queued) == 2 and all(m["attempts"] >= 1 for m in queued):
            break
        time.sleep(0.2)
    assert len(queued) == 2, queued
    assert queued == server.cli.json("queue", "list")
    qid = queued[0]["qid"]
    detail = api.ok("GET", f"/api/v1/queue/{qid}")
    assert detail == server.cli.json("queue", "show", qid)
    assert "Subject: held by the API test" in detail["header"]

    api.ok("POST", f"/api/v1/queue/{qid}/resend", status=204)
    assert api.ok("POST", "/api/v1/queue/resend") == {"count": 2}
    stats = api.ok("GET", "/api/v1/queue/stats")
    assert stats["messages"] == 2 and stats["bytes"] > 0
    api.ok("DELETE", f"/api/v1/queue/{qid}", status=204)
    api.error("GET", f"/api/v1/queue/{qid}", status=404, code="not_found")
    api.error("POST", f"/api/v1/queue/{qid}/resend", status=404, code="not_found")
    api.error("GET", "/api/v1/queue/not-a-qid!", status=422, code="invalid_input")
    assert api.ok("DELETE", "/api/v1/queue") == {"count": 1}
    assert api.ok("GET", "/api/v1/queue") == server.cli.json("queue", "list") == []


def test_changes_are_in_the_audit_log(running):
    server, api = running
    api.ok("POST", "/api/v1/domains", {"name": "audited.test"}, status=201)
    api.error("POST", "/api/v1/domains", {"name": "audited.test"}, status=409)
    api.ok("GET", "/api/v1/domains")
    lines = (server.data / "log" / "audit").read_text().splitlines()
    assert any("logged in to the admin API" in l and "admin from 127.0.0.1" in l for l in lines)
    assert any(l.endswith("POST /api/v1/domains -> 201") and "admin (session token admin) from 127.0.0.1" in l for l in lines)
    assert any(l.endswith("POST /api/v1/domains -> 409") for l in lines)
    assert not any("GET /api/v1/domains" in l for l in lines)
    assert PASSWORD not in "\n".join(lines)
    # The same entries in the database, newest first.
    entries = api.ok("GET", "/api/v1/audit?limit=2")
    assert [(e["method"], e["path"], e["status"]) for e in entries] == \
        [("POST", "/api/v1/domains", 409), ("POST", "/api/v1/domains", 201)]
    assert all(e["user"] == "admin" and e["address"] == "127.0.0.1" and e["credential"] == "session token admin"
               for e in entries)
    import sqlite3
    db = sqlite3.connect(f"file:{server.data / 'postino.sqlite'}?mode=ro", uri=True)
    try:
        stored = db.execute("SELECT method, path, status FROM admin_audit ORDER BY id DESC LIMIT 2").fetchall()
    finally:
        db.close()
    assert stored == [("POST", "/api/v1/domains", 409), ("POST", "/api/v1/domains", 201)]
    api.error("GET", "/api/v1/audit?limit=0", status=422, code="invalid_input")


# -- metrics ---------------------------------------------------------------------------------

def scrape(api, token=None):
    from prometheus_client.parser import text_string_to_metric_families
    request = urllib.request.Request(api.base + "/metrics")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/plain")
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_metrics_in_prometheus_text_format(running):
    pytest.importorskip("prometheus_client")
    server, api = running
    before = scrape(api)
    failed = ("postino_logins_total", (("result", "failed"), ("service", "admin")))
    ok = ("postino_logins_total", (("result", "ok"), ("service", "admin")))
    api.error("POST", "/api/v1/session", {"user": "admin", "password": "not-it"}, status=401, token=None)
    api.login("admin", admin_password(server))
    after = scrape(api)
    # smtplib tries each mechanism it knows (PLAIN, then LOGIN) before giving up.
    assert after[failed] >= before.get(failed, 0) + 1
    assert after[ok] == before.get(ok, 0) + 1
    assert after[("postino_queue_messages", ())] == len(server.cli.json("queue", "list"))
    assert after[("postino_directory_users", ())] == len(server.cli.json("user", "list"))
    assert after[("postino_directory_domains", ())] == len(server.cli.json("domain", "list"))
    requests = ("postino_admin_requests_total", (("method", "POST"), ("status", "401")))
    assert after[requests] >= before.get(requests, 0) + 1
    assert after[("postino_admin_request_duration_seconds_count", ())] > before.get(("postino_admin_request_duration_seconds_count", ()), 0)


# -- the OpenAPI document --------------------------------------------------------------------

ROUTE_FILES = "Sources/AdminHTTP/Routes"


def test_openapi_document_lists_every_route(running):
    _, api = running
    document = api.ok("GET", "/api/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert api.call("GET", "/api/v1/openapi.json", token=None)[1] == document
    import pathlib
    source = "\n".join(p.read_text() for p in (pathlib.Path(__file__).parents[2] / ROUTE_FILES).glob("*.swift"))
    routes = {(m, p) for m, p in re.findall(r'router\.(get|post|put|patch|delete)\("([^"]+)"\)', source)}
    documented = {(method, path) for path, ops in document["paths"].items() for method in ops}
    # The document itself, and /metrics (Prometheus text, not JSON).
    documented |= {("get", "/api/openapi.json"), ("get", "/api/v1/openapi.json"), ("get", "/metrics")}
    assert routes == documented, (routes - documented, documented - routes)


def test_schemathesis_finds_no_server_error_and_no_mismatch(tmp_path):
    pytest.importorskip("schemathesis")
    server = MailServer(tmp_path, services=("admin",))
    server.cli.ok("domain", "add", "a.test")
    server.start()
    try:
        api = API(server.port("admin"))
        api.token = api.login("admin", admin_password(server))
        script = api.ok("POST", "/api/v1/tokens", {"name": "schemathesis"}, status=201)["token"]
        proc = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "--no-color", "run", f"{api.base}/api/openapi.json",
             "--url", api.base, "-H", f"Authorization: Bearer {script}",
             "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
             # Logins are throttled (a failure costs the next attempt seconds): they are
             # tested above. Revoking the run's own token would end the run.
             "--exclude-operation-id", "post-session", "--exclude-operation-id", "post-login",
             "--exclude-operation-id", "delete-tokens-by-name", "--exclude-operation-id", "delete-session",
             "--phases", "coverage,fuzzing", "--max-examples", "10", "--seed", "1",
             # One worker: concurrent ast.parse in hypothesis crashes CPython 3.11
             # ("AST constructor recursion depth mismatch"), a tool error, not a finding.
             "--generation-database", "none", "--workers", "1"],
            capture_output=True, text=True, timeout=150, cwd=tmp_path)
        output = proc.stdout + proc.stderr
        (tmp_path / "schemathesis.out").write_text(output)
        assert proc.returncode == 0, output[-6000:]
        print(output[-1500:])
        # The API is still alive and the token still works afterwards.
        assert api.ok("GET", "/api/v1/session")["user"] == "admin"
    finally:
        server.stop()


def test_https_with_the_servers_certificate(tmp_path):
    """HTTPS is the rule off loopback; `admin.tls always` turns it on for loopback too (the
    tests may only use loopback)."""
    import ssl
    server = MailServer(tmp_path, services=("admin",))
    server.cli.ok("settings", "set", "admin.tls", "always")
    server.start()
    try:
        port = server.port("admin")
        context = client_tls_context()
        with urllib.request.urlopen(f"https://127.0.0.1:{port}/api/openapi.json", context=context, timeout=10) as response:
            assert json.loads(response.read())["openapi"].startswith("3.1")
        pem = (server.data / "tls" / "cert.pem").read_text()
        served = ssl.get_server_certificate(("127.0.0.1", port))
        assert ssl.PEM_cert_to_DER_cert(served) == ssl.PEM_cert_to_DER_cert(pem)
        request = urllib.request.Request(f"https://127.0.0.1:{port}/api/v1/session", method="POST",
                                         data=json.dumps({"user": "admin", "password": admin_password(server)}).encode())
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            assert response.status == 201 and "; Secure" in response.headers["Set-Cookie"]
        # Plain HTTP is not served there.
        with pytest.raises(Exception):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=5).read()
    finally:
        server.stop()
    assert "admin.tls" in server.cli.ok("settings", "list")


# -- lifecycle -------------------------------------------------------------------------------

def test_sigterm_stops_the_admin_server(tmp_path):
    server = MailServer(tmp_path, services=("admin",))
    server.start()
    api = API(server.port("admin"))
    assert api.call("GET", "/api/v1/domains", token=None)[0] == 401
    # A keep-alive connection left open does not hold the shutdown up.
    import socket
    idle = socket.create_connection(("127.0.0.1", server.port("admin")), timeout=10)
    idle.sendall(b"GET /api/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
    assert idle.recv(100).startswith(b"HTTP/1.1 200")
    started = time.monotonic()
    server.proc.send_signal(15)
    assert server.proc.wait(timeout=20) == 0
    assert time.monotonic() - started < 10
    with pytest.raises(OSError):
        urllib.request.urlopen(api.base + "/api/v1/domains", timeout=2)
    idle.close()


def test_mail_counters_move_after_a_delivery_and_a_failed_login(running):
    """Issue 18: counters of the mail services, not only of the admin API."""
    pytest.importorskip("prometheus_client")
    import smtplib
    from mailserver import client_tls_context
    server, api = running
    before = scrape(api)
    accepted = ("postino_messages_total", (("action", "accept"), ("origin", "submission")))
    ok = ("postino_auth_attempts_total", (("result", "ok"), ("service", "smtp")))
    failed = ("postino_auth_attempts_total", (("result", "failed"), ("service", "smtp")))
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        with pytest.raises(smtplib.SMTPAuthenticationError):
            s.login("alice", "wrong-password")
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        s.login("alice", PASSWORD)
        s.sendmail("alice@a.test", ["alice@a.test"], b"Subject: counted\r\n\r\nhello\r\n")
    after = scrape(api)
    assert after[accepted] == before.get(accepted, 0) + 1
    assert after[ok] == before.get(ok, 0) + 1
    # smtplib tries each mechanism it knows (PLAIN, then LOGIN) before giving up.
    assert after[failed] >= before.get(failed, 0) + 1


def test_mail_service_metrics_move(running):
    """Issue 18: connections per protocol, deliveries by status, filter verdicts and scan
    time, SMTP transaction and local delivery latency histograms."""
    pytest.importorskip("prometheus_client")
    import smtplib
    from mailserver import client_tls_context
    server, api = running

    def total(samples, name, **labels):
        return sum(value for (sample, found), value in samples.items()
                   if sample == name and all(dict(found).get(k) == v for k, v in labels.items()))

    before = scrape(api)
    inbox = len(server.messages("alice"))
    for _ in range(2):
        with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
            s.noop()
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        s.login("alice", PASSWORD)
        s.sendmail("alice@a.test", ["alice@a.test"], b"Subject: measured\r\n\r\nhello\r\n")
    server.wait_for_messages("alice", inbox + 1)
    deadline = time.time() + 10
    while True:
        after = scrape(api)
        if total(after, "postino_deliveries_total", status="sent", transport="local") > \
                total(before, "postino_deliveries_total", status="sent", transport="local") or time.time() > deadline:
            break
        time.sleep(0.1)
    assert total(after, "postino_connections_total", protocol="smtp") >= total(before, "postino_connections_total", protocol="smtp") + 3
    # At least this message's (an earlier test's delivery may land in between).
    assert total(after, "postino_deliveries_total", status="sent", transport="local") >= \
        total(before, "postino_deliveries_total", status="sent", transport="local") + 1
    assert total(after, "postino_local_delivery_seconds_count") >= total(before, "postino_local_delivery_seconds_count") + 1
    assert total(after, "postino_smtp_transaction_seconds_count", result="queued") == \
        total(before, "postino_smtp_transaction_seconds_count", result="queued") + 1
    assert total(after, "postino_filter_verdicts_total") == total(before, "postino_filter_verdicts_total") + 1
    assert total(after, "postino_filter_scan_seconds_count") == total(before, "postino_filter_scan_seconds_count") + 1
    # Histograms have their buckets.
    assert any(name == "postino_smtp_transaction_seconds_bucket" for name, _ in after)


def test_filter_rules_history_status_and_bayes(running):
    """Issue 18: the filter's REST endpoints answer what `postino filter … --json` prints."""
    server, api = running
    assert api.ok("GET", "/api/v1/filter/rules") == server.cli.json("filter", "rule", "list")
    row = api.ok("POST", "/api/v1/filter/rules", {"kind": "block-from", "value": "spam-api.test", "action": "quarantine"},
                 status=201)
    assert row == {"kind": "block-from", "value": "spam-api.test", "action": "quarantine"}
    assert row in server.cli.json("filter", "rule", "list")
    api.error("POST", "/api/v1/filter/rules", {"kind": "nonsense", "value": "x.test"}, status=422, code="invalid_input")
    api.error("POST", "/api/v1/filter/rules", {"kind": "allow-from", "value": "x.test", "action": "quarantine"},
              status=422, code="invalid_input")
    api.ok("DELETE", "/api/v1/filter/rules/block-from/" + q("spam-api.test"), status=204)
    assert row not in server.cli.json("filter", "rule", "list")
    api.error("DELETE", "/api/v1/filter/rules/block-from/" + q("spam-api.test"), status=404, code="not_found")
    history = api.ok("GET", "/api/v1/filter/history?limit=5")
    assert len(history) == len(server.cli.json("filter", "history", "--limit", "5"))
    assert all(set(h) == {"time", "qid", "sender", "recipients", "action", "score", "symbols"} for h in history)
    api.error("GET", "/api/v1/filter/history?limit=0", status=422, code="invalid_input")
    status = api.ok("GET", "/api/v1/filter/status")
    assert status["rules"] == len(server.cli.json("filter", "rule", "list"))
    assert {"antivirus", "clamd", "clamd_answers", "quarantine"} <= set(status)
    bayes = api.ok("GET", "/api/v1/filter/bayes")
    assert set(bayes) == {"spam", "ham", "tokens", "active", "trained", "min_spam", "min_ham"}
