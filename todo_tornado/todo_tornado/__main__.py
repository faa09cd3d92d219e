"""``python -m todo_tornado``: bind, optionally fork (Tornado's multi-process mode), then serve."""

import asyncio
import logging
import os
import signal
import sys

import tornado.netutil
import tornado.process
from tornado.httpserver import HTTPServer
from tornado.options import define, options, parse_command_line

from .app import make_app, server_options
from .config import ConfigError, load_config

define("host", default=os.environ.get("HOST", "127.0.0.1"), help="interface to bind")
define("port", default=int(os.environ.get("PORT") or 8888), type=int, help="port to bind")
define("processes", default=1, type=int, help="server processes (0: one per CPU)")
define("debug", default=False, type=bool, help="autoreload on code changes (one process only)")


def main():
    parse_command_line()
    if options.debug and options.processes != 1:
        sys.exit("todo_tornado: --debug (autoreload) works with one process only")
    for handler in logging.getLogger().handlers:
        handler.setStream(sys.stdout)  # request lines and errors go to stdout, like the others
    try:
        config = load_config()
    except ConfigError as error:
        sys.exit(f"todo_tornado: {error}")
    sockets = tornado.netutil.bind_sockets(options.port, options.host)
    if options.processes != 1:
        # The parent only supervises; SIGTERM/SIGINT end it, and each child stops on the same
        # signal (sent to the process group) or when it notices its parent is gone.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: sys.exit(0))
        parent = os.getpid()
        tornado.process.fork_processes(options.processes)  # returns only in the children
        asyncio.run(serve(sockets, config, parent=parent))
    else:
        asyncio.run(serve(sockets, config, debug=options.debug))


async def serve(sockets, config, debug=False, parent=None):
    # Created after the fork: no engine, pool, thread or event loop is shared between processes.
    app = make_app(config, debug=debug)
    server = HTTPServer(app, **server_options(config))
    server.add_sockets(sockets)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if parent is not None:
        watch = asyncio.create_task(stop_when_orphaned(parent, stop))
    logging.info("todo_tornado listening on http://%s:%s", options.host, options.port)
    await stop.wait()
    server.stop()
    await server.close_all_connections()
    app.settings["db"].engine.dispose()
    if parent is not None:
        watch.cancel()
    logging.info("todo_tornado stopped")


async def stop_when_orphaned(parent: int, stop: asyncio.Event):
    while os.getppid() == parent:
        await asyncio.sleep(1)
    stop.set()


if __name__ == "__main__":
    main()
