from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse

from todos.models import Task

from .helpers import PageTestCase

TASKS = reverse("pages:tasks")


class TaskEditViewTests(PageTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")
        due = datetime(2026, 12, 24, 18, 0, 30, tzinfo=UTC)
        self.task = self.create_task(self.account, name="Buy milk", note="Two", due_date=due)
        self.url = reverse("pages:task_edit", args=[self.task.pk])

    def test_the_form_is_filled_with_the_task(self):
        """The edit form shows the task's values, the due date to the second in UTC."""
        response = self.client.get(self.url)
        self.assertContains(response, 'data-testid="edit-form"')
        self.assertContains(response, 'value="Buy milk"')
        self.assertContains(response, 'value="2026-12-24T18:00:30"')
        self.assertContains(response, 'type="datetime-local"')
        self.assertContains(response, '<p class="field check">')
        self.assertContains(response, f'<a href="{TASKS}">Cancel</a>', html=True)

    def test_saving_changes_every_field(self):
        """POST: 303 to /tasks, "The task was saved."; no due date and no checkbox clear them."""
        form = {"name": "Buy bread", "note": "", "due_date": "", "completed": "on"}
        response = self.client.post(self.url, form, follow=True)
        self.assertSeeOther(response, TASKS, "The task was saved.")
        self.task.refresh_from_db()
        self.assertEqual(
            (self.task.name, self.task.note, self.task.due_date, self.task.completed),
            ("Buy bread", "", None, True),
        )
        self.client.post(self.url, {"name": "Buy bread"})
        self.task.refresh_from_db()
        self.assertFalse(self.task.completed)

    def test_invalid_input_changes_nothing(self):
        """400 with the error beside the name; the task keeps its values."""
        response = self.client.post(self.url, {"name": "x" * 201})
        self.assertFieldError(
            response,
            "edit",
            "name",
            "Must be a string of 1 to 200 characters, not counting surrounding spaces.",
        )
        self.task.refresh_from_db()
        self.assertEqual(self.task.name, "Buy milk")

    def test_another_accounts_task_is_the_404_page(self):
        """Bob's task, a missing one, a leading zero: 404, and Bob's task is unchanged."""
        bobs = self.create_task(self.create_account("bob"), name="Bob's")
        for task_id in (bobs.pk, 999999, f"0{self.task.pk}"):
            with self.subTest(task_id=task_id):
                url = f"/tasks/{task_id}/edit"
                self.assertContains(self.client.get(url), "Page not found", status_code=404)
                response = self.client.post(url, {"name": "Mine now"})
                self.assertEqual(response.status_code, 404)
        bobs.refresh_from_db()
        self.assertEqual(bobs.name, "Bob's")

    def test_an_id_that_is_not_digits_is_the_404_page(self):
        """/tasks/abc/edit names no task: the 404 page."""
        self.assertContains(self.client.get("/tasks/abc/edit"), "Page not found", status_code=404)


class TaskCompleteViewTests(PageTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")
        self.task = self.create_task(self.account)
        self.url = reverse("pages:task_complete", args=[self.task.pk])

    def test_marks_the_task_done_and_returns_to_the_page(self):
        """303 to the form's next (a page of the list), "The task was marked done."."""
        response = self.client.post(self.url, {"next": "/tasks?status=open"}, follow=True)
        self.assertSeeOther(response, "/tasks?status=open", "The task was marked done.")
        self.task.refresh_from_db()
        self.assertTrue(self.task.completed)

    def test_a_next_outside_the_list_is_ignored(self):
        """next must be a local path starting with /tasks: anything else goes to /tasks."""
        for next_url in ("/account", "//evil.example/tasks", "https://evil.example/tasks", ""):
            with self.subTest(next=next_url):
                response = self.client.post(self.url, {"next": next_url})
                self.assertRedirects(response, TASKS, status_code=303)

    def test_get_is_the_405_page(self):
        """GET of an action: the 405 page, Allow: POST."""
        response = self.client.get(self.url)
        self.assertContains(response, "Method not allowed", status_code=405)
        self.assertEqual(response["Allow"], "POST")

    def test_another_accounts_task_is_404(self):
        """Bob's task cannot be marked done by Ada: 404, and it stays open."""
        bobs = self.create_task(self.create_account("bob"))
        response = self.client.post(reverse("pages:task_complete", args=[bobs.pk]))
        self.assertEqual(response.status_code, 404)
        bobs.refresh_from_db()
        self.assertFalse(bobs.completed)

    def test_without_a_session_it_is_the_403_page(self):
        """A POST from a visitor who is not signed in changes nothing."""
        self.client.logout()
        self.assertContains(self.client.post(self.url), "Forbidden", status_code=403)
        self.task.refresh_from_db()
        self.assertFalse(self.task.completed)


class TaskReopenViewTests(PageTestCase):
    def test_marks_the_task_not_done(self):
        """303 to /tasks, "The task was reopened."."""
        task = self.create_task(self.create_account("ada"), completed=True)
        self.sign_in("ada")
        url = reverse("pages:task_reopen", args=[task.pk])
        response = self.client.post(url, {"next": "/tasks?status=done&page=2"}, follow=True)
        self.assertEqual(response.redirect_chain[0], ("/tasks?status=done&page=2", 303))
        self.assertContains(
            response, '<li data-testid="flash">The task was reopened.</li>', html=True
        )
        task.refresh_from_db()
        self.assertFalse(task.completed)


class TaskDeleteViewTests(PageTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")

    def test_deletes_the_task(self):
        """303 to the page, "The task was deleted.", and the task is gone."""
        task = self.create_task(self.account)
        url = reverse("pages:task_delete", args=[task.pk])
        response = self.client.post(url, {"next": TASKS}, follow=True)
        self.assertSeeOther(response, TASKS, "The task was deleted.")
        self.assertFalse(Task.objects.exists())
        self.assertEqual(self.client.post(url).status_code, 404)

    def test_another_accounts_task_is_404_and_kept(self):
        """Bob's task cannot be deleted by Ada: the 404 page, and it stays."""
        bobs = self.create_task(self.create_account("bob"))
        response = self.client.post(reverse("pages:task_delete", args=[bobs.pk]))
        self.assertContains(response, "Page not found", status_code=404)
        self.assertTrue(Task.objects.filter(pk=bobs.pk).exists())

    def test_without_the_csrf_token_nothing_is_deleted(self):
        """The form's token is required: without it, 403 and the task stays."""
        task = self.create_task(self.account)
        client = Client(enforce_csrf_checks=True)
        self.sign_in("ada", client)
        response = client.post(reverse("pages:task_delete", args=[task.pk]))
        self.assertContains(response, "Forbidden", status_code=403)
        self.assertTrue(Task.objects.filter(pk=task.pk).exists())
