"""gunicorn's settings file, which it reads from its working directory (`make serve-flask` and the
Dockerfile both start it in this folder). The command line gives the rest, as the root Makefile
does for every implementation.

gunicorn would take the scheme from X-Forwarded-Proto (and SCRIPT_NAME and PATH_INFO from
headers of those names) when the client is on 127.0.0.1. The contract asks for proxy headers
to be ignored unless TRUST_PROXY_HEADERS=true, and then Werkzeug's ProxyFix reads them
(todo_flask/hooks.py): so gunicorn trusts no peer with them.
"""

forwarded_allow_ips = ""

# The contract asks for header lines of at least 8 KiB; gunicorn's default (8190, counting the
# CRLF) answers 431 to one of 8189 bytes. With this, lines up to 16382 bytes are read. (The
# request line is capped at 8190 by gunicorn itself: the Makefile's --limit-request-line.)
limit_request_field_size = 16384


def post_worker_init(worker):
    """On Ctrl-C a worker finishes what it is doing and exits, instead of deadlocking.

    Ctrl-C (SIGINT to the process group) makes the master send each worker SIGQUIT. gunicorn's
    threaded worker answers SIGQUIT by shutting its thread pool down from the signal handler,
    under the pool's lock; when the signal lands while the worker is handing a request to that
    pool, under the same lock, the worker hangs until the master kills it 30 s later (11 times
    in 60 on this machine). Its SIGTERM handler only sets a flag and wakes the loop, which is
    safe anywhere: a worker here answers SIGINT and SIGQUIT the same way, by a graceful stop.
    """
    import signal

    for quit_signal in (signal.SIGINT, signal.SIGQUIT):
        signal.signal(quit_signal, worker.handle_exit)
