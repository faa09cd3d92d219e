"""Pyramid bootstrap environment for Alembic (``alembic -c development.ini upgrade head``)."""

from alembic import context
from pyramid.paster import get_appsettings, setup_logging

from todo_pyramid.models import get_engine
from todo_pyramid.models.meta import Base
from todo_pyramid.settings import apply_environment

config = context.config

setup_logging(config.config_file_name)

# The app's own settings, so DATABASE_URL overrides the INI here exactly as it does in main().
settings = apply_environment(get_appsettings(config.config_file_name))
target_metadata = Base.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode (emit SQL instead of executing it)."""
    context.configure(url=settings["sqlalchemy.url"], target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    """Run migrations in 'online' mode, on a connection the caller (the tests) may provide."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = get_engine(settings)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
