"""Issue 22, day one: a first run whose printed steps work as printed, `postino check`
for DNS and TLS against the test DNS server, settings that apply live, and the CLI's
first-day errors. Everything runs the real binary against real peers on loopback."""
import os
import pathlib
import re
import shlex
import signal
import socket
import subprocess
import time

import pytest

from conftest import BIN, REPO, Postino, wait_for_output
from dnsserver import dns_server  # noqa: F401 (fixture)
from mailserver import ALL_SERVICES, MailServer

HOST = "mail.example.test"
PUBLIC_IP = "192.0.2.7"


def listen_overrides(wanted=("smtp", "submission", "imap", "imaps", "smtps", "pop3")):
    """The test's --listen overrides: wanted services on free loopback ports, others off."""
    args = []
    for name in ALL_SERVICES:
        args += ["--listen", f"{name}=127.0.0.1:0" if name in wanted else f"{name}=off"]
    return args


def start_serve(cmd, cwd, env=None):
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, wait_for_output(proc, "Stop with Ctrl-C", timeout=60)


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def banner_commands(banner: str) -> list:
    """The commands of the banner's next steps, as printed."""
    commands = []
    for line in banner.splitlines():
        m = re.match(r"^\s+\d\. [^:]+:\s+(.+)$", line) or re.match(r"^\s+(?:Settings|Before real mail): (.+?)(?:\s{3}\(.*)?$", line)
        if m and "--data" in m.group(1):
            commands.append(m.group(1))
    return commands


