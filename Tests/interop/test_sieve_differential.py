"""Differential test: `postino sieve run` against Pigeonhole's `sieve-test` (Dovecot).

Every script under sieve/scripts runs on every message under sieve/messages (or on the
messages its `# messages:` line names) through both implementations. The normalized
results must agree: folders with their flags, redirects, reject, vacation (sent or not,
and its subject), the implicit keep, and whether the script compiles or fails at run time.

A script agrees when it agrees on all its messages. Every disagreement must be listed in
DEVIATIONS with the RFC section that shows Pigeonhole departs from the standard (or does
not implement it); the test fails on any other disagreement, and on a listed script that
now agrees (so the list stays true).

Script directives (comment lines at the top): `# to: ADDR` (envelope recipient, default
me@example.com), `# from: ADDR` (envelope sender, default the message's Return-Path),
`# messages: a.eml b.eml`.

sieve-test runs standalone with a configuration written into a temporary directory; as
root it drops to `nobody` (Dovecot refuses to run mail code as root).
"""

import concurrent.futures
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
SIEVE = HERE / "sieve"
SCRIPTS = SIEVE / "scripts"
MESSAGES = SIEVE / "messages"
INCLUDE = SIEVE / "include"
DEFAULT_TO = "me@example.com"

# Script name -> why Pigeonhole's answer is not the standard's (with the RFC section).
DEVIATIONS = {
    "var-match-question": (
        "Pigeonhole's :matches lets a '?' run swallow the literal text after it: \"??? *\" and "
        "even \"???X*\" match \"Tue, 1 Apr 2025 …\" (day-Tue), although the 4th character is ','. "
        "RFC 5228 §2.7.1: '?' matches exactly one character and other characters match "
        "themselves, so neither pattern matches; we keep the implicit keep"),
    "ereject-simple": (
        "Pigeonhole 0.5.19 does not implement the 'ereject' capability of RFC 5429 §2.2 "
        "('unknown Sieve capability'); we do"),
}


def postino_bin() -> pathlib.Path:
    configured = os.environ.get("POSTINO_BIN")
    path = pathlib.Path(configured) if configured else REPO / ".build" / "debug" / "postino"
    return path if path.is_absolute() else pathlib.Path.cwd() / path


# ---------------------------------------------------------------- test inputs

def directives(source: str) -> dict:
    found = {}
    for line in source.splitlines():
        m = re.match(r"#\s*(to|from|messages):\s*(.*)$", line.strip())
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def return_path(message: pathlib.Path) -> str:
    # sieve-test cannot express the null reverse path (-f "" and -f "<>" are refused), so
    # the messages carry a real Return-Path; null-sender rules are unit-tested in Swift.
    for line in message.read_bytes().decode("utf-8", "replace").splitlines():
        if not line.strip():
            break
        if line.lower().startswith("return-path:"):
            return line.split(":", 1)[1].strip().strip("<>").strip()
    return "sender@example.org"


def spam_score(message: pathlib.Path):
    for line in message.read_bytes().decode("utf-8", "replace").splitlines():
        if not line.strip():
            break
        m = re.match(r"x-spam-score:\s*([-0-9.]+)\s*$", line, re.I)
        if m:
            return m.group(1)
    return None


def cases():
    scripts = sorted(SCRIPTS.glob("*.sieve"))
    messages = sorted(MESSAGES.glob("*.eml"))
    result = []
    for script in scripts:
        d = directives(script.read_text())
        chosen = [MESSAGES / n for n in d["messages"].split()] if "messages" in d else messages
        runs = []
        for message in chosen:
            sender = d.get("from", return_path(message))
            runs.append((message, sender, d.get("to", DEFAULT_TO)))
        result.append((script, runs))
    return result


# ---------------------------------------------------------------- normalized results

def normalized(stores, redirects, reject, vacation, implicit_keep, error=False, compile_error=False):
    if compile_error:
        return {"compile_error": True}
    if error:
        return {"runtime_error": True, "implicit_keep": []}
    return {
        "stores": {folder: sorted(f.lower() for f in flags) for folder, flags in stores.items()},
        "redirects": sorted(r.lower() for r in redirects),
        "reject": reject,
        "vacation": vacation,
        "implicit_keep": None if implicit_keep is None else sorted(f.lower() for f in implicit_keep),
    }


