"""A real OpenStack Placement API for nfvtwin's differential tests and bench (src/testing/placement-server.ts).

Usage: python3 serve.py CONFIG_FILE [WORKERS]. Loads Debian's python3-placement with that config
(SQLite, noauth2), creates the schema in-process (sync_on_startup: the same alembic upgrade as
`placement-manage db sync`), and serves the WSGI app on 127.0.0.1 with an ephemeral port the way a
deployment runs it (uwsgi or mod_wsgi with processes): WORKERS processes (default 1) forked after the
app loads, sharing the listening socket, each answering its connections on threads, over HTTP/1.1
with keep-alive. Prints `PORT <n>` on stdout once it accepts requests. Exit code 3 with a one-line
message when python3-placement is not importable. Exits when its stdin closes or on SIGTERM, taking
its workers with it, so a test runner that dies without stopping it leaves no server behind.

SQLite is one file shared by the workers: reads run in parallel (WAL journal), writes (any method but
GET and HEAD) take one lock across workers and threads, because two SQLite writers that both read
first fail with "database is locked" instead of waiting (a MySQL-backed deployment has no such limit).
"""
import ctypes
import io
import multiprocessing
import os
import signal
import sys
import threading

try:
    from oslo_config import cfg
    from placement import conf, db_api, deploy
except ImportError as error:  # the package is missing: say which one, the caller names the install
    sys.stderr.write(f"python3-placement is not importable: {error}\n")
    sys.exit(3)

from socketserver import ThreadingMixIn
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

PR_SET_PDEATHSIG = 1


class KeepAliveServerHandler(ServerHandler):
    """An HTTP/1.1 answer: the connection stays open when the client can tell where the answer ends (a
    Content-Length, or a 204/304 without a body); otherwise it says `Connection: close` and closes."""

    http_version = "1.1"
    keep_alive = False

    def cleanup_headers(self):
        super().cleanup_headers()
        bodiless = self.status is not None and self.status[:3] in ("204", "304")
        self.keep_alive = bodiless or "Content-Length" in self.headers
        if not self.keep_alive:
            self.headers["Connection"] = "close"


class KeepAliveHandler(WSGIRequestHandler):
    """wsgiref's handler answers one request per connection in HTTP/1.0; this one loops over the
    requests of a connection (HTTP/1.1) while each answer carries a Content-Length. The request body is
    read whole first, so a body the app leaves unread cannot be taken for the next request."""

    protocol_version = "HTTP/1.1"
    timeout = 60  # an idle keep-alive connection holds a thread; drop it after a minute

    def log_message(self, format, *args):  # no access log on stderr: the caller reads stderr on failure
        pass

    def handle(self):
        self.close_connection = True
        self.handle_one()
        while not self.close_connection:
            self.handle_one()

    def handle_one(self):
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline or len(self.raw_requestline) > 65536:
            self.close_connection = True
            return
        if not self.parse_request():  # an error was sent; parse_request set close_connection
            return
        length = int(self.headers.get("content-length") or 0)
        body = io.BytesIO(self.rfile.read(length) if length > 0 else b"")
        handler = KeepAliveServerHandler(body, self.wfile, self.get_stderr(), self.get_environ(), multithread=True)
        handler.request_handler = self
        if self.command in ("GET", "HEAD"):
            handler.run(self.server.get_app())
        else:
            with WRITE_LOCK:
                handler.run(self.server.get_app())
        if not handler.keep_alive:
            self.close_connection = True
        self.wfile.flush()


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """A listen backlog of 128, not socketserver's 5: clients with several connections would otherwise
    see dropped connects retried after 1 s, 3 s, ..."""

    request_queue_size = 128
    daemon_threads = True


WRITE_LOCK = multiprocessing.Lock()


def exit_when_stdin_closes(children):
    sys.stdin.buffer.read()
    stop(children)


def stop(children):
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    os._exit(0)


def fork_worker(server):
    pid = os.fork()
    if pid != 0:
        return pid
    # A worker dies with its parent, however the parent ends.
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:
        os._exit(0)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server.serve_forever()
    os._exit(0)


def main(config_file, workers):
    config = cfg.ConfigOpts()
    conf.register_opts(config)
    config(["--config-file", config_file], project="placement")
    db_api.configure(config)
    app = deploy.loadapp(config)
    engine = db_api.get_placement_engine()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    engine.dispose()  # no connection crosses the fork
    server = ThreadingServer(("127.0.0.1", 0), KeepAliveHandler)
    server.set_app(app)
    children = [fork_worker(server) for _ in range(workers - 1)]
    signal.signal(signal.SIGTERM, lambda *_: stop(children))
    threading.Thread(target=exit_when_stdin_closes, args=(children,), daemon=True).start()
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1)
