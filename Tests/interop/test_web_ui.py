"""The web admin UI (issue 19) in a real headless Chromium driven by Selenium: login, the
forms that create a domain, a user, a group with a member and an address, a filter
threshold, resending and deleting a queued message, a delivered message found on the Logs
page by its QID with its timeline; the CLI sees every change. Unauthenticated pages
redirect to the login, a form without the CSRF token is refused. A screenshot of every
page lands in .build/ui-screenshots/."""
import json
import os
import pathlib
import re
import shutil
import smtplib
import time
import urllib.error
import urllib.request

import pytest

from mailserver import MailServer, client_tls_context

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / ".build" / "ui-screenshots"
CHROMEDRIVER = "/usr/bin/chromedriver"
PASSWORD = "ui-test-password-1"
PAGES = ["/", "/domains", "/mailboxes", "/addresses", "/filter", "/connectors", "/sync", "/queue", "/relay", "/logs",
         "/settings"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, data=None, cookie=None):
    """(status, headers, body) without following redirects."""
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")
    if cookie:
        request.add_header("Cookie", cookie)
    if data is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = MailServer(tmp_path_factory.mktemp("webui"), services=("smtp", "submission", "admin"))
    # Refused logins would otherwise make later logins wait (the throttle is tested elsewhere).
    server.cli.ok("settings", "set", "auth.penalty_initial", "0s")
    server.cli.ok("settings", "set", "auth.penalty_max", "0s")
    server.start()
    m = re.search(r"^\s+password: (\S+)$", server.banner, re.M)
    assert m, server.banner
    server.admin_password = m.group(1)
    server.base = f"http://127.0.0.1:{server.port('admin')}"
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if not (shutil.which("chromium") and os.path.exists(CHROMEDRIVER)):
        pytest.skip("chromium and chromium-driver are not installed (scripts/install-test-deps)")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    options.add_argument("--headless=new")
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.add_argument("--disable-dev-shm-usage")
    options.add_argument("--window-size=1280,1000")
    # The driver is Debian's: Selenium never downloads one.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=15):
    # While a page is replaced chromedriver may answer that a node "does not belong to the
    # document": asked again, the old page is simply stale.
    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(condition)


def submit(driver, form_css, fields, button=None):
    """Fills `fields` (id → value) and submits the form with its (first) submit button."""
    form = driver.find_element(By.CSS_SELECTOR, form_css)
    for field_id, value in fields.items():
        element = form.find_element(By.ID, field_id)
        if element.tag_name == "select":
            element.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
        else:
            element.clear()
            element.send_keys(value)
    old = driver.find_element(By.TAG_NAME, "html")
    (form.find_element(By.CSS_SELECTOR, button) if button else form.find_element(By.CSS_SELECTOR, "button[type=submit]")).click()
    return old


def submit_and_wait(driver, form_css, fields, button=None):
    old = submit(driver, form_css, fields, button)
    wait(driver, expected_conditions.staleness_of(old))


def notice(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "p.notice").text


def login(driver, server):
    driver.get(server.base + "/domains")
    assert driver.current_url.startswith(server.base + "/login"), driver.current_url
    submit_and_wait(driver, "form[action='/login']", {"user": "admin", "password": server.admin_password})
    # Back to the page asked for first.
    assert driver.current_url == server.base + "/domains", driver.current_url


def shot(driver, name):
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


# -- without a session -------------------------------------------------------------------

def test_every_page_redirects_to_the_login_without_a_session(server):
    for path in PAGES + ["/domains/a.test", "/users/admin", "/groups/staff", "/domains/a.test/clients"]:
        status, headers, _ = fetch(server.base + path)
        assert status == 303 and headers["Location"].startswith("/login"), (path, status, headers["Location"])
    status, headers, _ = fetch(server.base + "/domains", data=b"name=evil.test")
    assert status == 303 and headers["Location"].startswith("/login")
    assert "evil.test" not in server.cli.ok("domain", "list")
    # The API keeps its JSON 401.
    status, headers, body = fetch(server.base + "/api/v1/domains")
    assert status == 401 and json.loads(body)["error"]["code"] == "unauthorized"


