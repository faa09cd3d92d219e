"""URL dispatch: every path of the contract, in the contract's order."""

from .resources import AccountResource, LogoutResource


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
