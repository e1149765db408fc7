"""The REST API's connector and synchronization endpoints (issues 15, 16, 18): the rows are
the CLI's `--json` rows, bad input is a 4xx JSON error, passwords go in and never come out,
every change is in the audit log, and `check`, `run` and a sync run work against a real
Dovecot on loopback. The rows are also validated against the OpenAPI document."""
import fcntl
import json
import time

import pytest

from dovecot_remote import DovecotRemote
from test_admin_api import API, admin_password, q, running  # noqa: F401 (running is a fixture)

SECRET = "remote-secret-never-shown"


@pytest.fixture(scope="module")
def remote():
    r = DovecotRemote().start()
    yield r
    r.stop()


def message(n: int, subject: str) -> bytes:
    return (f"From: Sender <s{n}@remote.test>\r\nTo: bob@old.test\r\nSubject: {subject} {n}\r\n"
            f"Message-ID: <{subject}-{n}-{time.time()}@remote.test>\r\n"
            f"Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n\r\nhello {n}\r\n").encode()


def connector_body(dovecot, email, user, password, **extra):
    # Off: the server's scheduler leaves it alone; `run` fetches a disabled account anyway
    # (as `postino connector run EMAIL` does).
    return {"email": email, "protocol": "imap", "host": "127.0.0.1", "port": dovecot.ports["imap"], "tls": "starttls",
            "tls_verify": False, "user": user, "password": password, "deliver_to": "alice", "enabled": False, **extra}


def schema_check(api, name, value):
    """`value` is valid against the document's schema `name`."""
    jsonschema = pytest.importorskip("jsonschema")
    document = api.ok("GET", "/api/openapi.json")
    jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]}).validate(value)


def no_secret(*payloads):
    """No password, and no key naming one (a sync row's `login` says which way it logs in)."""
    def keys(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)
    for payload in payloads:
        assert SECRET not in json.dumps(payload), payload
        assert not any("password" in key for key in keys(payload)), payload


# -- connectors --------------------------------------------------------------------------------

def test_connector_crud_is_the_cli_row_without_the_password(running, remote):
    server, api = running
    created = api.ok("POST", "/api/v1/connectors",
                     connector_body(remote, "Crud@Old.Test", "crud", SECRET, remote=3, interval=10, antivirus=False),
                     status=201)
    assert created["email"] == "crud@old.test" and created["protocol"] == "imap" and created["port"] == remote.ports["imap"]
    assert created["remote"] == "3" and created["interval"] == 10 and created["antivirus"] is False
    assert created["antispam"] is True and created["folder"] == "INBOX" and created["tls_verify"] is False
    assert created["last_run"] is None and created["fetched_total"] == 0
    cli_rows = server.cli.json("connector", "list")
    assert [r for r in cli_rows if r["email"] == "crud@old.test"] == [created]
    assert api.ok("GET", "/api/v1/connectors") == cli_rows
    assert api.ok("GET", "/api/v1/connectors/" + q("crud@old.test")) == created
    schema_check(api, "Connector", created)

    changed = api.ok("PATCH", "/api/v1/connectors/crud@old.test",
                     {"remote": "delete", "antispam": False, "folder": "Archive", "password": SECRET + "2", "tls": "implicit"})
    assert (changed["remote"], changed["antispam"], changed["folder"], changed["tls"]) == ("delete", False, "Archive", "implicit")
    # A changed TLS mode without a port takes that mode's usual one (as `connector set` does).
    assert changed["port"] == 993
    assert changed["host"] == created["host"] and changed["user"] == "crud"
    assert [r for r in server.cli.json("connector", "list") if r["email"] == "crud@old.test"] == [changed]
    # The CLI's change is what the API reads next.
    server.cli.ok("connector", "set", "crud@old.test", "--interval", "60", "--no-check")
    assert api.ok("GET", "/api/v1/connectors/crud@old.test")["interval"] == 60
    no_secret(created, changed, api.ok("GET", "/api/v1/connectors"))

    assert api.ok("DELETE", "/api/v1/connectors/crud@old.test", status=204) is None
    api.error("GET", "/api/v1/connectors/crud@old.test", status=404, code="not_found")
    api.error("DELETE", "/api/v1/connectors/crud@old.test", status=404, code="not_found")
    api.error("PATCH", "/api/v1/connectors/crud@old.test", {"interval": 5}, status=404, code="not_found")
    assert not any(r["email"] == "crud@old.test" for r in server.cli.json("connector", "list"))


