"""The task list, the add and edit forms and the task actions (pages/tasks.py)."""

import re
from datetime import datetime

from .browsing import SiteTestCase


def task_names(response) -> list[str]:
    return re.findall(r'data-testid="task-name">([^<]*)<', response.text)


def counts(response) -> list[str]:
    return re.findall(r'data-testid="count-(?:all|open|done)">(\d+)<', response.text)


class TaskListTest(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.ada = self.signed_in("ada")

    def test_a_task_added_is_listed_and_in_the_api(self):
        response = self.ada.post(
            "/tasks", name="  Buy milk  ", note="two\nbottles", due_date="2027-04-15T18:00"
        )
        self.assert_redirect(response, "/tasks")
        page = self.ada.get("/tasks")
        self.assert_page(page, 200, "Tasks")
        self.assertIn('<li data-testid="flash">The task was added.</li>', page.text)
        self.assertEqual(task_names(page), ["Buy milk"])
        self.assertIn(
            '<time class="task-due" data-testid="task-due" datetime="2027-04-15T18:00:00Z">'
            "due 2027-04-15 18:00 UTC</time>",
            page.text,
        )
        self.assertIn('data-testid="task-note">two\nbottles</span>', page.text)
        api = self.json(self.request("GET", "/api/v1/accounts/ada/tasks", token=self.ada.token))
        task = api["tasks"][0]
        self.assertEqual((task["name"], task["due_date"]), ("Buy milk", "2027-04-15T18:00:00Z"))

    def test_invalid_input_is_shown_again_and_nothing_is_saved(self):
        response = self.ada.post("/tasks", name="   ", note="kept", due_date="2027-02-30T10:00")
        self.assert_page(response, 400, "Tasks")
        self.assert_field_error(response, "add", "name", "This field is required.")
        self.assert_field_error(
            response, "add", "due_date", "Must be a date and time such as 2026-12-24T18:00."
        )
        self.assertIn(">\nkept</textarea>", response.text)
        response = self.ada.post("/tasks", name="x" * 201, note="n" * 2001)
        self.assert_field_error(
            response,
            "add",
            "name",
            "Must be a string of 1 to 200 characters, not counting surrounding spaces.",
        )
        self.assert_field_error(
            response, "add", "note", "Must be a string of at most 2000 characters."
        )
        response = self.ada.post("/tasks", name="nul\x00")
        self.assert_field_error(response, "add", "name", "Must not contain the character U+0000.")
        self.assertEqual(self.tasks(), [])

    def test_what_a_user_typed_is_escaped(self):
        name = "<script>alert(1)</script>"
        self.ada.post("/tasks", name=name, note="<b>bold?</b>")
        page = self.ada.get("/tasks")
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page.text)
        self.assertNotIn("<script>", page.text)
        self.assertNotIn("<b>", page.text)

    def test_filters_count_every_task_and_mark_the_current_one(self):
        self.create_tasks("ada", 2)
        self.create_tasks("ada", 1, completed=True)
        page = self.ada.get("/tasks?status=done")
        self.assertEqual(task_names(page), ["task 1"])
        self.assertEqual(counts(page), ["3", "2", "1"])
        self.assertIn(
            'href="/tasks?status=done" data-testid="filter-done" aria-current="page"', page.text
        )
        self.assertIn('href="/tasks" data-testid="filter-all">', page.text)

    def test_pages_of_twenty_with_canonical_links(self):
        self.create_tasks("ada", 45)
        page = self.ada.get("/tasks?status=open&page=2")
        self.assertEqual(len(task_names(page)), 20)
        self.assertIn('<span data-testid="page-info">Page 2 of 3</span>', page.text)
        self.assertIn('rel="prev" href="/tasks?status=open" data-testid="prev-page"', page.text)
        self.assertIn('rel="next" href="/tasks?status=open&amp;page=3"', page.text)
        self.assertIn('name="next" value="/tasks?status=open&amp;page=2"', page.text)
        last = self.ada.get("/tasks?page=3")
        self.assertEqual(task_names(last), ["task 41", "task 42", "task 43", "task 44", "task 45"])
        self.assertIn('rel="prev" href="/tasks?page=2"', last.text)
        self.assertNotIn('data-testid="next-page"', last.text)

    def test_a_page_past_the_last_goes_to_the_last(self):
        self.create_tasks("ada", 21)
        self.assert_redirect(self.ada.get("/tasks?page=9"), "/tasks?page=2", status=302)
        self.assert_redirect(self.ada.get("/tasks?status=done&page=3"), "/tasks?status=done", 302)
        page = self.ada.get("/tasks?status=done")
        self.assertIn('data-testid="no-tasks">No tasks here yet.</p>', page.text)
        self.assertNotIn('data-testid="page-info"', page.text)

    def test_a_query_that_names_no_page_is_the_404_page(self):
        for query in (
            "status=maybe",
            "status=",
            "page=0",
            "page=01",
            "page=abc",
            "page=1000000000",
            "status=open&status=done",
        ):
            with self.subTest(query=query):
                response = self.ada.get(f"/tasks?{query}")
                self.assert_error_page(
                    response, 404, "Page not found", "There is nothing at this address."
                )


