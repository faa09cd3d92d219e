"""Accounts: register, login, logout, and the account itself (read, change, delete)."""

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from tornado.ioloop import IOLoop
from tornado_sqlalchemy import as_future

from .. import auth
from ..errors import Problem
from ..models import Account, Task, Token, timestamp, utcnow
from ..validation import ACCOUNT_CHANGE, ACCOUNT_NEW, LOGIN
from .base import OWNER, TOKEN, BaseHandler


async def hash_password(password: str) -> str:
    """bcrypt is slow on purpose: it runs on the IOLoop's default executor, off the loop."""
    return await IOLoop.current().run_in_executor(None, auth.hash_password, password)


class AccountsHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)
    body_methods = ("POST",)

    async def post(self):
        values = self.validated(ACCOUNT_NEW, required=("username", "email", "password"))
        password_hash = await hash_password(values.pop("password"))
        account = Account(**values, password_hash=password_hash, date_joined=utcnow())
        await self.begin_write()
        self.session.add(account)
        try:
            await as_future(self.session.commit)
        except IntegrityError:
            # The unique index decides between simultaneous registrations, not a prior SELECT.
            await as_future(self.session.rollback)
            raise Problem(409, "The username is already taken.") from None
        self.set_header("Location", self.absolute_url("account", account.username))
        self.write_json(account.to_json(self.absolute_url, task_count=0), status=201)


class LoginHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)
    body_methods = ("POST",)

    async def post(self):
        values = self.validated(LOGIN, required=("username", "password"))
        query = select(Account).where(Account.username == values["username"])
        account = await as_future(lambda: self.session.scalars(query).first())
        await as_future(self.session.commit)  # no transaction stays open during bcrypt
        password_hash = account.password_hash if account else None
        matches = await IOLoop.current().run_in_executor(
            None, auth.check_password, values["password"], password_hash
        )
        if account is None or not matches:
            raise Problem(401, "The username or password is incorrect.")
        secret, token = auth.new_token(account, self.settings["token_ttl_seconds"])
        await self.begin_write()
        self.session.add(token)
        try:
            await as_future(self.session.commit)
        except IntegrityError:  # the account was deleted after the password check
            await as_future(self.session.rollback)
            raise Problem(401, "The username or password is incorrect.") from None
        self.write_json(
            {
                "token": secret,
                "token_type": "Bearer",
                "expires_at": timestamp(token.expires_at),
                "username": account.username,
            }
        )


class LogoutHandler(BaseHandler):
    SUPPORTED_METHODS = ("POST",)
    access = TOKEN

    async def post(self):
        await self.begin_write()
        revoke = delete(Token).where(Token.id == self.current_token.id)
        await as_future(lambda: self.session.execute(revoke))
        await as_future(self.session.commit)
        self.set_status(204)
        self.finish()


class AccountHandler(BaseHandler):
    SUPPORTED_METHODS = ("GET", "HEAD", "PATCH", "DELETE")
    body_methods = ("PATCH",)
    access = OWNER

    async def get(self, username):
        task_count = await as_future(self.count_tasks)
        self.write_json(self.current_user.to_json(self.absolute_url, task_count))

    head = get

    async def patch(self, username):
        values = self.validated(ACCOUNT_CHANGE)
        account = self.current_user
        if "password" in values:
            password_hash = await hash_password(values["password"])
        await self.begin_write()
        if "email" in values:
            account.email = values["email"]
        if "password" in values:
            account.password_hash = password_hash
            # A new password signs out every other session; the token in use stays valid.
            others = delete(Token).where(
                Token.account_id == account.id, Token.id != self.current_token.id
            )
            await as_future(lambda: self.session.execute(others))
        task_count = await as_future(self.count_tasks)
        await as_future(self.session.commit)
        self.write_json(account.to_json(self.absolute_url, task_count))

    async def delete(self, username):
        account_id = self.current_user.id
        await self.begin_write()
        # Explicit deletes, children first: an ORM cascade would load every row to delete it.
        statements = [
            delete(Task).where(Task.account_id == account_id),
            delete(Token).where(Token.account_id == account_id),
            delete(Account).where(Account.id == account_id),
        ]
        await as_future(lambda: [self.session.execute(statement) for statement in statements])
        await as_future(self.session.commit)
        self.set_status(204)
        self.finish()

    def count_tasks(self) -> int:
        query = (
            select(func.count()).select_from(Task).where(Task.account_id == self.current_user.id)
        )
        return self.session.scalar(query)