def test_login_page_refuses_a_wrong_password(server, browser):
    browser.get(server.base + "/login")
    shot(browser, "login")
    submit_and_wait(browser, "form[action='/login']", {"user": "admin", "password": "wrong"})
    assert "Wrong user name or password" in browser.find_element(By.ID, "login-error").text
    assert browser.get_cookie("postino_session") is None


# -- logged in ---------------------------------------------------------------------------

def test_login_then_create_domain_user_group_and_address_through_the_forms(server, browser):
    login(browser, server)
    # A wrong domain name: the error stands next to the field, nothing is created.
    submit_and_wait(browser, "#add-domain", {"domain-name": "not a domain"})
    assert browser.find_element(By.ID, "domain-name").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "domain-name-error").text
    submit_and_wait(browser, "#add-domain", {"domain-name": "webui.test"})
    assert browser.current_url.startswith(server.base + "/domains/webui.test?done=")
    assert "Domain webui.test added" in notice(browser)
    assert [d["name"] for d in server.cli.json("domain", "list")] == ["webui.test"]

    # Catch-all, DKIM key with its TXT record, the disclaimer preview.
    submit_and_wait(browser, "#dkim form", {})
    record = browser.find_element(By.ID, "dkim-default").get_attribute("value")
    assert record.startswith("v=DKIM1; k=rsa; p=")
    browser.find_element(By.ID, "disclaimer").send_keys("**Confidential**: for the addressee only.")
    submit_and_wait(browser, "#domain-settings", {"catch-all": "postmaster@webui.test"}, button="button[name=preview]")
    assert "<strong>Confidential</strong>" in browser.find_element(By.ID, "disclaimer-preview").get_attribute("innerHTML")
    submit_and_wait(browser, "#domain-settings", {})
    domain = server.cli.json("domain", "list")[0]
    assert domain["catch_all"] == "postmaster@webui.test" and domain["disclaimer"] is True
    shot(browser, "domain")
    browser.get(server.base + "/domains/webui.test/clients")
    assert "993" in browser.page_source and "587" in browser.page_source
    shot(browser, "clients")

    browser.get(server.base + "/mailboxes")
    submit_and_wait(browser, "#add-user", {"user-name": "carol", "user-password": PASSWORD, "user-quota": "2G"})
    assert browser.current_url.startswith(server.base + "/users/carol?done=")
    [carol] = [u for u in server.cli.json("user", "list") if u["name"] == "carol"]
    assert carol["quota"] == 2 << 30 and carol["has_password"]
    shot(browser, "user")

    browser.get(server.base + "/mailboxes")
    submit_and_wait(browser, "#add-group", {"group-name": "staff"})
    assert browser.current_url.startswith(server.base + "/groups/staff?done=")
    submit_and_wait(browser, "#add-member", {"member": "carol"})
    assert "carol added to staff" in notice(browser)
    assert server.cli.json("group", "list") == [{"name": "staff", "address_enabled": True, "members": ["carol"]}]
    shot(browser, "group")

    browser.get(server.base + "/addresses")
    submit_and_wait(browser, "#add-address", {"address": "team@webui.test", "destinations": "group:staff\nuser:carol"})
    assert "Address team@webui.test added" in notice(browser)
    [address] = server.cli.json("address", "list")
    assert address["address"] == "team@webui.test" and address["destinations"] == ["group:staff", "user:carol"]
    # An unknown destination is refused next to its field.
    submit_and_wait(browser, "#add-address", {"address": "x@webui.test", "destinations": "user:nobody"})
    assert browser.find_element(By.ID, "destinations").get_attribute("aria-invalid") == "true"
    assert "nobody" in browser.find_element(By.ID, "destinations-error").text
    assert len(server.cli.json("address", "list")) == 1


