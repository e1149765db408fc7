"""The web admin's Connectors and Synchronization pages (issues 19, 15, 16) in headless
Chromium, against the Dovecot of the connector tests: a connector added through the form
is checked at once (the failure's kind shown: `auth` for a wrong password), "Fetch now"
delivers its message, editing keeps an empty password unchanged; a sync job added through
the form runs from the page and its figures follow the run live (the page's script polls
the job's REST row; no reload); the CLI sees every change."""
import json
import time

import pytest

from dovecot_remote import DovecotRemote
from test_web_ui import PASSWORD, browser, login, notice, server, shot, submit_and_wait, wait  # noqa: F401 (fixtures)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402

SYNC_MESSAGES = 1200


def message(n: int, subject: str, body: str = "hello from the old provider\r\n") -> bytes:
    return (f"From: Sender <s{n}@remote.test>\r\nTo: bob@old.test\r\nSubject: {subject} {n}\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}-{n}.{time.time()}@remote.test>\r\n"
            f"Date: Mon, 07 Dec 2026 00:00:00 +0000\r\n\r\n{body}").encode()


@pytest.fixture(scope="module")
def remote():
    r = DovecotRemote().start()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def ui(server, browser):
    server.cli.ok("domain", "add", "webui.test")
    for user in ("dora", "sara"):
        server.cli.ok("user", "add", user, "--password-stdin", stdin=PASSWORD + "\n")
    login(browser, server)
    return browser


def connector(server, email):
    [row] = [c for c in server.cli.json("connector", "list") if c["email"] == email]
    return row


def untick(driver, element_id):
    box = driver.find_element(By.ID, element_id)
    if box.is_selected():
        box.click()


def tick(driver, element_id):
    box = driver.find_element(By.ID, element_id)
    if not box.is_selected():
        box.click()


def result(driver):
    box = driver.find_element(By.ID, "connector-result")
    return box.get_attribute("data-outcome"), box.text


def test_add_a_connector_check_it_fetch_now_and_edit_it(server, remote, ui):
    remote.add_user("bob", [message(1, "fetched through the UI")])
    ui.get(server.base + "/connectors")
    # Switched off: only "Fetch now" fetches it (the scheduler leaves it alone).
    untick(ui, "c-tls-verify")
    untick(ui, "c-enabled")
    submit_and_wait(ui, "#add-connector", {
        "c-email": "bob@old.test", "c-protocol": "imap", "c-host": "127.0.0.1", "c-tls": "starttls",
        "c-port": str(remote.ports["imap"]), "c-user": "bob", "c-password": remote.PASSWORD, "c-deliver-to": "dora",
        "c-interval": "60", "c-remote": "keep",
    })
    assert ui.current_url.startswith(server.base + "/connectors/bob%40old.test?"), ui.current_url
    outcome, text = result(ui)
    assert outcome == "ok" and "connected and logged in" in text, text
    assert "Connector bob@old.test added" in notice(ui)
    row = connector(server, "bob@old.test")
    assert (row["protocol"], row["host"], row["port"], row["tls"], row["tls_verify"]) == \
        ("imap", "127.0.0.1", remote.ports["imap"], "starttls", False)
    assert (row["user"], row["deliver_to"], row["interval"], row["remote"], row["enabled"]) == ("bob", "dora", 60, "keep", False)
    assert (row["folder"], row["antispam"], row["antivirus"]) == ("INBOX", True, True)
    # Write-only: the password is in no page and no row.
    assert remote.PASSWORD not in ui.page_source and remote.PASSWORD not in json.dumps(row)
    assert ui.find_element(By.ID, "c-password").get_attribute("value") == ""

    submit_and_wait(ui, "#connector-status form[action$='/run']", {})
    outcome, text = result(ui)
    assert outcome == "ok" and "fetched 1," in text, text
    [stored] = server.wait_for_messages("dora", 1)
    assert b"Subject: fetched through the UI 1" in stored.read_bytes()
    assert connector(server, "bob@old.test")["fetched_total"] == 1
    shot(ui, "connector")

    # Edit: an empty password stays as it was (the check after saving still logs in).
    tick(ui, "c-enabled")
    submit_and_wait(ui, "#edit-connector", {"c-interval": "30", "c-remote": "days", "c-remote-days": "7"})
    outcome, text = result(ui)
    assert outcome == "ok", text
    row = connector(server, "bob@old.test")
    assert (row["interval"], row["remote"], row["enabled"]) == (30, "7", True)
    # A value out of range stands next to its field; nothing changes.
    submit_and_wait(ui, "#edit-connector", {"c-interval": "0"})
    assert ui.find_element(By.ID, "c-interval").get_attribute("aria-invalid") == "true"
    assert "interval" in ui.find_element(By.ID, "c-interval-error").text
    assert connector(server, "bob@old.test")["interval"] == 30

    # The list: switched off from its row; the CLI sees it.
    ui.get(server.base + "/connectors")
    assert "bob@old.test" in ui.find_element(By.ID, "connectors-table").text
    submit_and_wait(ui, "tr[data-account='bob@old.test'] form[action$='/enabled']", {})
    assert "Connector bob@old.test off" in notice(ui)
    assert connector(server, "bob@old.test")["enabled"] is False
    assert "bob@old.test" in server.cli.ok("connector", "list")


