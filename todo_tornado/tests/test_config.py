"""Settings from the environment, and a server that refuses to start with a bad one."""

import subprocess
import sys
import unittest

from todo_tornado.config import (
    VAR_DIR,
    ConfigError,
    allowed_hosts,
    cors_origins,
    database_url,
    secret_key,
    secure_cookies,
    token_ttl_seconds,
    trust_proxy_headers,
)

from .support import FOLDER


class ConfigTest(unittest.TestCase):
    def test_default_database_is_a_file_in_var(self):
        self.assertEqual(database_url({}), f"sqlite:///{VAR_DIR / 'todo.sqlite3'}")
        self.assertTrue(VAR_DIR.is_dir())

    def test_postgresql_urls_use_psycopg_3(self):
        url = database_url({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/todo"})
        self.assertEqual(url, "postgresql+psycopg://postgres@127.0.0.1:5432/todo")

    def test_token_ttl_must_be_a_positive_integer(self):
        self.assertEqual(token_ttl_seconds({}), 604800)
        self.assertEqual(token_ttl_seconds({"TOKEN_TTL_SECONDS": "60"}), 60)
        for bad in ("0", "-5", "abc", "1.5"):
            with self.subTest(bad=bad), self.assertRaises(ConfigError):
                token_ttl_seconds({"TOKEN_TTL_SECONDS": bad})

    def test_allowed_hosts_are_lower_case_names(self):
        self.assertEqual(allowed_hosts({}), ("127.0.0.1", "localhost"))
        hosts = allowed_hosts({"ALLOWED_HOSTS": " API.example , [::1],,"})
        self.assertEqual(hosts, ("api.example", "[::1]"))
        self.assertEqual(allowed_hosts({"ALLOWED_HOSTS": "*"}), ("*",))

    def test_trust_proxy_headers_is_true_or_false(self):
        self.assertFalse(trust_proxy_headers({}))
        self.assertTrue(trust_proxy_headers({"TRUST_PROXY_HEADERS": "True"}))
        self.assertFalse(trust_proxy_headers({"TRUST_PROXY_HEADERS": "false"}))
        for bad in ("1", "yes", "on"):
            with self.subTest(bad=bad), self.assertRaises(ConfigError):
                trust_proxy_headers({"TRUST_PROXY_HEADERS": bad})

    def test_cors_origins_are_origins_or_a_star(self):
        self.assertEqual(cors_origins({}), ())
        self.assertEqual(cors_origins({"CORS_ORIGINS": " "}), ())  # off
        origins = cors_origins({"CORS_ORIGINS": " https://app.example , http://[::1]:3000"})
        self.assertEqual(origins, ("https://app.example", "http://[::1]:3000"))
        self.assertEqual(cors_origins({"CORS_ORIGINS": " * "}), ("*",))
        for bad in (
            "app.example",
            "https://app.example/",
            "https://app.example/path",
            "*, https://a.b",
        ):
            with self.subTest(bad=bad), self.assertRaisesRegex(ConfigError, "^CORS_ORIGINS"):
                cors_origins({"CORS_ORIGINS": bad})

    def test_secret_key_is_required(self):
        self.assertEqual(secret_key({"SECRET_KEY": "k3y"}), "k3y")
        for missing in ({}, {"SECRET_KEY": ""}, {"SECRET_KEY": "  "}):
            with self.subTest(environ=missing), self.assertRaisesRegex(ConfigError, "^SECRET_KEY"):
                secret_key(missing)

    def test_secure_cookies_is_true_or_false(self):
        self.assertFalse(secure_cookies({}))
        self.assertTrue(secure_cookies({"SECURE_COOKIES": "TRUE"}))
        self.assertFalse(secure_cookies({"SECURE_COOKIES": "false"}))
        for bad in ("1", "yes", "on"):
            with self.subTest(bad=bad), self.assertRaisesRegex(ConfigError, "^SECURE_COOKIES"):
                secure_cookies({"SECURE_COOKIES": bad})

    def start_server(self, environ):
        return subprocess.run(
            [sys.executable, "-m", "todo_tornado", "--port=0"],
            cwd=FOLDER,
            env={**environ, "PATH": ""},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def test_the_server_refuses_to_start_with_a_bad_ttl(self):
        result = self.start_server({"TOKEN_TTL_SECONDS": "soon"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("TOKEN_TTL_SECONDS must be a positive integer", result.stderr)

    def test_the_server_refuses_to_start_with_a_bad_cors_origin(self):
        result = self.start_server({"CORS_ORIGINS": "https://app.example/path"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("CORS_ORIGINS must be * or comma-separated origins", result.stderr)

    def test_the_server_refuses_to_start_without_a_secret_key(self):
        result = self.start_server({})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_the_server_refuses_to_start_with_a_bad_secure_cookies(self):
        result = self.start_server({"SECRET_KEY": "k", "SECURE_COOKIES": "yes"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECURE_COOKIES must be true or false", result.stderr)
