"""The point of the design: database waits happen on worker threads, never on the IOLoop."""

import asyncio
import sqlite3
import time

from tornado.testing import gen_test

from .support import ApiTestCase

HOLD_SECONDS = 1.0


class LockHoldTest(ApiTestCase):
    @gen_test(timeout=10)
    async def test_info_is_answered_while_a_write_waits_for_the_sqlite_lock(self):
        token = self.create_account("ada")
        # Another connection (another process, in real life) takes SQLite's write lock.
        holder = sqlite3.connect(self.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        self.io_loop.call_later(HOLD_SECONDS, holder.close)  # closing ends its transaction
        started = time.monotonic()
        write = asyncio.ensure_future(
            self.http_client.fetch(
                self.get_url("/api/v1/accounts/ada/tasks"),
                method="POST",
                body=b'{"name": "waits for the lock"}',
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            )
        )
        await asyncio.sleep(0.1)  # the POST is now blocked in BEGIN IMMEDIATE on a worker thread
        info_started = time.monotonic()
        info = await self.http_client.fetch(self.get_url("/api/v1"))
        info_seconds = time.monotonic() - info_started
        tasks = await self.http_client.fetch(  # a read needs no write lock under WAL
            self.get_url("/api/v1/accounts/ada/tasks"),
            headers={"Authorization": f"Bearer {token}"},
        )
        read_seconds = time.monotonic() - info_started
        created = await write
        write_seconds = time.monotonic() - started

        self.assertEqual((info.code, tasks.code, created.code), (200, 200, 201))
        self.assertLess(info_seconds, 0.2 * HOLD_SECONDS)
        self.assertLess(read_seconds, 0.5 * HOLD_SECONDS)
        self.assertGreaterEqual(write_seconds, 0.9 * HOLD_SECONDS)
