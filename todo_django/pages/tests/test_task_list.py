from datetime import UTC, datetime

from django.test import Client
from django.urls import reverse

from todos.models import Task

from .helpers import PageTestCase

TASKS = reverse("pages:tasks")


class TaskListViewTests(PageTestCase):
    def setUp(self):
        self.account = self.create_account("ada")
        self.sign_in("ada")

    def test_signed_out_visitors_are_sent_to_sign_in_with_next(self):
        """GET /tasks?status=open without a session: 302 to /login with the path and query."""
        response = Client().get(TASKS, {"status": "open"})
        self.assertRedirects(
            response, "/login?next=/tasks%3Fstatus%3Dopen", fetch_redirect_response=False
        )

    def test_tasks_are_listed_with_their_state_due_date_and_note(self):
        """Each task in id order: name, due date in UTC, the button that fits, edit, note."""
        due = datetime(2026, 12, 24, 18, 0, tzinfo=UTC)
        done = self.create_task(self.account, name="First", completed=True, due_date=due)
        open_task = self.create_task(self.account, name="Second", note="Two slices")
        response = self.client.get(TASKS)
        html = response.content.decode()
        self.assertLess(html.index("First"), html.index("Second"))
        self.assertContains(response, f'data-task-id="{done.pk}" data-completed="true"')
        self.assertContains(response, f'data-task-id="{open_task.pk}" data-completed="false"')
        self.assertContains(
            response,
            '<time class="task-due" data-testid="task-due" datetime="2026-12-24T18:00:00Z">'
            "due 2026-12-24 18:00 UTC</time>",
            html=True,
        )
        self.assertContains(response, f'action="/tasks/{done.pk}/reopen"')
        self.assertContains(response, f'action="/tasks/{open_task.pk}/complete"')
        self.assertContains(response, f'href="/tasks/{open_task.pk}/edit" data-testid="edit"')
        self.assertContains(
            response,
            '<span class="task-note" data-testid="task-note">Two slices</span>',
            html=True,
        )
        self.assertNotContains(response, 'data-testid="no-tasks"')

    def test_another_accounts_tasks_are_not_shown(self):
        """Only the signed-in account's tasks; an empty list says so."""
        self.create_task(self.create_account("bob"), name="Bob's secret")
        response = self.client.get(TASKS)
        self.assertNotContains(response, "secret")
        self.assertContains(response, 'data-testid="no-tasks"')

    def test_filters_count_every_task_and_mark_the_current_one(self):
        """The counts are of all the account's tasks; the current filter has aria-current."""
        self.create_task(self.account, completed=True)
        self.create_task(self.account, completed=True)
        self.create_task(self.account)
        response = self.client.get(TASKS, {"status": "open"})
        self.assertEqual(len(response.context["page"].object_list), 1)
        for status, count in (("all", 3), ("open", 1), ("done", 2)):
            self.assertContains(response, f'<span data-testid="count-{status}">{count}</span>')
        self.assertContains(
            response, 'href="/tasks?status=open" data-testid="filter-open" aria-current="page"'
        )
        self.assertContains(response, 'href="/tasks" data-testid="filter-all">')

    def test_pages_of_twenty_with_canonical_links(self):
        """45 done tasks: page 2 links to pages 1 and 3 canonically, and its forms come back."""
        Task.objects.bulk_create(
            Task(account=self.account, name=f"Task {n}", completed=True) for n in range(45)
        )
        response = self.client.get(TASKS, {"page": "2", "status": "done"})
        self.assertEqual(len(response.context["page"].object_list), 20)
        self.assertContains(
            response,
            '<a rel="prev" href="/tasks?status=done" data-testid="prev-page">Previous</a>',
            html=True,
        )
        self.assertContains(
            response,
            '<a rel="next" href="/tasks?status=done&amp;page=3" data-testid="next-page">Next</a>',
            html=True,
        )
        self.assertContains(response, '<span data-testid="page-info">Page 2 of 3</span>', html=True)
        self.assertContains(response, 'name="next" value="/tasks?status=done&amp;page=2"')
        first = self.client.get(TASKS)
        self.assertNotContains(first, 'data-testid="prev-page"')
        self.assertContains(first, 'href="/tasks?page=2" data-testid="next-page"')

    def test_a_page_past_the_last_goes_to_the_last(self):
        """page=9 of 21 tasks is a 302 to page 2; of an empty filter, to the first page."""
        Task.objects.bulk_create(Task(account=self.account, name=f"T{n}") for n in range(21))
        self.assertRedirects(self.client.get(TASKS, {"page": "9"}), "/tasks?page=2")
        response = self.client.get(TASKS, {"status": "done", "page": "9"})
        self.assertRedirects(response, "/tasks?status=done")

    def test_bad_query_values_are_the_404_page(self):
        """status=maybe, page=0, page=abc, page=01, ten digits: 404."""
        for query in (
            {"status": "maybe"},
            {"page": "0"},
            {"page": "abc"},
            {"page": "01"},
            {"page": "1234567890"},
            {"page": "-1"},
        ):
            with self.subTest(query=query):
                response = self.client.get(TASKS, query)
                self.assertContains(response, "Page not found", status_code=404)

    def test_adding_a_task(self):
        """POST /tasks: 303 to /tasks, "The task was added.", the name trimmed, due in UTC."""
        form = {"name": "  Buy milk ", "note": "", "due_date": "2026-12-24T18:00"}
        response = self.client.post(TASKS, form, follow=True)
        self.assertSeeOther(response, TASKS, "The task was added.")
        task = Task.objects.get()
        self.assertEqual(
            (task.account, task.name, task.note, task.due_date),
            (self.account, "Buy milk", "", datetime(2026, 12, 24, 18, 0, tzinfo=UTC)),
        )

    def test_invalid_tasks_are_shown_again_and_not_saved(self):
        """A blank name, a long note, a bad due date: 400 with each message, nothing saved."""
        form = {"name": "   ", "note": "x" * 2001, "due_date": "2026-02-30T10:00"}
        response = self.client.post(TASKS, form)
        self.assertFieldError(response, "add", "name", "This field is required.")
        self.assertFieldError(
            response, "add", "note", "Must be a string of at most 2000 characters."
        )
        self.assertFieldError(
            response, "add", "due_date", "Must be a date and time such as 2026-12-24T18:00."
        )
        self.assertContains(response, 'value="2026-02-30T10:00"', status_code=400)
        self.assertFalse(Task.objects.exists())

    def test_due_dates_in_the_browsers_forms_only(self):
        """Minutes or seconds, years 0001..9999; no offset, no other layout."""
        for due_date in ("2026-12-24T18:00:00Z", "2026-12-24 18:00", "0000-01-01T00:00", "x"):
            with self.subTest(due_date=due_date):
                response = self.client.post(TASKS, {"name": "a", "due_date": due_date})
                self.assertEqual(response.status_code, 400)
        self.client.post(TASKS, {"name": "a", "due_date": "0001-01-01T00:00:59"})
        self.assertEqual(Task.objects.get().due_date, datetime(1, 1, 1, 0, 0, 59, tzinfo=UTC))

    def test_names_and_notes_are_escaped(self):
        """A task named <script>alert(1)</script> shows as that text, never as markup."""
        self.create_task(self.account, name="<script>alert(1)</script>", note="<b>bold</b>")
        response = self.client.get(TASKS)
        self.assertNotContains(response, "<script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(response, "&lt;b&gt;bold&lt;/b&gt;")
