#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def read_env_file(path):
    """NAME=value lines of a local .env file (no quotes; # starts a comment line) for the
    variables the environment does not set. Only manage.py reads it, not wsgi.py: gunicorn takes
    its settings from the real environment (and .dockerignore keeps the file out of the image)."""
    if path.is_file():
        for line in path.read_text().splitlines():
            name, equals, value = line.partition("=")
            if equals and not name.lstrip().startswith("#"):
                os.environ.setdefault(name.strip(), value.strip())


def main():
    """Run administrative tasks."""
    # A developer's DEBUG=true or SECRET_KEY, so that migrate, runserver and test work as typed.
    read_env_file(Path(__file__).resolve().parent / ".env")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todo_django.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
