"""Several IMAP sessions on one mailbox (as Thunderbird's several connections are):
FETCH after another session's EXPUNGE (RFC 2180 §4.1.1, RFC 3501 §7.4.1), keywords
announced with FLAGS and PERMANENTFLAGS before any response carries them (RFC 3501
§7.2.6, §7.1), and a fixed-time random mix checked against the model each session may
hold."""
import random
import re
import threading
import time

import pytest

from mailserver import MailServer
from test_imap_rfc import PASSWORD, RawIMAP, msg, find


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


def test_fetch_of_messages_another_session_expunged_answers_and_ends_ok(server):
    """RFC 2180 §4.1.1: "keep the messages available to satisfy subsequent FETCH commands
    until it is able to send an EXPUNGE response to each client"; RFC 3501 §7.4.1: no
    EXPUNGE during FETCH, so the numbers the client holds stay valid."""
    a, b = RawIMAP(server), RawIMAP(server)
    for i in range(3):
        a.append("INBOX", msg(f"m{i}", body=f"body {i}\r\n"))
    a.ok("SELECT INBOX")
    b.ok("SELECT INBOX")
    a.ok("STORE 2 +FLAGS.SILENT (\\Deleted)")
    a.ok("EXPUNGE")
    untagged, tagged = b.run("FETCH 1:3 (UID FLAGS BODY.PEEK[TEXT])")
    assert re.match(rb"\S+ OK", tagged), (tagged, untagged)
    fetched = find(untagged, rb"^\* \d+ FETCH")
    assert len(fetched) == 3 and b"body 1" in fetched[1], untagged
    assert not find(untagged, rb"EXPUNGE")
    # The EXPUNGE comes with the next command that allows it; message 2 is then the old 3.
    told = b.ok("NOOP")
    assert find(told, rb"^\* 2 EXPUNGE$"), told
    after = b.ok("FETCH 2 BODY.PEEK[TEXT]")
    assert b"body 2" in after[0]
    # Once told, the expunged message is gone for this session too.
    gone = b.ok("UID FETCH 2 BODY.PEEK[TEXT]")
    assert not find(gone, rb"FETCH"), gone
    a.close()
    b.close()


def test_keywords_are_announced_before_use(server):
    """RFC 3501 §7.2.6 FLAGS: "The update from the FLAGS response MUST be recorded by the
    client"; a keyword another session created reaches this session's FETCH responses
    only after a FLAGS response (and OK [PERMANENTFLAGS]) listing it."""
    a, b = RawIMAP(server), RawIMAP(server)
    a.append("INBOX", msg("one"))
    a.append("INBOX", msg("two"), flags="$Preset")
    selected = b.ok("SELECT INBOX")
    flags = find(selected, rb"^\* FLAGS ")
    assert flags and b"$Preset" in flags[0], selected
    assert b"$Preset" in find(selected, rb"PERMANENTFLAGS")[0]
    a.ok("SELECT INBOX")
    a.ok("STORE 1 +FLAGS ($Fresh)")
    fetched = b.ok("FETCH 1 FLAGS")
    announce = [i for i, l in enumerate(fetched) if l.startswith(b"* FLAGS") and b"$Fresh" in l]
    permanent = [i for i, l in enumerate(fetched) if b"PERMANENTFLAGS" in l and b"$Fresh" in l]
    use = [i for i, l in enumerate(fetched) if re.match(rb"\* \d+ FETCH", l) and b"$Fresh" in l]
    assert announce and permanent and use and announce[0] < use[0] and permanent[0] < use[0], fetched
    # A message appended by another session with a new keyword: announced before EXISTS.
    a.append("INBOX", msg("three"), flags="$Appended")
    told = b.ok("NOOP")
    announce = [i for i, l in enumerate(told) if l.startswith(b"* FLAGS") and b"$Appended" in l]
    exists = [i for i, l in enumerate(told) if l.endswith(b"EXISTS")]
    assert announce and exists and announce[0] < exists[0], told
    a.close()
    b.close()


# -- random mix ----------------------------------------------------------------------------

KEYWORDS = [f"$k{i}" for i in range(12)]


