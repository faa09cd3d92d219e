"""A bearer token, kept only as the SHA-256 digest of what the client was given."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .account import Account
from .meta import Base, UTCDateTime, timestamp


def digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Token(Base):
    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(back_populates="tokens")

    @classmethod
    def issue(cls, account, ttl_seconds):
        """Make a new token for the account; returns the row and the secret for the client."""
        secret = secrets.token_urlsafe(32)
        now = datetime.now(UTC).replace(microsecond=0)
        token = cls(
            account=account, digest=digest(secret), expires_at=now + timedelta(seconds=ttl_seconds)
        )
        return token, secret

    def is_expired(self):
        return self.expires_at <= datetime.now(UTC)

    def to_json(self, secret):
        return {
            "token": secret,
            "token_type": "Bearer",
            "expires_at": timestamp(self.expires_at),
            "username": self.account.username,
        }
