"""The account page: its details and three forms (email, password, deletion)."""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget
from pyramid.view import view_config

from ..models import count_tasks, delete_row, flush, revoke_other_tokens
from .forms import Form, delete_account_form, email_form, password_form

ACCOUNT = "todo_pyramid:templates/account.jinja2"


def account_page(request, form=None):
    """The page's values; `form`, shown again with its errors, replaces its empty namesake."""
    account = request.identity.account
    forms = {name: Form(name) for name in ("email", "password", "delete-account")}
    if form is not None:
        forms[form.name] = form
    return {
        "account": account,
        "task_count": count_tasks(request.dbsession, account),
        "forms": forms,
    }


def invalid(request, form):
    request.response.status_code = 400
    return account_page(request, form)


@view_config(route_name="pages.account", request_method="GET", renderer=ACCOUNT, permission="view")
def account_detail(request):
    return account_page(request)


@view_config(
    route_name="pages.account_email", request_method="POST", renderer=ACCOUNT, permission="edit"
)
def change_email(request):
    form = email_form(request.POST)
    if not form.valid:
        return invalid(request, form)
    request.identity.account.email = form.clean["email"]
    flush(request.dbsession)  # the account may have been deleted since it was read
    request.session.flash("Your email was changed.")
    return HTTPSeeOther(request.route_url("pages.account"))


@view_config(
    route_name="pages.account_password", request_method="POST", renderer=ACCOUNT, permission="edit"
)
def change_password(request):
    account = request.identity.account
    form = password_form(request.POST, account)
    if not form.valid:
        return invalid(request, form)
    account.password_hash = request.hash_password(form.clean["password"])
    # As the API's password change does: this session's token stays, every other one goes.
    revoke_other_tokens(request.dbsession, request.identity.token)
    flush(request.dbsession)
    request.session.flash(
        "Your password was changed. Your other sessions and API tokens were signed out."
    )
    return HTTPSeeOther(request.route_url("pages.account"))


@view_config(
    route_name="pages.account_delete", request_method="POST", renderer=ACCOUNT, permission="edit"
)
def delete_account(request):
    form = delete_account_form(request.POST, request.identity.account)
    if not form.valid:
        return invalid(request, form)
    delete_row(request.dbsession, request.identity.account)  # its tasks and tokens go with it
    forget(request)
    request.session.flash("Your account was deleted.")
    return HTTPSeeOther(request.route_url("pages.login"))