class Checked:
    """A session and the model its client may hold: the message count, UIDs it learnt per
    sequence number, and the keywords the last FLAGS announced."""

    def __init__(self, server, rng):
        self.s = RawIMAP(server)
        self.rng = rng
        self.exists = 0
        self.uids = {}
        self.announced = set()
        self.errors = []
        self.commands = 0

    def check(self, text, untagged, tagged):
        self.commands += 1
        if not re.match(rb"\S+ OK", tagged):
            self.errors.append(f"{text}: {tagged!r}")
        for line in untagged:
            if line.startswith(b"* FLAGS "):
                self.announced = {w.lower() for w in re.findall(rb"\$\w+", line)}
            elif m := re.match(rb"\* (\d+) EXISTS$", line):
                n = int(m.group(1))
                if n < self.exists:
                    self.errors.append(f"{text}: EXISTS {n} below {self.exists} without EXPUNGE")
                self.exists = n
            elif m := re.match(rb"\* (\d+) EXPUNGE$", line):
                n = int(m.group(1))
                if not 1 <= n <= self.exists:
                    self.errors.append(f"{text}: EXPUNGE {n} with {self.exists} messages")
                self.uids = {(k - 1 if k > n else k): v for k, v in self.uids.items() if k != n}
                self.exists -= 1
            elif m := re.match(rb"\* (\d+) FETCH \((.*)", line, re.S):
                n = int(m.group(1))
                if not 1 <= n <= self.exists:
                    self.errors.append(f"{text}: FETCH {n} with {self.exists} messages")
                if u := re.search(rb"\bUID (\d+)", line):
                    uid = int(u.group(1))
                    if self.uids.get(n, uid) != uid:
                        self.errors.append(f"{text}: message {n} has UID {uid}, was {self.uids[n]}")
                    self.uids[n] = uid
                if f := re.search(rb"FLAGS \(([^)]*)\)", line):
                    used = {w.lower() for w in re.findall(rb"\$\w+", f.group(1))}
                    if not used <= self.announced:
                        self.errors.append(f"{text}: unannounced keywords {sorted(used - self.announced)}")

    def run(self, text, literal=None):
        untagged, tagged = self.s.run(text, literal)
        self.check(text, untagged, tagged)
        return untagged

    def select(self):
        self.exists, self.uids, self.announced = 0, {}, set()
        self.run("SELECT INBOX")

    def step(self):
        r = self.rng
        op = r.choice(["fetch", "fetch", "uidfetch", "store", "append", "expunge", "copy", "noop", "search"])
        n = self.exists
        if op in ("fetch", "store", "expunge", "copy") and n == 0:
            op = "append"
        if op == "fetch":
            lo = r.randint(1, n)
            hi = r.randint(lo, n)
            self.run(f"FETCH {lo}:{hi} (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        elif op == "uidfetch":
            self.run("UID FETCH 1:* (FLAGS)")
        elif op == "store":
            k = r.choice(KEYWORDS)
            self.run(f"STORE {r.randint(1, n)} {r.choice('+-')}FLAGS ({k})")
        elif op == "append":
            if n < 40:
                self.run(f"APPEND INBOX ({r.choice(KEYWORDS)})", msg(f"r{r.random()}"))
            else:
                self.run("NOOP")
        elif op == "expunge":
            self.run(f"STORE {r.randint(1, n)} +FLAGS.SILENT (\\Deleted)")
            self.run("EXPUNGE")
        elif op == "copy":
            self.run(f"COPY {r.randint(1, n)} INBOX")
        elif op == "search":
            self.run(f"SEARCH KEYWORD {r.choice(KEYWORDS)}")
        else:
            self.run("NOOP")


def test_random_mix_of_sessions_on_one_mailbox(server):
    """Four sessions for a fixed 10 s: every command ends OK and every response fits what
    the session was told (RFC 3501 §7.4.1 sequence numbers, §7.2.6 FLAGS)."""
    seed = random.randrange(1 << 30)
    sessions = [Checked(server, random.Random(seed + i)) for i in range(4)]
    for s in sessions:
        s.select()
    deadline = time.monotonic() + 10

    def work(session):
        try:
            while time.monotonic() < deadline:
                if session.rng.random() < 0.03:
                    session.select()
                else:
                    session.step()
        except Exception as error:  # noqa: BLE001 - reported below
            session.errors.append(f"exception: {error!r}")

    threads = [threading.Thread(target=work, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    total = sum(s.commands for s in sessions)
    errors = [e for s in sessions for e in s.errors]
    print(f"random mix (seed {seed}): {total} commands, {len(errors)} protocol errors")
    assert total > 200
    assert not errors, errors[:20]
    for s in sessions:
        s.s.close()
