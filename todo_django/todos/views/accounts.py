"""Accounts: registration, login, logout and the account itself (read, change, delete)."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone

from ..auth import OwnerRequiredMixin, TokenRequiredMixin, lock_account, new_token, unauthorized
from ..base import ApiView, no_content
from ..errors import ApiError
from ..models import Account, Token, count_tasks
from ..validation import ACCOUNT_CHANGE, ACCOUNT_NEW, LOGIN, clean, json_body

WRONG_CREDENTIALS = "The username or password is incorrect."


class RegisterView(ApiView):
    def post(self, request):
        values = clean(json_body(request), ACCOUNT_NEW, required=("username", "email", "password"))
        try:
            with transaction.atomic():
                # Not create_user(): its normalize_email() strips what Python calls whitespace
                # (U+001C..U+001F too) and lowercases the domain; the contract stores the email
                # as sent, as PATCH does.
                account = Account(username=values["username"], email=values["email"])
                account.set_password(values["password"])
                account.save()
        except IntegrityError:
            # The unique index decides, so concurrent registrations of one name get one 201.
            raise ApiError(409, "The username is already taken.") from None
        body = account.to_json(request, task_count=0)
        return JsonResponse(body, status=201, headers={"Location": body["url"]})


class LoginView(ApiView):
    def post(self, request):
        credentials = clean(json_body(request), LOGIN, required=("username", "password"))
        with transaction.atomic():
            # authenticate() also spends a hash on unknown usernames, so timing does not
            # reveal which usernames exist.
            account = authenticate(request, **credentials)
            if account is None:
                raise unauthorized(WRONG_CREDENTIALS)
            # Deleted since authenticate() read it? Then the login comes after the deletion.
            account = lock_account(account, WRONG_CREDENTIALS)
            # Expired tokens can never be used again; a login is a natural moment to forget them.
            account.tokens.filter(expires_at__lte=timezone.now()).delete()
            secret, token = new_token(account, settings.TOKEN_TTL_SECONDS)
        return JsonResponse(token.to_json(secret))


class LogoutView(TokenRequiredMixin, ApiView):
    def post(self, request):
        # Counted: a token a racing logout or account deletion removed is a 401, as if after it.
        if not Token.objects.filter(pk=self.token.pk).delete()[0]:
            raise unauthorized()
        return no_content()


class AccountView(OwnerRequiredMixin, ApiView):
    def get(self, request, username):
        return JsonResponse(self.account.to_json(request, count_tasks(self.account)))

    def patch(self, request, username):
        values = clean(json_body(request), ACCOUNT_CHANGE)
        with transaction.atomic():
            account = lock_account(self.account)
            if "email" in values:
                account.email = values["email"]
            if "password" in values:
                account.set_password(values["password"])
                # The contract asks for this: the token used stays valid, the others stop.
                account.tokens.exclude(pk=self.token.pk).delete()
            account.save(update_fields=values.keys())
        return JsonResponse(account.to_json(request, count_tasks(account)))

    def delete(self, request, username):
        with transaction.atomic():
            # Locked first, so a task created meanwhile is either seen here or refused (401).
            lock_account(self.account).delete()  # the foreign keys cascade to tasks and tokens
        return no_content()
