"""`manage.py runserver`, with a listen queue deep enough for bursts of clients.

Django's development server listens with a queue of 10 connections; a burst of 50 new clients
(the contract's concurrency test) overflows it while requests wait on the database, and the
kernel resets the connections that do not fit. Overriding a core command from an app is
Django's documented mechanism; staticfiles does the same, so this extends its version and
`todos` is listed before staticfiles in INSTALLED_APPS to take precedence.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.servers.basehttp import WSGIServer


class BurstTolerantWSGIServer(WSGIServer):
    request_queue_size = 128


class Command(RunserverCommand):
    server_cls = BurstTolerantWSGIServer
