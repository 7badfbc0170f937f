"""The users' sign-in security list as a table (rows from ``selectors.users_security``)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import User


class UserSecurityTable(tables.Table):
    """Username and name, role, two-factor state, number of API tokens."""

    username = tables.Column(verbose_name=_("Username"), empty_values=())
    role = tables.Column(verbose_name=_("Role"), attrs={"td": {"class": "small"}})
    two_factor = tables.Column(verbose_name=_("Two-factor"), accessor="has_totp", orderable=False, empty_values=())
    token_count = tables.Column(verbose_name=_("API tokens"), orderable=False)

    class Meta:
        model = User
        fields = ("username", "role", "two_factor", "token_count")
        attrs = {"class": "table table-sm align-middle", "data-testid": "users"}
        empty_text = _("No users.")
        orderable = False

    def render_username(self, record: User) -> str:
        return format_html(
            '<a href="{}">{}</a><div class="small text-muted">{}</div>',
            reverse("accounts:user_security", args=[record.pk]),
            record.username,
            str(record),
        )

    def render_two_factor(self, record: Any) -> str:
        if record.has_totp:
            return format_html('<span class="badge text-bg-success">{}</span>', _("on"))
        if record.role in settings.TWO_FACTOR_REQUIRED_ROLES:
            return format_html('<span class="badge text-bg-warning">{}</span>', _("not set up yet"))
        return format_html('<span class="text-muted small">{}</span>', _("off"))
