"""What the layout of every page shows besides the user and the flashes (see TEMPLATES)."""

import django


def framework(request):
    """The footer's "Served by Django {version}"."""
    return {"framework_version": django.get_version()}