def ours(script, message, sender, recipient) -> dict:
    cmd = [str(postino_bin()), "sieve", "run", str(script), str(message), "--from", sender, "--to", recipient,
           "--personal-dir", str(INCLUDE / "personal"), "--global-dir", str(INCLUDE / "global"), "--json"]
    score = spam_score(message)
    if score is not None:
        cmd += ["--spam-score", score]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=dict(os.environ, TZ="UTC"))
    if proc.returncode != 0:
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        return normalized({}, [], None, None, None, compile_error=True)
    out = json.loads(proc.stdout)
    if out["error"]:
        return normalized({}, [], None, None, None, error=True)
    stores, redirects, reject, vacation = {}, [], None, None
    for a in out["actions"]:
        if a["type"] == "keep":
            stores.setdefault("INBOX", set()).update(a["flags"])
        elif a["type"] == "fileinto":
            stores.setdefault(a["mailbox"], set()).update(a["flags"])
        elif a["type"] == "redirect":
            redirects.append(a["address"])
        elif a["type"] in ("reject", "ereject"):
            # sieve-test shows control characters (the CRLFs of a text: reason) as "?".
            reject = re.sub(r"[\x00-\x1f\x7f]", "?", a["reason"]).strip()
        elif a["type"] == "vacation":
            vacation = a["subject"]
    implicit = out["implicit_keep_flags"] if out["implicit_keep"] else None
    return normalized(stores, redirects, reject, vacation, implicit)