def test_change_a_filter_threshold(server, browser):
    browser.get(server.base + "/filter")
    # Nothing learnt yet: the Bayes card says the token weights are not trained.
    assert "token weights not trained yet" in browser.find_element(By.ID, "bayes").text
    submit_and_wait(browser, "#setting-filter-spam-flag", {"input-filter-spam-flag": "7"})
    assert "filter.spam.flag" in notice(browser)
    settings = {s["key"]: s["value"] for s in server.cli.json("settings", "list")}
    assert settings["filter.spam.flag"] == "7"
    # A value of the wrong type comes back under its field.
    submit_and_wait(browser, "#setting-filter-spam-deny", {"input-filter-spam-deny": "lots"})
    assert browser.find_element(By.CSS_SELECTOR, "#setting-filter-spam-deny .field-error").text
    assert {s["key"]: s["value"] for s in server.cli.json("settings", "list")}["filter.spam.deny"] != "lots"
    # An access rule through its form.
    submit_and_wait(browser, "#add-rule", {"rule-kind": "block-from", "rule-value": "spammer.example"})
    rules = server.cli.json("filter", "rule", "list")
    assert {"kind": "block-from", "value": "spammer.example", "action": "reject"} in rules


def test_resend_and_delete_a_queued_message(server, browser):
    message = (b"From: carol@webui.test\r\nTo: far@remote.test\r\nSubject: held for the UI test\r\n"
               b"Message-ID: <ui-queue@webui.test>\r\n\r\nHello.\r\n")
    with smtplib.SMTP("127.0.0.1", server.port("submission"), timeout=30) as s:
        s.starttls(context=client_tls_context())
        s.login("carol", PASSWORD)
        s.sendmail("carol@webui.test", ["far@remote.test"], message)
    deadline = time.time() + 20
    while time.time() < deadline:
        queued = server.cli.json("queue", "list")
        if queued and queued[0]["attempts"] >= 1 and queued[0]["deliveries"][0]["next_attempt"]:
            break
        time.sleep(0.2)
    [entry] = queued
    qid, before = entry["qid"], entry["deliveries"][0]["next_attempt"]
    browser.get(server.base + "/queue")
    assert qid in browser.find_element(By.ID, "queue-table").text
    # The live chart is drawn by our script from the JSON API (allowed by the CSP).
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "svg[data-chart=queue]").get_attribute("data-drawn") == "yes")
    shot(browser, "queue")
    submit_and_wait(browser, f"#queue-{qid}", {}, button="form[action$='/resend'] button")
    assert f"{qid} will be tried again now" in notice(browser)
    [after] = server.cli.json("queue", "list")
    delivery = after["deliveries"][0]
    # Due now (or already tried again, with a later retry).
    assert delivery["next_attempt"] < before or after["attempts"] > entry["attempts"], (entry, after)

    # Delete asks first; dismissing keeps the message.
    browser.find_element(By.CSS_SELECTOR, f"#queue-{qid} form[action$='/delete'] button").click()
    wait(browser, expected_conditions.alert_is_present()).dismiss()
    assert len(server.cli.json("queue", "list")) == 1
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, f"#queue-{qid} form[action$='/delete'] button").click()
    wait(browser, expected_conditions.alert_is_present()).accept()
    wait(browser, expected_conditions.staleness_of(old))
    assert f"{qid} deleted" in notice(browser)
    assert server.cli.json("queue", "list") == []


def test_find_a_delivered_message_on_the_logs_page(server, browser):
    raw = b"From: x@remote.test\r\nSubject: trace me\r\nMessage-ID: <ui-trace.1@remote.test>\r\n\r\nhello\r\n"
    with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
        s.ehlo("client.remote.test")
        s.mail("x@remote.test")
        s.rcpt("carol@webui.test")
        code, text = s.data(raw)
    assert code == 250
    qid = re.search(rb"queued as (\w+)", text).group(1).decode()
    server.wait_for_messages("carol", 1)
    deadline = time.time() + 15
    while time.time() < deadline:
        browser.get(server.base + "/logs")
        submit_and_wait(browser, "#log-search", {"q": qid})
        timelines = browser.find_elements(By.ID, f"timeline-{qid}")
        if timelines and "removed" in timelines[0].text:
            break
        time.sleep(0.5)
    timeline = browser.find_element(By.ID, f"timeline-{qid}").text
    assert "to=<carol@webui.test>" in timeline and "status=sent" in timeline, timeline
    assert "message-id=<ui-trace.1@remote.test>" in timeline
    shot(browser, "logs")
    # The same story as the CLI's.
    [cli] = server.cli.json("log", "trace", qid)
    assert all(event["text"] in timeline for event in cli["events"])


