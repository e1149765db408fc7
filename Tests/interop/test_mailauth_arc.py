"""ARC chain validation (RFC 8617 §5.2) of chains sealed by dkimpy's `arc_sign`: a valid
chain of one and of two hops passes, a body changed after sealing fails, and a chain whose
newest seal carries cv=fail fails. dkimpy's own `arc_verify` must agree each time."""
import dkim
import pytest

from mailauth_dns import ZoneServer
from mailauth_helpers import RSAKey, check, message, symbols, txt

KEY = RSAKey()
ZONE = {
    "arc._domainkey.forwarder.test": [txt(KEY.record)],
    "arc._domainkey.list.test": [txt(KEY.record)],
}


def seal(msg: bytes, domain: bytes, arc_result=None, timestamp=None) -> bytes:
    """Adds the sealer's Authentication-Results (with arc=… for the hops after the
    first) and its ARC Set, as a forwarding ADMD would."""
    results = b"spf=pass smtp.mailfrom=alice@example.com"
    if arc_result:
        results = b"arc=" + arc_result + b"; " + results
    msg = b"Authentication-Results: " + domain + b"; " + results + b"\r\n" + msg
    headers = dkim.arc_sign(msg, b"arc", domain, KEY.private_pem, domain, timestamp=timestamp)
    assert headers, "arc_sign produced no ARC Set"
    return b"".join(headers) + msg


def dkimpy_verdict(msg: bytes) -> str:
    def dnsfunc(name, timeout=5):
        key = name.decode() if isinstance(name, bytes) else name
        return KEY.record.encode() if key.rstrip(".").lower() in ZONE else None
    verdict = dkim.arc_verify(msg, dnsfunc=dnsfunc)[0]
    return verdict.decode() if verdict else "(no verdict)"


def arc_of(tmp_path, msg):
    with ZoneServer(ZONE) as dns:
        return check(tmp_path, dns, msg)


def test_one_hop_chain_passes(tmp_path):
    sealed = seal(message(), b"forwarder.test")
    report = arc_of(tmp_path, sealed)
    assert (report["arc"], report["arc_instances"]) == ("pass", 1)
    assert "ARC_PASS" in symbols(report)
    assert "arc=pass" in report["authentication_results"]
    assert dkimpy_verdict(sealed) == "pass"


def test_two_hop_chain_passes(tmp_path):
    sealed = seal(seal(message(), b"forwarder.test"), b"list.test", arc_result=b"pass")
    report = arc_of(tmp_path, sealed)
    assert (report["arc"], report["arc_instances"]) == ("pass", 2)
    assert dkimpy_verdict(sealed) == "pass"


@pytest.mark.parametrize("hops", [1, 2])
def test_body_changed_after_sealing_fails(tmp_path, hops):
    sealed = seal(message(), b"forwarder.test")
    if hops == 2:
        sealed = seal(sealed, b"list.test", arc_result=b"pass")
    broken = sealed.replace(b"see you soon", b"see you never")
    report = arc_of(tmp_path, broken)
    assert report["arc"] == "fail"
    assert "ARC-Message-Signature" in report["arc_reason"]
    assert "ARC_FAIL" in symbols(report)
    assert dkimpy_verdict(broken) == "fail"


def test_seal_with_cv_fail_fails(tmp_path):
    first = seal(message(), b"forwarder.test").replace(b"see you soon", b"see you never")
    sealed = seal(first, b"list.test", arc_result=b"fail")
    assert b"cv=fail" in sealed
    report = arc_of(tmp_path, sealed)
    assert report["arc"] == "fail"
    assert "cv=fail" in report["arc_reason"]
    # dkimpy 1.x gives no verdict for such a chain (None), which is not a pass either.
    assert dkimpy_verdict(sealed) != "pass"


def test_altered_seal_fails(tmp_path):
    sealed = seal(seal(message(), b"forwarder.test"), b"list.test", arc_result=b"pass")
    tampered = sealed.replace(b"ARC-Authentication-Results: i=1; forwarder.test;",
                              b"ARC-Authentication-Results: i=1; forwarder.test; dkim=pass;")
    assert tampered != sealed
    report = arc_of(tmp_path, tampered)
    assert report["arc"] == "fail"
    assert "ARC-Seal" in report["arc_reason"]
