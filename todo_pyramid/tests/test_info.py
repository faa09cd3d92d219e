"""GET /api/v1 and GET /api/v1/health through the whole app (WebTest)."""

from importlib.metadata import version

from todo_pyramid.views.info import ROUTES


def test_info_names_the_framework_and_its_installed_version(testapp):
    response = testapp.get("/api/v1", status=200)
    assert response.content_type == "application/json"
    assert response.json["name"] == "To-Do List API"
    assert response.json["api_version"] == "1.4.0"
    assert response.json["framework"] == "pyramid"
    assert response.json["framework_version"] == version("pyramid")


def test_info_lists_the_fourteen_routes_in_the_contract_order(testapp):
    routes = testapp.get("/api/v1").json["routes"]
    assert len(routes) == 14
    assert routes[0] == "GET /api/v1"
    assert routes[-1] == "DELETE /api/v1/accounts/{username}/tasks/{id}"
    assert routes == list(ROUTES)


def test_health_reports_the_database_as_ok(testapp):
    assert testapp.get("/api/v1/health", status=200).json == {"status": "ok", "database": "ok"}


def test_head_answers_like_get_without_a_body(testapp):
    get = testapp.get("/api/v1/health")
    head = testapp.head("/api/v1/health", status=200)
    assert head.body == b""
    assert head.content_type == get.content_type