def wait_for_files(directory: pathlib.Path, count=1, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        files = sorted(directory.glob("*")) if directory.is_dir() else []
        if len(files) >= count:
            return files
        time.sleep(0.05)
    raise AssertionError(f"no message in {directory} after {timeout} s")


def refuses(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) != 0


def wait_until(predicate, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


# -- the first run ---------------------------------------------------------------------

def test_fresh_data_directory_banner_commands_work_as_printed(tmp_path):
    data = tmp_path / "fresh"
    env = dict(os.environ)
    env["PATH"] = "/usr/bin:/bin"  # the binary's directory is not on it
    proc, banner = start_serve([BIN, "serve", "--data", str(data), *listen_overrides()], tmp_path, env)
    try:
        binary = os.path.realpath(BIN)
        hostname = re.search(r"^Postino \S+ on (\S+),", banner, re.M).group(1)
        assert ("WARNING: server.hostname" in banner) == ("." not in hostname), banner
        commands = banner_commands(banner)
        assert len(commands) == 6, banner
        for command in commands:
            # Not on the PATH: the banner names the binary by its full path.
            assert binary in command and " postino " not in f" {command}", command
            proc_cmd = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=60)
            if " check " in command:
                # A fresh install has a self-signed certificate and no DNS: findings, exit 1.
                assert proc_cmd.returncode == 1 and "FAIL" in proc_cmd.stdout, proc_cmd
                assert "tls" in proc_cmd.stdout and "self-signed" in proc_cmd.stdout
                continue
            assert proc_cmd.returncode == 0, (command, proc_cmd.stderr)
            if " resolve " in command:
                assert "john" in proc_cmd.stdout
            if " send-test " in command:
                assert "queued test message" in proc_cmd.stdout
                # The running server is woken: delivered at once, not at its 30 s sweep.
                started = time.time()
                files = wait_for_files(data / "mail" / "john" / "Maildir" / "new", timeout=8)
                assert time.time() - started < 8
                raw = files[0].read_bytes()
                assert b"Subject: Postino test message from" in raw and b"To: john@example.com" in raw
        pw = re.search(r"password: (\S+)", banner).group(1)
        # The password change the banner suggests works as printed too.
        line = re.search(r"\(change it with: (.+)\)", banner).group(1)
        assert subprocess.run(["bash", "-c", line], input=pw + "x\n", text=True, env=env, timeout=60).returncode == 0
    finally:
        stop(proc)


def test_send_test_without_a_server_waits_in_the_spool(tmp_path):
    postino = Postino(tmp_path / "data")
    postino.ok("domain", "add", "example.com")
    postino.ok("user", "add", "john", "--password-stdin", stdin="a-good-password\n")
    out = postino.ok("send-test", "postmaster@example.com", "john@example.com")
    assert "not running" in out
    assert len(list((tmp_path / "data" / "spool" / "active").glob("*.msg"))) == 1
    assert "no such recipient" in postino.fails("send-test", "postmaster@example.com", "nobody@example.com")
    server = MailServer(tmp_path, services=("smtp",))
    server.start()
    try:
        server.wait_for_messages("john", 1, timeout=10)
    finally:
        server.stop()


def test_data_option_before_the_subcommand(tmp_path):
    data = tmp_path / "d"
    env = {k: v for k, v in os.environ.items() if k != "POSTINO_DATA"}
    run = lambda *a: subprocess.run([BIN, *a], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert run("--data", str(data), "domain", "add", "before.example").returncode == 0
    listed = run(f"--data={data}", "domain", "list")
    assert "before.example" in listed.stdout, listed
    assert run("--data", str(data), "settings", "list").returncode == 0
    assert not (tmp_path / "postino-data").exists()


# -- postino check ---------------------------------------------------------------------

def make_ca_signed_certificate(directory: pathlib.Path, hostname: str, days: int = 90):
    """A CA and a certificate it signed for `hostname`: not self-signed, valid `days` days."""
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "365", "-subj", "/CN=Test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "req.csr", "-subj", f"/CN={hostname}")
    (directory / "san.ext").write_text(f"subjectAltName=DNS:{hostname}\n")
    openssl("x509", "-req", "-in", "req.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "cert.pem", "-days", str(days), "-extfile", "san.ext")
    return directory / "cert.pem", directory / "key.pem"


def zone(dkim_line: str, mx=HOST, dmarc=True):
    records = [
        f"example.test. MX 10 {mx}.",
        f"{HOST}. A {PUBLIC_IP}",
        f"7.2.0.192.in-addr.arpa. PTR {HOST}.",
        'example.test. TXT "v=spf1 mx -all"',
        dkim_line,
        '_smtp._tls.example.test. TXT "v=TLSRPTv1; rua=mailto:postmaster@example.test"',
    ]
    if dmarc:
        records.append('_dmarc.example.test. TXT "v=DMARC1; p=quarantine"')
    return records


def test_check_against_a_correct_and_a_broken_zone(tmp_path, dns_server):  # noqa: F811
    certs = tmp_path / "certs"
    certs.mkdir()
    cert, key = make_ca_signed_certificate(certs, HOST)
    server = MailServer(tmp_path, services=("smtp", "imap"))
    cli = server.cli
    cli.ok("settings", "set", "server.hostname", HOST)
    cli.ok("settings", "set", "tls.certificate", str(cert))
    cli.ok("settings", "set", "tls.key", str(key))
    cli.ok("domain", "add", "example.test")
    generated = cli.ok("dkim", "generate", "example.test")
    assert "Signing stays off until you publish the record and run: postino domain set example.test --dkim on" in generated
    cli.ok("domain", "set", "example.test", "--dkim", "on")
    dkim_line = cli.ok("dkim", "show", "example.test").strip()
    server.start()
    try:
        good = dns_server(zone(dkim_line))
        cli.ok("settings", "set", "dns.nameserver", good.endpoint)
        ok = cli.run("check", "--public-ip", PUBLIC_IP, check=False)
        assert ok.returncode == 0, ok.stdout + ok.stderr
        out = ok.stdout
        for expected in [f"MX of example.test is {HOST}", f"PTR of {PUBLIC_IP} is {HOST}", "DKIM default._domainkey.example.test matches",
                         "DMARC of example.test: v=DMARC1", f"certificate for {HOST} valid until", "smtp listening on 127.0.0.1:",
                         "TLS-RPT of example.test is published", "MTA-STS of example.test is not published (optional)", "all is well"]:
            assert expected in out, out
        assert all(line.split()[0] in ("ok", "opt", "WARN") for line in out.splitlines()[:-1]), out

        # The broken zone: MX elsewhere, the DKIM key of another server, no DMARC.
        other_key = dkim_line.replace("p=", "p=AAAA", 1)
        broken = dns_server(zone(other_key, mx="mx.elsewhere.example", dmarc=False))
        cli.ok("settings", "set", "dns.nameserver", broken.endpoint)
        bad = cli.run("check", "example.test", "--public-ip", PUBLIC_IP, check=False)
        assert bad.returncode == 1, bad.stdout
        fails = [line for line in bad.stdout.splitlines() if line.startswith("FAIL")]
        assert len(fails) == 3, bad.stdout
        assert any(f"MX of example.test is mx.elsewhere.example, not {HOST}" in line
                   and f"fix: publish example.test. IN MX 10 {HOST}." in line for line in fails), fails
        assert any("does not match the key in the data directory" in line and "fix: publish default._domainkey" in line for line in fails)
        assert any("no DMARC record" in line and '_dmarc.example.test. IN TXT "v=DMARC1' in line for line in fails)
        assert bad.stdout.strip().endswith("3 problems to fix")
        as_json = cli.run("check", "example.test", "--public-ip", PUBLIC_IP, "--json", check=False)
        assert as_json.returncode == 1
        import json
        assert [f["area"] for f in json.loads(as_json.stdout) if f["level"] == "fail"] == ["dns", "dns", "dns"]

        # A resolver that never answers costs the 5 s budget once, and the fixes are the records.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
            silent.bind(("127.0.0.1", 0))
            cli.ok("settings", "set", "dns.nameserver", f"127.0.0.1:{silent.getsockname()[1]}")
            started = time.time()
            dead = cli.run("check", "--public-ip", PUBLIC_IP, check=False)
            elapsed = time.time() - started
        assert dead.returncode == 1
        assert elapsed < 8, elapsed
        assert f"MX of example.test: cannot check" in dead.stdout and f"fix: publish example.test. IN MX 10 {HOST}." in dead.stdout
    finally:
        server.stop()
    # Without a running server: the listeners are the finding.
    stopped = cli.run("check", "--public-ip", PUBLIC_IP, check=False)
    assert stopped.returncode == 1 and re.search(r"^FAIL\s+listeners\s+smtp does not accept connections", stopped.stdout, re.M)


def test_check_reports_a_certificate_near_expiry_or_for_another_host(tmp_path):
    """The TLS findings beside "self-signed": a certificate with fewer than 30 days left,
    and one that does not name server.hostname (each alone, so one cannot hide the other)."""
    import json
    postino = Postino(tmp_path / "data")
    postino.ok("settings", "set", "server.hostname", HOST)
    postino.ok("settings", "set", "dns.nameserver", "127.0.0.1:9")
    postino.ok("domain", "add", "example.test")

    def tls_findings(name, hostname, days):
        directory = tmp_path / name
        directory.mkdir()
        cert, key = make_ca_signed_certificate(directory, hostname, days=days)
        postino.ok("settings", "set", "tls.certificate", str(cert))
        postino.ok("settings", "set", "tls.key", str(key))
        done = postino.run("check", "--public-ip", PUBLIC_IP, "--json", check=False)
        assert done.returncode == 1, done.stdout + done.stderr  # no DNS, no listeners: findings anyway
        return [f for f in json.loads(done.stdout) if f["area"] == "tls"]

    # 30 days from now is "within 30 days" (29 full days left); the name is right.
    [soon] = tls_findings("soon", HOST, 30)
    assert soon["level"] == "fail", soon
    assert re.fullmatch(r"the certificate expires in 29 days \(\d{4}-\d\d-\d\d\)", soon["message"]), soon
    assert soon["fix"] == "renew it"

    # 31 days left is not reported; the name is another host's.
    [other] = tls_findings("other", "other.example.test", 31)
    assert other["level"] == "fail", other
    assert other["message"] == f"the certificate is not valid for {HOST} (it names other.example.test)", other
    assert HOST in other["fix"] and "tls.certificate" in other["fix"]

    # The text form says the same, one line each.
    text = postino.run("check", "--public-ip", PUBLIC_IP, check=False).stdout
    assert re.search(rf"^FAIL\s+tls\s+the certificate is not valid for {re.escape(HOST)} \(it names other.example.test\) — fix: ",
                     text, re.M), text


# -- settings that apply live ----------------------------------------------------------

def test_settings_apply_live_or_say_a_restart_is_needed(tmp_path):
    server = MailServer(tmp_path, services=("smtp", "pop3"))
    cli = server.cli
    cli.ok("domain", "add", "example.com")
    cli.ok("user", "add", "john", "--password-stdin", "--quota", "100M", stdin="a-good-password\n")
    server.start()
    try:
        port = server.port("pop3")
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            assert s.recv(100).startswith(b"+OK")
        assert "restart" not in cli.ok("settings", "set", "pop3.enabled", "off")
        assert wait_until(lambda: refuses(port), timeout=5), "pop3 still accepts after pop3.enabled off"
        cli.ok("settings", "set", "pop3.enabled", "on")
        assert wait_until(lambda: not refuses(port), timeout=5), "pop3 does not come back after pop3.enabled on"
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            assert s.recv(100).startswith(b"+OK")
        assert "pop3: closed" in server.maillog() and "listening on" in server.maillog()

        # Quota usage in the quota's units.
        import smtplib
        body = ("x" * 76 + "\r\n") * 6600
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as smtp:
            smtp.sendmail("someone@remote.example", ["john@example.com"],
                          f"From: someone@remote.example\r\nTo: john@example.com\r\nSubject: big\r\n\r\n{body}")
        server.wait_for_messages("john", 1)
        assert wait_until(lambda: re.search(r"\b5\d\dK / 100M \(0%\)", cli.ok("user", "list")), timeout=10), cli.ok("user", "list")
        assert next(u for u in cli.json("user", "list") if u["name"] == "john")["quota_used"] > 500_000

        # A setting read at start: said so, and the next start logs it as applied.
        said = cli.ok("settings", "set", "dns.nameserver", "127.0.0.1:10")
        assert "restart" in said and "next start" in said
    finally:
        server.stop()
    server.start()
    try:
        assert wait_until(lambda: "applied pending setting dns.nameserver = 127.0.0.1:10 (was 127.0.0.1:9)" in server.maillog())
    finally:
        server.stop()


# -- the CLI's first-day errors --------------------------------------------------------

def test_cli_errors_of_the_first_day(postino):
    assert "expected true, false, on or off" in postino.fails("settings", "set", "pop3.enabled", "yes")
    assert postino.ok("settings", "set", "pop3.enabled", "ON").strip() == "pop3.enabled = true"
    assert "closest: pop3.enabled" in postino.fails("settings", "set", "pop3.enable", "on")
    assert "closest: smtp.max_message_size" in postino.fails("settings", "get", "max_message_size")

    assert "--allow-single-label" in postino.fails("domain", "add", "example")
    postino.ok("domain", "add", "example", "--allow-single-label")
    postino.ok("domain", "add", "example.com")
    postino.ok("address", "add", "info@example.com", "--to", "someone@elsewhere.example")
    postino.ok("address", "add", "sales@example.com", "--to", "someone@elsewhere.example")
    refusal = postino.fails("domain", "remove", "example.com")
    assert "info@example.com" in refusal and "sales@example.com" in refusal and "--force" in refusal
    postino.ok("domain", "remove", "example.com", "--force")
    assert not [a for a in postino.json("address", "list") if a["domain"] == "example.com"]

    postino.ok("domain", "add", "relay.example", "--relay-to", "mx.backend.example:2525", "--relay-tls", "starttls")
    row = next(d for d in postino.json("domain", "list") if d["name"] == "relay.example")
    assert (row["relay_host"], row["relay_port"], row["relay_tls"]) == ("mx.backend.example", 2525, "starttls")
    postino.ok("domain", "set", "relay.example", "--relay-tls", "none")
    assert next(d for d in postino.json("domain", "list") if d["name"] == "relay.example")["relay_tls"] == "none"
    assert "relay tls none" in postino.ok("domain", "list") or "tls none" in postino.ok("domain", "list")
    assert "expected one of none, may, starttls, implicit" in postino.fails("domain", "set", "relay.example", "--relay-tls", "maybe")
    postino.ok("domain", "add", "default.example", "--relay-to", "mx.backend.example")
    assert next(d for d in postino.json("domain", "list") if d["name"] == "default.example")["relay_tls"] == "may"

    postino.ok("group", "add", "team")
    assert re.search(r"^team\s+off \(groups.addresses is false\)", postino.ok("group", "list"), re.M)
    postino.ok("settings", "set", "groups.addresses", "on")
    assert re.search(r"^team\s+on\s", postino.ok("group", "list"), re.M)


def test_relay_tls_is_used_for_outbound_delivery(tmp_path):
    """--relay-tls implicit: the relay host is spoken to over TLS from the first byte, so a
    plain SMTP sink sees a TLS ClientHello instead of EHLO."""
    sink = socket.socket()
    sink.bind(("127.0.0.1", 0))
    sink.listen(1)
    server = MailServer(tmp_path, services=("smtp",))
    server.cli.ok("domain", "add", "relay.example", "--relay-to", f"127.0.0.1:{sink.getsockname()[1]}", "--relay-tls", "implicit")
    server.start()
    try:
        import smtplib
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as smtp:
            smtp.sendmail("a@remote.example", ["x@relay.example"], b"Subject: r\r\n\r\nhi\r\n")
        sink.settimeout(20)
        conn, _ = sink.accept()
        with conn:
            conn.settimeout(10)
            first = conn.recv(5)
        assert first[:1] == b"\x16", first  # a TLS handshake record, not waiting for our 220
    finally:
        sink.close()
        server.stop()


# -- the README's quick start ----------------------------------------------------------

def test_readme_quick_start_runs_as_written(tmp_path):
    readme = (REPO / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    commands = [c for c in commands if c and c != "scripts/test"]
    assert commands[0].startswith("scripts/install") and commands[-1].startswith("postino serve"), commands
    bindir = tmp_path / "bin"
    env = dict(os.environ, PATH=f"{bindir}:/usr/bin:/bin", POSTINO_INSTALL_BINARY=BIN, POSTINO_INSTALL_DIR=str(bindir))
    env.pop("POSTINO_DATA", None)
    for command in commands[:-1]:
        done = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert f"installed {bindir}/postino" in done.stdout
    proc, banner = start_serve([*shlex.split(commands[-1]), *listen_overrides()], tmp_path, env)
    try:
        assert (tmp_path / "postino-data" / "postino.sqlite").exists()
        # Installed on the PATH: the banner's commands say plain `postino`.
        commands = banner_commands(banner)
        assert commands and all(c.startswith("postino ") or c.startswith("echo ") for c in commands), banner
        done = subprocess.run(["bash", "-c", commands[0]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "added domain example.com" in done.stdout, done
    finally:
        stop(proc)


def test_readme_send_test_command_runs_as_printed(tmp_path):
    """The quick-start paragraph's test message: its `postino send-test …` command taken
    from the README and run as printed (in the directory whose ./postino-data serve uses),
    the message in the recipient's INBOX and its story traced by the printed queue ID."""
    readme = (REPO / "README.md").read_text()
    paragraph = re.search(r"^Quick start:.*?(?:\n\n|\Z)", readme, re.S | re.M).group(0)
    command = re.search(r"`(postino send-test [^`]+)`", paragraph).group(1)
    args = shlex.split(command)
    recipient = next(a for a in args[2:] if "@" in a and a != args[2])
    user, domain = recipient.split("@")
    work = tmp_path / "work"
    bindir = tmp_path / "bin"
    work.mkdir()
    bindir.mkdir()
    (bindir / "postino").symlink_to(os.path.realpath(BIN))
    env = dict(os.environ, PATH=f"{bindir}:/usr/bin:/bin")
    env.pop("POSTINO_DATA", None)
    data = work / "postino-data"
    # What the paragraph does on the web pages before: the domain and the user.
    setup = Postino(data)
    setup.ok("settings", "set", "dns.nameserver", "127.0.0.1:9")
    setup.ok("domain", "add", domain)
    setup.ok("user", "add", user, "--password-stdin", stdin="a-good-password\n")
    proc, _ = start_serve([BIN, "serve", "--data", str(data), *listen_overrides(("smtp",))], work, env)
    try:
        done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        qid = re.search(r"queued test message (\w+)", done.stdout).group(1)
        [delivered] = wait_for_files(data / "mail" / user / "Maildir" / "new", timeout=10)
        raw = delivered.read_bytes()
        assert b"Subject: Postino test message from" in raw and f"To: {recipient}".encode() in raw, raw[:400]
        trace = ["bash", "-c", f"postino log trace {qid} --data ./postino-data --json"]

        def delivered_in_trace():
            got = subprocess.run(trace, cwd=work, env=env, capture_output=True, text=True, timeout=60)
            if got.returncode != 0:
                return False
            import json
            [timeline] = json.loads(got.stdout)
            return timeline["qid"] == qid and any(e["text"].startswith(f"to=<{recipient}>") and "status=sent" in e["text"]
                                                  for e in timeline["events"])
        assert wait_until(delivered_in_trace, timeout=10), "the test message's delivery is not in its trace"
    finally:
        stop(proc)


def test_stored_mail_survives_domain_remove_force(tmp_path):
    """`domain remove --force` takes the domain and its addresses; mail delivered before
    stays in the user's Maildir and is still read over IMAP. New mail to it is refused."""
    import imaplib
    import smtplib
    from mailserver import client_tls_context
    server = MailServer(tmp_path, services=("smtp", "imap"))
    cli = server.cli
    cli.ok("domain", "add", "example.com")
    cli.ok("user", "add", "john", "--password-stdin", stdin="a-good-password\n")
    cli.ok("address", "add", "info@example.com", "--to", "john@example.com")
    server.start()
    try:
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            for to, subject in (("john@example.com", "kept 1"), ("info@example.com", "kept 2")):
                s.sendmail("someone@remote.example", [to], f"From: someone@remote.example\r\nTo: {to}\r\n"
                           f"Subject: {subject}\r\n\r\nstored before the domain went\r\n".encode())
        before = {p.name: p.read_bytes() for p in server.wait_for_messages("john", 2)}
        assert len(before) == 2

        assert "info@example.com" in cli.fails("domain", "remove", "example.com")
        assert "stored mail is kept" in cli.ok("domain", "remove", "example.com", "--force")
        assert not [d for d in cli.json("domain", "list") if d["name"] == "example.com"]
        assert not [a for a in cli.json("address", "list") if a["domain"] == "example.com"]

        assert {p.name: p.read_bytes() for p in server.messages("john")} == before
        m = imaplib.IMAP4("127.0.0.1", server.port("imap"))
        m.starttls(client_tls_context())
        m.login("john", "a-good-password")
        typ, data = m.select("INBOX", readonly=True)
        assert typ == "OK" and int(data[0]) == 2
        typ, data = m.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        subjects = sorted(item[1].decode().strip() for item in data if isinstance(item, tuple))
        assert subjects == ["Subject: kept 1", "Subject: kept 2"], subjects
        m.logout()

        # The domain is gone for new mail.
        with smtplib.SMTP("127.0.0.1", server.port("smtp"), timeout=30) as s:
            s.ehlo("client.remote.example")
            s.mail("someone@remote.example")
            code, _ = s.rcpt("john@example.com")
        assert 500 <= code < 600, code
    finally:
        server.stop()
