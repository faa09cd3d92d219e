"""The tables, and how each row is shown as JSON."""

from datetime import UTC, datetime

from flask import url_for
from sqlalchemy import DateTime, ForeignKey, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import db


def utc_now():
    """The current time as stored: naive UTC, the same on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


def timestamp(moment):
    """A stored naive-UTC datetime as the contract's `YYYY-MM-DDTHH:MM:SSZ` (fraction dropped).

    Field by field: strftime("%Y") writes the year 98 as "98" on Linux; the contract wants "0098".
    """
    if moment is None:
        return None
    date = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return f"{date}T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"


class Account(db.Model):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    date_joined: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    # The database deletes an account's tasks and tokens (ON DELETE CASCADE), so the ORM
    # need not load them first (passive_deletes).
    tasks: Mapped[list["Task"]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )
    tokens: Mapped[list["Token"]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )

    def to_json(self, task_count):
        return {
            "username": self.username,
            "email": self.email,
            "date_joined": timestamp(self.date_joined),
            "task_count": task_count,
            "url": url_for("accounts.detail", username=self.username, _external=True),
            "tasks_url": url_for("tasks.task_list", username=self.username, _external=True),
        }


class Task(db.Model):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    completed: Mapped[bool] = mapped_column(default=False)
    due_date: Mapped[datetime | None] = mapped_column(DateTime)
    creation_date: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    account: Mapped[Account] = relationship(back_populates="tasks")

    def to_json(self):
        return {
            "id": self.id,
            "name": self.name,
            "note": self.note,
            "completed": self.completed,
            "due_date": timestamp(self.due_date),
            "creation_date": timestamp(self.creation_date),
            "url": url_for(
                "tasks.task_detail",
                username=self.account.username,
                task_id=self.id,
                _external=True,
            ),
        }


def count_tasks(account):
    """How many tasks `account` has: a query, so the views make it where it can be seen."""
    return db.session.scalar(
        select(func.count()).select_from(Task).where(Task.account_id == account.id)
    )


def lock_account(account_id):
    """Lock the account's row until the transaction ends (SELECT ... FOR UPDATE; SQLite, which
    renders no FOR UPDATE, has locked the whole database at BEGIN IMMEDIATE already)."""
    db.session.execute(select(Account.id).where(Account.id == account_id).with_for_update())


class Token(db.Model):
    """A bearer token; only its SHA-256 digest is stored, never the token itself."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime)

    account: Mapped[Account] = relationship(back_populates="tokens")

    def to_json(self, secret):
        return {
            "token": secret,
            "token_type": "Bearer",
            "expires_at": timestamp(self.expires_at),
            "username": self.account.username,
        }
