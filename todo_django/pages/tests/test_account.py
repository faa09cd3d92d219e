from django.test import Client
from django.urls import reverse

from todos.models import Account, Task, Token
from todos.tests.helpers import racing

from ..forms import DeleteAccountForm, EmailForm, PasswordForm, TaskForm
from .helpers import PASSWORD, PageTestCase

ACCOUNT = reverse("pages:account")
NEW_PASSWORD = "a new password"
PASSWORD_CHANGED = "Your password was changed. Your other sessions and API tokens were signed out."


class AccountPageTests(PageTestCase):
    def test_shows_the_account_and_its_three_forms(self):
        """Username, email, member since, task count; the email, password and delete forms."""
        account = self.create_account("ada")
        self.create_task(account)
        self.sign_in("ada")
        response = self.client.get(ACCOUNT)
        self.assertContains(response, '<dd data-testid="account-username">ada</dd>', html=True)
        self.assertContains(
            response, '<dd data-testid="account-email">ada@example.com</dd>', html=True
        )
        self.assertContains(response, f"<dd>{account.date_joined:%Y-%m-%d}</dd>", html=True)
        self.assertContains(response, '<dd data-testid="account-task-count">1</dd>', html=True)
        for form in ("email-form", "password-form", "delete-account-form"):
            self.assertContains(response, f'data-testid="{form}"')
        self.assertContains(response, 'id="delete-account-current_password"')

    def test_signed_out_visitors_are_sent_to_sign_in(self):
        """GET /account without a session: 302 to /login?next=/account."""
        response = self.client.get(ACCOUNT)
        self.assertRedirects(response, "/login?next=/account", fetch_redirect_response=False)


class ChangeEmailViewTests(PageTestCase):
    url = reverse("pages:account_email")

    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")

    def test_changes_the_email(self):
        """303 to /account, "Your email was changed."."""
        response = self.client.post(self.url, {"email": "ada@lovelace.org"}, follow=True)
        self.assertSeeOther(response, ACCOUNT, "Your email was changed.")
        self.account.refresh_from_db()
        self.assertEqual(self.account.email, "ada@lovelace.org")

    def test_an_invalid_email_shows_the_page_again(self):
        """400: the whole page, the error on the email form only, the email unchanged."""
        response = self.client.post(self.url, {"email": "not an email"})
        self.assertFieldError(
            response,
            "email",
            "email",
            "Must be an email address (name@domain) of at most 254 characters.",
        )
        self.assertContains(response, 'data-testid="delete-account-form"', status_code=400)
        self.assertNotContains(response, "error-current_password", status_code=400)
        self.account.refresh_from_db()
        self.assertEqual(self.account.email, "ada@example.com")


class ChangePasswordViewTests(PageTestCase):
    url = reverse("pages:account_password")

    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")

    def change(self, current=PASSWORD, password=NEW_PASSWORD, confirm=NEW_PASSWORD, **kwargs):
        form = {"current_password": current, "password": password, "confirm": confirm}
        return self.client.post(self.url, form, **kwargs)

    def test_keeps_this_session_and_ends_the_others_and_every_token(self):
        """The session it was made in stays; another browser and the API tokens are out."""
        other = Client()
        self.sign_in("ada", other)
        token = self.token_for(self.account)
        response = self.change(follow=True)
        self.assertSeeOther(response, ACCOUNT, PASSWORD_CHANGED)
        self.assertEqual(self.client.get(ACCOUNT).status_code, 200)
        self.assertEqual(other.get(ACCOUNT).status_code, 302)
        self.assertEqual(self.get_account(token).status_code, 401)
        self.assertFalse(Token.objects.exists())
        self.account.refresh_from_db()
        self.assertTrue(self.account.check_password(NEW_PASSWORD))

    def test_a_cookie_copied_before_the_change_opens_nothing(self):
        """The session was given a new key: the old cookie is no longer signed in."""
        copy = Client()
        copy.cookies["sessionid"] = self.client.cookies["sessionid"].value
        self.change()
        self.assertEqual(copy.get(ACCOUNT).status_code, 302)

    def test_the_current_password_must_be_right(self):
        """A wrong current password: 400, "The password is incorrect.", nothing changed."""
        response = self.change(current="wrong password")
        self.assertFieldError(
            response, "password", "current_password", "The password is incorrect."
        )
        self.account.refresh_from_db()
        self.assertTrue(self.account.check_password(PASSWORD))

    def test_the_new_password_follows_the_api_rule_and_must_be_confirmed(self):
        """The API's length rule, then confirm must match; no password is shown back."""
        response = self.change(password="short", confirm="short")
        self.assertFieldError(
            response, "password", "password", "Must be a string of 8 to 128 characters."
        )
        response = self.change(confirm=NEW_PASSWORD.upper())
        self.assertFieldError(response, "password", "confirm", "The two passwords do not match.")
        self.assertNotContains(response, NEW_PASSWORD, status_code=400)

    def test_an_api_password_change_ends_the_browser_session(self):
        """PATCH /api/v1/accounts/ada with a password signs the browser out."""
        token = self.token_for(self.account)
        url = reverse("todos:account", args=["ada"])
        self.assertEqual(
            self.send("PATCH", url, {"password": NEW_PASSWORD}, token=token).status_code, 200
        )
        self.assertEqual(self.client.get(ACCOUNT).status_code, 302)


