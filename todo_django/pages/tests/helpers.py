"""What most page tests need: the API tests' accounts and tasks, a signed-in client, and the
markup of ui.md to look for."""

from django.test import TestCase

from todos.tests.helpers import PASSWORD, ApiTestMixin

__all__ = ["PASSWORD", "PageTestCase"]


class PageTestCase(ApiTestMixin, TestCase):
    def sign_in(self, username="ada", client=None):
        """Sign `username` in through the sessions of django.contrib.auth (the form's own path
        is SignInViewTests' business)."""
        self.assertTrue((client or self.client).login(username=username, password=PASSWORD))

    def assertFieldError(self, response, form, field, message):
        """A 400 with ui.md's error markup beside the field, and the input pointing at it."""
        self.assertContains(
            response,
            f'<span class="error" id="{form}-{field}-error" data-testid="error-{field}">'
            f"{message}</span>",
            status_code=400,
            html=True,
        )
        self.assertContains(response, f'aria-describedby="{form}-{field}-error"', status_code=400)
        self.assertContains(response, 'aria-invalid="true"', status_code=400)

    def assertSeeOther(self, response, location, flash):
        """A form that worked: 303 to `location` (response from post(..., follow=True)), whose
        page shows the flash message."""
        self.assertEqual(response.redirect_chain[0], (location, 303))
        self.assertContains(response, f'<li data-testid="flash">{flash}</li>', html=True)
