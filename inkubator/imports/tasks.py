"""Background work of imports, on the django-tasks API (database queue in production)."""

from __future__ import annotations

from contextlib import suppress

from django_tasks import task

from .models import ImportRun
from .services import ImportFailed, import_commit


@task()
def import_commit_task(run_id: str) -> None:
    """Commit a queued import run; a failure leaves its errors on the run for the preview page."""
    # On failure import_commit keeps the errors and sets the run back to "validated" for the preview.
    with suppress(ImportFailed):
        import_commit(run=ImportRun.objects.get(pk=run_id))
