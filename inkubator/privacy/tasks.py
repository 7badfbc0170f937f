"""The daily retention task (django-tasks): run by the task worker, enqueued by ``apply_retention --enqueue``."""

from __future__ import annotations

from django_tasks import task

from .services import retention_apply


@task()
def retention_task() -> int:
    """Anonymise people with no activity for ``PERSONAL_DATA_RETENTION_YEARS``; returns how many."""
    from inkubator.accounts.services import api_tokens_purge

    api_tokens_purge()  # expired API tokens go too: nobody can use them
    return retention_apply()