def test_connector_validation_errors_are_4xx_json(running, remote):
    server, api = running
    base = connector_body(remote, "valid@old.test", "valid", SECRET)
    for change, status, code in [
        ({"protocol": "smtp"}, 422, "invalid_input"),
        ({"tls": "ssl"}, 422, "invalid_input"),
        ({"port": 70000}, 422, "invalid_input"),
        ({"interval": 0}, 422, "invalid_input"),
        ({"remote": "sometimes"}, 422, "invalid_input"),
        ({"email": "not an address"}, 422, "invalid_input"),
        ({"password": ""}, 422, "invalid_input"),
        ({"host": "bad host"}, 422, "invalid_input"),
        ({"deliver_to": "nobody-here"}, 404, "not_found"),
        ({"port": "110"}, 400, "bad_request"),
        ({"enabled": "yes"}, 400, "bad_request"),
    ]:
        api.error("POST", "/api/v1/connectors", {**base, **change}, status=status, code=code)
    for missing in ("protocol", "tls", "host", "user", "password", "deliver_to"):
        body = {k: v for k, v in base.items() if k != missing}
        api.error("POST", "/api/v1/connectors", body, status=422, code="invalid_input")
    api.error("POST", "/api/v1/connectors", {k: v for k, v in base.items() if k != "email"}, status=400, code="bad_request")
    api.error("POST", "/api/v1/connectors", raw_body=b"{not json", status=400, code="bad_request")
    assert not server.cli.json("connector", "list") or \
        not any(r["email"] == "valid@old.test" for r in server.cli.json("connector", "list"))
    api.ok("POST", "/api/v1/connectors", base, status=201)
    api.error("POST", "/api/v1/connectors", {**base, "email": "VALID@old.test"}, status=409, code="conflict")
    api.error("PATCH", "/api/v1/connectors/valid@old.test", {"protocol": "nntp"}, status=422, code="invalid_input")
    api.error("PATCH", "/api/v1/connectors/valid@old.test", {"interval": "often"}, status=400, code="bad_request")
    api.error("PATCH", "/api/v1/connectors/valid@old.test", {"deliver_to": "nobody-here"}, status=404, code="not_found")
    api.error("POST", "/api/v1/connectors/nobody@old.test/check", status=404, code="not_found")
    api.error("POST", "/api/v1/connectors/nobody@old.test/run", status=404, code="not_found")
    api.ok("DELETE", "/api/v1/connectors/valid@old.test", status=204)


def test_connector_check_and_run_against_dovecot(running, remote):
    server, api = running
    remote.add_user("fetchme", [message(i, "fetched") for i in range(3)])
    before = len(server.messages("alice"))
    api.ok("POST", "/api/v1/connectors", connector_body(remote, "fetchme@old.test", "fetchme", DovecotRemote.PASSWORD),
           status=201)
    check = api.ok("POST", "/api/v1/connectors/fetchme@old.test/check")
    assert check == {"email": "fetchme@old.test", "ok": True, "failure": None, "message": None}
    schema_check(api, "ConnectorCheck", check)

    report = api.ok("POST", "/api/v1/connectors/fetchme@old.test/run")
    assert (report["account"], report["fetched"], report["error"], report["errorKind"]) == ("fetchme@old.test", 3, None, None), report
    schema_check(api, "ConnectorRun", report)
    assert len(server.wait_for_messages("alice", before + 3)) == before + 3
    row = api.ok("GET", "/api/v1/connectors/fetchme@old.test")
    assert row["fetched_total"] == 3 and row["fetched_last_run"] == 3 and row["last_run"] and row["last_error"] is None
    # Nothing twice.
    again = api.ok("POST", "/api/v1/connectors/fetchme@old.test/run")
    assert (again["fetched"], again["known"]) == (0, 3), again
    assert len(server.messages("alice")) == before + 3

    # A wrong password: check says so, run reports it (the call itself succeeded), the row keeps it.
    api.ok("PATCH", "/api/v1/connectors/fetchme@old.test", {"password": SECRET})
    bad = api.ok("POST", "/api/v1/connectors/fetchme@old.test/check")
    assert bad["ok"] is False and bad["failure"] == "auth" and bad["message"], bad
    failed = api.ok("POST", "/api/v1/connectors/fetchme@old.test/run")
    assert failed["fetched"] == 0 and failed["errorKind"] == "auth" and failed["error"], failed
    assert api.ok("GET", "/api/v1/connectors/fetchme@old.test")["last_error"]
    no_secret(bad, failed, api.ok("GET", "/api/v1/connectors"))
    api.ok("DELETE", "/api/v1/connectors/fetchme@old.test", status=204)


