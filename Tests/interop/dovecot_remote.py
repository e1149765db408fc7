"""A real Dovecot (Debian's dovecot-imapd + dovecot-pop3d) on loopback as the remote
server of the connector tests: its own configuration in a temporary directory, POP3 and
IMAP each plain (with STARTTLS/STLS) and implicit TLS on free ports, a self-signed
certificate, any user name with one password, Maildirs the
test fills directly.

    remote = DovecotRemote().start()
    remote.add_user("bob", [raw1, raw2])
    ... remote.ports["pop3"], remote.ports["imaps"] ...
    remote.messages("bob")          # files left on the remote side
    remote.stop()
"""
import os
import pathlib
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid

from conftest import free_port

CONF = """
protocols = imap pop3
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
# Wrong passwords are a test case here: answer them at once.
auth_failure_delay = 0 secs
mail_location = maildir:{work}/mail/%n/Maildir
mail_uid = {mail_user}
mail_gid = {mail_group}
first_valid_uid = 1
# New mail reaches an IDLE session at once (inotify), else within a second.
mailbox_idle_check_interval = 1 secs
# One password for every user (a passwd-file is re-read only when Dovecot notices its
# mtime change, which made users added within a second unknown).
passdb {{
  driver = static
  args = password={password}
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
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {pop3}
  }}
  inet_listener pop3s {{
    address = 127.0.0.1
    port = {pop3s}
    ssl = yes
  }}
}}
"""


class DovecotRemote:
    PASSWORD = "remote-pw"

    def __init__(self):
        # Its own directory under /tmp, traversable by Dovecot's unprivileged processes
        # (pytest's tmp_path sits under 0700 directories they cannot enter).
        self.work = pathlib.Path(tempfile.mkdtemp(prefix="postino-dovecot-"))
        self.ports = {}
        if os.getuid() == 0:
            # Root (CI): Dovecot's own unprivileged users, mail owned by `mail`.
            self.owner = pwd.getpwnam("mail")
            self.users_conf = ""
        else:
            me = pwd.getpwuid(os.getuid())
            self.owner = me
            self.users_conf = f"default_internal_user = {me.pw_name}\ndefault_login_user = {me.pw_name}"

    def start(self):
        self.work.chmod(0o755)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", str(self.work / "key.pem"), "-out", str(self.work / "cert.pem")],
                       check=True, capture_output=True)
        (self.work / "mail").mkdir(exist_ok=True)
        self._own(self.work / "mail")
        self.ports = {name: free_port() for name in ("imap", "imaps", "pop3", "pop3s")}
        self.conf = self.work / "dovecot.conf"
        self.conf.write_text(CONF.format(work=self.work, users=self.users_conf, mail_user=self.owner.pw_name,
                                         mail_group=self.owner.pw_gid, password=self.PASSWORD,
                                         **self.ports))
        subprocess.run(["dovecot", "-c", str(self.conf)], check=True)
        import socket
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

    def add_user(self, user: str, messages=()):
        """A user (password `PASSWORD`) with these messages in its inbox."""
        home = self.work / "mail" / user
        for d in (home, home / "Maildir", *(home / "Maildir" / s for s in ("new", "cur", "tmp"))):
            d.mkdir(exist_ok=True)
            self._own(d)
        for raw in messages:
            self.deliver(user, raw)

    def deliver(self, user: str, raw: bytes):
        """Drops a message into the user's Maildir (tmp/ then rename into new/)."""
        name = f"{time.time():.6f}.{uuid.uuid4().hex}.remote"
        tmp = self.maildir(user) / "tmp" / name
        tmp.write_bytes(raw.replace(b"\r\n", b"\n"))
        self._own(tmp)
        tmp.rename(self.maildir(user) / "new" / name)

    def messages(self, user: str) -> list:
        files = []
        for sub in ("new", "cur"):
            d = self.maildir(user) / sub
            files += [p for p in d.iterdir()] if d.is_dir() else []
        return files
