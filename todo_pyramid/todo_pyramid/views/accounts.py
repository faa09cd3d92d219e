"""Accounts: register, login, logout, and an account's own detail (read, update, delete)."""

from pyramid.httpexceptions import HTTPConflict, HTTPNoContent, HTTPUnauthorized
from pyramid.view import view_config
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..models import Account, Token
from ..validation import ACCOUNT, ACCOUNT_UPDATE, LOGIN, clean, json_body

USERNAME_TAKEN = "This username is already taken."


@view_config(route_name="accounts", request_method="POST", renderer="json")
def register(request):
    fields = clean(json_body(request), ACCOUNT, required=ACCOUNT)
    account = Account(username=fields["username"], email=fields["email"])
    # Hash before the first query: a write request holds SQLite's write lock from then on.
    account.set_password(fields["password"], request.registry.settings["auth.bcrypt_rounds"])
    taken = select(Account.id).where(Account.username == account.username)
    if request.dbsession.scalar(taken) is not None:
        raise HTTPConflict(USERNAME_TAKEN)
    request.dbsession.add(account)
    try:
        request.dbsession.flush()
    except IntegrityError:
        # Another request took the name between the check and the insert (PostgreSQL).
        raise HTTPConflict(USERNAME_TAKEN) from None
    request.response.status_code = 201
    request.response.location = request.route_url("account", username=account.username)
    return account.to_json(request)


@view_config(route_name="login", request_method="POST", renderer="json")
def login(request):
    fields = clean(json_body(request), LOGIN, required=LOGIN)
    account = request.dbsession.scalar(
        select(Account).where(Account.username == fields["username"])
    )
    if account is None:
        # Spend the time a wrong password costs, so response times do not reveal usernames.
        Account().set_password(fields["password"], request.registry.settings["auth.bcrypt_rounds"])
    if account is None or not account.check_password(fields["password"]):
        raise HTTPUnauthorized("The username or password is wrong.")
    token, secret = Token.issue(account, request.registry.settings["auth.token_ttl_seconds"])
    request.dbsession.add(token)
    request.dbsession.flush()
    return token.to_json(secret)


@view_config(route_name="logout", request_method="POST", permission="logout")
def logout(request):
    request.dbsession.delete(request.identity.token)
    return HTTPNoContent()


@view_config(route_name="account", request_method="GET", renderer="json", permission="view")
def account_detail(request):
    # The ACL on AccountResource already made sure the caller owns {username}.
    return request.identity.account.to_json(request)


@view_config(route_name="account", request_method="PATCH", renderer="json", permission="edit")
def update_account(request):
    fields = clean(json_body(request), ACCOUNT_UPDATE)
    account = request.identity.account
    if "email" in fields:
        account.email = fields["email"]
    if "password" in fields:
        account.set_password(fields["password"], request.registry.settings["auth.bcrypt_rounds"])
        # A new password signs out every other session; the token in use stays valid.
        request.dbsession.execute(
            delete(Token).where(
                Token.account_id == account.id, Token.id != request.identity.token.id
            )
        )
    return account.to_json(request)


@view_config(route_name="account", request_method="DELETE", permission="edit")
def delete_account(request):
    request.dbsession.delete(request.identity.account)
    return HTTPNoContent()
