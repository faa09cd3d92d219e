"""Accounts: register, login, logout, and the account itself (read, change, delete)."""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from tornado.ioloop import IOLoop

from .. import auth
from ..errors import Problem
from ..models import Account, Token, count_tasks, utcnow
from ..validation import ACCOUNT_CHANGE, ACCOUNT_NEW, LOGIN, USERNAME, clean, json_body
from .base import BaseHandler, authenticated, owner_required


class RegisterHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)

    async def post(self):
        values = clean(
            json_body(self.request), ACCOUNT_NEW, required=("username", "email", "password")
        )
        account = await register(self, values["username"], values["email"], values["password"])
        if account is None:
            raise Problem(409, "The username is already taken.")
        self.set_status(201)
        self.set_header("Location", self.absolute_url("account", account.username))
        self.write(account.to_json(self.absolute_url, task_count=0))


class LoginHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)

    async def post(self):
        values = clean(json_body(self.request), LOGIN, required=("username", "password"))
        account = await authenticate(self, values["username"], values["password"])
        if account is None:
            raise Problem(401, auth.WRONG_LOGIN)
        secret, token = await issue_token(self, account)
        if token is None:  # the account was deleted after the password check
            raise Problem(401, auth.WRONG_LOGIN)
        self.write(token.to_json(secret, account.username))


class LogoutHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)

    @authenticated
    async def post(self):
        if not await self.run_in_session(revoke_token, self.current_token.id, write=True):
            raise Problem(401)  # revoked meanwhile (or gone with its account): as if after
        self.set_status(204)


class AccountHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "PATCH", "DELETE")

    @owner_required
    async def get(self, username):
        task_count = await self.run_in_session(count_tasks, self.current_user)
        self.write(self.current_user.to_json(self.absolute_url, task_count))

    head = get

    @owner_required
    async def patch(self, username):
        values = clean(json_body(self.request), ACCOUNT_CHANGE)
        if "password" in values:
            password = values.pop("password")
            values["password_hash"] = await IOLoop.current().run_in_executor(
                None, auth.hash_password, password
            )
        changed = await self.run_in_session(
            change_account, self.current_user.id, self.current_token.id, values, write=True
        )
        if changed is None:  # deleted since prepare() found it: its tokens went with it
            raise Problem(401)
        account, task_count = changed
        self.write(account.to_json(self.absolute_url, task_count))

    @owner_required
    async def delete(self, username):
        deleted = await self.run_in_session(delete_account, self.current_user.id, write=True)
        if not deleted:  # deleted meanwhile: its tokens went with it, this one too
            raise Problem(401)
        self.set_status(204)


async def register(handler, username: str, email: str, password: str) -> Account | None:
    """The new account, or None if the username is taken (the API's registration and the
    site's sign-up). The unique index decides between simultaneous registrations, not a prior
    SELECT."""
    # bcrypt is slow on purpose: it runs on the IOLoop's default executor, off the loop.
    password_hash = await IOLoop.current().run_in_executor(None, auth.hash_password, password)
    account = Account(
        username=username, email=email, password_hash=password_hash, date_joined=utcnow()
    )
    try:
        await handler.run_in_session(lambda session: session.add(account), write=True)
    except IntegrityError:
        return None
    return account


async def authenticate(handler, username: str, password: str) -> Account | None:
    """The account this username and password open, or None (the API's login and the site's)."""
    account = None
    if USERNAME.fullmatch(username):  # another name has no account (and may hold a NUL)
        query = select(Account).where(Account.username == username)
        account = await handler.run_in_session(lambda session: session.scalars(query).first())
    password_hash = account.password_hash if account else None
    # bcrypt is slow on purpose: it runs on the IOLoop's default executor, off the loop, and
    # as long for an unknown account as for a wrong password.
    matches = await IOLoop.current().run_in_executor(
        None, auth.check_password, password, password_hash
    )
    return account if account is not None and matches else None


async def issue_token(handler, account: Account, revoked: Token | None = None):
    """(secret, token): a new token for the account (and ``revoked`` deleted, in the same unit
    of work), or (None, None) if the account was deleted meanwhile."""
    secret, token = auth.new_token(account, handler.settings["token_ttl_seconds"])

    def store(session):
        if revoked is not None:
            revoke_token(session, revoked.id)
        session.add(token)

    try:
        await handler.run_in_session(store, write=True)
    except IntegrityError:  # the account's row is gone: its foreign key refuses the token
        return None, None
    return secret, token


def revoke_token(session, token_id: int) -> bool:
    """Delete the token (a logout, the site's sign-out); False when it is already gone."""
    return session.execute(delete(Token).where(Token.id == token_id)).rowcount > 0


def delete_account(session, account_id: int) -> bool:
    """Delete the account; False when it is already gone."""
    # The database's ON DELETE CASCADE removes the account's tasks and tokens with it.
    return session.execute(delete(Account).where(Account.id == account_id)).rowcount > 0


def change_account(session, account_id: int, token_id: int, values: dict):
    """One write transaction: the changed account and its task count, or None if it is gone."""
    account = session.get(Account, account_id, with_for_update=True)
    if account is None:
        return None
    for field, value in values.items():
        setattr(account, field, value)
    if "password_hash" in values:
        # A new password signs out every other session; the token in use stays valid.
        others = delete(Token).where(Token.account_id == account_id, Token.id != token_id)
        session.execute(others)
    return account, count_tasks(session, account)
