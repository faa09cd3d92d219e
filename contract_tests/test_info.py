"""GET /api/v1 and GET /api/v1/health."""

ROUTES = [
    "GET /api/v1",
    "GET /api/v1/health",
    "POST /api/v1/accounts",
    "POST /api/v1/accounts/login",
    "POST /api/v1/accounts/logout",
    "GET /api/v1/accounts/{username}",
    "PATCH /api/v1/accounts/{username}",
    "DELETE /api/v1/accounts/{username}",
    "GET /api/v1/accounts/{username}/tasks",
    "POST /api/v1/accounts/{username}/tasks",
    "GET /api/v1/accounts/{username}/tasks/{id}",
    "PUT /api/v1/accounts/{username}/tasks/{id}",
    "PATCH /api/v1/accounts/{username}/tasks/{id}",
    "DELETE /api/v1/accounts/{username}/tasks/{id}",
]


def test_info_describes_the_api(api, leg):
    response = api.get("/api/v1")
    assert response.status_code == 200
    info = response.json()
    assert info["name"] == "To-Do List API"
    assert info["api_version"] == "1.4.0"
    assert info["routes"] == ROUTES
    assert info["framework_version"]
    if leg.impl is not None:
        assert info["framework"] == leg.impl


def test_info_answers_head_without_a_body(api):
    response = api.request("HEAD", "/api/v1")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")


def test_health_reports_the_database(api):
    response = api.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
