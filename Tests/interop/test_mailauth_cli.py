"""`postino mailauth check` and `postino mailauth spf` as an administrator uses them: the
text output, --no-network, --rewrite (forged Authentication-Results removed, ours on top),
connector mail without --ip, and the one-line error contract."""
import subprocess

from conftest import BIN
from mailauth_dns import ZoneServer
from mailauth_helpers import AUTHSERV, RSAKey, dkim_sign, message, txt

KEY = RSAKey()
ZONE = {
    "example.com": [txt("v=spf1 ip4:192.0.2.0/24 -all")],
    "_dmarc.example.com": [txt("v=DMARC1; p=quarantine")],
    "sel._domainkey.example.com": [txt(KEY.record)],
}


def run(tmp_path, *args):
    return subprocess.run([BIN, "mailauth", *args, "--data", str(tmp_path / "no-data")],
                          capture_output=True, timeout=60)


def test_text_output_and_rewrite(tmp_path):
    forged = (f"Authentication-Results: {AUTHSERV.upper()}; dkim=pass header.d=bank.example\r\n"
              "Authentication-Results: elsewhere.example; spf=pass\r\n").encode()
    path = tmp_path / "m.eml"
    path.write_bytes(forged + dkim_sign(message(), KEY))
    with ZoneServer(ZONE) as dns:
        common = ["--server", dns.endpoint, "--authserv-id", AUTHSERV, "--ip", "192.0.2.7", "--helo", "mx.example.com",
                  "--from", "alice@example.com"]
        text = run(tmp_path, "check", str(path), *common)
        rewritten = run(tmp_path, "check", str(path), *common, "--rewrite")
    assert text.returncode == 0, text.stderr
    out = text.stdout.decode()
    assert out.startswith(f"Authentication-Results: {AUTHSERV};\r\n spf=pass smtp.mailfrom=alice@example.com;\r\n dkim=pass")
    assert "\r\n dmarc=pass (p=quarantine dis=none) header.from=example.com;\r\n arc=none\r\n" in out
    assert "symbol: SPF_PASS(example.com: matched ip4:192.0.2.0/24 in example.com)" in out
    assert "symbol: DMARC_PASS(example.com)" in out
    delivered = rewritten.stdout
    assert delivered.startswith(f"Authentication-Results: {AUTHSERV};\r\n spf=pass".encode())
    assert b"bank.example" not in delivered
    assert delivered.count(b"Authentication-Results:") == 2
    assert b"Authentication-Results: elsewhere.example; spf=pass\r\n" in delivered


def test_no_network_and_connector_mail(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(dkim_sign(message(), KEY))
    offline = run(tmp_path, "check", str(path), "--no-network", "--authserv-id", AUTHSERV, "--server", "127.0.0.1:9")
    assert offline.returncode == 0, offline.stderr
    assert offline.stdout.decode().startswith(
        f"Authentication-Results: {AUTHSERV};\r\n spf=none;\r\n dkim=none;\r\n dmarc=none header.from=example.com;\r\n"
        " arc=none\r\n")
    with ZoneServer(ZONE) as dns:
        connector = run(tmp_path, "check", str(path), "--server", dns.endpoint, "--authserv-id", AUTHSERV, "--json")
    assert b'"spf" : "none"' in connector.stdout
    assert b'"dmarc" : "pass"' in connector.stdout


def test_spf_command(tmp_path):
    with ZoneServer(ZONE) as dns:
        ok = run(tmp_path, "spf", "--server", dns.endpoint, "--ip", "192.0.2.1", "--sender", "a@example.com", "--helo", "h")
        bad = run(tmp_path, "spf", "--server", dns.endpoint, "--ip", "198.51.100.1", "--sender", "a@example.com")
    assert ok.stdout.decode().splitlines()[0] == "spf=pass (mailfrom example.com)"
    assert bad.stdout.decode().splitlines()[0] == "spf=fail (mailfrom example.com)"


def test_errors_are_one_line(tmp_path):
    for args in (["check", str(tmp_path / "missing.eml")], ["check", "x", "--ip", "not-an-ip"],
                 ["spf", "--ip", "999.1.1.1", "--sender", "a@example.com"]):
        proc = run(tmp_path, *args, "--server", "127.0.0.1:9")
        assert proc.returncode != 0
        assert len(proc.stderr.decode().strip().splitlines()) == 1, proc.stderr
