"""`postino serve`: first start on an empty data directory, restart, graceful stop."""
import re
import signal
import ssl
import subprocess

from conftest import BIN, wait_for_output


def start(data, *args):
    return subprocess.Popen(
        [BIN, "serve", "--data", str(data), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, out, err


def test_first_start_creates_layout_admin_certificate_and_prints_next_steps(tmp_path):
    data = tmp_path / "data"
    proc = start(data, "--listen", "admin=off")
    try:
        banner = wait_for_output(proc, "Stop with Ctrl-C")
    finally:
        code, _, err = stop(proc)
    assert code == 0, err
    for sub in ["spool", "mail", "mail/public", "sieve", "tls", "dkim", "log"]:
        assert (data / sub).is_dir(), sub
    assert (data / "postino.sqlite").is_file()
    # The administrator's password is printed once, with the next steps.
    m = re.search(r"password: (\S+)", banner)
    assert m and len(m.group(1)) >= 16, banner
    assert "Next steps" in banner and " domain add example.com " in banner and " user add john " in banner
    assert not re.search(r"^  admin\s", banner, re.M)  # --listen admin=off
    # The self-signed certificate is real PEM that Python's ssl accepts as a trust anchor.
    cert = (data / "tls" / "cert.pem").read_text()
    assert "BEGIN CERTIFICATE" in cert
    ctx = ssl.create_default_context(cafile=str(data / "tls" / "cert.pem"))
    assert ctx.cert_store_stats()["x509"] == 1
    assert (data / "tls" / "key.pem").stat().st_mode & 0o077 == 0
    maillog = (data / "log" / "maillog").read_text()
    assert "postino/master[" in maillog and "daemon started" in maillog and "daemon stopped" in maillog


def test_second_start_keeps_admin_and_certificate(tmp_path):
    data = tmp_path / "data"
    first = start(data)
    wait_for_output(first, "Stop with Ctrl-C")
    stop(first)
    cert_before = (data / "tls" / "cert.pem").read_text()
    second = start(data)
    try:
        banner = wait_for_output(second, "Stop with Ctrl-C")
    finally:
        code, _, _ = stop(second)
    assert code == 0
    assert "password:" not in banner
    assert (data / "tls" / "cert.pem").read_text() == cert_before


def test_listen_overrides_are_printed_and_bad_ones_refused(tmp_path):
    data = tmp_path / "data"
    proc = start(data, "--listen", "smtp=127.0.0.1:12525", "--listen", "imap=off")
    try:
        banner = wait_for_output(proc, "Stop with Ctrl-C")
    finally:
        stop(proc)
    assert re.search(r"^  smtp\s+127\.0\.0\.1:12525\b", banner, re.M), banner
    assert not re.search(r"^  imap\s", banner, re.M)
    bad = subprocess.run([BIN, "serve", "--data", str(data), "--listen", "gopher=70"],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode != 0
    assert bad.stderr.strip().count("\n") == 0 and "unknown service" in bad.stderr


def test_data_directory_from_environment(tmp_path):
    data = tmp_path / "envdata"
    proc = subprocess.Popen([BIN, "serve"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={"POSTINO_DATA": str(data), "PATH": "/usr/bin:/bin"}, cwd=tmp_path)
    try:
        wait_for_output(proc, "Stop with Ctrl-C")
    finally:
        stop(proc)
    assert (data / "postino.sqlite").is_file()
    assert not (tmp_path / "postino-data").exists()
