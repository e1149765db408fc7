"""DKIM and disclaimers against dkimpy (the reference Python implementation) and OpenSSL:
messages signed by `postino dkim sign` must verify in dkimpy with the record printed by
`postino dkim show`, before and after `postino message disclaimer`; messages signed by
dkimpy with keys made by OpenSSL / PyNaCl must verify with `postino dkim verify`."""
import base64
import email
import os
import email.policy
import pathlib
import re
import subprocess

import dkim
import nacl.signing
import pytest

from conftest import BIN, SHARED

SAMPLES = SHARED / "data" / "mime-samples"
# Real-world messages read at test time (never copied into the project): LF and CRLF,
# mixed line ends, plain, flowed, Latin-1, multipart/mixed and /alternative.
SAMPLE_FILES = [
    "cpython-test_email/msg_01.txt",
    "cpython-test_email/msg_07.txt",
    "ruby-mail/plain_emails/basic_email.eml",
    "ruby-mail/plain_emails/mix_caps_content_type.eml",
    "ruby-mail/mime_emails/raw_email11.eml",
    "ruby-mail/mime_emails/raw_email12.eml",
    "stalwart-mail-parser/thirdparty/001.eml",
]

OWN_MESSAGES = {
    "plain-crlf": (
        b"From: Alice <alice@example.com>\r\nTo: bob@example.org\r\nSubject: Hello\r\n"
        b"Date: Mon, 2 Jun 2025 10:00:00 +0200\r\nMessage-ID: <1@example.com>\r\n\r\n"
        b"Hello Bob,   \r\n\twith  odd   spacing\t\r\n\r\n\r\n"
    ),
    "plain-lf-folded": (
        b"From: alice@example.com\nTo: bob@example.org,\n  carol@example.org\n"
        b"SUBJECT: a long subject\n\tfolded over two lines\nX-Unsigned: yes\n\nline\n\n\n"
    ),
    "alternative-qp": (
        b"From: alice@example.com\r\nTo: bob@example.org\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"Gr=C3=BC=C3=9Fe aus M=C3=BCnchen\r\n"
        b"--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes("<html><body><p>Grüße aus München</p></body></html>".encode()).replace(b"\n", b"\r\n")
        + b"--b1--\r\n"
    ),
    "mixed-attachment": (
        b"From: alice@example.com\r\nTo: bob@example.org\r\nSubject: report\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nCaf\xe9 ouvert.\r\n--m\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename=data.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"AAECAwQFBgc=\r\n--m--\r\n"
    ),
}

DISCLAIMER = "**Confidential** — intended for the addressee only.\nSee [our terms](https://example.com/terms).\n\n- no forwarding\n- no copying\n"


def zone_records(text: str) -> dict:
    """Zone-file lines (`NAME. IN TXT "…" "…"`) → {name: joined value}."""
    records = {}
    for line in text.strip().splitlines():
        name = line.split()[0].rstrip(".").lower()
        records[name] = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', line))
    return records


def dnsfunc_for(records: dict):
    def dnsfunc(name, timeout=5):
        key = name.decode() if isinstance(name, bytes) else name
        value = records.get(key.rstrip(".").lower())
        return value.encode() if value is not None else None
    return dnsfunc


def dkimpy_verify_all(message: bytes, records: dict) -> list:
    d = dkim.DKIM(message)
    count = len([h for h in d.headers if h[0].lower() == b"dkim-signature"])
    return [d.verify(idx=i, dnsfunc=dnsfunc_for(records)) for i in range(count)]


@pytest.fixture
def keyed(postino):
    """A data directory with example.com and its RSA key; returns the published records."""
    postino.ok("domain", "add", "example.com")
    out = postino.ok("dkim", "generate", "example.com")
    assert "default._domainkey.example.com." in out
    return zone_records(postino.ok("dkim", "show", "example.com"))


