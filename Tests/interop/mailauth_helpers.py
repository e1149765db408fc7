"""Shared by the test_mailauth_*.py tests: keys for dkimpy, DKIM records, and running
`postino mailauth check` against a ZoneServer (mailauth_dns.py)."""
import base64
import json
import subprocess

import dkim
import nacl.signing
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import BIN

AUTHSERV = "mx.receiver.test"


class RSAKey:
    def __init__(self, bits=2048):
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        self.private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                             serialization.NoEncryption())
        der = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.record = "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()
        self.algorithm = b"rsa-sha256"
        self.private = self.private_pem


class Ed25519Key:
    def __init__(self):
        key = nacl.signing.SigningKey.generate()
        self.private = base64.b64encode(bytes(key))
        self.record = "v=DKIM1; k=ed25519; p=" + base64.b64encode(bytes(key.verify_key)).decode()
        self.algorithm = b"ed25519-sha256"


def txt(text: str):
    return ("TXT", [text.encode()])


def message(from_addr="Alice <alice@example.com>", subject="Hello", body="Hello Bob,\r\nsee you soon.\r\n",
            extra=b"") -> bytes:
    return (f"From: {from_addr}\r\nTo: bob@receiver.test\r\nSubject: {subject}\r\n"
            f"Date: Mon, 2 Jun 2025 10:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '.')}@example.com>\r\n"
            ).encode() + extra + b"\r\n" + body.encode()


def dkim_sign(msg: bytes, key, domain=b"example.com", selector=b"sel", canon=(b"relaxed", b"relaxed"), length=False) -> bytes:
    sig = dkim.sign(msg, selector, domain, key.private, canonicalize=canon, signature_algorithm=key.algorithm,
                    length=length, include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    return sig + msg


def check(tmp_path, dns, msg: bytes, ip=None, mail_from="", helo="mail.example.com", extra=()):
    path = tmp_path / "message.eml"
    path.write_bytes(msg)
    cmd = [BIN, "mailauth", "check", str(path), "--data", str(tmp_path / "no-data"), "--server", dns.endpoint,
           "--timeout", "5", "--attempts", "1", "--authserv-id", AUTHSERV, "--helo", helo, "--from", mail_from, "--json",
           *extra]
    if ip:
        cmd += ["--ip", ip]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"{cmd}: {proc.stderr}"
    return json.loads(proc.stdout)


def symbols(report) -> list:
    return [s["name"] for s in report["symbols"]]
