"""Public mailboxes from IMAP clients (SPEC 2, issue 20): who may CREATE a top-level
public mailbox (`imap.public_creators`), sharing it with SETACL (RFC 4314), and GETACL
showing a public mailbox's owning groups as `$group` identifiers."""
import re

import pytest

from mailserver import MailServer
from test_imap_rfc import PASSWORD, RawIMAP, find

BOB = "bob-public-secret"


@pytest.fixture
def server(tmp_path):
    s = MailServer(tmp_path, services=("imap",))
    s.cli.ok("domain", "add", "example.com")
    s.cli.ok("user", "add", "alice", "--password-stdin", stdin=PASSWORD + "\n")
    s.cli.ok("user", "add", "bob", "--password-stdin", stdin=BOB + "\n")
    s.cli.ok("group", "add", "team")
    s.cli.ok("group", "member", "add", "team", "bob")
    s.cli.ok("settings", "set", "mail.allow_unencrypted", "true")
    s.start()
    yield s
    s.stop()


def test_administrator_creates_and_shares_a_public_mailbox(server):
    """Default (empty imap.public_creators): the administrator account may, a user may
    not (NO [NOPERM], RFC 5530); the creator holds the `a` right and shares with SETACL."""
    bob = RawIMAP(server, "bob", BOB)
    _, refused = bob.run('CREATE "Public/projects"')
    assert re.match(rb"\S+ NO \[NOPERM\]", refused), refused
    password = re.search(r"password: (\S+)", server.banner).group(1)
    admin = RawIMAP(server, "admin", password)
    admin.ok('CREATE "Public/projects"')
    acl = admin.ok('GETACL "Public/projects"')
    assert find(acl, rb'^\* ACL "Public/projects" .*admin lrswipkxtea'), acl
    admin.ok('SETACL "Public/projects" bob lrs')
    listed = bob.ok('LIST "" "Public/*"')
    assert find(listed, rb'"Public/projects"$'), listed
    bob.ok('SELECT "Public/projects"')
    assert find(bob.ok('MYRIGHTS "Public/projects"'), rb'MYRIGHTS "Public/projects" lrs$')
    bob.close()
    admin.close()


def test_public_creators_group_may_create(server):
    """imap.public_creators names a group whose members may create public mailboxes."""
    server.cli.ok("settings", "set", "imap.public_creators", "team")
    bob = RawIMAP(server, "bob", BOB)
    bob.ok('CREATE "Public/team-notes"')
    bob.ok('CREATE "Public/team-notes/2026"')
    alice = RawIMAP(server)
    _, refused = alice.run('CREATE "Public/alice-only"')
    assert re.match(rb"\S+ NO \[NOPERM\]", refused), refused
    bob.close()
    alice.close()


def test_getacl_shows_owning_groups(server):
    """GETACL (RFC 4314 §3.3) on a public mailbox lists its owning groups' full rights as
    `$group`, the identifier form the ACL uses for groups."""
    server.cli.ok("public", "add", "sales", "--group", "team")
    bob = RawIMAP(server, "bob", BOB)
    bob.ok('LIST "" "Public/*"')
    acl = bob.ok('GETACL "Public/sales"')
    assert find(acl, rb'^\* ACL "Public/sales" .*\$team lrswipkxtea'), acl
    bob.close()
