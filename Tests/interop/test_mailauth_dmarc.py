"""DMARC (RFC 9989) as `postino mailauth check` evaluates it, case by case, with the
domains' SPF, DKIM and DMARC records served by a test DNS server: aligned and unaligned
SPF and DKIM, relaxed and strict alignment, subdomain policy (sp), non-existent
subdomains (np), the tree walk to the Organizational Domain and to a PSD record, t=y,
several From domains, no record, DNS failure; and what `mailauth.dmarc.enforce` makes of
each result (off, junk, reject)."""
import pytest

from mailauth_dns import ZoneServer
from mailauth_helpers import RSAKey, check, dkim_sign, message, symbols, txt

KEY = RSAKey()
GOOD_IP = "192.0.2.10"
BAD_IP = "203.0.113.66"

ZONE = {
    "example.com": [txt("v=spf1 ip4:192.0.2.0/24 -all"), ("A", "192.0.2.1")],
    "_dmarc.example.com": [txt("v=DMARC1; p=reject; sp=quarantine; np=reject; rua=mailto:dmarc@example.com")],
    "news.example.com": [("A", "192.0.2.2")],
    "bounces.example.com": [txt("v=spf1 ip4:192.0.2.0/24 -all")],
    "sel._domainkey.example.com": [txt(KEY.record)],
    "sel._domainkey.mail.example.com": [txt(KEY.record)],
    "other.example": [txt("v=spf1 ip4:203.0.113.0/24 -all")],
    "sel._domainkey.other.example": [txt(KEY.record)],
    "strict.example": [txt("v=spf1 ip4:192.0.2.0/24 -all"), ("A", "192.0.2.3")],
    "_dmarc.strict.example": [txt("v=DMARC1; p=reject; adkim=s; aspf=s")],
    "mail.strict.example": [txt("v=spf1 ip4:192.0.2.0/24 -all")],
    "sel._domainkey.mail.strict.example": [txt(KEY.record)],
    "monitor.example": [("A", "192.0.2.4")],
    "_dmarc.monitor.example": [txt("v=DMARC1; p=none")],
    "quarantine.example": [("A", "192.0.2.5")],
    "_dmarc.quarantine.example": [txt("v=DMARC1; p=quarantine")],
    "testing.example": [("A", "192.0.2.6")],
    "_dmarc.testing.example": [txt("v=DMARC1; p=reject; t=y")],
    "_dmarc.bank.test": [txt("v=DMARC1; p=reject; psd=y")],
    "_dmarc.broken.example": ["TIMEOUT"],
}

# (case, From, MAIL FROM, client IP, DKIM signing domain or None,
#  dmarc result, disposition, symbol, actions for enforce off / junk / reject)
CASES = [
    ("aligned-spf", "alice@example.com", "bounce@example.com", GOOD_IP, None,
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("aligned-dkim-spf-fails", "alice@example.com", "bounce@example.com", BAD_IP, "example.com",
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("relaxed-dkim-subdomain", "alice@example.com", "x@other.example", BAD_IP, "mail.example.com",
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("relaxed-spf-subdomain", "alice@example.com", "bounce@bounces.example.com", GOOD_IP, None,
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("unaligned-spf-and-dkim", "alice@example.com", "bounce@other.example", BAD_IP, "other.example",
     "fail", "reject", "DMARC_REJECT", ("deliver", "junk", "reject")),
    ("subdomain-policy", "news@news.example.com", "bounce@other.example", BAD_IP, None,
     "fail", "quarantine", "DMARC_QUARANTINE", ("deliver", "junk", "junk")),
    ("nonexistent-subdomain", "x@ghost.example.com", "bounce@other.example", BAD_IP, None,
     "fail", "reject", "DMARC_REJECT", ("deliver", "junk", "reject")),
    ("strict-dkim-and-spf", "ceo@strict.example", "bounce@mail.strict.example", GOOD_IP, "mail.strict.example",
     "fail", "reject", "DMARC_REJECT", ("deliver", "junk", "reject")),
    ("strict-exact-match", "ceo@strict.example", "bounce@strict.example", GOOD_IP, None,
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("tree-walk-deep", "x@a.b.c.d.e.f.g.h.i.j.example.com", "bounce@other.example", BAD_IP, "example.com",
     "pass", "none", "DMARC_PASS", ("deliver", "deliver", "deliver")),
    ("psd-record", "x@giant.bank.test", "bounce@other.example", BAD_IP, None,
     "fail", "reject", "DMARC_REJECT", ("deliver", "junk", "reject")),
    ("policy-none", "x@monitor.example", "bounce@other.example", BAD_IP, None,
     "fail", "none", "DMARC_NONE_POLICY_FAIL", ("deliver", "deliver", "deliver")),
    ("testing-mode", "x@testing.example", "bounce@other.example", BAD_IP, None,
     "fail", "quarantine", "DMARC_QUARANTINE", ("deliver", "junk", "junk")),
    ("multiple-from-domains", "a@example.com, b@quarantine.example", "bounce@example.com", GOOD_IP, None,
     "fail", "quarantine", "DMARC_QUARANTINE", ("deliver", "junk", "junk")),
    ("no-record", "x@other.example", "bounce@other.example", BAD_IP, None,
     "none", "none", "DMARC_NONE", ("deliver", "deliver", "deliver")),
    ("dns-failure", "x@broken.example", "bounce@other.example", BAD_IP, None,
     "temperror", "none", "DMARC_TEMPERROR", ("deliver", "deliver", "deliver")),
]


@pytest.fixture(scope="module")
def dns():
    with ZoneServer(ZONE) as server:
        yield server


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_dmarc_case(tmp_path, dns, case):
    name, from_header, mail_from, ip, signer, result, disposition, symbol, actions = case
    msg = message(from_addr=from_header, subject=name)
    if signer:
        msg = dkim_sign(msg, KEY, domain=signer.encode())
    reports = [check(tmp_path, dns, msg, ip=ip, mail_from=mail_from, extra=["--enforce", mode])
               for mode in ("off", "junk", "reject")]
    report = reports[0]
    assert (report["dmarc"], report["dmarc_disposition"]) == (result, disposition), report
    assert symbol in symbols(report)
    assert tuple(r["dmarc_action"] for r in reports) == actions
    assert f"dmarc={result}" in report["authentication_results"]
    assert f"header.from={from_header.split('@')[1].split(',')[0]}" in report["authentication_results"]
