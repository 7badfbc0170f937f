"""``{% main_menu nav_entries %}``: the main menu's links, written in Python and kept per menu and language.

The menu is on every page: as template code (a ``{% url %}`` and an ``{% icon %}`` per entry, twenty
entries for a ministry admin) it cost ~2 ms of every page, a tenth of a list page (issue 14). Its
links, icons and labels depend only on the entries (the role's menu) and the language, so they are
rendered once per process for each, and each page only marks the link of the page it is on.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from inkubator.core.icons import icon

register = template.Library()

# (language, URL prefix and conf, the entries) -> the entries as (group head or None, [(URL, inner HTML)])
_RENDERED: dict[tuple[Any, ...], list[tuple[str | None, list[tuple[str, str]]]]] = {}
_LIMIT = 256  # a handful of roles × two languages; bounded all the same


def _url(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:  # as {% url … as item_url %}: an empty link rather than an error
        return ""


def _entries(nav_entries: list[Any]) -> list[tuple[str | None, list[tuple[str, str]]]]:
    # What the markup is made of, so that a menu registered differently (in tests) is rendered afresh.
    key = (
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        tuple(
            (entry.icon, str(entry.label), tuple((i.url_name, i.icon, str(i.label)) for i in entry.items))
            for entry in nav_entries
        ),
    )
    found = _RENDERED.get(key)
    if found is None:
        found = []
        for entry in nav_entries:
            head = f"{icon(entry.icon)} {conditional_escape(entry.label)}" if entry.is_group else None
            links = [
                (_url(item.url_name), f"{icon(item.icon)} {conditional_escape(item.label)}") for item in entry.items
            ]
            found.append((head, links))
        if len(_RENDERED) < _LIMIT:
            _RENDERED[key] = found
    return found


def _link(css: str, url: str, inner: str, path: str) -> str:
    if path == url:
        return f'<a class="{css} active" href="{conditional_escape(url)}" aria-current="page">{inner}</a>'
    return f'<a class="{css}" href="{conditional_escape(url)}">{inner}</a>'


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context, nav_entries: list[Any]) -> SafeString:
    """The ``<li>`` items of the main menu; the current page's link is marked active (``aria-current``)."""
    request = context.get("request")
    path = request.path if request is not None else None
    parts = []
    for head, links in _entries(nav_entries):
        if head is None:
            url, inner = links[0]
            parts.append(f'<li class="nav-item">{_link("nav-link", url, inner, path)}</li>')
            continue
        items = "".join(f"<li>{_link('dropdown-item', url, inner, path)}</li>" for url, inner in links)
        parts.append(
            '<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" role="button" '
            f'data-bs-toggle="dropdown" aria-expanded="false">{head}</a><ul class="dropdown-menu">{items}</ul></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - labels escaped above, icons and URLs are ours
