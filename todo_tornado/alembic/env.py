"""Alembic environment: the database from DATABASE_URL, the tables from todo_tornado.models."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from todo_tornado.config import database_url
from todo_tornado.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)

target_metadata = Base.metadata


def url() -> str:
    # Tests hand over their own database; everyone else uses DATABASE_URL, like the server.
    return config.get_main_option("sqlalchemy.url") or database_url()


def run_migrations_offline() -> None:
    context.configure(url=url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
        )
        with context.begin_transaction():
            context.run_migrations()
        if connection.dialect.name == "sqlite":
            # WAL is a property of the file: switch it once here, while nothing else has it open.
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
