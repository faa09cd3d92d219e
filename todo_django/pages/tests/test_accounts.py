from django.test import Client
from django.urls import reverse

from todos.models import Account

from .helpers import PASSWORD, PageTestCase

SIGNUP = {"username": "ada", "email": "ada@example.com", "password": PASSWORD, "confirm": PASSWORD}


class HomeViewTests(PageTestCase):
    def test_signed_out_visitors_go_to_the_sign_in_page(self):
        """GET / is a 302 to /login."""
        self.assertRedirects(self.client.get("/"), reverse("pages:login"))

    def test_signed_in_visitors_go_to_their_tasks(self):
        """GET / is a 302 to /tasks once signed in."""
        self.create_account("ada")
        self.sign_in("ada")
        self.assertRedirects(self.client.get("/"), reverse("pages:tasks"))


class SignupViewTests(PageTestCase):
    url = reverse("pages:signup")

    def test_the_form_is_shown(self):
        """GET /signup shows the sign-up form with its four fields and a link to sign in."""
        response = self.client.get(self.url)
        self.assertContains(response, "<title>Sign up · To-Do</title>", html=True)
        self.assertContains(response, 'data-testid="signup-form"')
        for field in ("username", "email", "password", "confirm"):
            self.assertContains(response, f'id="signup-{field}"')
        self.assertContains(response, f'<a href="{reverse("pages:login")}">Sign in</a>', html=True)

    def test_signing_up_creates_the_account_and_signs_it_in(self):
        """303 to /tasks with the flash; the new account is signed in and can use the API too."""
        response = self.client.post(self.url, SIGNUP, follow=True)
        self.assertSeeOther(response, reverse("pages:tasks"), "Your account was created.")
        self.assertContains(response, '<a href="/account" data-testid="whoami">ada</a>', html=True)
        self.assertTrue(Account.objects.get(username="ada").check_password(PASSWORD))
        login = self.send("POST", reverse("todos:login"), {"username": "ada", "password": PASSWORD})
        self.assertEqual(login.status_code, 200)

    def test_invalid_input_is_shown_again_and_nothing_is_saved(self):
        """400, the API's messages beside the fields, the values typed, passwords left empty."""
        form = {"username": "a!", "email": "nobody", "password": "short", "confirm": "short"}
        response = self.client.post(self.url, form)
        self.assertFieldError(
            response, "signup", "username", "Must be 3 to 32 letters, digits or underscores."
        )
        self.assertFieldError(
            response,
            "signup",
            "email",
            "Must be an email address (name@domain) of at most 254 characters.",
        )
        self.assertFieldError(
            response, "signup", "password", "Must be a string of 8 to 128 characters."
        )
        self.assertContains(response, 'value="a!"', status_code=400)
        self.assertNotContains(response, 'value="short"', status_code=400)
        self.assertFalse(Account.objects.exists())

    def test_required_fields_may_not_be_blank(self):
        """Empty or whitespace-only fields: "This field is required."."""
        response = self.client.post(self.url, {"username": " \t", "email": ""})
        for field in ("username", "email", "password", "confirm"):
            self.assertFieldError(response, "signup", field, "This field is required.")

    def test_reserved_and_taken_usernames(self):
        """The API's reserved names, and a name already in use, are refused by name."""
        self.create_account("bob")
        response = self.client.post(self.url, {**SIGNUP, "username": "login"})
        self.assertFieldError(response, "signup", "username", "This username is reserved.")
        response = self.client.post(self.url, {**SIGNUP, "username": "bob"})
        self.assertFieldError(response, "signup", "username", "This username is already taken.")

    def test_the_confirmation_must_match(self):
        """confirm differing from password: "The two passwords do not match."."""
        response = self.client.post(self.url, {**SIGNUP, "confirm": PASSWORD + " "})
        self.assertFieldError(response, "signup", "confirm", "The two passwords do not match.")
        self.assertFalse(Account.objects.exists())

    def test_signed_in_visitors_are_sent_to_their_tasks(self):
        """GET /signup when signed in is a 302 to /tasks."""
        self.create_account("ada")
        self.sign_in("ada")
        self.assertRedirects(self.client.get(self.url), reverse("pages:tasks"))

    def test_other_methods_are_405(self):
        """PUT (which FormView would take as a POST) is the 405 page, listing what is allowed."""
        response = self.client.put(self.url)
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, HEAD, POST")