def test_synchronization_jobs_switched_off_and_removed(server, browser):
    server.cli.ok("sync", "add", "carol", "--host", "127.0.0.1", "--port", "9", "--tls", "starttls", "--tls-verify", "off",
                  "--user", "carol", "--password-stdin", stdin="remote-pw\n")
    browser.get(server.base + "/sync")
    table = browser.find_element(By.ID, "sync-table").text
    assert "carol at 127.0.0.1:9" in table and "never run" in table
    submit_and_wait(browser, "#sync-table form[action='/sync/carol/enabled']", {})
    assert [job["enabled"] for job in server.cli.json("sync", "list")] == [False]
    shot(browser, "sync")
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "#sync-table form[action='/sync/carol/delete'] button").click()
    wait(browser, expected_conditions.alert_is_present()).accept()
    wait(browser, expected_conditions.staleness_of(old))
    assert "removed" in notice(browser) and server.cli.json("sync", "list") == []


def test_a_form_post_without_the_csrf_token_is_refused(server, browser):
    cookie = browser.get_cookie("postino_session")
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    header = f"postino_session={cookie['value']}"
    status, _, body = fetch(server.base + "/domains", data=b"name=forged.test", cookie=header)
    assert status == 403 and "security token" in body
    status, _, _ = fetch(server.base + "/domains", data=b"name=forged.test&csrf=wrong", cookie=header)
    assert status == 403
    assert "forged.test" not in server.cli.ok("domain", "list")
    # With the page's token the same request works (the refusal was the token's).
    browser.get(server.base + "/domains")
    token = browser.find_element(By.CSS_SELECTOR, "#add-domain input[name=csrf]").get_attribute("value")
    status, headers, _ = fetch(server.base + "/domains", data=f"name=forged.test&csrf={token}".encode(), cookie=header)
    assert status == 303 and headers["Location"].startswith("/domains/forged.test")
    server.cli.ok("domain", "remove", "forged.test")


def test_every_page_renders_with_its_security_headers_and_fits_a_phone(server, browser):
    cookie = "postino_session=" + browser.get_cookie("postino_session")["value"]
    for path in PAGES:
        status, headers, body = fetch(server.base + path, cookie=cookie)
        assert status == 200, (path, status, body[:300])
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        # No inline script, no event handler attribute.
        assert "<script>" not in body and not re.search(r"<[^>]*\son[a-z]+=", body), path
        # Pages with input fields label them (the others have only buttons).
        assert re.search(r"<label for=", body) or path in ("/", "/queue", "/connectors", "/sync"), path
        browser.get(server.base + path)
        name = "dashboard" if path == "/" else path.strip("/")
        shot(browser, name)
    browser.get(server.base + "/")
    # The services and their ports, as serve recorded them.
    services = browser.find_element(By.ID, "services").text
    assert re.search(rf"admin\s+127\.0\.0\.1:{server.port('admin')}\s+listening", services), services
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "svg[data-chart=queue]").get_attribute("data-drawn") == "yes")
    shot(browser, "dashboard")
    browser.set_window_size(390, 844)
    try:
        for path in ["/", "/mailboxes", "/filter"]:
            browser.get(server.base + path)
            width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1] + 1, (path, width)
        shot(browser, "filter-phone")
    finally:
        browser.set_window_size(1280, 1000)


def test_logout_ends_the_session(server, browser):
    browser.get(server.base + "/")
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "form.logout button").click()
    wait(browser, expected_conditions.staleness_of(old))
    assert browser.current_url.startswith(server.base + "/login")
    browser.get(server.base + "/settings")
    assert browser.current_url.startswith(server.base + "/login")
