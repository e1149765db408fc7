"""DKIM verification of inbound mail against dkimpy: messages dkimpy signs (RSA and
Ed25519, simple and relaxed) verify in `postino mailauth check` with their keys served by
a test DNS server; tampered, expired, revoked and wrong-key signatures fail with the
result RFC 6376 gives them, each signature reported on its own."""
import time

import dkim
import pytest

from mailauth_dns import ZoneServer
from mailauth_helpers import Ed25519Key, RSAKey, check, dkim_sign, message, symbols, txt

RSA = RSAKey()
ED = Ed25519Key()
OTHER = RSAKey()


def zone(**overrides):
    records = {
        "sel._domainkey.example.com": [txt(RSA.record)],
        "ed._domainkey.example.com": [txt(ED.record)],
        "revoked._domainkey.example.com": [txt("v=DKIM1; k=rsa; p=")],
        "_dmarc.example.com": [txt("v=DMARC1; p=reject")],
    }
    records.update(overrides)
    return records


CANONS = [(b"simple", b"simple"), (b"relaxed", b"relaxed"), (b"relaxed", b"simple"), (b"simple", b"relaxed")]


@pytest.mark.parametrize("canon", CANONS, ids=lambda c: b"/".join(c).decode())
def test_dkimpy_signatures_verify(tmp_path, canon):
    msg = message(body="Hello  Bob,\t\r\n\r\nfigures   attached.\r\n\r\n\r\n")
    signed = dkim_sign(dkim_sign(msg, RSA, canon=canon), ED, selector=b"ed", canon=canon)
    with ZoneServer(zone()) as dns:
        report = check(tmp_path, dns, signed)
    assert [s["result"] for s in report["dkim"]] == ["pass", "pass"]
    assert [s["selector"] for s in report["dkim"]] == ["ed", "sel"]
    assert all(s["domain"] == "example.com" for s in report["dkim"])
    b_values = [line for line in report["authentication_results"].split(";") if "dkim=" in line]
    assert len(b_values) == 2 and all("header.b=" in v for v in b_values)
    assert report["dmarc"] == "pass"
    assert symbols(report) == ["SPF_NONE", "DKIM_VALID", "DMARC_PASS", "ARC_NONE"]


def test_tampered_body_and_header_fail(tmp_path):
    signed = dkim_sign(message(), RSA)
    with ZoneServer(zone()) as dns:
        body = check(tmp_path, dns, signed.replace(b"see you soon", b"send money"))
        header = check(tmp_path, dns, signed.replace(b"Subject: Hello", b"Subject: Urgent"))
    assert body["dkim"][0]["result"] == "fail" and body["dkim"][0]["reason"] == "body hash did not verify"
    assert header["dkim"][0]["result"] == "fail" and header["dkim"][0]["reason"] == "signature did not verify"
    for report in (body, header):
        assert "DKIM_INVALID" in symbols(report)
        assert report["dmarc"] == "fail" and "DMARC_REJECT" in symbols(report)


def test_wrong_key_fails(tmp_path):
    signed = dkim_sign(message(), OTHER)
    with ZoneServer(zone()) as dns:
        report = check(tmp_path, dns, signed)
    assert report["dkim"][0]["result"] == "fail"
    assert dkim.verify(signed, dnsfunc=lambda name, timeout=5: RSA.record.encode()) is False


def test_revoked_and_missing_keys_are_permerror(tmp_path):
    revoked = dkim_sign(message(), RSA, selector=b"revoked")
    missing = dkim_sign(message(), RSA, selector=b"nokey")
    with ZoneServer(zone()) as dns:
        r1 = check(tmp_path, dns, revoked)
        r2 = check(tmp_path, dns, missing)
    assert (r1["dkim"][0]["result"], r1["dkim"][0]["reason"]) == ("permerror", "key revoked")
    assert (r2["dkim"][0]["result"], r2["dkim"][0]["reason"]) == ("permerror", "no key for signature")


class ExpiringDKIM(dkim.DKIM):
    """dkimpy signs without x=; this adds one an hour in the past (t= two hours back)."""

    def gen_header(self, fields, include_headers, canon_policy, header_name, pk, standardize=False):
        now = int(time.time())
        fields = [(b"t", str(now - 7200).encode()) if k == b"t" else (k, v) for k, v in fields if k != b"b"]
        fields += [(b"x", str(now - 3600).encode()), (b"b", b"0" * 60)]
        return super().gen_header(fields, include_headers, canon_policy, header_name, pk, standardize)


def test_expired_signature_is_permerror(tmp_path):
    msg = message()
    signed = ExpiringDKIM(msg).sign(b"sel", b"example.com", RSA.private,
                                    include_headers=[b"from", b"to", b"subject"]) + msg
    assert b"x=" in signed.split(b"\r\nFrom:")[0]
    with ZoneServer(zone()) as dns:
        report = check(tmp_path, dns, signed)
    assert (report["dkim"][0]["result"], report["dkim"][0]["reason"]) == ("permerror", "signature expired")


def test_dns_failure_is_temperror(tmp_path):
    signed = dkim_sign(message(), RSA)
    with ZoneServer(zone(**{"sel._domainkey.example.com": ["TIMEOUT"]})) as dns:
        report = check(tmp_path, dns, signed)
    assert report["dkim"][0]["result"] == "temperror"
    assert "DKIM_TEMPERROR" in symbols(report)


def test_length_limited_signature_notes_unsigned_content(tmp_path):
    signed = dkim_sign(message(), RSA, length=True) + b"Appended by someone else.\r\n"
    with ZoneServer(zone()) as dns:
        report = check(tmp_path, dns, signed)
    assert report["dkim"][0]["result"] == "pass"
    assert report["dkim"][0]["unsigned_body_octets"] == len(b"Appended by someone else.\r\n")
    assert "DKIM_UNSIGNED_CONTENT" in symbols(report)
