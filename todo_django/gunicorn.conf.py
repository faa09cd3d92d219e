"""gunicorn's settings for this folder, read from the working directory (`make serve-django` and
the Dockerfile run gunicorn here); the command line gives the workers, threads and the request
line limit, and wins over this file."""

# gunicorn trusts X-Forwarded-Proto (and its kin) from 127.0.0.1 by default, and then tells
# Django the request came over https. The contract asks for proxy headers to count only when
# TRUST_PROXY_HEADERS is true, and Django's SECURE_PROXY_SSL_HEADER and USE_X_FORWARDED_HOST
# (settings.py) take them then, so gunicorn trusts no peer's forwarded headers.
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
