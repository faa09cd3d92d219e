"""An account: who owns tasks and tokens, and how its password is kept."""

import base64
import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import bcrypt
from sqlalchemy import String, func, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from .meta import Base, UTCDateTime, timestamp
from .task import Task

if TYPE_CHECKING:
    from .token import Token


def _bcrypt_input(password):
    # bcrypt reads only 72 bytes; hashing first makes every character of a long password count.
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(100))
    date_joined: Mapped[datetime] = mapped_column(
        UTCDateTime, default=lambda: datetime.now(UTC).replace(microsecond=0)
    )

    # The ORM deletes an account's tasks and tokens with it, on every backend.
    tasks: Mapped[list["Task"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    tokens: Mapped[list["Token"]] = relationship(
        back_populates="account", cascade="all, delete-orphan", passive_deletes=True
    )

    def set_password(self, password, rounds):
        """Store a salted bcrypt hash; the rounds come from the settings (lowered in tests)."""
        salt = bcrypt.gensalt(rounds)
        self.password_hash = bcrypt.hashpw(_bcrypt_input(password), salt).decode("ascii")

    def check_password(self, password):
        return bcrypt.checkpw(_bcrypt_input(password), self.password_hash.encode("ascii"))

    def to_json(self, request):
        task_count = object_session(self).scalar(
            select(func.count(Task.id)).where(Task.account_id == self.id)
        )
        return {
            "username": self.username,
            "email": self.email,
            "date_joined": timestamp(self.date_joined),
            "task_count": task_count,
            "url": request.route_url("account", username=self.username),
            "tasks_url": request.route_url("tasks", username=self.username),
        }
