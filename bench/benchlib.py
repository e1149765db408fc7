"""Shared helpers for the benchmarks: the postino binary, free ports, process memory."""
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]


def postino_binary(explicit: str | None) -> str:
    """--bin, else $POSTINO_BIN, else a release build (built now if missing)."""
    if explicit:
        return explicit
    if os.environ.get("POSTINO_BIN"):
        return os.environ["POSTINO_BIN"]
    binary = REPO / ".build" / "release" / "postino"
    print("building postino (release)…", file=sys.stderr, flush=True)
    subprocess.run(["swift", "build", "-c", "release", "--product", "postino"], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL)
    return str(binary)


def work_dir(prefix: str) -> pathlib.Path:
    """A fresh scratch directory that Dovecot's and Postfix's unprivileged processes can
    traverse (mkdtemp makes it 0700, which would lock them out of their own files)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix=prefix))
    path.chmod(0o755)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_kb(pids) -> int:
    """Sum of the peak resident sizes (VmHWM) of processes that are still alive."""
    total = 0
    for pid in pids:
        try:
            text = pathlib.Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        m = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
        if m:
            total += int(m.group(1))
    return total


def cpu_seconds(pids) -> float:
    """User + system CPU seconds used so far by processes that are still alive."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)
    return total


def rss_kb(pids) -> int:
    total = 0
    for pid in pids:
        try:
            text = pathlib.Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        m = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
        if m:
            total += int(m.group(1))
    return total


def process_tree(root: int) -> list:
    """`root` and all its descendants (by parent PID in /proc): the processes of one
    server, without matching other servers' or the benchmark's own command lines."""
    children = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces; the parent PID follows it.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending += children.get(pid, [])
    return found


def pids_of(command_pattern: str) -> list:
    out = subprocess.run(["pgrep", "-f", command_pattern], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def wait_until(predicate, timeout: float, interval: float = 0.05) -> float:
    """Polls until predicate() is true; returns the time it became true."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return time.time()
        time.sleep(interval)
    raise TimeoutError("condition not reached")


def count_files(*directories) -> int:
    n = 0
    for d in directories:
        try:
            n += sum(1 for e in os.scandir(d) if not e.name.startswith("."))
        except FileNotFoundError:
            pass
    return n


class PostinoServer:
    """`postino serve` with one data directory and chosen services on loopback."""

    def __init__(self, binary: str, data: pathlib.Path, listen: dict):
        self.binary, self.data, self.listen = binary, data, listen
        self.proc = None

    def cli(self, *args, stdin=None):
        subprocess.run([self.binary, *args, "--data", str(self.data)], input=stdin, text=True, check=True,
                       stdout=subprocess.DEVNULL)

    def start(self):
        # Every benchmark client comes from 127.0.0.1: that is a load, not a flood, so the
        # per-address connection limits (50 at once, 300 new per minute) are lifted.
        self.cli("settings", "set", "limits.connections_per_ip", "100000")
        self.cli("settings", "set", "limits.connection_rate_per_ip", "1000000")
        # No benchmark reaches the real DNS: the inbound checks' lookups (SPF, DMARC) go to a
        # closed loopback port and fail at once, instead of waiting out their timeouts on a
        # machine without a resolver.
        self.cli("settings", "set", "dns.nameserver", "127.0.0.1:9")
        args = [self.binary, "serve", "--data", str(self.data)]
        for name in ("smtp", "submission", "smtps", "imap", "imaps", "pop3", "pop3s", "managesieve", "admin"):
            args += ["--listen", f"{name}=127.0.0.1:{self.listen[name]}" if name in self.listen else f"{name}=off"]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = b""
        while b"Stop with Ctrl-C" not in out:
            chunk = self.proc.stdout.read1(65536)
            if not chunk:
                raise RuntimeError(f"postino did not start: {out.decode(errors='replace')}")
            out += chunk
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=60)
