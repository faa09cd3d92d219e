"""One log line per request under pserve: waitress logs none, so development.ini includes this
tween. production.ini does not: gunicorn's access log writes the same line for every request,
those it refuses before the app included."""

import logging
import time

from pyramid.tweens import INGRESS

log = logging.getLogger(__name__)


def request_log_tween_factory(handler, registry):
    def request_log_tween(request):
        started = time.perf_counter()
        response = handler(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        # The raw WSGI path: request.path_qs would raise on a path that is not UTF-8.
        environ = request.environ
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        log.info(
            '%s "%s %s" %s %.1fms',
            request.client_addr,
            request.method,
            path,
            response.status_code,
            elapsed_ms,
        )
        return response

    return request_log_tween


def includeme(config):
    # Outermost, so the line shows the status after the exception views and the transaction.
    config.add_tween("todo_pyramid.request_log.request_log_tween_factory", under=INGRESS)
