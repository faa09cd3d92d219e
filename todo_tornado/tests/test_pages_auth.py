"""The site's sign-up, sign-in and sign-out (pages/auth.py), and the home redirect."""

from urllib.parse import quote

from todo_tornado.models import Account, Token

from .browsing import Browser, SiteTestCase
from .support import PASSWORD

WRONG_LOGIN = '<p class="error" data-testid="form-error">The username or password is incorrect.</p>'


class HomeTest(SiteTestCase):
    def test_the_root_sends_a_visitor_to_sign_in_and_a_member_to_the_tasks(self):
        self.assert_redirect(self.browser.get("/"), "/login", status=302)
        self.assert_redirect(self.signed_in().get("/"), "/tasks", status=302)

    def test_a_page_asked_for_without_a_session_is_the_sign_in_page_with_next(self):
        response = self.browser.get("/tasks?status=open&page=2")
        self.assert_redirect(response, "/login?next=" + quote("/tasks?status=open&page=2", ""), 302)
        page = self.browser.get(response.headers["Location"])
        self.assertIn(
            '<input type="hidden" name="next" value="/tasks?status=open&amp;page=2">', page.text
        )

    def test_head_works_where_get_does(self):
        response = self.browser.get("/login", method="HEAD")
        self.assertEqual((response.code, response.body), (200, b""))


class SignUpTest(SiteTestCase):
    FORM = {"username": "grace", "email": "grace@example.com", "password": PASSWORD}

    def test_signing_up_creates_the_account_and_signs_it_in(self):
        self.assert_page(self.browser.get("/signup"), 200, "Sign up")
        response = self.browser.post("/signup", **self.FORM, confirm=PASSWORD)
        self.assert_redirect(response, "/tasks")
        self.assertEqual(self.count(Account, username="grace", email="grace@example.com"), 1)
        tasks = self.browser.get("/tasks")
        self.assertIn('data-testid="whoami">grace</a>', tasks.text)
        self.assertIn('<li data-testid="flash">Your account was created.</li>', tasks.text)
        self.assertEqual(self.flashes(self.browser), [])  # shown once
        login = {"username": "grace", "password": PASSWORD}
        self.assertEqual(self.request("POST", "/api/v1/accounts/login", login).code, 200)

    def test_invalid_fields_are_shown_again_beside_their_fields_and_nothing_is_saved(self):
        form = {"username": "no spaces", "email": "g@x", "password": "short", "confirm": "x"}
        response = self.browser.post("/signup", **form)
        self.assert_page(response, 400, "Sign up")
        self.assert_field_error(
            response, "signup", "username", "Must be 3 to 32 letters, digits or underscores."
        )
        self.assert_field_error(
            response, "signup", "password", "Must be a string of 8 to 128 characters."
        )
        self.assert_field_error(response, "signup", "confirm", "The two passwords do not match.")
        self.assertNotIn('data-testid="error-email"', response.text)
        self.assertIn('value="no spaces"', response.text)
        self.assertNotIn('value="short"', response.text)  # passwords are not shown again
        self.assertEqual(self.count(Account), 0)

    def test_empty_fields_are_required_and_a_reserved_name_is_refused(self):
        response = self.browser.post("/signup", username=" ", email="", password="", confirm="")
        for field in ("username", "email", "password", "confirm"):
            self.assert_field_error(response, "signup", field, "This field is required.")
        response = self.browser.post("/signup", **{**self.FORM, "username": "login"})
        self.assert_field_error(response, "signup", "username", "This username is reserved.")

    def test_a_taken_username_is_refused(self):
        self.create_account("grace")
        response = self.browser.post("/signup", **self.FORM, confirm=PASSWORD)
        self.assert_page(response, 400, "Sign up")
        self.assert_field_error(response, "signup", "username", "This username is already taken.")
        self.assertEqual(self.count(Account), 1)

    def test_a_signed_in_person_skips_the_sign_up_and_sign_in_pages(self):
        browser = self.signed_in()
        self.assert_redirect(browser.get("/signup"), "/tasks", status=302)
        self.assert_redirect(browser.get("/login"), "/tasks", status=302)


class SignInTest(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.create_account("ada")

    def test_signing_in_starts_a_new_session_and_follows_a_local_next(self):
        planted = dict(self.browser.cookies)  # what the visitor had before
        response = self.browser.post(
            "/login", username="ada", password=PASSWORD, next="/tasks?status=done"
        )
        self.assert_redirect(response, "/tasks?status=done")
        self.assertEqual(self.flashes(self.browser, "/tasks"), ["You are signed in."])
        attacker = Browser(self)
        attacker.cookies = planted  # cookies from before sign-in sign nobody in
        self.assertEqual(attacker.get("/tasks").code, 302)
        again = Browser(self)
        again.post("/login", username="ada", password=PASSWORD)
        self.assertNotEqual(again.cookies["session"], self.browser.cookies["session"])

    def test_a_next_that_leaves_the_site_is_not_followed(self):
        for next_url in (
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "javascript:alert(1)",
            "/tasks\x0d\x0aSet-Cookie: x=1",
            "",
        ):
            with self.subTest(next_url=next_url):
                response = Browser(self).post(
                    "/login", username="ada", password=PASSWORD, next=next_url
                )
                self.assert_redirect(response, "/tasks")

    def test_a_wrong_password_or_username_gets_one_message_above_the_form(self):
        for username, password in (("ada", "wrong password"), ("nobody", PASSWORD)):
            with self.subTest(username=username):
                response = self.browser.post("/login", username=username, password=password)
                self.assert_page(response, 400, "Sign in")
                self.assertIn(WRONG_LOGIN, response.text)
                self.assertIn(f'value="{username}"', response.text)
                self.assertNotIn("session", self.browser.cookies)

    def test_empty_fields_are_required(self):
        response = self.browser.post("/login", username="", password=" ")
        self.assert_field_error(response, "login", "username", "This field is required.")
        self.assert_field_error(response, "login", "password", "This field is required.")
        self.assertNotIn(WRONG_LOGIN, response.text)


class SignOutTest(SiteTestCase):
    def test_signing_out_ends_the_session_for_every_copy_of_the_cookie(self):
        browser = self.signed_in()
        copy = Browser(self)
        copy.cookies = dict(browser.cookies)
        self.assert_redirect(browser.post("/logout"), "/login")
        self.assertEqual(self.flashes(browser, "/login"), ["You are signed out."])
        self.assertEqual(self.count(Token), 1)  # the session's token is gone, the API's stays
        self.assertEqual(copy.get("/tasks").code, 302)

    def test_get_logout_is_the_405_page(self):
        response = self.signed_in().get("/logout")
        self.assert_error_page(
            response, 405, "Method not allowed", "This address does not support that method."
        )
        self.assertEqual(response.headers["Allow"], "POST")

    def test_a_post_without_a_session_is_the_403_page(self):
        response = self.browser.post("/logout")
        self.assertEqual(response.code, 403)
        self.assertIn("The form has expired or was not sent from this site.", response.text)