# -- synchronization jobs ----------------------------------------------------------------------

def sync_body(dovecot, local_user, remote_user, password, **extra):
    return {"local_user": local_user, "host": "127.0.0.1", "port": dovecot.ports["imap"], "tls": "starttls",
            "tls_verify": False, "user": remote_user, "password": password, **extra}


def wait_for_run(api, user, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        row = api.ok("GET", f"/api/v1/sync/{user}")
        if row.get("state") != "running":
            return row
        time.sleep(0.2)
    raise AssertionError(f"the sync run of {user} did not end: {row}")


def test_sync_job_crud_run_and_live_status(running, remote):
    server, api = running
    remote.add_user("movingout", [message(i, "moved") for i in range(5)])
    api.ok("POST", "/api/v1/users", {"name": "carol"}, status=201)
    created = api.ok("POST", "/api/v1/sync", sync_body(remote, "Carol", "movingout", DovecotRemote.PASSWORD,
                                                         include=["INBOX"]), status=201)
    assert created["local_user"] == "carol" and created["remote_user"] == "movingout" and created["login"] == "password"
    assert created["include"] == ["INBOX"] and created["exclude"] == [] and created["enabled"] is True
    assert "state" not in created  # never run: the CLI's row has no run keys either
    assert created == server.cli.json("sync", "status", "carol") == api.ok("GET", "/api/v1/sync/carol")
    assert api.ok("GET", "/api/v1/sync") == server.cli.json("sync", "list")
    schema_check(api, "SyncJob", created)

    # Switched off, it does not run.
    assert api.ok("PATCH", "/api/v1/sync/carol", {"enabled": False})["enabled"] is False
    assert server.cli.json("sync", "list")[0]["enabled"] is False
    api.error("POST", "/api/v1/sync/carol/run", status=409, code="conflict")
    assert api.ok("PATCH", "/api/v1/sync/carol", {"enabled": True})["enabled"] is True

    # Running elsewhere (the lock `postino sync run` takes): a conflict, nothing started.
    lock_dir = server.data / "sync"
    lock_dir.mkdir(exist_ok=True)
    with open(lock_dir / "carol.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        api.error("POST", "/api/v1/sync/carol/run", status=409, code="conflict")
    assert "state" not in api.ok("GET", "/api/v1/sync/carol")

    started = api.ok("POST", "/api/v1/sync/carol/run", status=202)
    assert started["local_user"] == "carol" and started["state"] == "running", started
    schema_check(api, "SyncJob", started)
    done = wait_for_run(api, "carol")
    assert (done["state"], done["copied"], done["failed"], done["error"]) == ("finished", 5, 0, None), done
    assert done["finished_at"] and done["eta_seconds"] is None
    schema_check(api, "SyncJob", done)
    assert len(server.messages("carol")) == 5
    # The row the CLI prints for the same run.
    assert server.cli.json("sync", "status", "carol") == done
    # Incremental: the second run copies nothing.
    api.ok("POST", "/api/v1/sync/carol/run", status=202)
    again = wait_for_run(api, "carol")
    assert (again["state"], again["copied"], again["skipped"]) == ("finished", 0, 5), again
    no_secret(created, started, done, again, api.ok("GET", "/api/v1/sync"))

    assert api.ok("DELETE", "/api/v1/sync/carol", status=204) is None
    api.error("GET", "/api/v1/sync/carol", status=404, code="not_found")
    api.error("DELETE", "/api/v1/sync/carol", status=404, code="not_found")
    api.error("POST", "/api/v1/sync/carol/run", status=404, code="not_found")
    assert server.cli.json("sync", "list") == []
    assert len(server.messages("carol")) == 5  # removing the job keeps the copied mail


def test_sync_validation_errors_are_4xx_json(running, remote):
    server, api = running
    api.ok("POST", "/api/v1/users", {"name": "dave"}, status=201)
    base = sync_body(remote, "dave", "someone", SECRET)
    for change, status, code in [
        ({"tls": "ssl"}, 422, "invalid_input"),
        ({"port": 0}, 422, "invalid_input"),
        ({"host": "bad host"}, 422, "invalid_input"),
        ({"user": ""}, 422, "invalid_input"),
        ({"password": ""}, 422, "invalid_input"),
        ({"admin_user": "root", "admin_password": SECRET}, 422, "invalid_input"),  # both ways to log in
        ({"password": None}, 422, "invalid_input"),  # neither
        ({"admin_password": SECRET}, 422, "invalid_input"),
        ({"local_user": "nobody-here"}, 404, "not_found"),
        ({"port": "143"}, 400, "bad_request"),
        ({"include": "INBOX"}, 400, "bad_request"),
    ]:
        api.error("POST", "/api/v1/sync", {**base, **change}, status=status, code=code)
    for missing in ("local_user", "host", "tls", "user"):
        api.error("POST", "/api/v1/sync", {k: v for k, v in base.items() if k != missing}, status=400, code="bad_request")
    assert server.cli.json("sync", "list") == []
    # The master-user form: no user password needed.
    row = api.ok("POST", "/api/v1/sync", {**base, "password": None, "admin_user": "root", "admin_password": SECRET,
                                          "admin_separator": "*"}, status=201)
    assert row["login"] == "admin root"
    no_secret(row)
    api.error("POST", "/api/v1/sync", base, status=409, code="conflict")
    api.error("PATCH", "/api/v1/sync/dave", {"enabled": "no"}, status=400, code="bad_request")
    api.error("PATCH", "/api/v1/sync/nobody-here", {"enabled": False}, status=404, code="not_found")
    api.ok("DELETE", "/api/v1/sync/dave", status=204)


# -- audit, authentication, the document -------------------------------------------------------

def test_changes_are_audited_without_secrets(running, remote):
    server, api = running
    api.ok("POST", "/api/v1/connectors", connector_body(remote, "audit@old.test", "audit", SECRET), status=201)
    api.ok("PATCH", "/api/v1/connectors/audit@old.test", {"password": SECRET + "-new"})
    api.error("POST", "/api/v1/connectors", connector_body(remote, "audit@old.test", "audit", SECRET), status=409)
    api.ok("DELETE", "/api/v1/connectors/audit@old.test", status=204)
    api.ok("POST", "/api/v1/users", {"name": "erin"}, status=201)
    api.ok("POST", "/api/v1/sync", sync_body(remote, "erin", "erin-remote", SECRET), status=201)
    api.ok("PATCH", "/api/v1/sync/erin", {"enabled": False})
    api.ok("DELETE", "/api/v1/sync/erin", status=204)
    api.ok("GET", "/api/v1/connectors")
    expected = [("DELETE", "/api/v1/sync/erin", 204), ("PATCH", "/api/v1/sync/erin", 200), ("POST", "/api/v1/sync", 201),
                ("POST", "/api/v1/users", 201), ("DELETE", "/api/v1/connectors/audit@old.test", 204),
                ("POST", "/api/v1/connectors", 409), ("PATCH", "/api/v1/connectors/audit@old.test", 200),
                ("POST", "/api/v1/connectors", 201)]
    entries = api.ok("GET", f"/api/v1/audit?limit={len(expected)}")
    assert [(e["method"], e["path"], e["status"]) for e in entries] == expected
    assert all(e["user"] == "admin" and e["address"] == "127.0.0.1" for e in entries)
    lines = (server.data / "log" / "audit").read_text().splitlines()
    for method, path, status in expected:
        assert any(l.endswith(f"{method} {path} -> {status}") for l in lines), (method, path, status)
    assert not any("GET /api/v1/connectors" in l for l in lines)
    assert SECRET not in "\n".join(lines)
    assert SECRET not in (server.data / "log" / "maillog").read_text(errors="replace")


NEW_ROUTES = [("GET", "/api/v1/connectors"), ("POST", "/api/v1/connectors"), ("GET", "/api/v1/connectors/x@old.test"),
              ("PATCH", "/api/v1/connectors/x@old.test"), ("DELETE", "/api/v1/connectors/x@old.test"),
              ("POST", "/api/v1/connectors/x@old.test/check"), ("POST", "/api/v1/connectors/x@old.test/run"),
              ("GET", "/api/v1/sync"), ("POST", "/api/v1/sync"), ("GET", "/api/v1/sync/alice"),
              ("PATCH", "/api/v1/sync/alice"), ("DELETE", "/api/v1/sync/alice"), ("POST", "/api/v1/sync/alice/run")]


def test_the_new_routes_need_a_valid_token(running):
    server, api = running
    for method, path in NEW_ROUTES:
        body = {} if method in ("POST", "PATCH") else None
        status, payload, headers = api.call(method, path, body, token=None)
        assert status == 401 and payload["error"]["code"] == "unauthorized", (method, path, payload)
        assert headers["WWW-Authenticate"].startswith("Bearer")
        assert api.call(method, path, body, token="pst_not-a-token")[0] == 401
    # An API token for scripts works, and stops working once revoked.
    token = api.ok("POST", "/api/v1/tokens", {"name": "connector-script"}, status=201)["token"]
    script = API(api.base.rsplit(":", 1)[1], token)
    assert script.ok("GET", "/api/v1/connectors") == server.cli.json("connector", "list")
    assert script.ok("GET", "/api/v1/sync") == server.cli.json("sync", "list")
    api.ok("DELETE", "/api/v1/tokens/connector-script", status=204)
    script.error("GET", "/api/v1/connectors", status=401, code="unauthorized")
    # A browser session's change without the CSRF token is refused.
    status, login, _ = api.call("POST", "/api/v1/session", {"user": "admin", "password": admin_password(server)}, token=None)
    assert status == 201
    jar = {"Cookie": f"postino_session={login['token']}"}
    status, payload, _ = api.call("POST", "/api/v1/sync", {"local_user": "alice"}, token=None, headers=jar)
    assert status == 403 and payload["error"]["code"] == "csrf", payload
    assert api.call("GET", "/api/v1/sync", token=None, headers=jar)[0] == 200


def test_the_document_describes_the_new_paths_and_the_domain_row(running):
    _, api = running
    document = api.ok("GET", "/api/openapi.json")
    paths = document["paths"]
    for method, path in NEW_ROUTES:
        template = path.replace("x@old.test", "{email}").replace("/alice", "/{user}")
        assert method.lower() in paths[template], (method, template)
    assert paths["/api/v1/sync/{user}/run"]["post"]["responses"].keys() == {"202", "4XX"}
    for name in ("ConnectorCreate", "SyncJobCreate"):
        properties = document["components"]["schemas"][name]["properties"]
        assert "password" in properties  # accepted ...
    for name in ("Connector", "SyncJob", "ConnectorCheck", "ConnectorRun"):
        assert not any("password" in key for key in document["components"]["schemas"][name]["properties"])  # ... never returned
    assert "relay_tls" in document["components"]["schemas"]["Domain"]["required"]
    api.ok("POST", "/api/v1/domains", {"name": "relayed.test", "relay_to": "10.0.0.6:2525"}, status=201)
    for row in api.ok("GET", "/api/v1/domains"):
        schema_check(api, "Domain", row)
    assert any(d["relay_tls"] for d in api.ok("GET", "/api/v1/domains") if d["name"] == "relayed.test")
    api.ok("DELETE", "/api/v1/domains/relayed.test", status=204)
