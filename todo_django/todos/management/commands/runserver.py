"""`manage.py runserver`, with a deeper listen queue, chunked request bodies and paths as sent.

The contract asks for all three of the development server (`make run-django`). Its suite sends
50 requests at once: Django's WSGIServer listens with a queue of 10, so while requests wait on
the database the rest of the burst is refused with connection resets (the development servers
of Flask, Pyramid and Tornado queue 128 or more by default). It sends bodies with
`Transfer-Encoding: chunked`, which Django's request handler does not decode: it hands the
application at most Content-Length bytes, so a chunked body arrives empty. And it asks for
`//api/v1`, which http.server quietly turns into `/api/v1`.

Overriding a core command from an app is Django's documented mechanism, and staticfiles does the
same, so this extends its version (`todos` comes before staticfiles in INSTALLED_APPS). Django
offers a setting for none of them; `server_cls` is a public but undocumented attribute of the
command, and the server is given Django's WSGIRequestHandler, which this server replaces by a
subclass. Without them, test_fifty_parallel_creates_make_fifty_tasks (contract_tests/
test_concurrency.py) fails with connection resets, and test_hostile.py's chunked bodies with 400
and its doubled leading slash with 200.
"""

import io
import re

from django.conf import settings
from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer


class DevelopmentRequestHandler(WSGIRequestHandler):
    """Django's request handler, which keeps the path as sent and decodes a chunked body."""

    def parse_request(self):
        if not super().parse_request():
            return False
        # http.server turns a leading "//" into "/" (against open redirects in its file server):
        # the contract asks for the path as sent, so that //api/v1 is an unknown path, a 404.
        self.path = self.requestline.split()[1]
        if self.headers.get("Transfer-Encoding", "").strip().lower() != "chunked":
            return True
        try:
            body = read_chunked(self.rfile, settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        except ValueError:
            self.send_error(400, "Bad chunked encoding")
            return False
        # The body was read ahead: the handler reads it from here, as Content-Length bytes (one
        # past the limit for a larger one, a 413), and the connection closes after the response.
        del self.headers["Transfer-Encoding"], self.headers["Content-Length"]
        self.headers["Content-Length"] = str(len(body))
        self.rfile = io.BytesIO(body)
        self.close_connection = True
        return True


def read_chunked(stream, limit):
    """The decoded chunked body of `stream`, cut to `limit` bytes; the rest is read and dropped,
    so the client has sent everything before it is answered. ValueError for malformed chunks."""
    body = bytearray()
    while size := chunk_size(stream.readline(1024)):
        while size:
            data = stream.read(min(size, 65536))  # a bounded read, whatever the size claims
            if not data:
                raise ValueError("The chunk is truncated.")
            body += data[: max(limit - len(body), 0)]
            size -= len(data)
        if stream.readline(3) not in (b"\r\n", b"\n"):
            raise ValueError("The chunk does not end with CRLF.")
    while stream.readline(1024) not in (b"\r\n", b"\n", b""):
        pass  # trailer fields, up to the empty line
    return bytes(body)


def chunk_size(line):
    """The size of a chunk from its size line (extensions after `;` ignored)."""
    size = line.split(b";")[0].strip()
    if not re.fullmatch(rb"[0-9A-Fa-f]{1,16}", size):
        raise ValueError("The chunk size is not hexadecimal.")
    return int(size, 16)


class DevelopmentServer(WSGIServer):
    request_queue_size = 128

    def __init__(self, server_address, handler_class, **kwargs):
        super().__init__(server_address, DevelopmentRequestHandler, **kwargs)


class Command(RunserverCommand):
    server_cls = DevelopmentServer

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # --nostatic by default, as WhiteNoise's runserver_nostatic app makes it: WhiteNoise
        # serves /static/ in development too (from the apps' folders while DEBUG is on), so the
        # development server and gunicorn answer static files, and unknown ones, alike.
        parser.set_defaults(use_static_handler=False)
