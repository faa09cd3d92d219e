"""
WSGI config for todo_django project.

It exposes the WSGI callable as a module-level variable named ``application``: Django's
application, wrapped the way Django's deployment docs show for WSGI middleware.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import io
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todo_django.settings")


class ChunkedBodyMiddleware:
    """Give a chunked request body the Content-Length Django reads bodies by.

    With `Transfer-Encoding: chunked` there is no CONTENT_LENGTH, and Django reads a body of
    CONTENT_LENGTH bytes, so it would see an empty one. gunicorn decodes the chunks and marks
    its wsgi.input readable to the end (`wsgi.input_terminated`); this reads it here, up to one
    byte past the most Django reads into memory (DATA_UPLOAD_MAX_MEMORY_SIZE, the contract's
    64 KiB), so that ApiView answers 413 for a larger body before authentication.
    The contract asks for this: chunked bodies are accepted like any other.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if "CONTENT_LENGTH" not in environ and environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ["wsgi.input"] = io.BytesIO(body)
        return self.application(environ, start_response)


application = ChunkedBodyMiddleware(get_wsgi_application())