class TaskActionTest(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.ada = self.signed_in("ada")
        self.create_tasks("ada", 1)
        self.task_id = self.tasks()[0].id

    def test_complete_reopen_and_delete_go_back_to_the_page_shown(self):
        path = f"/tasks/{self.task_id}"
        response = self.ada.post(f"{path}/complete", next="/tasks?status=open")
        self.assert_redirect(response, "/tasks?status=open")
        self.assertTrue(self.tasks()[0].completed)
        self.assertEqual(self.flashes(self.ada), ["The task was marked done."])
        self.assert_redirect(self.ada.post(f"{path}/reopen", next="/account"), "/tasks")
        self.assertFalse(self.tasks()[0].completed)
        self.assert_redirect(self.ada.post(f"{path}/delete", next="//evil.example"), "/tasks")
        self.assertEqual(self.flashes(self.ada), ["The task was deleted."])
        self.assertEqual(self.tasks(), [])

    def test_another_accounts_task_is_not_found_and_unchanged(self):
        grace = self.signed_in("grace")
        path = f"/tasks/{self.task_id}"
        for response in (
            grace.get(f"{path}/edit"),
            grace.post(f"{path}/edit", name="mine now"),
            grace.post(f"{path}/edit", name=""),  # invalid too: still 404, not the form's 400
            grace.post(f"{path}/complete"),
            grace.post(f"{path}/delete"),
        ):
            self.assert_error_page(
                response, 404, "Page not found", "There is nothing at this address."
            )
        task = self.tasks()[0]
        self.assertEqual((task.name, task.completed), ("task 1", False))

    def test_an_id_that_is_not_canonical_digits_is_not_found(self):
        for path in (f"/tasks/0{self.task_id}/edit", "/tasks/abc/edit", "/tasks/1/archive"):
            with self.subTest(path=path):
                self.assertEqual(self.ada.get(path).code, 404)


class TaskEditTest(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.ada = self.signed_in("ada")
        self.create_tasks("ada", 1, note="a & b", due_date=datetime(2027, 3, 1, 9, 30, 45))
        self.path = f"/tasks/{self.tasks()[0].id}/edit"

    def test_the_form_is_filled_with_the_task_to_the_second(self):
        page = self.ada.get(self.path)
        self.assert_page(page, 200, "Edit task")
        self.assertIn('id="edit-name" name="name" type="text" value="task 1"', page.text)
        self.assertIn(">\na &amp; b</textarea>", page.text)
        self.assertIn('value="2027-03-01T09:30:45" step="1"', page.text)
        self.assertIn('<input id="edit-completed" name="completed" type="checkbox">', page.text)

    def test_saving_changes_every_field(self):
        response = self.ada.post(self.path, name="Final", note="", due_date="", completed="on")
        self.assert_redirect(response, "/tasks")
        self.assertEqual(self.flashes(self.ada), ["The task was saved."])
        task = self.tasks()[0]
        self.assertEqual(
            (task.name, task.note, task.due_date, task.completed), ("Final", "", None, True)
        )
        self.ada.post(self.path, name="Final", due_date="2027-03-01T09:30")
        task = self.tasks()[0]
        self.assertEqual((task.completed, task.due_date), (False, datetime(2027, 3, 1, 9, 30)))

    def test_invalid_input_is_shown_again_and_nothing_is_saved(self):
        response = self.ada.post(self.path, name="", note="typed", completed="on")
        self.assert_page(response, 400, "Edit task")
        self.assert_field_error(response, "edit", "name", "This field is required.")
        self.assertIn('name="completed" type="checkbox" checked', response.text)
        task = self.tasks()[0]
        self.assertEqual((task.name, task.note, task.completed), ("task 1", "a & b", False))
