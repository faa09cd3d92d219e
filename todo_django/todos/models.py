"""The tables and their JSON form. Accounts are django.contrib.auth's users."""

from datetime import UTC

from django.contrib.auth.models import User
from django.db import models
from django.urls import reverse


def timestamp(moment):
    """The contract's timestamp: UTC, second precision, `Z` suffix, a four-digit year."""
    if moment is None:
        return None
    moment = moment.astimezone(UTC)
    # Spelled out: strftime("%Y") writes the year 98 as "98" on glibc, not "0098".
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z"


class Account(User):
    """A user of django.contrib.auth (same table, same password hashing) as the API shows it.

    A proxy model: Django's way to give a model it does not own methods of its own.
    """

    class Meta:
        proxy = True

    def get_absolute_url(self):
        return reverse("todos:account", args=[self.username])

    def to_json(self, request, task_count):
        """The Account resource; `task_count` comes from count_tasks(), a query of its own."""
        return {
            "username": self.username,
            "email": self.email,
            "date_joined": timestamp(self.date_joined),
            "task_count": task_count,
            "url": request.build_absolute_uri(self.get_absolute_url()),
            "tasks_url": request.build_absolute_uri(reverse("todos:tasks", args=[self.username])),
        }


class Task(models.Model):
    """One entry of an account's to-do list, listed in id order."""

    account = models.ForeignKey(
        Account,
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

    def to_json(self, request):
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


def count_tasks(account):
    """How many tasks the account has: a COUNT query, run where the caller can see it."""
    return Task.objects.filter(account=account).count()


class Token(models.Model):
    """A bearer token. Only its SHA-256 digest is stored, so the table alone opens no account."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="tokens")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"token of {self.account} until {timestamp(self.expires_at)}"

    def to_json(self, secret):
        """The Token resource: the secret is shown this once, the table keeps only its digest."""
        return {
            "token": secret,
            "token_type": "Bearer",
            "expires_at": timestamp(self.expires_at),
            "username": self.account.username,
        }
