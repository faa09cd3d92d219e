"""A bearer token, kept only as the SHA-256 digest of what the client was given."""

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String, delete
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .account import Account
from .meta import Base, UTCDateTime, timestamp


class Token(Base):
    """Made by security.new_token, which hands the secret itself to the client once."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(back_populates="tokens")

    def is_expired(self):
        return self.expires_at <= datetime.now(UTC)

    def to_json(self, secret):
        return {
            "token": secret,
            "token_type": "Bearer",
            "expires_at": timestamp(self.expires_at),
            "username": self.account.username,
        }


def revoke_other_tokens(dbsession, token):
    """Delete every token of `token`'s account but `token` itself: API tokens and browser
    sessions alike, as a password change asks (whoever knew the old password may hold them)."""
    dbsession.execute(
        delete(Token).where(Token.account_id == token.account_id, Token.id != token.id)
    )