def test_a_wrong_password_shows_the_auth_failure(server, remote, ui):
    remote.add_user("eve", [])
    ui.get(server.base + "/connectors")
    untick(ui, "c-tls-verify")
    submit_and_wait(ui, "#add-connector", {
        "c-email": "eve@old.test", "c-protocol": "pop3", "c-host": "127.0.0.1", "c-tls": "implicit",
        "c-port": str(remote.ports["pop3s"]), "c-user": "eve", "c-password": "not-the-password", "c-deliver-to": "dora",
    })
    outcome, text = result(ui)
    assert outcome == "auth", text
    assert ui.find_element(By.CSS_SELECTOR, "#connector-result .failure-kind").text.lower() == "auth"
    # Added all the same (as `connector add` does): the password can be corrected here.
    assert connector(server, "eve@old.test")["protocol"] == "pop3"
    submit_and_wait(ui, "#edit-connector", {"c-password": remote.PASSWORD})
    assert result(ui)[0] == "ok"
    # With certificate verification, Dovecot's self-signed certificate is refused: `certificate`.
    tick(ui, "c-tls-verify")
    submit_and_wait(ui, "#edit-connector", {})
    assert result(ui)[0] == "certificate", result(ui)
    shot(ui, "connector-failure")
    # Removed from the list, after confirming.
    ui.get(server.base + "/connectors")
    old = ui.find_element(By.TAG_NAME, "html")
    ui.find_element(By.CSS_SELECTOR, "tr[data-account='eve@old.test'] form[action$='/delete'] button").click()
    wait(ui, expected_conditions.alert_is_present()).accept()
    wait(ui, expected_conditions.staleness_of(old))
    assert "eve@old.test removed" in notice(ui)
    assert [c["email"] for c in server.cli.json("connector", "list")] == ["bob@old.test"]
    shot(ui, "connectors")


