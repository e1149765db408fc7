"""A real DNS server for the interop tests: Debian's `unbound`, serving records given by
the test as data, on 127.0.0.1 and a free high port, with no network access.

Usage, as a context manager:

    from dnsserver import start_dns_server, txt_record

    def test_delivery(tmp_path, postino):
        records = [
            "example.test. MX 10 mx1.example.test.",
            "example.test. MX 20 mx2.example.test.",
            "mx1.example.test. A 127.0.0.2",
            "mx2.example.test. A 127.0.0.3",
            txt_record("sel._domainkey.example.test.", "v=DKIM1; k=rsa; p=" + key_base64),
        ]
        with start_dns_server(tmp_path, records) as dns:
            postino.ok("settings", "set", "dns.nameserver", dns.endpoint)  # "127.0.0.1:PORT"
            ...

or as the pytest fixture `dns_server`, a factory whose servers stop after the test
(import it into the test module: `from dnsserver import dns_server`):

    def test_lookup(dns_server):
        dns = dns_server(["mx1.example.test. A 127.0.0.2"])
        subprocess.run([..., "--server", dns.endpoint])

Records are zone-file lines, `OWNER [TTL] [IN] TYPE RDATA` (unbound's `local-data`
syntax; TTL 3600 by default; any type, including TLSA and `TYPEnnn \\# ...`). A TXT
character-string longer than 255 bytes is split into several strings (what DKIM keys
need); `txt_record(name, text)` builds such a line from plain text.

What the server answers:
- records of the asked type at a name → NOERROR with those records (CNAME records are
  returned as they are: unbound does not follow them, so the client must ask again);
- a name that has records of other types → NOERROR without answers ("no data");
- any other name → NXDOMAIN. Nothing is forwarded or resolved on the internet.
- For each zone (by default the last two labels of every owner outside .arpa, e.g.
  `example.test`; pass `zones=[...]` to choose), an SOA record with a negative TTL of
  60 s is added unless the records contain one, so negative answers carry an SOA.
- UDP answers larger than the client's EDNS0 size (or 512 bytes without EDNS0) come back
  truncated (TC); the same port serves TCP.

`DNSServer` has `.host` ("127.0.0.1"), `.port`, `.endpoint` ("127.0.0.1:PORT"), `.proc`,
`.log_path` (unbound's log, shown when start-up fails) and `.stop()`. With `ipv6=True` it
also listens on ::1 (`.endpoint6` is "[::1]:PORT"; `ipv6_loopback_available()` tells
whether the machine has ::1). Start-up takes a few tens of milliseconds.
"""
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time

import pytest

UNBOUND = shutil.which("unbound") or "/usr/sbin/unbound"
DEFAULT_NEGATIVE_TTL = 60

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def txt_record(name: str, text: str, ttl: int = 3600) -> str:
    """A TXT record line for `text`, split into 255-byte character-strings."""
    data = text.encode()
    if b'"' in data or b"\\" in data:
        raise ValueError("txt_record: quotes and backslashes are not supported")
    chunks = [data[i:i + 255].decode() for i in range(0, len(data), 255)] or [""]
    return f"{name} {ttl} IN TXT " + " ".join(f'"{c}"' for c in chunks)


def _split_long_txt(record: str) -> str:
    """Splits quoted strings over 255 bytes in a TXT line (without escapes) into pieces."""
    fields = record.split()
    if "TXT" not in [f.upper() for f in fields[1:5]]:
        return record

    def split(match):
        body = match.group(1)
        raw = body.encode()
        if len(raw) <= 255 or "\\" in body:
            return match.group(0)
        return " ".join(f'"{raw[i:i + 255].decode()}"' for i in range(0, len(raw), 255))

    return _QUOTED.sub(split, record)


def _owner(record: str) -> str:
    return record.split()[0].rstrip(".").lower()


def _default_zones(records):
    zones = []
    for record in records:
        labels = _owner(record).split(".")
        if len(labels) < 2 or labels[-1] == "arpa":
            continue
        zone = ".".join(labels[-2:])
        if zone not in zones:
            zones.append(zone)
    return zones


def _has_soa(records, zone):
    for record in records:
        fields = record.split()
        if _owner(record) == zone and "SOA" in [f.upper() for f in fields[1:4]]:
            return True
    return False


