"""The search of the users' sign-in security list. Scope is not decided here (``users_security``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import User
from .selectors import user_search


class UserSecurityFilter(django_filters.FilterSet):
    """Username or name containing what is typed."""

    q = django_filters.CharFilter(label=_("Username or name"), method="search")

    class Meta:
        model = User
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget.attrs.update({"class": "form-control", "maxlength": 100})

    def search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return user_search(queryset, value.strip()[:100])
