"""The nightly ranking task (django-tasks): run by the task worker, enqueued by ``rerank_offers --enqueue``."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from .services import suggestions_rerank


@task()
def rerank_task() -> int:
    """Rank the open offers for every tenant in incubation; returns how many suggestions were kept."""
    return suggestions_rerank(today=timezone.localdate())