def write(tmp_path: pathlib.Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run_bytes(postino, *args) -> subprocess.CompletedProcess:
    """Runs the CLI on raw bytes (the conftest helper works on text)."""
    env = dict(os.environ)
    env.pop("POSTINO_DATA", None)
    return subprocess.run([BIN, *args, "--data", str(postino.data)], capture_output=True, timeout=60, env=env)


def sign(postino, tmp_path, message: bytes, domain="example.com") -> bytes:
    proc = run_bytes(postino, "dkim", "sign", domain, write(tmp_path, "to-sign.eml", message))
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout


def disclaim(postino, tmp_path, message: bytes) -> subprocess.CompletedProcess:
    path = write(tmp_path, "to-disclaim.eml", message)
    md = write(tmp_path, "disclaimer.md", DISCLAIMER.encode())
    return run_bytes(postino, "message", "disclaimer", path, "--markdown-file", md)


def body_texts(message: bytes) -> list:
    """Decoded text/plain and text/html bodies that are not attachments."""
    parsed = email.message_from_bytes(message, policy=email.policy.default)
    return [part.get_content() for part in parsed.walk()
            if part.get_content_type() in ("text/plain", "text/html") and not part.is_attachment()]


# ---------------------------------------------------------------------------------------
# Keys and records


def test_show_prints_one_publishable_record(postino, keyed):
    line = postino.ok("dkim", "show", "example.com").strip()
    assert "\n" not in line
    assert line.startswith('default._domainkey.example.com. IN TXT "v=DKIM1; k=rsa; p=')
    strings = re.findall(r'"([^"]*)"', line)
    assert len(strings) == 2 and all(len(s.encode()) <= 255 for s in strings)
    p = keyed["default._domainkey.example.com"].split("p=")[1]
    # The key is a 2048-bit SubjectPublicKeyInfo, as OpenSSL reads it.
    der = base64.b64decode(p)
    text = subprocess.run(["openssl", "pkey", "-pubin", "-inform", "DER", "-noout", "-text"],
                          input=der, capture_output=True, check=True).stdout.decode()
    assert "Public-Key: (2048 bit)" in text


def test_key_file_is_private_and_readable_by_openssl(postino, keyed):
    key = postino.data / "dkim" / "example.com.default.pem"
    assert key.stat().st_mode & 0o777 == 0o600
    subprocess.run(["openssl", "rsa", "-in", str(key), "-check", "-noout"], capture_output=True, check=True)


def test_generate_refuses_to_overwrite_and_force_replaces(postino, keyed):
    error = postino.fails("dkim", "generate", "example.com")
    assert "already exists" in error and "--force" in error
    assert zone_records(postino.ok("dkim", "show", "example.com")) == keyed
    postino.ok("dkim", "generate", "example.com", "--force")
    assert zone_records(postino.ok("dkim", "show", "example.com")) != keyed


def test_unknown_domain_and_missing_key(postino):
    assert "unknown domain" in postino.fails("dkim", "generate", "nowhere.example")
    postino.ok("domain", "add", "example.net")
    assert "no DKIM key" in postino.fails("dkim", "show", "example.net")


def test_data_directory_from_environment(postino, tmp_path):
    env = {"POSTINO_DATA": str(tmp_path / "envdata")}
    postino.run("domain", "add", "example.org", env=env)
    postino.run("dkim", "generate", "example.org", env=env)
    assert (tmp_path / "envdata" / "dkim" / "example.org.default.pem").exists()


# ---------------------------------------------------------------------------------------
# postino signs, dkimpy verifies


@pytest.mark.parametrize("name", sorted(OWN_MESSAGES))
def test_dkimpy_verifies_our_signature(postino, keyed, tmp_path, name):
    signed = sign(postino, tmp_path, OWN_MESSAGES[name])
    assert signed.startswith(b"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;")
    assert dkimpy_verify_all(signed, keyed) == [True]
    # Tampering is detected by dkimpy as well.
    tampered = signed.replace(b"bob@example.org", b"eve@example.org", 1)
    assert dkimpy_verify_all(tampered, keyed) == [False]


@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_dkimpy_verifies_our_signature_on_real_messages(postino, keyed, tmp_path, sample):
    message = (SAMPLES / sample).read_bytes()
    signed = sign(postino, tmp_path, message)
    assert signed.endswith(message)
    assert dkimpy_verify_all(signed, keyed) == [True]


def test_ed25519_second_signature(postino, tmp_path):
    postino.ok("domain", "add", "example.com")
    postino.ok("dkim", "generate", "example.com", "--ed25519")
    records = zone_records(postino.ok("dkim", "show", "example.com"))
    assert set(records) == {"default._domainkey.example.com", "ed25519._domainkey.example.com"}
    assert records["ed25519._domainkey.example.com"].startswith("v=DKIM1; k=ed25519; p=")
    # The PKCS#8 key file is what OpenSSL writes for Ed25519, and its public half is p=.
    der = subprocess.run(["openssl", "pkey", "-in", str(postino.data / "dkim" / "example.com.ed25519.pem"),
                          "-pubout", "-outform", "DER"], capture_output=True, check=True).stdout
    assert base64.b64encode(der[-32:]).decode() == records["ed25519._domainkey.example.com"].split("p=")[1]
    signed = sign(postino, tmp_path, OWN_MESSAGES["plain-crlf"])
    assert dkimpy_verify_all(signed, records) == [True, True]
    # Each signature stands alone: without the RSA record, the Ed25519 one still verifies.
    only_ed = {k: v for k, v in records.items() if k.startswith("ed25519.")}
    assert dkimpy_verify_all(signed, only_ed) == [False, True]


# ---------------------------------------------------------------------------------------
# Disclaimers, then signatures


@pytest.mark.parametrize("name", sorted(OWN_MESSAGES))
def test_disclaimer_then_sign_verifies(postino, keyed, tmp_path, name):
    proc = disclaim(postino, tmp_path, OWN_MESSAGES[name])
    assert proc.returncode == 0, proc.stderr.decode()
    with_disclaimer = proc.stdout
    texts = body_texts(with_disclaimer)
    assert texts and all("intended for the addressee only" in t for t in texts)
    for part in email.message_from_bytes(with_disclaimer, policy=email.policy.default).walk():
        if part.get_content_type() == "text/html":
            assert '<a href="https://example.com/terms">our terms</a>' in part.get_content()
        if part.get_content_type() == "text/plain":
            assert "- no forwarding\n" in part.get_content().replace("\r\n", "\n")
    signed = sign(postino, tmp_path, with_disclaimer)
    assert dkimpy_verify_all(signed, keyed) == [True]


def test_disclaimer_keeps_attachment_bytes(postino, tmp_path):
    message = OWN_MESSAGES["mixed-attachment"]
    out = disclaim(postino, tmp_path, message).stdout
    attachment = message[message.index(b"--m\r\nContent-Type: application/octet-stream"):]
    assert out.endswith(attachment)
    body = email.message_from_bytes(out, policy=email.policy.default).get_body(("plain",))
    # Latin-1 body, non-Latin-1 disclaimer (the dash): converted to UTF-8.
    assert body.get_content_charset() == "utf-8"
    assert body.get_content().startswith("Café ouvert.")


@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_disclaimer_then_sign_real_messages(postino, keyed, tmp_path, sample):
    message = (SAMPLES / sample).read_bytes()
    proc = disclaim(postino, tmp_path, message)
    assert proc.returncode in (0, 2), proc.stderr.decode()
    if proc.returncode == 2:
        assert proc.stdout == b"" and len(proc.stderr.decode().strip().splitlines()) == 1
        pytest.skip(proc.stderr.decode().strip())
    assert any("intended for the addressee only" in t for t in body_texts(proc.stdout))
    signed = sign(postino, tmp_path, proc.stdout)
    assert dkimpy_verify_all(signed, keyed) == [True]


def test_signed_message_refuses_a_disclaimer(postino, keyed, tmp_path):
    signed = sign(postino, tmp_path, OWN_MESSAGES["plain-crlf"])
    proc = disclaim(postino, tmp_path, signed)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().strip() == "postino: message left unchanged: the message already has a DKIM signature"


def test_smime_and_pgp_messages_are_left_alone(postino, tmp_path):
    signed = (SAMPLES / "ruby-mail/mime_emails/sig_only_email.eml").read_bytes()
    proc = disclaim(postino, tmp_path, signed)
    assert proc.returncode == 2 and b"signed (multipart/signed)" in proc.stderr
    pgp = b"From: a@example.com\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA...\r\n-----END PGP MESSAGE-----\r\n"
    proc = disclaim(postino, tmp_path, pgp)
    assert proc.returncode == 2 and b"inline PGP" in proc.stderr


# ---------------------------------------------------------------------------------------
# dkimpy signs, postino verifies


def openssl_rsa_key(tmp_path, bits: int):
    key = tmp_path / f"rsa{bits}.pem"
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", str(key), str(bits)], capture_output=True, check=True)
    der = subprocess.run(["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
                         capture_output=True, check=True).stdout
    return key.read_bytes(), base64.b64encode(der).decode()


def verify(postino, tmp_path, message: bytes, txt: str) -> subprocess.CompletedProcess:
    path = write(tmp_path, "to-verify.eml", message)
    txt_path = write(tmp_path, "keys.txt", txt.encode())
    return subprocess.run([BIN, "dkim", "verify", path, "--txt-file", txt_path], capture_output=True, timeout=60)


@pytest.mark.parametrize("bits", [1024, 2048])
@pytest.mark.parametrize("canon", [(b"relaxed", b"relaxed"), (b"simple", b"simple"), (b"relaxed", b"simple")])
def test_postino_verifies_dkimpy_rsa(postino, tmp_path, bits, canon):
    private, p = openssl_rsa_key(tmp_path, bits)
    message = OWN_MESSAGES["alternative-qp"]
    header = dkim.sign(message, b"sel", b"example.org", private, canonicalize=canon,
                       include_headers=[b"from", b"to", b"subject", b"mime-version", b"content-type"])
    signed = header + message
    zone = f'sel._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; p={p}"\n'
    proc = verify(postino, tmp_path, signed, zone)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().startswith("dkim=pass header.d=example.org header.i=@example.org header.s=sel header.a=rsa-sha256")

    altered = signed.replace(b"M=C3=BCnchen", b"Berlin")
    proc = verify(postino, tmp_path, altered, zone)
    assert proc.returncode == 2
    assert proc.stdout.decode().startswith('dkim=fail reason="body hash did not verify"')
    assert proc.stderr.decode().strip().splitlines() == ["postino: DKIM verification failed (fail: body hash did not verify)"]

    proc = verify(postino, tmp_path, signed.replace(b"Subject: =?utf-8?q?", b"Subject: =?UTF-8?q?"), zone)
    assert proc.returncode == 2 and b"signature did not verify" in proc.stdout


def test_postino_verifies_dkimpy_ed25519_and_length(postino, tmp_path):
    key = nacl.signing.SigningKey.generate()
    private = base64.b64encode(bytes(key))
    public = base64.b64encode(bytes(key.verify_key)).decode()
    message = OWN_MESSAGES["plain-lf-folded"]
    header = dkim.sign(message, b"ed", b"example.org", private, signature_algorithm=b"ed25519-sha256",
                       canonicalize=(b"relaxed", b"relaxed"), length=True)
    signed = header + message
    proc = verify(postino, tmp_path, signed, f"v=DKIM1; k=ed25519; p={public}\n")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().startswith("dkim=pass header.d=example.org")
    # l= lets text be appended: still a pass, with the unsigned part reported.
    proc = verify(postino, tmp_path, signed + b"appended\n", f"v=DKIM1; k=ed25519; p={public}\n")
    assert proc.returncode == 0 and b"unsigned" in proc.stdout


def test_postino_verify_failures(postino, tmp_path):
    unsigned = OWN_MESSAGES["plain-crlf"]
    proc = verify(postino, tmp_path, unsigned, "v=DKIM1; p=\n")
    assert proc.returncode == 2 and proc.stdout == b"dkim=none\n"
    assert proc.stderr.decode().strip() == "postino: DKIM verification failed (no DKIM signature)"

    malformed = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; h=to; bh=AAAA; b=AAAA\r\n" + unsigned
    proc = verify(postino, tmp_path, malformed, "v=DKIM1; p=\n")
    assert proc.returncode == 2 and proc.stdout.startswith(b"dkim=permerror")

    # No --txt-file: one line on stderr, non-zero exit.
    assert "--txt-file" in postino.fails("dkim", "verify", write(tmp_path, "m.eml", unsigned))
