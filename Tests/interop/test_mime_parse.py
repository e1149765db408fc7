"""Compares `postino message inspect` with Python's `email` package on every sample
message in ../shared/data (mime-samples, corpus/ham, corpus/spam).

For each file: the (content_type, filename) list over Python's `Message.walk()` against
our `parts` list (which also compares the part count), and the decoded Subject. Every
difference must be listed in KNOWN_DIFFERENCES with the reason why our result is the
right one; a listed file that now agrees also fails, so the list stays accurate.

Run: POSTINO_BIN=/path/to/postino python3 -m pytest -q -s Tests/interop/test_mime_parse.py
(POSTINO_BIN defaults to .build/debug/postino under the repository root.)
"""

import email
import email.policy
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
DATA = SHARED / "data"
SAMPLE_DIRS = [DATA / "mime-samples", DATA / "corpus" / "ham", DATA / "corpus" / "spam"]
IGNORED_NAME_PARTS = ("README", "LICENSE", "COPYING")
BATCH = 400

# File (relative to ../shared/data) -> why our answer differs from Python's and is right.
_DSN = ("message/delivery-status holds groups of delivery fields (RFC 3464 §2.1), not MIME "
        "entities: we keep it as one leaf, as IMAP BODYSTRUCTURE does, where Python turns each "
        "field group into an extra text/plain sub-message")
_UNQUOTED_BOUNDARY = ("unquoted boundary containing '=' (RFC 2045 §5.1 wants it quoted): Python's "
                      "header parser drops the parameter and keeps the multipart type, so it shows "
                      "one opaque part although the body has the delimiter lines; we read the value "
                      "up to ';' as mail clients do and find the parts")
_MISSING_SEMICOLON = ("Content-Type without ';' before its parameter: Python reports the whole text "
                      "(blanks and parameter included) as the media type, which is not a "
                      "type/subtype at all (RFC 2045 §5.1); we read type/subtype and the parameter")
_UNQUOTED_SPACES = ("unquoted filename containing spaces: Python keeps only the first word; the "
                    "value (not a valid token, RFC 2045 §5.1) is the whole text up to ';', which is "
                    "what mail clients show")
KNOWN_DIFFERENCES = {
    "mime-samples/cpython-test_email/msg_16.txt": _DSN,
    "mime-samples/cpython-test_email/msg_43.txt": _DSN,
    "mime-samples/ruby-mail/mime_emails/raw_email_with_mimepart_without_content_type.eml": _DSN,
    "mime-samples/ruby-mail/multipart_report_emails/multi_address_bounce1.eml": _DSN,
    "mime-samples/ruby-mail/multipart_report_emails/multi_address_bounce2.eml": _DSN,
    "mime-samples/ruby-mail/multipart_report_emails/multipart_report_multiple_status.eml": _DSN,
    "mime-samples/ruby-mail/multipart_report_emails/report_422.eml": _DSN,
    "mime-samples/ruby-mail/multipart_report_emails/report_530.eml": _DSN,
    "mime-samples/ruby-mail/mime_emails/raw_email_with_binary_encoded.eml": _UNQUOTED_BOUNDARY,
    "mime-samples/ruby-mail/mime_emails/raw_email_with_illegal_boundary.eml": _UNQUOTED_BOUNDARY,
    "mime-samples/ruby-mail/plain_emails/raw_email_bad_time.eml": _UNQUOTED_BOUNDARY,
    "mime-samples/stalwart-mail-parser/malformed/017.eml": _MISSING_SEMICOLON,
    "corpus/spam/spam_2__00204.4cf15f97b8ea08bfafab7d5091b8fbe7.eml": _MISSING_SEMICOLON,
    "mime-samples/ruby-mail/attachment_emails/attachment_with_unquoted_name.eml": _UNQUOTED_SPACES,
    "corpus/spam/spam_2__01359.deafa1d42658c6624c6809a446b7f369.eml": _UNQUOTED_SPACES,
    "mime-samples/stalwart-mail-parser/malformed/019.eml": (
        "first line 'Fro :…' has white space before the colon, valid obsolete syntax "
        "(RFC 5322 §4.5.3 obs-optional); Python ends the header section there and sees one "
        "text/plain body, we read the header fields that follow and the multipart"),
    "mime-samples/ruby-mail/attachment_emails/attachment_with_base64_encoded_name.eml": (
        "unquoted RFC 2047 word as name/filename: Python drops the parameter (it decodes such "
        "words only inside quotes); mail clients decode both forms, as we do"),
}


