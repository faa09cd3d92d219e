"""A task on an account's to-do list, and the count of an account's tasks."""

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime, timestamp


class Task(Base):
    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(String(2000), default="")
    completed: Mapped[bool] = mapped_column(default=False)
    due_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    creation_date: Mapped[datetime] = mapped_column(
        UTCDateTime, default=lambda: datetime.now(UTC).replace(microsecond=0)
    )

    def to_json(self, request, username):
        return {
            "id": self.id,
            "name": self.name,
            "note": self.note,
            "completed": self.completed,
            "due_date": timestamp(self.due_date),
            "creation_date": timestamp(self.creation_date),
            "url": request.route_url("task", username=username, id=self.id),
        }


def count_tasks(dbsession, account):
    """How many tasks `account` has: a query, so the views make it where it can be seen."""
    return dbsession.scalar(select(func.count(Task.id)).where(Task.account_id == account.id))