def _quote(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError(f"record with both quote kinds: {value!r}")


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def _free_port(ipv6: bool) -> int:
    """A port free for UDP and TCP on 127.0.0.1 (and on ::1 with `ipv6`)."""
    addresses = [(socket.AF_INET, "127.0.0.1")] + ([(socket.AF_INET6, "::1")] if ipv6 else [])
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
        probes = []
        try:
            for family, host in addresses:
                for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                    probe = socket.socket(family, kind)
                    probes.append(probe)
                    probe.bind((host, port))
            return port
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no free port for the DNS server")


class DNSServer:
    host = "127.0.0.1"

    def __init__(self, directory: pathlib.Path, records, zones=None, ipv6=False):
        if not os.path.exists(UNBOUND):
            pytest.skip("unbound is not installed (scripts/install-test-deps)")
        self.directory = pathlib.Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.records = [_split_long_txt(r.strip()) for r in records if r.strip()]
        self.zones = list(zones) if zones is not None else _default_zones(self.records)
        self.log_path = self.directory / "unbound.log"
        if ipv6 and not ipv6_loopback_available():
            pytest.skip("no IPv6 loopback address on this machine")
        self.ipv6 = ipv6
        self.proc = None
        self.port = None
        last_error = None
        for _ in range(3):  # another process may grab the port between probe and bind
            self.port = _free_port(ipv6)
            try:
                self._start()
                return
            except RuntimeError as error:
                last_error = error
        raise last_error

    @property
    def endpoint(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def endpoint6(self) -> str:
        return f"[::1]:{self.port}"

    def _config(self) -> str:
        lines = [
            "server:",
            f"    interface: {self.host}",
            *(["    interface: ::1"] if self.ipv6 else []),
            f"    port: {self.port}",
            f"    do-ip6: {'yes' if self.ipv6 else 'no'}",
            "    do-udp: yes",
            "    do-tcp: yes",
            "    do-daemonize: no",
            '    username: ""',
            '    chroot: ""',
            f'    directory: "{self.directory}"',
            '    pidfile: ""',
            "    use-syslog: no",
            f'    logfile: "{self.log_path}"',
            "    verbosity: 1",
            "    num-threads: 1",
            "    so-reuseport: no",
            '    module-config: "iterator"',
            "    edns-buffer-size: 1232",
            # Everything is local: names without data are NXDOMAIN, nothing is forwarded.
            '    local-zone: "." static',
        ]
        for zone in self.zones:
            lines.append(f'    local-zone: "{zone}." static')
            if not _has_soa(self.records, zone):
                soa = (f"{zone}. {DEFAULT_NEGATIVE_TTL} IN SOA ns.{zone}. hostmaster.{zone}. "
                       f"1 3600 600 86400 {DEFAULT_NEGATIVE_TTL}")
                lines.append(f"    local-data: {_quote(soa)}")
        for record in self.records:
            lines.append(f"    local-data: {_quote(record)}")
        lines += ["remote-control:", "    control-enable: no", ""]
        return "\n".join(lines)

    def _start(self):
        config = self.directory / "unbound.conf"
        config.write_text(self._config())
        if self.log_path.exists():
            self.log_path.unlink()
        self.proc = subprocess.Popen([UNBOUND, "-d", "-c", str(config)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(self.directory / "unbound.stderr", "wb"))
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"unbound exited with {self.proc.returncode}: {self._diagnostics()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"unbound did not start: {self._diagnostics()}")

    def _diagnostics(self) -> str:
        parts = []
        for path in (self.directory / "unbound.stderr", self.log_path):
            if path.exists():
                parts.append(path.read_text(errors="replace").strip())
        return " | ".join(p for p in parts if p)[-2000:]

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def start_dns_server(directory, records, zones=None, ipv6=False) -> DNSServer:
    """Starts unbound in `directory` (config, log) serving `records`; stop it with
    `.stop()` or use it as a context manager."""
    return DNSServer(directory, records, zones, ipv6)


@pytest.fixture
def dns_server(tmp_path):
    """Factory fixture: `dns_server(records, zones=None, ipv6=False)` → a running
    DNSServer, stopped after the test."""
    servers = []

    def start(records, zones=None, ipv6=False):
        server = DNSServer(tmp_path / f"dns{len(servers)}", records, zones, ipv6)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