def postino_bin():
    configured = os.environ.get("POSTINO_BIN")
    path = Path(configured) if configured else REPO_ROOT / ".build" / "debug" / "postino"
    if not path.is_absolute():
        path = (Path.cwd() / path) if configured else path
    return path


def sample_files():
    files = []
    for root in SAMPLE_DIRS:
        assert root.is_dir(), f"sample directory missing: {root}"
        for dirpath, _dirnames, filenames in os.walk(root):
            for name in filenames:
                if any(part in name.upper() for part in IGNORED_NAME_PARTS):
                    continue
                files.append(Path(dirpath) / name)
    return sorted(files)


def run_inspect(binary, files):
    """Runs the binary in batches; returns {path string: inspect object}."""
    results = {}
    for start in range(0, len(files), BATCH):
        batch = [str(f) for f in files[start:start + BATCH]]
        proc = subprocess.run([str(binary), "message", "inspect", *batch],
                              capture_output=True, timeout=600)
        assert proc.returncode == 0, f"inspect failed ({proc.returncode}): {proc.stderr.decode(errors='replace')[:2000]}"
        lines = [l for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
        assert len(lines) == len(batch), f"expected {len(batch)} JSON lines, got {len(lines)}"
        for path, line in zip(batch, lines):
            obj = json.loads(line)
            if len(batch) > 1:
                assert obj.get("file") == path, f"JSON Lines out of order: {obj.get('file')} != {path}"
            results[path] = obj
    return results


def python_view(data):
    """(parts, subject) as Python's email package sees them; failures are recorded as
    strings so that they show up as differences."""
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - any failure is a result to compare
        return f"python-error: {type(exc).__name__}: {exc}", None
    parts = []
    try:
        for part in msg.walk():
            parts.append((part.get_content_type(), part.get_filename()))
    except Exception as exc:  # noqa: BLE001
        parts = f"python-error: {type(exc).__name__}: {exc}"
    try:
        header = msg["subject"]
        subject = None if header is None else str(header)
    except Exception as exc:  # noqa: BLE001
        subject = f"python-error: {type(exc).__name__}: {exc}"
    return parts, subject


def our_view(obj):
    parts = [(p["content_type"], p["filename"]) for p in obj["parts"]]
    return parts, obj["subject"]


def describe(parts):
    if isinstance(parts, str):
        return parts
    return f"{len(parts)} parts: " + ", ".join(f"{ct}{'[' + repr(fn) + ']' if fn is not None else ''}" for ct, fn in parts)


def test_mime_parse_agrees_with_python(capsys):
    binary = postino_bin()
    assert binary.is_file() and os.access(binary, os.X_OK), \
        f"postino binary not found at {binary}; build it or set POSTINO_BIN"
    files = sample_files()
    assert len(files) > 2000, f"only {len(files)} sample files found under {DATA}"
    ours = run_inspect(binary, files)

    agreed = 0
    unexpected = []
    known_seen = set()
    for path in files:
        key = str(path.relative_to(DATA))
        py_parts, py_subject = python_view(path.read_bytes())
        our_parts, our_subject = our_view(ours[str(path)])
        problems = []
        if py_parts != our_parts:
            problems.append(f"parts: python {describe(py_parts)} | ours {describe(our_parts)}")
        if py_subject != our_subject:
            problems.append(f"subject: python {py_subject!r} | ours {our_subject!r}")
        if not problems:
            agreed += 1
            continue
        if key in KNOWN_DIFFERENCES:
            known_seen.add(key)
            continue
        unexpected.append(f"{key}\n    " + "\n    ".join(problems))

    total = len(files)
    with capsys.disabled():  # the figure belongs in CI's output even when the test passes
        print(f"\nMIME agreement: {agreed}/{total} ({100.0 * agreed / total:.2f} %)"
              f", known differences: {len(known_seen)}, unexpected: {len(unexpected)}")
    for key in sorted(known_seen):
        print(f"  known: {key}: {KNOWN_DIFFERENCES[key]}")
    stale = sorted(set(KNOWN_DIFFERENCES) - known_seen)
    message = ""
    if unexpected:
        message += "differences not in KNOWN_DIFFERENCES:\n" + "\n".join(unexpected) + "\n"
    if stale:
        message += "KNOWN_DIFFERENCES entries that no longer differ (remove them): " + ", ".join(stale)
    assert not message, message
