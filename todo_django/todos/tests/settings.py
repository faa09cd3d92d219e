"""Settings for the test suite: the real settings with a throwaway key, a fast hasher, and static
files served from the apps' folders (no collectstatic, no manifest)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from todo_django.settings import *  # noqa: F403

# Django's documented speed-up for tests that create users; the real default stays PBKDF2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest storage needs collectstatic's manifest; plain names work from the source folders,
# which WhiteNoise reads through the staticfiles finders, as with DEBUG on.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
