"""The account page: its details and three forms (email, password, delete), each posted to a
view of its own that shows the whole page again when its form is invalid."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from todos.models import Token, count_tasks

from ..auth import lock_signed_in_account, signin_required
from ..forms import DeleteAccountForm, EmailForm, PasswordForm
from . import HttpResponseSeeOther

# The flash of a password change.
OTHERS_SIGNED_OUT = "Your password was changed. Your other sessions and API tokens were signed out."


@require_safe
@signin_required
def account_page(request):
    return show_account(request)


def show_account(request, status=200, **forms):
    """The page, with fresh forms but the invalid one given (email_form, password_form or
    delete_form), whose errors are the only ones shown."""
    account = request.user
    context = {
        "title": "Account",
        "account": account,
        "task_count": count_tasks(account),
        "email_form": EmailForm(initial={"email": account.email}),
        "password_form": PasswordForm(account),
        "delete_form": DeleteAccountForm(account),
        **forms,
    }
    return TemplateResponse(request, "pages/account.html", context, status=status)


@require_POST
@signin_required
def change_email(request):
    form = EmailForm(request.POST)
    if not form.is_valid():
        return show_account(request, 400, email_form=form)
    with transaction.atomic():
        account = lock_signed_in_account(request)
        account.email = form.cleaned_data["email"]
        account.save(update_fields=["email"])
    messages.success(request, "Your email was changed.")
    return HttpResponseSeeOther(reverse("pages:account"))


@require_POST
@signin_required
def change_password(request):
    form = PasswordForm(request.user, request.POST)
    if not form.is_valid():
        return show_account(request, 400, password_form=form)
    with transaction.atomic():
        account = lock_signed_in_account(request)
        account.set_password(form.cleaned_data["password"])
        account.save(update_fields=["password"])
        # The contract asks for this, as PATCH /api/v1/accounts/{username} does: every API token
        # ends. The account's other browser sessions end by themselves: the password hash their
        # session was signed in with (the session auth hash) no longer matches.
        Token.objects.filter(account=account).delete()
    update_session_auth_hash(request, account)  # this session stays signed in, under a new key
    messages.success(request, OTHERS_SIGNED_OUT)
    return HttpResponseSeeOther(reverse("pages:account"))


@require_POST
@signin_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return show_account(request, 400, delete_form=form)
    with transaction.atomic():
        lock_signed_in_account(request).delete()  # the foreign keys cascade to tasks and tokens
    logout(request)  # this session's row; the others find no user and end
    messages.success(request, "Your account was deleted.")
    return HttpResponseSeeOther(reverse("pages:login"))
