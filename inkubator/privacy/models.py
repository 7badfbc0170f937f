"""The register of data-subject requests: each export, correction, erasure and retention act, with its
legal basis (UU 27/2022 on personal data protection). The NIK is never stored here."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inkubator.core.scoping import Scope, ScopedManager


class RequestKind(models.TextChoices):
    """What was done for the person."""

    ACCESS = "access", _("Export (access and portability)")
    CORRECTION = "correction", _("Correction")
    ERASURE = "erasure", _("Erasure (anonymisation)")
    RETENTION = "retention", _("End of retention period")


class LegalBasis(models.TextChoices):
    """Why it was done."""

    SUBJECT_REQUEST = "subject_request", _("Request of the data subject (UU 27/2022, articles 5–9)")
    GUARDIAN_REQUEST = "guardian_request", _("Request of a parent or guardian (child data subject)")
    COURT_ORDER = "court_order", _("Court order or a request of an authority under the law")
    RETENTION_ENDED = "retention_ended", _("Retention period ended (UU 27/2022, article 43)")
    OTHER = "other", _("Other lawful basis (described)")


class DataSubjectRequest(models.Model):
    """One act on a person's data: what, on which legal basis, asked by whom, handled by whom, when, result.

    ``person`` stays set after an erasure (the row remains, anonymised), so the request can be traced;
    it is only empty when the record was removed later by other means.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=RequestKind.choices)
    basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    basis_detail = models.CharField(_("basis in detail"), max_length=300, blank=True)
    requester = models.CharField(
        _("requested by"), max_length=200, help_text=_("Who asked and how, e.g. “the person, letter of 3 March”.")
    )
    person = models.ForeignKey(
        "people.Person", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("handled by")
    )
    handled_at = models.DateTimeField(_("handled"), auto_now_add=True)
    outcome = models.TextField(_("outcome"), blank=True)

    # Ministry admins only (a scope with no path opens nothing to any other role).
    scope = Scope()
    objects = ScopedManager()

    class Meta:
        ordering = ["-handled_at", "-pk"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.handled_at:%Y-%m-%d}"
