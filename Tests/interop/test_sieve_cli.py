"""`postino sieve check` and `postino sieve run`: exit codes, the one-line error contract,
text and JSON output."""
import json
import pathlib
import subprocess

from conftest import BIN

MESSAGES = pathlib.Path(__file__).resolve().parent / "sieve" / "messages"


def run(*args):
    return subprocess.run([BIN, "sieve", *args], capture_output=True, text=True, timeout=60)


def test_check_ok(tmp_path):
    a = tmp_path / "a.sieve"
    a.write_text('require "fileinto";\nif header :contains "subject" "x" { fileinto "X"; }\n')
    b = tmp_path / "b.sieve"
    b.write_text("keep;\n")
    proc = run("check", str(a), str(b))
    assert proc.returncode == 0
    assert proc.stdout.strip() == "OK"


def test_check_error_is_one_line_with_position(tmp_path):
    good = tmp_path / "good.sieve"
    good.write_text("keep;\n")
    bad = tmp_path / "bad.sieve"
    bad.write_text('keep;\nif header :is "subject" {\n  fileinto "X";\n}\n')
    proc = run("check", str(good), str(bad))
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}: line 2, column 4: ")
    assert "missing a string list" in lines[0]


def test_check_unreadable_file_fails(tmp_path):
    proc = run("check", str(tmp_path / "missing.sieve"))
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1


def test_run_prints_actions(tmp_path):
    script = tmp_path / "s.sieve"
    script.write_text('require ["fileinto", "imap4flags", "copy"];\n'
                      'if header :contains "subject" "budget" { fileinto :flags "\\\\Seen" "Budget"; }\n'
                      'redirect :copy "boss@example.com";\n')
    proc = run("run", str(script), str(MESSAGES / "plain.eml"), "--from", "alice@example.org", "--to", "me@example.com")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["fileinto Budget flags=\\Seen", "redirect boss@example.com copy"]


def test_run_json_with_vacation_and_spam_score(tmp_path):
    script = tmp_path / "s.sieve"
    script.write_text('require ["vacation", "spamtest", "relational", "comparator-i;ascii-numeric"];\n'
                      'if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { discard; stop; }\n'
                      'vacation :days 2 :subject "Away" "Back soon";\n')
    out = json.loads(run("run", str(script), str(MESSAGES / "plain.eml"), "--from", "alice@example.org",
                         "--to", "me@example.com", "--json").stdout)
    assert out["implicit_keep"] is True and out["error"] is None
    (vacation,) = out["actions"]
    assert vacation["type"] == "vacation" and vacation["subject"] == "Away"
    assert vacation["recipient"] == "alice@example.org" and vacation["period_seconds"] == 2 * 86400
    spam = json.loads(run("run", str(script), str(MESSAGES / "plain.eml"), "--spam-score", "8", "--json").stdout)
    assert spam["actions"] == [{"type": "discard"}] and spam["implicit_keep"] is False


def test_run_runtime_error_keeps(tmp_path):
    script = tmp_path / "s.sieve"
    script.write_text('require ["reject", "fileinto"];\nfileinto "A";\nreject "no";\n')
    proc = run("run", str(script), str(MESSAGES / "plain.eml"))
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"error: {script}: line 3, column 1: reject cannot be combined")
    assert lines[1:] == ["implicit keep"]


def test_run_currentdate_uses_date_option(tmp_path):
    script = tmp_path / "s.sieve"
    script.write_text('require ["date", "fileinto", "variables"];\n'
                      'if currentdate :matches "iso8601" "*" { fileinto "${1}"; }\n')
    proc = run("run", str(script), str(MESSAGES / "plain.eml"), "--date", "2025-04-01T10:00:00+02:00")
    assert proc.stdout.splitlines() == ["fileinto 2025-04-01T10:00:00+02:00"]


def test_run_compile_error_is_one_line(tmp_path):
    script = tmp_path / "s.sieve"
    script.write_text('fileinto "x";\n')
    proc = run("run", str(script), str(MESSAGES / "plain.eml"))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [f"{script}: line 1, column 1: 'fileinto' needs require \"fileinto\""]
