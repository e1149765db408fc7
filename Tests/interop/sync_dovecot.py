"""The remote server of the synchronization tests and bench: Debian's Dovecot on loopback
with its own configuration in a temporary directory — IMAP with STARTTLS and IMAPS on
free ports, a self-signed certificate, users in a passwd-file, a master user
(`user*admin`), special-use folders on the inbox namespace (maildir++: '.' separates
levels).

    remote = SyncDovecot().start()
    remote.add_user("bob", "bob-pw", [raw1, raw2])
    ... remote.ports["imap"], remote.ports["imaps"] ...
    remote.stop()
"""
import os
import pathlib
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

from conftest import free_port

CONF = r"""
protocols = imap
listen = 127.0.0.1
base_dir = {work}/run
state_dir = {work}/state
log_path = {work}/dovecot.log
{users}
ssl = yes
ssl_cert = <{work}/cert.pem
ssl_key = <{work}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_master_user_separator = *
mail_location = maildir:{work}/mail/%n/Maildir
mail_uid = {mail_user}
mail_gid = {mail_group}
first_valid_uid = 1
namespace inbox {{
  inbox = yes
  separator = .
  mailbox "Sent Items" {{
    special_use = \Sent
  }}
  mailbox Drafts {{
    special_use = \Drafts
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {work}/masters
  master = yes
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {work}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={work}/mail/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
    ssl = yes
  }}
}}
"""


class SyncDovecot:
    MASTER = ("admin", "admin-pw")

    def __init__(self):
        # Under /tmp and 0755: Dovecot's unprivileged processes must enter it.
        self.work = pathlib.Path(tempfile.mkdtemp(prefix="postino-sync-dovecot-"))
        self.ports = {}
        if os.getuid() == 0:
            self.owner = pwd.getpwnam("mail")  # CI runs as root: mail owned by `mail`
            self.users_conf = ""
        else:
            self.owner = pwd.getpwuid(os.getuid())
            self.users_conf = f"default_internal_user = {self.owner.pw_name}\ndefault_login_user = {self.owner.pw_name}"

    def start(self):
        self.work.chmod(0o755)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(self.work / "key.pem"), "-out", str(self.work / "cert.pem")],
                       check=True, capture_output=True)
        (self.work / "users").write_text("")
        (self.work / "masters").write_text(f"{self.MASTER[0]}:{self.MASTER[1]}\n")
        (self.work / "mail").mkdir()
        self._own(self.work / "mail")
        self.ports = {"imap": free_port(), "imaps": free_port()}
        self.conf = self.work / "dovecot.conf"
        self.conf.write_text(CONF.format(work=self.work, users=self.users_conf, mail_user=self.owner.pw_name,
                                         mail_group=self.owner.pw_gid, **self.ports))
        subprocess.run(["dovecot", "-c", str(self.conf)], check=True)
        deadline = time.time() + 20
        for port in self.ports.values():
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise AssertionError("dovecot did not start: " + self.log())
                    time.sleep(0.1)
        return self

    def stop(self):
        subprocess.run(["doveadm", "-c", str(self.conf), "stop"], capture_output=True)
        shutil.rmtree(self.work, ignore_errors=True)

    def log(self) -> str:
        path = self.work / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _own(self, path: pathlib.Path):
        if os.getuid() == 0:
            os.chown(path, self.owner.pw_uid, self.owner.pw_gid)

    def maildir(self, user: str) -> pathlib.Path:
        return self.work / "mail" / user / "Maildir"

    def add_user(self, user: str, password: str, messages=()):
        with open(self.work / "users", "a") as f:
            f.write(f"{user}:{password}\n")
        # Dovecot notices a changed passwd-file when it next checks the file, which can be
        # after a login that follows at once: wait until its auth service knows the user.
        deadline = time.time() + 10
        while subprocess.run(["doveadm", "-c", str(self.conf), "auth", "test", user, password],
                             capture_output=True).returncode != 0 and time.time() < deadline:
            time.sleep(0.2)
        home = self.work / "mail" / user
        for d in (home, home / "Maildir", *(home / "Maildir" / s for s in ("new", "cur", "tmp"))):
            d.mkdir(exist_ok=True)
            self._own(d)
        for raw in messages:
            name = f"{time.time():.6f}.{uuid.uuid4().hex}.remote"
            tmp = self.maildir(user) / "tmp" / name
            tmp.write_bytes(raw.replace(b"\r\n", b"\n"))
            self._own(tmp)
            tmp.rename(self.maildir(user) / "new" / name)
