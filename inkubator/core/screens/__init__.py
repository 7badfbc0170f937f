"""Generic screens (NetBox-style object views): list, create/edit and delete pages by configuration.

``from inkubator.core.screens import ObjectListView, ObjectEditView, ObjectFormView, ObjectDeleteView``
(and ``page``, the same checks for a page written as a function); templates in
``templates/generic/`` and ``templates/includes/``; see docs/architecture.md, "Generic screens".
"""

from .base import ScreenMixin, show_service_error
from .edit import ObjectDeleteView, ObjectEditView, ObjectFormView
from .lists import ObjectListView
from .pages import page

__all__ = [
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectFormView",
    "ObjectListView",
    "ScreenMixin",
    "page",
    "show_service_error",
]
