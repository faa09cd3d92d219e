"""Route factories: the context each protected view runs in, with the ACL that guards it."""

from pyramid.authorization import Allow, Authenticated


def owner_principal(username):
    return f"account:{username}"


class AccountResource:
    """An account's own URLs (the account and its tasks): only its owner may use them."""

    def __init__(self, request):
        self.username = request.matchdict["username"]

    def __acl__(self):
        return [(Allow, owner_principal(self.username), ("view", "edit"))]


class LogoutResource:
    """Logging out needs a valid token, whoever it belongs to."""

    __acl__ = [(Allow, Authenticated, "logout")]

    def __init__(self, request):
        pass


class SignedInResource:
    """The site's pages of a signed-in account: any live browser session may open them, and each
    view acts on that session's own account only."""

    __acl__ = [(Allow, Authenticated, ("view", "edit"))]

    def __init__(self, request):
        pass
