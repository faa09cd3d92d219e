"""`manage.py runserver`, with a listen queue deep enough for bursts of clients.

The contract asks for this: its suite sends 50 requests at once to the development server
(`make run-django`). Django's WSGIServer listens with a queue of 10, so while requests wait on
the database the rest of the burst is refused with connection resets; the development servers
of Flask (Werkzeug), Pyramid (waitress) and Tornado queue 128 or more by default.

Overriding a core command from an app is Django's documented mechanism, and staticfiles does the
same, so this extends its version (`todos` comes before staticfiles in INSTALLED_APPS). Django
offers no setting for the queue; `server_cls` is a public but undocumented attribute of the
command. Without it, test_fifty_parallel_creates_make_fifty_tasks (contract_tests/
test_concurrency.py) fails with connection resets on the development server legs.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIServer


class BurstTolerantWSGIServer(WSGIServer):
    request_queue_size = 128


class Command(RunserverCommand):
    server_cls = BurstTolerantWSGIServer
