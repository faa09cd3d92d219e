"""The growth scenario's seeding: 10,000 more accounts and 1,000,000 tasks, written in SQL.

Through the API it would take hours, so rows are copied from the bench account's own (registered
through the API): the implementation's schema, whatever it is, decides the columns.
"""

from sqlalchemy import MetaData, create_engine, func, insert, select

# Where each implementation keeps accounts and tasks; every other detail comes from reflection.
TABLES = {"django": ("auth_user", "todos_task")}
DEFAULT_TABLES = ("accounts", "tasks")
ACCOUNTS = 10_000
BATCH = 50_000


def engine_for(database_url):
    for scheme in ("postgresql://", "postgres://"):
        if database_url.startswith(scheme):
            return create_engine("postgresql+psycopg://" + database_url.removeprefix(scheme))
    return create_engine(database_url)


def grow(impl, database_url, task_count, accounts=ACCOUNTS):
    account_table, task_table = TABLES.get(impl, DEFAULT_TABLES)
    engine = engine_for(database_url)
    metadata = MetaData()
    metadata.reflect(engine, only=[account_table, task_table])
    account_rows, task_rows = metadata.tables[account_table], metadata.tables[task_table]
    with engine.begin() as connection:
        template = dict(connection.execute(select(account_rows).limit(1)).mappings().one())
        del template["id"]
        new_accounts = [
            {**template, "username": f"grow{n}", "email": f"grow{n}@example.com"}
            for n in range(accounts)
        ]
        connection.execute(insert(account_rows), new_accounts)
        first = connection.scalar(select(func.min(account_rows.c.id)).where(
            account_rows.c.username.like("grow%")))  # fmt: skip
        task = dict(connection.execute(select(task_rows).limit(1)).mappings().one())
        del task["id"]
        for start in range(0, task_count, BATCH):
            rows = [
                {**task, "account_id": first + n % accounts}
                for n in range(start, min(start + BATCH, task_count))
            ]
            connection.execute(insert(task_rows), rows)
    engine.dispose()
