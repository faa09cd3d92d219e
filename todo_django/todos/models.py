"""The tables (accounts are django.contrib.auth's User) and their JSON form."""

from datetime import UTC

from django.conf import settings
from django.db import models
from django.urls import reverse


def timestamp(moment):
    """The contract's timestamp: UTC, second precision, `Z` suffix."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def account_as_json(account, request):
    """The Account resource for a django.contrib.auth User."""
    return {
        "username": account.username,
        "email": account.email,
        "date_joined": timestamp(account.date_joined),
        "task_count": account.tasks.count(),
        "url": request.build_absolute_uri(reverse("todos:account", args=[account.username])),
        "tasks_url": request.build_absolute_uri(reverse("todos:tasks", args=[account.username])),
    }


class Task(models.Model):
    """One entry of an account's to-do list, listed in id order."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tasks",
        # The (account, id) index below starts with the account, so it serves these lookups too.
        db_index=False,
    )
    name = models.CharField(max_length=200)
    note = models.TextField(max_length=2000, blank=True, default="")
    completed = models.BooleanField(default=False)
    due_date = models.DateTimeField(null=True, blank=True)
    creation_date = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "id"], name="task_account_id_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("todos:task", args=[self.account.username, self.pk])

    def as_json(self, request):
        """The Task resource."""
        return {
            "id": self.pk,
            "name": self.name,
            "note": self.note,
            "completed": self.completed,
            "due_date": timestamp(self.due_date),
            "creation_date": timestamp(self.creation_date),
            "url": request.build_absolute_uri(self.get_absolute_url()),
        }


class Token(models.Model):
    """A bearer token. Only its SHA-256 digest is stored, so the table alone opens no account."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"token of {self.account} until {timestamp(self.expires_at)}"
