"""An account: who owns tasks and tokens, and how it is shown as JSON."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base, UTCDateTime, timestamp

if TYPE_CHECKING:
    from .task import Task
    from .token import Token


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    # A bcrypt hash (security.hash_password), never the password itself.
    password_hash: Mapped[str] = mapped_column(String(100))
    date_joined: Mapped[datetime] = mapped_column(
        UTCDateTime, default=lambda: datetime.now(UTC).replace(microsecond=0)
    )

    # The database deletes an account's tasks and tokens (ON DELETE CASCADE), so the ORM
    # need not load them first (passive_deletes).
    tasks: Mapped[list["Task"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    tokens: Mapped[list["Token"]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )

    def to_json(self, request, task_count):
        return {
            "username": self.username,
            "email": self.email,
            "date_joined": timestamp(self.date_joined),
            "task_count": task_count,
            "url": request.route_url("account", username=self.username),
            "tasks_url": request.route_url("tasks", username=self.username),
        }
