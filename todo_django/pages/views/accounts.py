"""Signing up, in and out: django.contrib.auth's LoginView and LogoutView, and a FormView."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST, require_safe
from django.views.generic.edit import FormView

from ..auth import is_local_path, signin_required
from ..forms import TAKEN, SignInForm, SignupForm
from . import HttpResponseSeeOther


@require_safe
def home(request):
    """/ leads to the task list when signed in, else to the sign-in page."""
    return redirect("pages:tasks" if request.user.is_authenticated else "pages:login")


class SignedOutFormView(FormView):
    """A form for visitors who are not signed in (sign-up, sign-in)."""

    http_method_names = ["get", "head", "post"]  # FormView would also take PUT as a POST

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("pages:tasks")
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400  # the contract asks for this: FormView answers 200
        return response


class SignupView(SignedOutFormView):
    form_class = SignupForm
    template_name = "pages/signup.html"
    extra_context = {"title": "Sign up"}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                account = form.save()
        except IntegrityError:
            # Taken since the form checked: the unique index decides, as for the API.
            form.add_error("username", TAKEN)
            return self.form_invalid(form)
        login(self.request, account)
        messages.success(self.request, "Your account was created.")
        return HttpResponseSeeOther(reverse("pages:tasks"))


class SignInView(SignedOutFormView, auth_views.LoginView):
    """LoginView: AuthenticationForm's check, then login(), which gives the visitor a new session
    key and CSRF secret (no session fixation), and `next` carried through a hidden field."""

    form_class = SignInForm
    template_name = "pages/login.html"
    extra_context = {"title": "Sign in"}

    def get_redirect_url(self):
        """`next` when it is a local path (the contract asks for this: LoginView's own check
        accepts an absolute URL on this host too), else "" for LOGIN_REDIRECT_URL (/tasks)."""
        redirect_to = super().get_redirect_url()
        return redirect_to if is_local_path(redirect_to) else ""

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "You are signed in.")
        return HttpResponseSeeOther(response.url)


@method_decorator([require_POST, signin_required], name="dispatch")
class SignOutView(auth_views.LogoutView):
    """LogoutView (POST only, CSRF-protected). logout() flushes the session: its row is deleted,
    so a copy of the cookie taken before opens nothing afterwards."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        logout(request)
        messages.success(request, "You are signed out.")  # in the new, empty session
        return HttpResponseSeeOther(reverse("pages:login"))
