"""gunicorn's settings beyond the command line (the Makefile's serve-pyramid, the Dockerfile).

gunicorn reads this file from the directory it starts in. The command line names the workers,
threads, limits and bind address; this file holds what the app's own configuration depends on.
"""

# By default gunicorn lets a peer on 127.0.0.1 set wsgi.url_scheme with X-Forwarded-Proto (and
# SCRIPT_NAME/PATH_INFO with headers), whatever TRUST_PROXY_HEADERS says. The app's hosts.py
# tween reads the proxy's scheme and host itself when TRUST_PROXY_HEADERS=true, so gunicorn
# trusts no peer: with TRUST_PROXY_HEADERS=false a client cannot choose the URLs' scheme.
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
