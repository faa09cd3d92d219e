"""The tables (SQLAlchemy 2.0 typed declarative models) and their JSON representations.

Relationships are deliberately absent: a lazy load would run a query on the IOLoop thread, so every
query is written out and runs on tornado-sqlalchemy's worker threads (``as_future``).
"""

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Now as a naive UTC datetime with second precision, the form stored in every column."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def timestamp(moment: datetime | None) -> str | None:
    """The contract's timestamp form, 2026-11-21T09:30:00Z, its year always four digits."""
    if moment is None:
        return None
    # Spelled out: strftime("%Y") gives "98", not "0098", on glibc.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(128))
    date_joined: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def to_json(self, absolute_url, task_count: int) -> dict:
        return {
            "username": self.username,
            "email": self.email,
            "date_joined": timestamp(self.date_joined),
            "task_count": task_count,
            "url": absolute_url("account", self.username),
            "tasks_url": absolute_url("tasks", self.username),
        }


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    due_date: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    creation_date: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    def to_json(self, absolute_url, username: str) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "note": self.note,
            "completed": self.completed,
            "due_date": timestamp(self.due_date),
            "creation_date": timestamp(self.creation_date),
            "url": absolute_url("task", username, str(self.id)),
        }


class Token(Base):
    """A bearer token; only the SHA-256 hex digest of the secret is stored."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)

    def to_json(self, secret: str, username: str) -> dict:
        return {
            "token": secret,
            "token_type": "Bearer",
            "expires_at": timestamp(self.expires_at),
            "username": username,
        }


def count_tasks(session, account: Account) -> int:
    """The account's task_count (a query: run it off the loop, in the caller's transaction)."""
    return session.scalar(
        select(func.count()).select_from(Task).where(Task.account_id == account.id)
    )