class SignInViewTests(PageTestCase):
    url = reverse("pages:login")

    def setUp(self):
        self.create_account("ada")

    def test_the_form_carries_a_local_next(self):
        """GET /login?next=/account puts /account in the hidden next field."""
        response = self.client.get(self.url, {"next": "/account"})
        self.assertContains(response, 'data-testid="login-form"')
        self.assertContains(
            response, '<input type="hidden" name="next" value="/account">', html=True
        )

    def test_signing_in_goes_to_tasks_with_a_flash(self):
        """Without next: 303 to /tasks, "You are signed in."."""
        response = self.client.post(
            self.url, {"username": "ada", "password": PASSWORD}, follow=True
        )
        self.assertSeeOther(response, reverse("pages:tasks"), "You are signed in.")

    def test_a_local_next_is_followed(self):
        """next=/tasks?status=done is where the 303 goes."""
        form = {"username": "ada", "password": PASSWORD, "next": "/tasks?status=done"}
        response = self.client.post(self.url, form)
        self.assertRedirects(response, "/tasks?status=done", status_code=303)

    def test_a_next_that_is_not_a_local_path_is_ignored(self):
        """Other sites, scheme-relative and backslash tricks, this very host in full: /tasks."""
        for next_url in (
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/tasks\\x",
            "\\\\evil.example",
            "http://testserver/account",
            "/tasks\x00",
            "/\tevil",
            "",
        ):
            with self.subTest(next=next_url):
                client = Client()
                page = client.get(self.url, {"next": next_url})
                self.assertContains(page, '<input type="hidden" name="next" value="">', html=True)
                form = {"username": "ada", "password": PASSWORD, "next": next_url}
                response = client.post(self.url, form)
                self.assertRedirects(response, reverse("pages:tasks"), status_code=303)

    def test_wrong_credentials_are_one_message_above_the_form(self):
        """Unknown user or wrong password: 400 and the API's text as the form's error."""
        for username, password in (("ada", "wrong password"), ("nobody", PASSWORD)):
            with self.subTest(username=username):
                response = self.client.post(self.url, {"username": username, "password": password})
                self.assertContains(
                    response,
                    '<p class="error" data-testid="form-error">'
                    "The username or password is incorrect.</p>",
                    status_code=400,
                    html=True,
                )
                self.assertContains(response, f'value="{username}"', status_code=400)
                self.assertNotIn("_auth_user_id", self.client.session)

    def test_blank_fields_are_required(self):
        """Whitespace is not a username or a password."""
        response = self.client.post(self.url, {"username": "", "password": "   "})
        self.assertFieldError(response, "login", "username", "This field is required.")
        self.assertFieldError(response, "login", "password", "This field is required.")

    def test_a_new_session_on_sign_in(self):
        """The session key a visitor had before signing in does not sign anyone in."""
        self.client.get(self.url)  # the form's CSRF secret starts a session
        before = self.client.cookies["sessionid"].value
        self.client.post(self.url, {"username": "ada", "password": PASSWORD})
        self.assertNotEqual(self.client.cookies["sessionid"].value, before)
        planted = Client()
        planted.cookies["sessionid"] = before
        self.assertEqual(planted.get(reverse("pages:tasks")).status_code, 302)

    def test_signed_in_visitors_are_sent_to_their_tasks(self):
        """GET /login when signed in is a 302 to /tasks."""
        self.sign_in("ada")
        self.assertRedirects(self.client.get(self.url), reverse("pages:tasks"))


class SignOutViewTests(PageTestCase):
    url = reverse("pages:logout")

    def setUp(self):
        self.create_account("ada")
        self.sign_in("ada")

    def test_signing_out_goes_to_the_sign_in_page(self):
        """POST /logout: 303 to /login, "You are signed out.", and the tasks need a sign-in."""
        response = self.client.post(self.url, follow=True)
        self.assertSeeOther(response, reverse("pages:login"), "You are signed out.")
        self.assertEqual(self.client.get(reverse("pages:tasks")).status_code, 302)

    def test_a_copy_of_the_cookie_opens_nothing_afterwards(self):
        """The session ends on the server: a cookie copied before sign-out is signed out too."""
        copy = Client()
        copy.cookies["sessionid"] = self.client.cookies["sessionid"].value
        self.assertEqual(copy.get(reverse("pages:tasks")).status_code, 200)
        self.client.post(self.url)
        response = copy.get(reverse("pages:tasks"))
        self.assertRedirects(response, "/login?next=/tasks", fetch_redirect_response=False)

    def test_get_is_the_405_page(self):
        """GET /logout signs nobody out: 405, Allow: POST."""
        response = self.client.get(self.url)
        self.assertContains(response, "Method not allowed", status_code=405)
        self.assertEqual(response["Allow"], "POST")
        self.assertEqual(self.client.get(reverse("pages:tasks")).status_code, 200)

    def test_without_a_session_it_is_the_403_page(self):
        """POST /logout with a valid CSRF token but nobody signed in: 403."""
        self.client.logout()
        response = self.client.post(self.url)
        self.assertContains(response, "Forbidden", status_code=403)
