"""The account page: its details, and the forms that change the email or the password and
delete the account."""

from flask import flash, g, redirect, render_template, session, url_for

from ..auth import change_password
from ..db import db, write_transaction
from ..models import count_tasks
from . import bp
from .auth import login_required
from .forms import DeleteAccountForm, EmailForm, PasswordForm


def show_account(status_code=200, **sent_form):
    """The page with its three forms; `sent_form` is the one sent with invalid input (400)."""
    forms = {
        "email_form": EmailForm(formdata=None, email=g.user.email),
        "password_form": PasswordForm(formdata=None),
        "delete_form": DeleteAccountForm(formdata=None),
    } | sent_form  # the contract asks for this: the error on that form only
    return render_template(
        "account/detail.html", task_count=count_tasks(g.user), **forms
    ), status_code


@bp.get("/account")
@login_required
def account():
    return show_account()


@bp.post("/account/email")
@write_transaction
@login_required
def change_email():
    form = EmailForm()
    if not form.validate_on_submit():
        return show_account(400, email_form=form)
    g.user.email = form.email.data
    db.session.commit()
    flash("Your email was changed.")
    return redirect(url_for("pages.account"), 303)


@bp.post("/account/password")
@write_transaction
@login_required
def change_account_password():
    form = PasswordForm()
    if not form.validate_on_submit():
        return show_account(400, password_form=form)
    # This session's token stays; every other session and API token of the account ends.
    change_password(g.user, form.password.data, kept_token=g.token)
    db.session.commit()
    flash("Your password was changed. Your other sessions and API tokens were signed out.")
    return redirect(url_for("pages.account"), 303)


@bp.post("/account/delete")
@write_transaction
@login_required
def delete_account():
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        return show_account(400, delete_form=form)
    db.session.delete(g.user)  # the database cascades to its tasks and tokens (sessions)
    db.session.commit()
    session.clear()
    flash("Your account was deleted.")
    return redirect(url_for("pages.login_form"), 303)