class Pigeonhole:
    """sieve-test with a private configuration, state and mail store."""

    def __init__(self):
        # Not under pytest's tmp_path: its parents are private to root, and sieve-test
        # runs as nobody.
        root = pathlib.Path(tempfile.mkdtemp(prefix="sieve-differential-"))
        self.root = root
        self.include = root / "include"
        shutil.copytree(INCLUDE, self.include)
        for d in ("run", "state", "home", "scripts"):
            (root / d).mkdir(parents=True, exist_ok=True)
        (root / "dovecot.conf").write_text(f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = /dev/stderr
mail_home = {root}/home/%u
mail_location = maildir:{root}/home/%u/Maildir
protocols =
ssl = no
plugin {{
  sieve = file:{self.include}/personal;active={root}/home/%u/.dovecot.sieve
  sieve_global = {self.include}/global
  sieve_extensions = +vacation-seconds +editheader +spamtest +spamtestplus +duplicate
  sieve_spamtest_status_type = score
  sieve_spamtest_status_header = X-Spam-Score: ([-0-9.]+)
  sieve_spamtest_max_value = 10
}}
""")
        self.as_nobody = os.geteuid() == 0
        os.chmod(root, 0o777)
        for dirpath, dirnames, filenames in os.walk(root):
            for n in dirnames:
                os.chmod(os.path.join(dirpath, n), 0o777)
            for n in filenames:
                os.chmod(os.path.join(dirpath, n), 0o666)
        self.counter = 0

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, args, home_user):
        cmd = ["sieve-test", "-c", str(self.root / "dovecot.conf"), *args]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC", "USER": home_user,
               "HOME": str(self.root / "home" / home_user)}
        if self.as_nobody:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)

    def run(self, script, message, sender, recipient, folders_for_vacation=()):
        self.counter += 1
        tag = f"u{os.getpid()}x{self.counter}"
        work = self.root / "scripts" / tag
        work.mkdir()
        copy = work / script.name
        shutil.copy(script, copy)
        mail = work / "message.eml"
        shutil.copy(message, mail)
        for p in (work, copy, mail):
            os.chmod(p, 0o777 if p.is_dir() else 0o666)
        home = self.root / "home" / tag
        home.mkdir()
        os.chmod(home, 0o777)
        args = ["-a", recipient, "-r", recipient]
        if sender:
            args += ["-f", sender]
        proc = self._run([*args, str(copy), str(mail)], tag)
        result = self._parse(proc)
        if result.get("vacation") is not None:
            # Whether the reply would really go out is decided when the result is
            # executed (-e): the RFC 5230 §4.5-4.6 checks. Folders must exist for that.
            for folder in folders_for_vacation:
                if folder.upper() != "INBOX":
                    for sub in ("cur", "new", "tmp"):
                        d = home / "Maildir" / ("." + folder.replace("/", ".")) / sub
                        d.mkdir(parents=True, exist_ok=True)
            for dirpath, dirnames, _ in os.walk(home):
                for n in dirnames:
                    os.chmod(os.path.join(dirpath, n), 0o777)
            executed = self._run(["-e", *args, str(copy), str(mail)], tag)
            if "sent vacation response" not in executed.stderr:
                result["vacation"] = None
        return result

    @staticmethod
    def _parse(proc) -> dict:
        if proc.returncode != 0 and "failed to compile" in proc.stderr:
            return normalized({}, [], None, None, None, compile_error=True)
        if proc.returncode != 0:
            assert "resolved with successful implicit keep" in proc.stderr, proc.stderr
            return normalized({}, [], None, None, None, error=True)
        stores, redirects, reject, vacation, implicit = {}, [], None, None, None
        section, current = None, None
        for line in proc.stdout.splitlines():
            if line.startswith("Performed actions:"):
                section = "performed"
                continue
            if line.startswith("Implicit keep:"):
                section = "implicit"
                continue
            if line.startswith("START MESSAGE"):
                section = "message"
                continue
            if line.startswith("END MESSAGE"):
                section = "performed"
                continue
            if section == "message":
                continue
            m = re.match(r"^ \* store message in folder: (.*)$", line)
            if m:
                folder = m.group(1)
                if section == "implicit":
                    implicit = set()
                    current = implicit
                else:
                    current = stores.setdefault(folder, set())
                continue
            m = re.match(r"^\s+\+ add IMAP flags: (.*)$", line)
            if m and current is not None:
                current.update(m.group(1).split())
                continue
            m = re.match(r"^ \* redirect message to: <?([^>]*)>?$", line)
            if m:
                redirects.append(m.group(1))
                current = None
                continue
            m = re.match(r"^ \* reject message with reason: (.*)$", line)
            if m:
                reject = m.group(1).strip()
                current = None
                continue
            if line.startswith(" * send vacation message"):
                vacation = ""
                current = None
                continue
            m = re.match(r"^\s+=> subject : (.*)$", line)
            if m:
                vacation = m.group(1)
                continue
            if line.startswith(" * "):
                current = None
        return normalized(stores, redirects, reject, vacation, implicit)


@pytest.mark.timeout(1800)
def test_sieve_differential(capsys):
    if shutil.which("sieve-test") is None:
        pytest.fail("sieve-test (Debian dovecot-sieve) is not installed: run scripts/install-test-deps")
    assert postino_bin().exists(), f"build postino first: {postino_bin()}"
    all_cases = cases()
    assert len(all_cases) >= 150, f"only {len(all_cases)} scripts"
    pigeonhole = Pigeonhole()

    def check(case):
        script, runs = case
        problems = []
        for message, sender, recipient in runs:
            mine = ours(script, message, sender, recipient)
            folders = list(mine.get("stores", {}).keys())
            theirs = pigeonhole.run(script, message, sender, recipient, folders)
            if theirs.get("vacation") == "" and mine.get("vacation") is not None:
                mine["vacation"] = ""  # sieve-test does not show the default subject
            if mine != theirs:
                problems.append(f"  {message.name}: postino {mine}\n  {' ' * len(message.name)}  pigeonhole {theirs}")
        return script.stem, problems

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            results = list(pool.map(check, all_cases))
    finally:
        pigeonhole.close()

    agreeing = sum(1 for _, problems in results if not problems)
    total = len(results)
    with capsys.disabled():  # the figure belongs in CI's output even when the test passes
        print(f"\nSieve agreement: {agreeing}/{total} ({100.0 * agreeing / total:.1f} %)")
    undocumented = [(name, p) for name, p in results if p and name not in DEVIATIONS]
    stale = [name for name, p in results if not p and name in DEVIATIONS]
    for name, problems in results:
        if problems and name in DEVIATIONS:
            print(f"documented deviation {name}: {DEVIATIONS[name]}")
    report = "\n".join(f"{name}:\n" + "\n".join(p) for name, p in undocumented)
    assert not undocumented, f"{len(undocumented)} undocumented disagreements:\n{report}"
    assert not stale, f"listed as deviations but now agreeing: {stale}"
    unknown = set(DEVIATIONS) - {name for name, _ in results}
    assert not unknown, f"deviations for scripts that do not exist: {unknown}"