def test_add_a_sync_job_run_it_and_follow_its_progress_live(server, remote, ui):
    remote.add_user("sam", [message(n, "migrated", body="x" * 2000 + "\r\n") for n in range(SYNC_MESSAGES)])
    ui.get(server.base + "/sync")
    # A master-user login without its administrator: refused next to the field.
    ui.find_element(By.ID, "s-login-admin").click()
    submit_and_wait(ui, "#add-sync", {"s-local-user": "sara", "s-host": "127.0.0.1", "s-user": "sam"})
    assert ui.find_element(By.ID, "s-admin-user").get_attribute("aria-invalid") == "true"
    assert server.cli.json("sync", "list") == []

    ui.find_element(By.ID, "s-login-password").click()
    untick(ui, "s-tls-verify")
    submit_and_wait(ui, "#add-sync", {
        "s-local-user": "sara", "s-host": "127.0.0.1", "s-tls": "starttls", "s-port": str(remote.ports["imap"]),
        "s-user": "sam", "s-password": remote.PASSWORD, "s-include": "INBOX", "s-exclude": "Trash\nJunk",
    })
    assert "Sync job of sara added" in notice(ui)
    [job] = server.cli.json("sync", "list")
    assert (job["local_user"], job["host"], job["port"], job["tls"], job["tls_verify"], job["remote_user"], job["login"]) == \
        ("sara", "127.0.0.1", remote.ports["imap"], "starttls", False, "sam", "password")
    assert (job["include"], job["exclude"], job["enabled"]) == (["INBOX"], ["Trash", "Junk"], True)
    assert "never run" in ui.find_element(By.CSS_SELECTOR, "tr[data-user=sara]").text

    submit_and_wait(ui, "tr[data-user=sara] form[action$='/run']", {})
    assert "Sync job of sara started" in notice(ui)
    box = "tr[data-user=sara] .sync-run"
    # The page was drawn while the run went on; from here on only the script changes it.
    assert ui.find_element(By.CSS_SELECTOR, box).get_attribute("data-state") == "running"
    ui.execute_script("window.postinoSamePage = true")
    seen = set()
    deadline = time.time() + 60
    while time.time() < deadline:
        element = ui.find_element(By.CSS_SELECTOR, box)
        seen.add(element.find_element(By.CSS_SELECTOR, "[data-field=copied]").text)
        if element.get_attribute("data-state") != "running":
            break
        time.sleep(0.1)
    element = ui.find_element(By.CSS_SELECTOR, box)
    assert element.get_attribute("data-state") == "finished", element.text
    assert ui.execute_script("return window.postinoSamePage") is True
    assert element.find_element(By.CSS_SELECTOR, "[data-field=copied]").text == str(SYNC_MESSAGES)
    assert element.find_element(By.CSS_SELECTOR, "progress").get_attribute("value") == "100"
    # Figures that changed while it ran, not only the last ones.
    assert len(seen) >= 2, seen
    shot(ui, "sync-finished")
    status = server.cli.json("sync", "status", "sara")
    assert (status["state"], status["copied"]) == ("finished", SYNC_MESSAGES)
    assert len(server.messages("sara")) == SYNC_MESSAGES

    # Edit: an empty password keeps the stored one; the options change.
    ui.find_element(By.CSS_SELECTOR, "tr[data-user=sara] a[href='/sync/sara']").click()
    wait(ui, lambda d: d.current_url == server.base + "/sync/sara")
    tick(ui, "s-delete-local-missing")
    submit_and_wait(ui, "#edit-sync", {"s-exclude": "Trash"})
    assert "Sync job of sara saved" in notice(ui)
    [job] = server.cli.json("sync", "list")
    assert (job["delete_local_missing"], job["exclude"], job["login"]) == (True, ["Trash"], "password")
    # A second run from the job's page: nothing new to copy, the password still works.
    submit_and_wait(ui, "#sync-status form[action$='/run']", {})
    wait(ui, lambda d: d.find_element(By.CSS_SELECTOR, "#sync-status .sync-run").get_attribute("data-state") == "finished", 60)
    status = server.cli.json("sync", "status", "sara")
    assert (status["state"], status["copied"], status["skipped"]) == ("finished", 0, SYNC_MESSAGES), status
    shot(ui, "sync-job")

    # Switched off, a run is refused on the page.
    ui.get(server.base + "/sync")
    submit_and_wait(ui, "tr[data-user=sara] form[action$='/enabled']", {})
    assert server.cli.json("sync", "list")[0]["enabled"] is False
    submit_and_wait(ui, "tr[data-user=sara] form[action$='/run']", {})
    assert "disabled" in ui.find_element(By.ID, "action-error").text
