"""UI modules (the ui_modules setting), as demos/blog's Entry: pieces of markup used by several
templates, written once, with ui.md's ids, data-testids and aria attributes."""

import tornado.web

from ..models import timestamp


class Field(tornado.web.UIModule):
    """{% module Field(form, "signup", "username", "Username", "text") %}: one field of a form,
    its label, the value typed (never a password's) and its error, if any."""

    def render(self, form, form_name: str, field: str, label: str, input_type: str = "text"):
        return self.render_string(
            "modules/field.html",
            field_id=f"{form_name}-{field}",
            field=field,
            label=label,
            input_type=input_type,
            value=form.typed.get(field, ""),
            error=form.errors.get(field),
        )


class TaskRow(tornado.web.UIModule):
    """{% module TaskRow(task, next_url) %}: one task of the list, with its forms, whose next
    field brings the browser back to next_url (the page shown)."""

    def render(self, task, next_url: str):
        return self.render_string(
            "modules/task.html", task=task, due=timestamp(task.due_date), next_url=next_url
        )
