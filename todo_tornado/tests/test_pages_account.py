"""The account page and its forms (pages/account.py)."""

from todo_tornado.models import Account, Task, Token

from .browsing import Browser, SiteTestCase
from .support import PASSWORD

NEW_PASSWORD = "a much better passphrase"


class AccountPageTest(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.ada = self.signed_in("ada")

    def test_the_page_shows_the_account(self):
        self.create_tasks("ada", 2)
        page = self.ada.get("/account")
        self.assert_page(page, 200, "Account")
        self.assertIn('<dd data-testid="account-username">ada</dd>', page.text)
        self.assertIn('<dd data-testid="account-email">ada@example.com</dd>', page.text)
        self.assertIn('<dd data-testid="account-task-count">2</dd>', page.text)

    def test_changing_the_email(self):
        response = self.ada.post("/account/email", email="not an email")
        self.assert_page(response, 400, "Account")
        self.assert_field_error(
            response,
            "email",
            "email",
            "Must be an email address (name@domain) of at most 254 characters.",
        )
        self.assertNotIn('data-testid="error-current_password"', response.text)  # that form only
        self.assert_redirect(self.ada.post("/account/email", email="ada@lovelace.org"), "/account")
        page = self.ada.get("/account")
        self.assertIn('<li data-testid="flash">Your email was changed.</li>', page.text)
        self.assertEqual(self.count(Account, email="ada@lovelace.org"), 1)


class PasswordChangeTest(SiteTestCase):
    def test_a_wrong_current_password_or_a_mismatch_changes_nothing(self):
        ada = self.signed_in("ada")
        response = ada.post(
            "/account/password",
            current_password="wrong password",
            password=NEW_PASSWORD,
            confirm=NEW_PASSWORD + "!",
        )
        self.assert_page(response, 400, "Account")
        self.assert_field_error(
            response, "password", "current_password", "The password is incorrect."
        )
        self.assert_field_error(response, "password", "confirm", "The two passwords do not match.")
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=ada.token).code, 200)

    def test_a_new_password_ends_the_other_sessions_and_api_tokens(self):
        ada = self.signed_in("ada")
        other = Browser(self)
        other.post("/login", username="ada", password=PASSWORD)
        self.assertEqual(other.get("/tasks").code, 200)
        response = ada.post(
            "/account/password",
            current_password=PASSWORD,
            password=NEW_PASSWORD,
            confirm=NEW_PASSWORD,
        )
        self.assert_redirect(response, "/account")
        self.assertEqual(
            self.flashes(ada),
            ["Your password was changed. Your other sessions and API tokens were signed out."],
        )
        self.assertEqual(ada.get("/tasks").code, 200)  # this session goes on
        self.assertEqual(other.get("/tasks").code, 302)
        self.assertEqual(self.request("GET", "/api/v1/accounts/ada", token=ada.token).code, 401)
        self.assertEqual(self.count(Token), 1)

    def test_a_password_changed_through_the_api_ends_the_browser_sessions(self):
        ada = self.signed_in("ada")
        api_token = self.create_token("ada")
        body = {"password": NEW_PASSWORD}
        response = self.request("PATCH", "/api/v1/accounts/ada", body, token=api_token)
        self.assertEqual(response.code, 200)
        self.assert_redirect(ada.get("/account"), "/login?next=%2Faccount", status=302)


class AccountDeleteTest(SiteTestCase):
    def test_deleting_the_account_needs_its_password_and_ends_the_session(self):
        ada = self.signed_in("ada")
        self.create_tasks("ada", 2)
        response = ada.post("/account/delete", current_password="not my password")
        self.assert_page(response, 400, "Account")
        self.assert_field_error(
            response, "delete-account", "current_password", "The password is incorrect."
        )
        copy = Browser(self)
        copy.cookies = dict(ada.cookies)
        self.assert_redirect(ada.post("/account/delete", current_password=PASSWORD), "/login")
        self.assertEqual(self.flashes(ada, "/login"), ["Your account was deleted."])
        self.assertEqual((self.count(Account), self.count(Task), self.count(Token)), (0, 0, 0))
        self.assertNotIn("session", ada.cookies)
        self.assertEqual(copy.get("/account").code, 302)
