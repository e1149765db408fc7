"""Shared fixtures for the black-box tests: they run the built `postino` binary with a
temporary data directory and real clients, never mocks."""
import json
import os
import pathlib
import select
import socket
import subprocess
import time

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
BIN = os.environ.get("POSTINO_BIN", str(REPO / ".build" / "debug" / "postino"))


class Postino:
    """Runs CLI commands against one data directory."""

    def __init__(self, data_dir: pathlib.Path):
        self.data = data_dir

    def run(self, *args, stdin=None, check=True, env=None):
        full_env = dict(os.environ)
        full_env.pop("POSTINO_DATA", None)
        if env:
            full_env.update(env)
        cmd = [BIN, *args]
        if "--data" not in args and not (env and "POSTINO_DATA" in env):
            cmd += ["--data", str(self.data)]
        proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=full_env, timeout=60)
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
        return proc

    def ok(self, *args, stdin=None) -> str:
        return self.run(*args, stdin=stdin).stdout

    def fails(self, *args, stdin=None) -> str:
        """Asserts the command fails with exactly one line on stderr; returns that line."""
        proc = self.run(*args, stdin=stdin, check=False)
        assert proc.returncode != 0, f"{args} should fail but printed {proc.stdout!r}"
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, f"{args}: expected one error line, got {proc.stderr!r}"
        return lines[0]

    def json(self, *args):
        return json.loads(self.ok(*args, "--json"))


@pytest.fixture
def postino(tmp_path) -> Postino:
    return Postino(tmp_path / "data")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_output(proc, needle: str, timeout: float = 30.0) -> str:
    """Reads the server's stdout until `needle` appears (or fails after `timeout`).
    Reads the pipe's descriptor directly so that nothing sits in a Python buffer."""
    seen = b""
    fd = proc.stdout.fileno()
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            seen += chunk
            if needle.encode() in seen:
                return seen.decode("utf-8", "replace")
        elif proc.poll() is not None:
            break
    raise AssertionError(f"server did not print {needle!r}; got {seen!r}")
