from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Make the shared cache's table after every ``migrate`` (idempotent: an existing table is kept).

    The database cache needs ``createcachetable``, which nobody remembers to run by hand; doing it
    here covers ``make run``, deployments, the benchmarks and the test databases alike.
    """
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "inkubator.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import listcache
        from .navigation import NavGroup, check_menu, register_menu
        from .screens import columns  # noqa: F401 - registers the date columns before any table is defined
        from .screens.tables import remember_signatures

        checks.register(check_menu)
        remember_signatures()
        # Sent once per app with models (core has none, so no sender filter): the command is idempotent
        # and costs one look at the table names.
        post_migrate.connect(create_cache_table, dispatch_uid="inkubator-create-cache-table")
        # Every connection notes the tables it writes, whoever writes (services, imports, raw SQL, the
        # shell): the list cache's invalidation depends on it (core/listcache.py).
        connection_created.connect(listcache.install, dispatch_uid="inkubator-list-cache-tracking")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:  # opened before the apps were ready
                listcache.install(None, connection)
        # The one group that belongs to no domain: imports, regions and the audit trail sit in it.
        register_menu(groups=[NavGroup("admin", _("Administration"), "gear")])
