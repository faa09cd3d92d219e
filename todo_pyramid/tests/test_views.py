"""View callables unit-tested with dummy requests (no routing, no security policy)."""

import json

import pytest
from pyramid.httpexceptions import HTTPConflict, HTTPNotFound
from todo_pyramid.models import Account, Task, Token
from todo_pyramid.security import Identity
from todo_pyramid.validation import ValidationError
from todo_pyramid.views import accounts, tasks


@pytest.fixture
def ada(dbsession, dummy_config, dummy_request):
    """Make the dummy request come from ada's token, as the security policy would."""
    account = Account(username="ada", email="ada@example.com")
    account.set_password("correct horse battery", rounds=4)
    token, _ = Token.issue(account, ttl_seconds=60)
    dbsession.add_all([account, token])
    dbsession.flush()
    dummy_config.testing_securitypolicy(userid="ada", identity=Identity(account, token))
    dummy_request.matchdict = {"username": "ada"}
    return account


def json_request(request, body):
    request.content_type = "application/json"
    request.body = json.dumps(body).encode()
    return request


def test_register_creates_the_account(dummy_config, dummy_request, dbsession):
    body = {"username": "bob", "email": "bob@example.com", "password": "correct horse"}
    account = accounts.register(json_request(dummy_request, body))
    assert dummy_request.response.status_code == 201
    assert account["url"] == "http://example.com/api/v1/accounts/bob"
    assert dbsession.query(Account).filter_by(username="bob").one().check_password("correct horse")


def test_register_refuses_a_taken_username(ada, dummy_request):
    body = {"username": "ada", "email": "a@example.com", "password": "correct horse"}
    with pytest.raises(HTTPConflict):
        accounts.register(json_request(dummy_request, body))


def test_create_task_belongs_to_the_caller(ada, dummy_request, dbsession):
    task = tasks.create_task(json_request(dummy_request, {"name": "Buy milk"}))
    assert dbsession.get(Task, task["id"]).account_id == ada.id


def test_create_task_reports_field_errors(ada, dummy_request):
    with pytest.raises(ValidationError) as raised:
        tasks.create_task(json_request(dummy_request, {"note": 5}))
    assert {error["field"] for error in raised.value.errors} == {"name", "note"}


def test_task_list_pages(ada, dummy_request, dbsession):
    dbsession.add_all([Task(account_id=ada.id, name=f"t{number}") for number in range(3)])
    dbsession.flush()
    dummy_request.GET = {"limit": "2", "offset": "1"}
    page = tasks.task_list(dummy_request)
    assert (page["total"], len(page["tasks"]), page["next"]) == (3, 2, None)
    assert page["previous"] == "http://example.com/api/v1/accounts/ada/tasks?limit=2&offset=0"


def test_task_detail_of_a_missing_task_is_not_found(ada, dummy_request):
    dummy_request.matchdict["id"] = "12"
    with pytest.raises(HTTPNotFound):
        tasks.task_detail(dummy_request)
