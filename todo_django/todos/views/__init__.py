"""One class-based view per resource, in the contract's order, by module: info (info, health),
accounts (registration, login, logout, account detail) and tasks (task list, one task).

Errors are raised (ApiError). Before a handler runs, ApiView (base.py) has answered 405 and 413
and the auth.py mixins 401 and 403; handlers go on with the addressed task (404), the body (415,
400, 422) and state (409). A database that cannot be reached is a 503 from errors.py.
"""
