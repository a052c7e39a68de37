"""A real OpenStack Placement API for nfvtwin's differential tests (src/testing/placement-server.ts).

Usage: python3 serve.py CONFIG_FILE. Loads Debian's python3-placement with that config (SQLite,
noauth2), creates the schema in-process (sync_on_startup: the same alembic upgrade as
`placement-manage db sync`), serves the WSGI app on 127.0.0.1 with an ephemeral port, and prints
`PORT <n>` on stdout once it accepts requests. Exit code 3 with a one-line message when
python3-placement is not importable. Single-threaded on purpose: requests are answered in order.
Exits when its stdin closes, so a test runner that dies without stopping it leaves no server behind.
"""
import os
import sys
import threading

try:
    from oslo_config import cfg
    from placement import conf, db_api, deploy
except ImportError as error:  # the package is missing: say which one, the caller names the install
    sys.stderr.write(f"python3-placement is not importable: {error}\n")
    sys.exit(3)

from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    """No access log on stderr: the caller reads stderr only when the server fails."""

    def log_message(self, format, *args):
        pass


class QueueingServer(WSGIServer):
    """A listen backlog of 128, not socketserver's 5: clients with several requests in flight (the
    import walks with 8) would otherwise see dropped connects retried after 1 s, 3 s, ..."""

    request_queue_size = 128


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main(config_file):
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    config = cfg.ConfigOpts()
    conf.register_opts(config)
    config(["--config-file", config_file], project="placement")
    db_api.configure(config)
    app = deploy.loadapp(config)
    server = make_server("127.0.0.1", 0, app, server_class=QueueingServer, handler_class=QuietHandler)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
