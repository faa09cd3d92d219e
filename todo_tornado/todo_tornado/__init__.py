"""The To-Do List API (see shared_spec/) built with Tornado and tornado-sqlalchemy."""
