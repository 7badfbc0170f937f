"""Generic screens (NetBox-style object views): list, create/edit and delete pages by configuration.

``from inkubator.core.screens import ObjectListView, ObjectEditView, ObjectFormView, ObjectDeleteView``; templates in
``templates/generic/`` and ``templates/includes/``; see docs/architecture.md, "Generic screens".
"""

from .base import ScreenMixin, show_service_error
from .edit import ObjectDeleteView, ObjectEditView, ObjectFormView
from .lists import ObjectListView

__all__ = [
    "ObjectDeleteView",
    "ObjectEditView",
    "ObjectFormView",
    "ObjectListView",
    "ScreenMixin",
    "show_service_error",
]
