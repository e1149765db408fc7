"""The optional autoconfig listeners (issue 19): Thunderbird's autoconfig over HTTP and
Outlook's autodiscover over HTTPS answer for the local domains with the ports this server
listens on, and a client that follows the answer logs in; other domains get 404."""
import imaplib
import smtplib
import ssl
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from mailserver import MailServer, client_tls_context

PASSWORD = "autoconfig-pass-1"
SERVICES = ("imap", "imaps", "pop3s", "submission", "smtps", "autoconfig", "autodiscover")
OUTLOOK = "{http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = MailServer(tmp_path_factory.mktemp("autoconfig"), services=SERVICES)
    s.cli.ok("settings", "set", "server.hostname", "mail.auto.test")
    s.cli.ok("domain", "add", "auto.test")
    s.cli.ok("domain", "add", "elsewhere.test", "--relay-to", "127.0.0.1:9")
    s.cli.ok("user", "add", "carol", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("address", "add", "c.doe@auto.test", "--to", "user:carol")
    s.start()
    yield s
    s.stop()


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def thunderbird(server, query="", headers=None):
    return get(f"http://127.0.0.1:{server.port('autoconfig')}/mail/config-v1.1.xml{query}", headers)


def servers(document, element):
    return [(s.get("type"), s.findtext("hostname"), int(s.findtext("port")), s.findtext("socketType"),
             s.findtext("username")) for s in document.iter(element)]


def test_thunderbird_autoconfig_names_this_servers_ports(server):
    status, content_type, body = thunderbird(server, "?emailaddress=carol%40auto.test")
    assert status == 200 and content_type.startswith("application/xml")
    document = ET.fromstring(body)
    assert document.find("emailProvider").get("id") == "auto.test"
    assert servers(document, "incomingServer") == [
        ("imap", "mail.auto.test", server.port("imaps"), "SSL", "%EMAILADDRESS%"),
        ("imap", "mail.auto.test", server.port("imap"), "STARTTLS", "%EMAILADDRESS%"),
        ("pop3", "mail.auto.test", server.port("pop3s"), "SSL", "%EMAILADDRESS%"),
    ]
    assert servers(document, "outgoingServer") == [
        ("smtp", "mail.auto.test", server.port("smtps"), "SSL", "%EMAILADDRESS%"),
        ("smtp", "mail.auto.test", server.port("submission"), "STARTTLS", "%EMAILADDRESS%"),
    ]
    # The same document at the well-known path, and for the domain alone by the Host asked.
    status, _, well_known = get(f"http://127.0.0.1:{server.port('autoconfig')}"
                                "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=carol@auto.test")
    assert status == 200 and well_known == body
    status, _, by_host = thunderbird(server, headers={"Host": "autoconfig.auto.test"})
    assert status == 200 and ET.fromstring(by_host).find("emailProvider/domain").text == "auto.test"


def test_a_client_following_the_answer_logs_in(server):
    _, _, body = thunderbird(server, "?emailaddress=carol%40auto.test")
    document = ET.fromstring(body)
    _, host, port, socket_type, username = servers(document, "incomingServer")[0]
    login = username.replace("%EMAILADDRESS%", "carol@auto.test")
    assert socket_type == "SSL"
    imap = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=client_tls_context())
    assert imap.login(login, PASSWORD)[0] == "OK"
    imap.logout()
    _, _, smtp_port, _, smtp_user = servers(document, "outgoingServer")[1]
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=10) as smtp:
        smtp.starttls(context=client_tls_context())
        smtp.login(smtp_user.replace("%EMAILADDRESS%", "carol@auto.test"), PASSWORD)


def test_an_alias_gets_its_users_login(server):
    _, _, body = thunderbird(server, "?emailaddress=c.doe%40auto.test")
    usernames = {s[4] for s in servers(ET.fromstring(body), "incomingServer")}
    assert usernames == {"carol"}
    port = servers(ET.fromstring(body), "incomingServer")[0][2]
    imap = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=client_tls_context())
    assert imap.login("carol", PASSWORD)[0] == "OK"
    imap.logout()


@pytest.mark.parametrize("query", ["?emailaddress=bob%40example.org", "?emailaddress=x%40elsewhere.test", ""])
def test_other_domains_get_nothing(server, query):
    with pytest.raises(urllib.error.HTTPError) as refused:
        thunderbird(server, query)
    assert refused.value.code == 404


def outlook(server, path, email):
    body = ('<?xml version="1.0" encoding="utf-8"?>\r\n'
            '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">'
            f'<Request><EMailAddress>{email}</EMailAddress>'
            '<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a'
            '</AcceptableResponseSchema></Request></Autodiscover>').encode()
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(f"https://127.0.0.1:{server.port('autodiscover')}{path}", data=body,
                                     headers={"Content-Type": "text/xml"}, method="POST")
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        return response.status, ET.fromstring(response.read())


def test_outlook_autodiscover_over_https(server):
    status, document = outlook(server, "/autodiscover/autodiscover.xml", "carol@auto.test")
    assert status == 200
    protocols = {p.findtext(f"{OUTLOOK}Type"): (p.findtext(f"{OUTLOOK}Server"), int(p.findtext(f"{OUTLOOK}Port")),
                                               p.findtext(f"{OUTLOOK}Encryption"), p.findtext(f"{OUTLOOK}LoginName"))
                 for p in document.iter(f"{OUTLOOK}Protocol")}
    assert protocols == {
        "IMAP": ("mail.auto.test", server.port("imaps"), "SSL", "carol@auto.test"),
        "POP3": ("mail.auto.test", server.port("pop3s"), "SSL", "carol@auto.test"),
        "SMTP": ("mail.auto.test", server.port("smtps"), "SSL", "carol@auto.test"),
    }
    # Outlook capitalises the path; an alias is given its user's login.
    status, document = outlook(server, "/Autodiscover/Autodiscover.xml", "c.doe@auto.test")
    assert {p.findtext(f"{OUTLOOK}LoginName") for p in document.iter(f"{OUTLOOK}Protocol")} == {"carol"}
    with pytest.raises(urllib.error.HTTPError) as refused:
        outlook(server, "/autodiscover/autodiscover.xml", "someone@example.org")
    assert refused.value.code == 404


def test_nothing_else_is_served(server):
    for path in ("/", "/api/v1/domains", "/login"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            get(f"http://127.0.0.1:{server.port('autoconfig')}{path}")
        assert refused.value.code == 404
