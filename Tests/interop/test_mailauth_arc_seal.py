"""ARC Sets added by `postino mailauth seal` (with the domain's key from `postino dkim
generate`) verify in dkimpy's `arc_verify`, alone and on top of a chain dkimpy sealed;
a message changed after our seal fails there."""
import re
import subprocess

import dkim

from conftest import BIN
from mailauth_dns import ZoneServer
from mailauth_helpers import RSAKey, message, txt

UPSTREAM = RSAKey()


def our_record(postino) -> str:
    line = postino.ok("dkim", "show", "relay.example").strip()
    return "".join(re.findall(r'"([^"]*)"', line))


def dnsfunc_for(records):
    def dnsfunc(name, timeout=5):
        key = (name.decode() if isinstance(name, bytes) else name).rstrip(".").lower()
        return records[key].encode() if key in records else None
    return dnsfunc


def seal(postino, tmp_path, msg: bytes, dns) -> bytes:
    path = tmp_path / "in.eml"
    path.write_bytes(msg)
    proc = subprocess.run([BIN, "mailauth", "seal", "relay.example", str(path), "--data", str(postino.data),
                           "--server", dns.endpoint, "--authserv-id", "mx.relay.example", "--ip", "192.0.2.7",
                           "--from", "alice@example.com", "--timeout", "5", "--attempts", "1"],
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def test_our_seal_verifies_in_dkimpy(postino, tmp_path):
    postino.ok("domain", "add", "relay.example")
    postino.ok("dkim", "generate", "relay.example")
    records = {"default._domainkey.relay.example": our_record(postino),
               "arc._domainkey.forwarder.test": UPSTREAM.record}
    zone = {"example.com": [txt("v=spf1 ip4:192.0.2.0/24 -all")],
            "arc._domainkey.forwarder.test": [txt(UPSTREAM.record)]}
    with ZoneServer(zone) as dns:
        sealed = seal(postino, tmp_path, message(), dns)
        assert sealed.startswith(b"ARC-Seal: i=1; cv=none; a=rsa-sha256; d=relay.example; s=default;")
        assert b"ARC-Authentication-Results: i=1; mx.relay.example;\r\n spf=pass smtp.mailfrom=alice@example.com" in sealed
        assert dkim.arc_verify(sealed, dnsfunc=dnsfunc_for(records))[0] == b"pass"
        assert dkim.arc_verify(sealed.replace(b"see you soon", b"see you later"),
                               dnsfunc=dnsfunc_for(records))[0] == b"fail"

        # On top of a chain dkimpy sealed: instance 2, cv=pass.
        upstream = b"Authentication-Results: forwarder.test; spf=pass smtp.mailfrom=alice@example.com\r\n" + message()
        upstream = b"".join(dkim.arc_sign(upstream, b"arc", b"forwarder.test", UPSTREAM.private_pem, b"forwarder.test")) + upstream
        second = seal(postino, tmp_path, upstream, dns)
    assert second.startswith(b"ARC-Seal: i=2; cv=pass;")
    assert dkim.arc_verify(second, dnsfunc=dnsfunc_for(records))[0] == b"pass"
