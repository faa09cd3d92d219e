"""URL dispatch: every path of the contract, in the contract's order: the API's, then the
site's (shared_spec/ui.md), whose route names start with "pages."."""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.tweens import EXCVIEW

from .resources import AccountResource, LogoutResource, SignedInResource


def is_api(request):
    """Whether the request is the API's (/api and every path under it) rather than the site's.

    The raw WSGI path: decoding it is one way a request can fail, and its error needs the answer.
    """
    path = request.environ.get("PATH_INFO", "")
    return path == "/api" or path.startswith("/api/")


def raw_path_tween_factory(handler, registry):
    """404 for a path with an empty segment, which waitress (the development server) hides:
    it turns //api/v1 into /api/v1 before the app sees PATH_INFO. REQUEST_URI keeps the path
    as sent. (gunicorn leaves PATH_INFO alone, and URL dispatch finds no route for it.)"""

    def raw_path_tween(request):
        raw_path = request.environ.get("REQUEST_URI", "").partition("?")[0]
        # The contract asks for this: // is an empty path segment, so an unknown path.
        if raw_path.startswith("/") and "//" in raw_path:
            raise HTTPNotFound()
        return handler(request)

    return raw_path_tween


def add_page_routes(config):
    config.add_route("pages.home", "/")
    config.add_route("pages.signup", "/signup")
    config.add_route("pages.login", "/login")
    # Signing out needs a session, whoever's it is: the API's logout needs a token the same way.
    config.add_route("pages.logout", "/logout", factory=LogoutResource)
    config.add_route("pages.tasks", "/tasks", factory=SignedInResource)
    for action in ("edit", "complete", "reopen", "delete"):
        # As in the API, an id that is not digits is an unknown path: the 404 page.
        path = f"/tasks/{{id:[0-9]+}}/{action}"
        config.add_route(f"pages.task_{action}", path, factory=SignedInResource)
    config.add_route("pages.account", "/account", factory=SignedInResource)
    for form in ("email", "password", "delete"):
        config.add_route(f"pages.account_{form}", f"/account/{form}", factory=SignedInResource)


def includeme(config):
    config.add_route("info", "/api/v1")
    config.add_route("health", "/api/v1/health")
    config.add_route("accounts", "/api/v1/accounts")
    # login and logout come before {username}, which would otherwise match them.
    config.add_route("login", "/api/v1/accounts/login")
    config.add_route("logout", "/api/v1/accounts/logout", factory=LogoutResource)
    config.add_route("account", "/api/v1/accounts/{username}", factory=AccountResource)
    config.add_route("tasks", "/api/v1/accounts/{username}/tasks", factory=AccountResource)
    # The contract asks for this: an {id} that is not ASCII digits is an unknown path (404),
    # so it never reaches auth.
    task = "/api/v1/accounts/{username}/tasks/{id:[0-9]+}"
    config.add_route("task", task, factory=AccountResource)
    add_page_routes(config)
    # Below the host check (the contract checks the host first, then the path) and, like it,
    # under the exception view tween, so the 404 is a problem+json.
    host_check = "todo_pyramid.hosts.host_tween_factory"
    config.add_tween("todo_pyramid.routes.raw_path_tween_factory", under=(host_check, EXCVIEW))
