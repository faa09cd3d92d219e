"""The site's views, by module as the API's: accounts (home, sign-up, sign-in, sign-out), tasks
(the list and its add form, the edit page, done, reopen, delete) and account (the account page
and its three forms).

A form that succeeds answers 303 See Other to a page, with a flash message (POST-redirect-GET);
an invalid one shows its page again with status 400. Errors are raised (Http404,
PermissionDenied) and drawn by pages.errors.
"""

from django.http import HttpResponseRedirect


class HttpResponseSeeOther(HttpResponseRedirect):
    """303 See Other: the page to GET after a form's POST. The contract asks for this: Django's
    redirect() and its auth views answer 302."""

    status_code = 303
