"""Accounts: register, login, logout, and an account's own detail (read, update, delete)."""

from pyramid.httpexceptions import HTTPConflict, HTTPNoContent, HTTPUnauthorized
from pyramid.view import view_config

from ..models import Account, add_unique, count_tasks, delete_row, flush, revoke_other_tokens
from ..security import WRONG_CREDENTIALS, authenticate, issue_token
from ..validation import ACCOUNT_CHANGE, ACCOUNT_NEW, LOGIN, clean, json_body


@view_config(route_name="accounts", request_method="POST", renderer="json")
def register(request):
    fields = clean(json_body(request), ACCOUNT_NEW, required=ACCOUNT_NEW)
    # Hash before the first query: a write request holds SQLite's write lock from then on.
    password_hash = request.hash_password(fields["password"])
    account = Account(
        username=fields["username"], email=fields["email"], password_hash=password_hash
    )
    # The unique index decides: two registrations racing for one name get one 201, one 409.
    if not add_unique(request.dbsession, account):
        raise HTTPConflict("The username is already taken.")
    request.response.status_code = 201
    request.response.location = request.route_url("account", username=account.username)
    return account.to_json(request, task_count=0)


@view_config(route_name="login", request_method="POST", renderer="json")
def login(request):
    fields = clean(json_body(request), LOGIN, required=LOGIN)
    account = authenticate(request, fields["username"], fields["password"])
    if account is None:
        raise HTTPUnauthorized(WRONG_CREDENTIALS)  # either mistake
    secret, token = issue_token(request, account)
    return token.to_json(secret)


@view_config(route_name="logout", request_method="POST", permission="logout")
def logout(request):
    delete_row(request.dbsession, request.identity.token)
    return HTTPNoContent()


@view_config(route_name="account", request_method="GET", renderer="json", permission="view")
def account_detail(request):
    # The ACL on AccountResource already made sure the caller owns {username}.
    account = request.identity.account
    return account.to_json(request, count_tasks(request.dbsession, account))


@view_config(route_name="account", request_method="PATCH", renderer="json", permission="edit")
def update_account(request):
    fields = clean(json_body(request), ACCOUNT_CHANGE)
    account = request.identity.account
    if "email" in fields:
        account.email = fields["email"]
    if "password" in fields:
        account.password_hash = request.hash_password(fields["password"])
        # The contract asks that only the caller's own token survives.
        revoke_other_tokens(request.dbsession, request.identity.token)
    flush(request.dbsession)  # the account may have been deleted since it was read
    return account.to_json(request, count_tasks(request.dbsession, account))


@view_config(route_name="account", request_method="DELETE", permission="edit")
def delete_account(request):
    delete_row(request.dbsession, request.identity.account)  # the database cascades to its rows
    return HTTPNoContent()
