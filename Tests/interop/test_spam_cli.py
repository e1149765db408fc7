"""Antispam CLI: spam learn (files, directories, mbox), status, forget, score, and the
threshold settings. Messages are generated here; the corpus is only read by spam-eval."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import BIN, REPO, SHARED


def message(subject, body, sender="someone@example.org", extra=""):
    return (f"From: {sender}\nTo: user@example.com\nSubject: {subject}\n"
            f"Date: Tue, 1 Oct 2024 10:00:00 +0200\nMessage-ID: <{abs(hash(subject + body))}@example.org>\n"
            f"{extra}MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n{body}\n")


def spam(i):
    return message(f"CHEAP PILLS {i} ACT NOW!!!", f"Buy cheap pills {i} now, click here http://192.0.2.{i % 250}/buy "
                   f"money back guarantee, remove yourself from this list {i}", sender=f"deals{i}@promo{i}.example")


def ham(i):
    return message(f"Re: build {i} of the compiler", f"The build {i} passed the regression tests.\n"
                   f"I attached the patch to ticket {i}; can you review it before Friday?\n-- \nAlice",
                   extra=f"In-Reply-To: <x{i}@example.org>\n")


@pytest.fixture
def corpus(tmp_path):
    spam_dir = tmp_path / "spam"
    spam_dir.mkdir()
    for i in range(6):
        (spam_dir / f"{i}.eml").write_text(spam(i))
    (spam_dir / ".hidden").write_text("not a message")
    ham_files = []
    for i in range(5):
        path = tmp_path / f"ham{i}.eml"
        path.write_text(ham(i))
        ham_files.append(path)
    mbox = tmp_path / "ham.mbox"
    mbox.write_text("".join(f"From alice@example.org Tue Oct  1 10:00:00 2024\n{ham(i)}\n" for i in range(5, 8)))
    return spam_dir, ham_files, mbox


def status(postino):
    return postino.json("spam", "status")


def test_learn_status_relearn_forget(postino, corpus):
    spam_dir, ham_files, mbox = corpus
    s = status(postino)
    assert s == {"spam": 0, "ham": 0, "tokens": 0, "active": False, "trained": False, "min_spam": 200, "min_ham": 200}
    out = postino.ok("spam", "learn", "--spam", str(spam_dir))
    assert "learnt 6 new" in out
    out = postino.ok("spam", "learn", "--ham", *map(str, ham_files), str(mbox))
    assert "learnt 8 new" in out
    s = status(postino)
    assert (s["spam"], s["ham"], s["active"], s["trained"]) == (6, 8, False, True) and s["tokens"] > 50
    # Learning again changes nothing.
    out = postino.ok("spam", "learn", "--spam", str(spam_dir))
    assert "0 new" in out and "6 already known" in out
    assert status(postino) == s
    # Learnt as the other class: it moves.
    out = postino.ok("spam", "learn", "--ham", str(spam_dir / "0.eml"))
    assert "1 moved from spam" in out
    moved = status(postino)
    assert (moved["spam"], moved["ham"]) == (5, 9)
    # Active from the configured minimum.
    postino.ok("settings", "set", "filter.bayes.min_spam", "5")
    postino.ok("settings", "set", "filter.bayes.min_ham", "9")
    assert status(postino)["active"] is True
    postino.ok("settings", "set", "filter.bayes.min_ham", "10")
    assert status(postino)["active"] is False
    text = postino.ok("spam", "status")
    assert "active:       no" in text
    postino.ok("spam", "forget")
    assert status(postino) == {"spam": 0, "ham": 0, "tokens": 0, "active": False, "trained": False, "min_spam": 5, "min_ham": 10}


def test_score_json_uses_rules_and_bayes_and_ignores_our_headers(postino, corpus, tmp_path):
    spam_dir, ham_files, mbox = corpus
    postino.ok("settings", "set", "filter.bayes.min_spam", "3")
    postino.ok("settings", "set", "filter.bayes.min_ham", "3")
    postino.ok("spam", "learn", "--spam", str(spam_dir))
    postino.ok("spam", "learn", "--ham", *map(str, ham_files), str(mbox))
    new_spam = tmp_path / "new-spam.eml"
    new_spam.write_text(spam(42))
    new_ham = tmp_path / "new-ham.eml"
    new_ham.write_text(ham(42))
    flagged = tmp_path / "flagged.eml"
    flagged.write_text("X-Spam: Yes\nX-Spam-Score: 99.00\nX-Spam-Status: Yes, BAYES_999(9)\n" + ham(42))
    lines = postino.ok("spam", "score", "--json", str(new_spam), str(new_ham), str(flagged)).splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["file"] for r in results] == [str(new_spam), str(new_ham), str(flagged)]
    for r in results:
        assert set(r) == {"file", "score", "bayes", "bayes_evidence", "symbols", "time_ms"}
        assert r["time_ms"] >= 0
        assert abs(sum(s["weight"] for s in r["symbols"]) - r["score"]) < 0.01
        assert all(set(s) == {"name", "weight", "detail"} for s in r["symbols"])
    s, h, f = results
    assert s["bayes"] > 0.9 and h["bayes"] < 0.1
    assert s["score"] > h["score"] + 6
    assert any(sym["name"].startswith("BAYES_9") for sym in s["symbols"])
    assert any(sym["name"] == "URI_NUMERIC_HOST" for sym in s["symbols"])
    # Our own X-Spam fields change nothing.
    assert f["bayes"] == h["bayes"] and f["score"] == h["score"]
    text = postino.ok("spam", "score", str(new_spam))
    assert text.startswith(f"{new_spam}: ") and "BAYES_" in text


def test_score_with_weights_file_and_rules_errors(postino, tmp_path):
    msg = tmp_path / "m.eml"
    msg.write_text(message("HELLO THERE FRIEND", "Click here now"))
    weights = tmp_path / "w"
    weights.write_text("score BODY_CLICK_HERE 3.5 3.5\n")
    r = json.loads(postino.ok("spam", "score", "--json", "--weights", str(weights), str(msg)))
    assert {"name": "BODY_CLICK_HERE", "weight": 3.5, "detail": "Click here"} in r["symbols"]
    bad = tmp_path / "bad.rules"
    bad.write_text("body OK /fine/\nbody BROKEN /(unclosed/\n")
    err = postino.fails("spam", "score", "--rules", str(bad), str(msg))
    assert "rules line 2" in err
    assert "exactly one of --spam and --ham" in postino.fails("spam", "learn", str(msg))
    assert "no such file" in postino.fails("spam", "learn", "--spam", str(tmp_path / "missing"))


def test_threshold_settings_keep_their_order(postino):
    values = {row["key"]: row["value"] for row in postino.json("settings", "list")}
    assert (values["filter.spam.greylist"], values["filter.spam.flag"], values["filter.spam.deny"]) == ("4", "6", "15")
    assert values["filter.spam.enabled"] == "true" and values["filter.spam.subject_prefix"] == ""
    assert (values["filter.bayes.min_spam"], values["filter.bayes.min_ham"]) == ("200", "200")
    assert "greylist < filter.spam.flag < filter.spam.deny" in postino.fails("settings", "set", "filter.spam.flag", "20")
    assert "filter.spam.greylist" in postino.fails("settings", "set", "filter.spam.greylist", "6")
    postino.ok("settings", "set", "filter.spam.deny", "25")
    postino.ok("settings", "set", "filter.spam.flag", "20")
    assert postino.ok("settings", "get", "filter.spam.flag").strip() == "20"
    postino.ok("settings", "set", "filter.spam.subject_prefix", "***SPAM***")
    assert postino.ok("settings", "get", "filter.spam.subject_prefix").strip() == "***SPAM***"


@pytest.mark.skipif(not (SHARED / "data" / "corpus" / "MANIFEST.tsv").exists(), reason="no development corpus")
def test_spam_eval_subset_runs(tmp_path):
    features = tmp_path / "features.jsonl"
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "spam-eval"), "--subset", "40", "--bin", BIN,
                           "--features-out", str(features), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for prefix in ("1. at the flag threshold", "2. at <= 1 ham in 500", "3. ham at or above deny", "4. filter scan --no-network:"):
        assert prefix in out
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["spam"] + figures["ham"] >= 40 and figures["messages_per_second_per_core"] > 0
    rows = [json.loads(line) for line in features.read_text().splitlines()]
    assert len(rows) == figures["spam"] + figures["ham"]
    assert all(r["bayes"] is not None for r in rows)  # Bayes active from 1/1 in subset runs
    assert {r["fold"] for r in rows} == set(range(5))
