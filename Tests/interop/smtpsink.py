"""A small scripted SMTP server for outbound tests: it records every session and message
and answers as the test says (a 451 before accepting, a 550 for some recipients,
STARTTLS and AUTH when asked).

    sink = SMTPSink("127.0.0.4", port, reply=lambda rcpt, n: (250, "2.1.5 ok"))
    ... sink.messages[0]["rcpts"], sink.sessions[0]["tls"], sink.sessions[0]["auth"] ...
    sink.stop()

`reply(rcpt, n)` gives the RCPT reply for the n-th time (1, 2, ...) that recipient is
seen. With `tls=(certfile, keyfile)` it offers STARTTLS; with `auth=(user, password)` it
offers AUTH PLAIN LOGIN (after STARTTLS when TLS is on) and refuses MAIL before a login.
"""
import base64
import socket
import socketserver
import ssl
import subprocess
import threading
import time


def make_certificate(directory) -> tuple:
    """A self-signed certificate and key for the sink's STARTTLS."""
    cert, key = str(directory / "sink-cert.pem"), str(directory / "sink-key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=sink.test", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


class SMTPSink:
    def __init__(self, host, port=0, reply=None, tls=None, auth=None, extensions=("PIPELINING", "8BITMIME", "SIZE 10000000")):
        self.sessions = []
        self.messages = []
        self.seen = {}
        self.lock = threading.Lock()
        self.reply = reply or (lambda rcpt, n: (250, "2.1.5 Ok"))
        self.tls_context = None
        if tls:
            self.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls_context.load_cert_chain(*tls)
        self.auth = auth
        self.extensions = list(extensions)
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                sink._session(self.request)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server((host, port), Handler)
        self.host, self.port = self.server.server_address[:2]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def wait_for_messages(self, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"sink {self.host}:{self.port}: expected {count} messages, got {len(self.messages)}")

    # -- one connection -----------------------------------------------------------------

    def _session(self, sock):
        state = {"tls": False, "auth": None, "helo": None}
        with self.lock:
            self.sessions.append(state)
        conn = _Lines(sock)
        conn.send("220 sink.test ESMTP test sink")
        mail, rcpts = None, []
        while True:
            line = conn.line()
            if line is None:
                return
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                state["helo"] = line.split(" ", 1)[1] if " " in line else ""
                exts = list(self.extensions)
                if self.tls_context and not state["tls"]:
                    exts.append("STARTTLS")
                if self.auth and (state["tls"] or not self.tls_context):
                    exts.append("AUTH PLAIN LOGIN")
                lines = ["sink.test"] + exts
                conn.send("\r\n".join(f"250-{l}" for l in lines[:-1]) + f"\r\n250 {lines[-1]}")
            elif verb == "STARTTLS" and self.tls_context and not state["tls"]:
                conn.send("220 2.0.0 go ahead")
                conn.sock = self.tls_context.wrap_socket(conn.sock, server_side=True)
                conn.buffer = b""
                state["tls"] = True
            elif verb == "AUTH" and self.auth:
                parts = line.split(" ")
                if parts[1].upper() == "PLAIN":
                    blob = parts[2] if len(parts) > 2 else (conn.send("334 ") or conn.line())
                    _, user, password = base64.b64decode(blob).decode().split("\0")
                else:
                    conn.send("334 VXNlcm5hbWU6")
                    user = base64.b64decode(conn.line()).decode()
                    conn.send("334 UGFzc3dvcmQ6")
                    password = base64.b64decode(conn.line()).decode()
                if (user, password) == self.auth:
                    state["auth"] = user
                    conn.send("235 2.7.0 Authentication successful")
                else:
                    conn.send("535 5.7.8 Authentication credentials invalid")
            elif verb == "MAIL":
                if self.auth and not state["auth"]:
                    conn.send("530 5.7.0 Authentication required")
                    continue
                mail, rcpts = line[10:].split(">")[0].lstrip("<"), []
                conn.send("250 2.1.0 Ok")
            elif verb == "RCPT":
                rcpt = line[8:].split(">")[0].lstrip("<")
                with self.lock:
                    n = self.seen[rcpt] = self.seen.get(rcpt, 0) + 1
                code, text = self.reply(rcpt, n)
                if code < 400:
                    rcpts.append(rcpt)
                conn.send(f"{code} {text}")
            elif verb == "DATA":
                if not rcpts:
                    conn.send("554 5.5.1 no valid recipients")
                    continue
                conn.send("354 go ahead")
                data = conn.data()
                with self.lock:
                    self.messages.append({"mail_from": mail, "rcpts": list(rcpts), "data": data,
                                          "tls": state["tls"], "auth": state["auth"], "helo": state["helo"]})
                conn.send("250 2.0.0 Ok: queued")
                mail, rcpts = None, []
            elif verb == "RSET":
                mail, rcpts = None, []
                conn.send("250 2.0.0 Ok")
            elif verb == "NOOP":
                conn.send("250 2.0.0 Ok")
            elif verb == "QUIT":
                conn.send("221 2.0.0 Bye")
                return
            else:
                conn.send("502 5.5.1 not implemented")


class _Lines:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def line(self):
        while b"\r\n" not in self.buffer:
            try:
                chunk = self.sock.recv(65536)
            except (OSError, ssl.SSLError):
                return None
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def data(self) -> bytes:
        while b"\r\n.\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed during DATA")
            self.buffer += chunk
        body, self.buffer = self.buffer.split(b"\r\n.\r\n", 1)
        lines = [l[1:] if l.startswith(b".") else l for l in (body + b"\r\n").split(b"\r\n")]
        return b"\r\n".join(lines[:-1]) + b"\r\n"
