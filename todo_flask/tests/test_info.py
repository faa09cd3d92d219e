import re

from todo_flask import create_app
from todo_flask.info import ROUTES


def test_info(client):
    response = client.get("/api/v1")
    assert response.status_code == 200
    assert response.json["name"] == "To-Do List API"
    assert response.json["api_version"] == "1.4.0"
    assert response.json["framework"] == "flask"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", response.json["framework_version"])
    assert response.json["routes"] == ROUTES


def test_routes_list_what_the_app_serves(app):
    served = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue  # the site's pages and its stylesheet
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).replace("{task_id}", "{id}")
        served |= {f"{method} {path}" for method in rule.methods - {"HEAD"}}
    assert served == set(ROUTES)
    assert len(ROUTES) == 14


def test_health(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_without_a_database_and_once_it_is_back(tmp_path):
    folder = tmp_path / "not-yet"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'todo.sqlite3'}"})
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.json["title"] == "Service Unavailable"
    assert response.json["detail"] == "The database cannot be reached; try again later."
    assert response.headers["Retry-After"] == "5"
    folder.mkdir()  # the database is back: no restart needed
    assert app.test_client().get("/api/v1/health").status_code == 200