class DeleteAccountViewTests(PageTestCase):
    url = reverse("pages:account_delete")

    def setUp(self):
        self.account = self.create_account("ada")
        self.create_task(self.account)
        self.token = self.token_for(self.account)
        self.sign_in("ada")

    def test_deletes_the_account_its_tasks_and_tokens(self):
        """303 to /login, "Your account was deleted.", and every session of it is over."""
        other = Client()
        self.sign_in("ada", other)
        response = self.client.post(self.url, {"current_password": PASSWORD}, follow=True)
        self.assertSeeOther(response, reverse("pages:login"), "Your account was deleted.")
        self.assertFalse(Account.objects.exists())
        self.assertFalse(Task.objects.exists())
        self.assertEqual(self.get_account(self.token).status_code, 401)
        self.assertEqual(other.get(ACCOUNT).status_code, 302)

    def test_the_password_must_be_right(self):
        """A wrong or blank password: 400, the error on this form only, the account kept."""
        response = self.client.post(self.url, {"current_password": "wrong password"})
        self.assertFieldError(
            response, "delete-account", "current_password", "The password is incorrect."
        )
        self.assertNotContains(response, 'id="password-current_password-error"', status_code=400)
        response = self.client.post(self.url, {"current_password": " "})
        self.assertFieldError(
            response, "delete-account", "current_password", "This field is required."
        )
        self.assertTrue(Account.objects.exists())

    def test_a_deleted_account_through_the_api_ends_the_session(self):
        """DELETE /api/v1/accounts/ada signs the browser out too."""
        self.send("DELETE", reverse("todos:account", args=["ada"]), token=self.token)
        self.assertEqual(self.client.get(ACCOUNT).status_code, 302)


class AccountDeletedMeanwhileTests(PageTestCase):
    """The account is deleted (by another session, or through the API) while one of its forms
    is being handled, after this session was checked: the 403 page and nothing written, as the
    API's 401, where writing to the gone account's row would fail (500)."""

    def test_each_form_of_an_account_deleted_meanwhile_is_the_403_page(self):
        new_password = {"current_password": PASSWORD, "password": NEW_PASSWORD}
        for name, form_class, body in (
            ("pages:tasks", TaskForm, {"name": "Buy milk", "note": "", "due_date": ""}),
            ("pages:account_email", EmailForm, {"email": "ada@lovelace.org"}),
            ("pages:account_password", PasswordForm, {**new_password, "confirm": NEW_PASSWORD}),
            ("pages:account_delete", DeleteAccountForm, {"current_password": PASSWORD}),
        ):
            with self.subTest(form=name):
                self.create_account("ada")
                self.sign_in("ada")
                with racing(form_class, "is_valid", lambda form: Account.objects.all().delete()):
                    response = self.client.post(reverse(name), body)
                self.assertContains(response, "Forbidden", status_code=403)
                self.assertFalse(Account.objects.exists())
                self.assertFalse(Task.objects.exists())
