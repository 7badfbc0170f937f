"""Pages of contributions, offers and business matching, and a partner's own page.

Every page starts from ``visible_to`` (through the selectors): another partner's offer or match,
another centre's tenant or contribution answers 404, and so does a page the role has no business
with. Moves of a match are POSTs that call one service each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core import concurrency
from inkubator.core.exports import export_response
from inkubator.core.screens import ObjectEditView, ObjectFormView, page
from inkubator.incubation.models import Tenant
from inkubator.incubation.selectors import tenant_get
from inkubator.partners.pages import RegisterListView
from inkubator.partners.selectors import partner_list

from . import permissions, selectors, services
from .choices import MatchStatus, OfferKind, OfferStatus
from .filters import ContributionFilter, MatchFilter, OfferFilter
from .forms import ContributionForm, DeclineForm, OfferForm, OutcomeForm, ProposeForm
from .tables import (
    CONTRIBUTION_EXPORT_COLUMNS,
    MATCH_EXPORT_COLUMNS,
    OFFER_EXPORT_COLUMNS,
    ContributionTable,
    MatchTable,
    OfferTable,
    bank_columns,
)

# Contributions -------------------------------------------------------------------------------------


class ContributionListView(RegisterListView):
    """Contributions in scope (a centre's people: to their centre; a partner: its own), with exports."""

    allowed = staticmethod(permissions.reads_matching)
    selector = staticmethod(selectors.contribution_list)
    filterset_class = ContributionFilter
    table_class = ContributionTable
    export_columns = CONTRIBUTION_EXPORT_COLUMNS
    export_url_name = "matching:contribution_export"
    title = gettext_lazy("Contributions")
    testid = "contributions"

    create = (gettext_lazy("New contribution"), "matching:contribution_create", "contribution-create")
    may_create = staticmethod(permissions.can_record_contribution)


class ContributionCreateView(ObjectEditView):
    """Record what a partner gave (the ministry); the form's ``save`` calls ``contribution_create``."""

    allowed = staticmethod(permissions.can_record_contribution)
    form_class = ContributionForm
    invalid_status = 400
    form_testid = "contribution-form"
    title = gettext_lazy("New contribution")
    success_url = reverse_lazy("matching:contributions")

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {**super().get_form_kwargs(), "user": user, "partners": partner_list(user=user)}

    def get_success_message(self, saved: Any) -> str:
        return _("Contribution recorded: %(title)s.") % {"title": saved.title}


contribution_create_view = ContributionCreateView.as_view()


# Offers ---------------------------------------------------------------------------------------------


class OfferListView(RegisterListView):
    """Offers in scope with exports; the ministry and partners publish new ones."""

    allowed = staticmethod(permissions.reads_matching)
    selector = staticmethod(selectors.offer_list)
    filterset_class = OfferFilter
    table_class = OfferTable
    export_columns = OFFER_EXPORT_COLUMNS
    export_url_name = "matching:offer_export"
    title = gettext_lazy("Offers")
    testid = "offers"

    create = (gettext_lazy("New offer"), "matching:offer_create", "offer-create")
    may_create = staticmethod(permissions.can_publish_offer)


class OfferCreateView(ObjectEditView):
    """Write an offer (the ministry, or a partner for its own organisation: no partner field then)."""

    allowed = staticmethod(permissions.can_publish_offer)
    form_class = OfferForm
    invalid_status = 400
    form_testid = "offer-form"
    title = gettext_lazy("New offer")

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "user": user,
            "partners": partner_list(user=user),
            "own_partner": user.partner if permissions.is_partner(user) else None,
        }

    def get_success_message(self, saved: Any) -> str:
        return _("Offer saved: %(title)s.") % {"title": saved.title}

    def get_success_url(self, saved: Any) -> str:
        return reverse("matching:offer_detail", args=[saved.pk])

    def get_back_url(self) -> str:
        return reverse("matching:offers")


class OfferEditView(OfferCreateView):
    """Change an offer (its partner or the ministry); anyone else in scope gets 404 too."""

    allowed = None  # who may edit depends on the offer: checked in get_object
    success_message = gettext_lazy("Offer saved.")

    def get_object(self) -> Any:
        offer = selectors.offer_get(user=self.request.user, pk=self.kwargs["pk"])
        if not permissions.can_edit_offer(self.request.user, offer):
            raise Http404
        return offer

    def get_title(self) -> str:
        return self.object.title

    def get_success_message(self, saved: Any) -> str:
        return str(self.success_message)

    def get_back_url(self) -> str:
        return reverse("matching:offer_detail", args=[self.object.pk])


offer_create_view = OfferCreateView.as_view()
offer_edit_view = OfferEditView.as_view()


@page(methods=("POST",))
def offer_status_view(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """Publish, close or take back an offer."""
    offer = selectors.offer_get(user=request.user, pk=pk)
    if not permissions.can_edit_offer(request.user, offer) or status not in OfferStatus.values:
        raise Http404
    try:
        # From the status the button was shown with: a stale "publish" never reopens an offer closed meanwhile.
        concurrency.act_versioned(
            request.POST,
            offer,
            lambda current: services.offer_set_status(offer=current, status=status),
            guard=("status",),
        )
    except concurrency.EditConflict as conflict:
        messages.error(request, concurrency.conflict_message(conflict))
        return _offer_page(request, conflict.current, status=409)
    messages.success(request, _("The offer is now %(status)s.") % {"status": OfferStatus(status).label})
    return redirect("matching:offer_detail", pk=offer.pk)


@page(allowed=permissions.reads_matching)
def offer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An offer: what it asks, its matches, and (for staff) the tenants that fit it best."""
    return _offer_page(request, selectors.offer_get(user=request.user, pk=pk))


def _offer_page(request: HttpRequest, offer: Any, *, status: int = 200) -> HttpResponse:
    """An offer's page (also the answer of a status button pressed on a stale page, with 409)."""
    matches = selectors.match_list(user=request.user).filter(offer=offer)
    return render(
        request,
        "matching/offer.html",
        {
            "offer": offer,
            "status_version": concurrency.version_token(offer, ["status"]),
            "matches": matches[:100],
            "places_left": selectors.places_left(offer),
            "outcomes": selectors.outcome_totals(matches),
            "fitting": selectors.fitting_tenants(user=request.user, offer=offer)
            if permissions.can_propose(request.user)
            else [],
            "can_edit": permissions.can_edit_offer(request.user, offer),
            "can_propose": permissions.can_propose(request.user) and offer.status == OfferStatus.PUBLISHED,
            "statuses": OfferStatus,
            "is_finance": offer.kind == OfferKind.FINANCE,
        },
        status=status,
    )


@page(allowed=permissions.reads_matching)
def offer_proposals_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The tenants proposed to a finance offer with what a bank asks for (XLSX or CSV)."""
    offer = selectors.offer_get(user=request.user, pk=pk)
    if offer.kind != OfferKind.FINANCE or fmt not in ("xlsx", "csv"):
        raise Http404
    matches = selectors.proposed_to_bank(user=request.user, offer=offer).select_related(
        "tenant__regency", "tenant__person"
    )
    facts = selectors.tenant_facts(Tenant.objects.filter(matches__in=matches), today=timezone.localdate())
    return export_response(
        rows=matches.iterator(chunk_size=500),
        columns=bank_columns(facts),
        fmt=fmt,
        filename_stem=slugify(f"{_('proposals')} {offer.title}")[:60],
        sheet_title=_("Proposals"),
    )


# Matching a tenant ------------------------------------------------------------------------------------


@page()
def tenant_offers_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Offers ranked for one tenant with the reasons, and what rules the others out; coaches propose."""
    tenant = tenant_get(user=request.user, pk=pk)
    today = timezone.localdate()
    ranked = selectors.ranked_offers(user=request.user, tenant=tenant, today=today)
    matched = set(tenant.matches.values_list("offer_id", flat=True))
    return render(
        request,
        "matching/tenant.html",
        {
            "tenant": tenant,
            "ranked": [(offer, fit, offer.pk in matched) for offer, fit in ranked],
            "matches": selectors.matches_of_tenant(user=request.user, tenant=tenant),
            "can_propose": permissions.can_propose(request.user),
            "propose_form": ProposeForm(),
        },
    )


@page(allowed=permissions.can_propose, methods=("POST",))
def propose_view(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    """Propose the tenant to the offer (a coach of its incubator or the ministry)."""
    tenant = tenant_get(user=request.user, pk=pk)
    offer = selectors.offer_get(user=request.user, pk=offer_pk)
    form = ProposeForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    fit = selectors.tenant_fit(tenant=tenant, offer=offer, today=timezone.localdate())
    if not fit.eligible:
        messages.error(request, _("Not proposed: %(why)s.") % {"why": "; ".join(fit.problems)})
        return redirect("matching:tenant_offers", pk=tenant.pk)
    try:
        match = services.match_propose(tenant=tenant, offer=offer, user=request.user, note=note, score=fit.score)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching:tenant_offers", pk=tenant.pk)
    messages.success(request, _("Proposed to %(offer)s.") % {"offer": offer.title})
    return redirect("matching:match_detail", pk=match.pk)


# Service participants (laid-off workers) -------------------------------------------------------------


@page(allowed=permissions.reads_participant_offers)
def participant_offers_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Offers ranked for a laid-off workers' service participant with the reasons; their guides put one to them."""
    participant = selectors.participant_get(user=request.user, pk=pk)
    if participant.tenant_id:  # the business runs: a tenant, matched through the pipeline
        return redirect("matching:tenant_offers", pk=participant.tenant_id)
    ranked = selectors.participant_ranked_offers(user=request.user, participant=participant, today=timezone.localdate())
    put = set(participant.offers.values_list("provider", "description"))
    return render(
        request,
        "matching/participant.html",
        {
            "participant": participant,
            "ranked": [(offer, fit, (offer.owner_name[:200], offer.title[:300]) in put) for offer, fit in ranked],
            "can_propose": permissions.can_propose_to_participant(request.user),
        },
    )


@page(allowed=permissions.can_propose_to_participant, methods=("POST",))
def participant_propose_view(request: HttpRequest, pk: int, offer_pk: int) -> HttpResponse:
    """Put the offer to the participant (recorded on their path); refused with the reasons when it does not fit."""
    participant = selectors.participant_get(user=request.user, pk=pk)
    offer = selectors.offer_get(user=request.user, pk=offer_pk)
    fit = selectors.participant_fit(participant=participant, offer=offer, today=timezone.localdate())
    if not fit.eligible:
        messages.error(request, _("Not proposed: %(why)s.") % {"why": "; ".join(fit.problems)})
        return redirect("matching:participant_offers", pk=participant.pk)
    try:
        services.participant_offer_propose(participant=participant, offer=offer, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("matching:participant_offers", pk=participant.pk)
    messages.success(request, _("%(offer)s was put to the participant.") % {"offer": offer.title})
    return redirect("matching:participant_offers", pk=participant.pk)


# Matches ---------------------------------------------------------------------------------------------


class MatchListView(RegisterListView):
    """Matches in scope (a partner: to its offers), filtered, with exports."""

    allowed = staticmethod(permissions.reads_matching)
    selector = staticmethod(selectors.match_list)
    filterset_class = MatchFilter
    table_class = MatchTable
    export_columns = MATCH_EXPORT_COLUMNS
    export_url_name = "matching:match_export"
    title = gettext_lazy("Matches")
    testid = "matches"


def _match_page(request: HttpRequest, match: Any, **forms: Any) -> HttpResponse:
    user = request.user
    context = {
        "match": match,
        "fit": selectors.tenant_fit(tenant=match.tenant, offer=match.offer, today=timezone.localdate()),
        "can_answer": permissions.can_answer(user, match)
        and match.status in (MatchStatus.PROPOSED, MatchStatus.CONTACTED),
        "can_follow_up": permissions.can_follow_up(user, match),
        "can_outcome": permissions.can_record_outcome(user, match) and match.status == MatchStatus.AGREED,
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeForm(offer=match.offer),
        "statuses": MatchStatus,
    }
    return render(request, "matching/match.html", context, status=400 if forms else 200)


@page()
def match_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A match: the tenant, the offer, why it fits, where it stands, and the moves the user may make."""
    _readers_only_or_owner(request)
    return _match_page(request, selectors.match_get(user=request.user, pk=pk))


def _readers_only_or_owner(request: HttpRequest) -> None:
    # An entrepreneur reads the matches of their own business (visible_to gives them only theirs).
    from inkubator.core.roles import Role, effective_role

    if not permissions.reads_matching(request.user) and effective_role(request.user) != Role.ENTREPRENEUR:
        raise Http404


def _act(request: HttpRequest, pk: int, allowed: Callable[[Any, Any], bool], act: Callable[[Any], Any], done: str):
    match = selectors.match_get(user=request.user, pk=pk)
    if not allowed(request.user, match):
        raise Http404
    try:
        act(match)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("matching:match_detail", pk=match.pk)


@page(methods=("POST",))
def match_contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, permissions.can_follow_up, lambda m: services.match_contact(match=m, user=request.user),
        _("Recorded: the partner was contacted."),
    )  # fmt: skip


@page(methods=("POST",))
def match_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, permissions.can_answer, lambda m: services.match_accept(match=m, user=request.user),
        _("Match accepted."),
    )  # fmt: skip


@page(methods=("POST",))
def match_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, permissions.can_follow_up, lambda m: services.match_withdraw(match=m, user=request.user),
        _("Match withdrawn."),
    )  # fmt: skip


class MatchFormView(ObjectFormView):
    """A form posted from a match's page, one service call on the match (``permitted(user, match)``
    decides who may: 404 otherwise); an invalid form shows the match page again with it (400)."""

    http_method_names: ClassVar[list[str]] = ["post"]
    invalid_status = 400
    object_kwarg = "match"
    permitted: ClassVar[Callable[[Any, Any], bool]]
    form_key: ClassVar[str] = ""  # the form's name on the match page

    def get_object(self) -> Any:
        match = selectors.match_get(user=self.request.user, pk=self.kwargs["pk"])
        if not type(self).permitted(self.request.user, match):
            raise Http404
        return match

    def render_form(self, form: Any, *, status: int = 200) -> HttpResponse:
        return _match_page(self.request, self.object, **{self.form_key: form})

    def get_success_url(self, saved: Any) -> str:
        return reverse("matching:match_detail", args=[self.object.pk])


class MatchDeclineView(MatchFormView):
    """The partner declines with a reason."""

    permitted = staticmethod(permissions.can_answer)
    form_class = DeclineForm
    form_key = "decline_form"
    service = staticmethod(services.match_decline)
    success_message = gettext_lazy("Match declined.")

    def service_kwargs(self, form: DeclineForm) -> dict[str, Any]:
        return {"match": self.object, "user": self.request.user, "reason": form.cleaned_data["decline_reason"]}


class MatchOutcomeView(MatchFormView):
    """Record the outcome of an agreed match (the field its offer is about)."""

    permitted = staticmethod(permissions.can_record_outcome)
    form_class = OutcomeForm
    form_key = "outcome_form"
    service = staticmethod(services.match_record_outcome)
    success_message = gettext_lazy("Outcome recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "offer": self.object.offer}


match_decline_view = MatchDeclineView.as_view()
match_outcome_view = MatchOutcomeView.as_view()


# A partner's own page ------------------------------------------------------------------------------------


@page(allowed=permissions.is_partner)
def partner_home_view(request: HttpRequest) -> HttpResponse:
    """A partner user's page: its agreements, gifts, offers, matches waiting for its answer, outcomes."""
    return render(
        request, "matching/partner_home.html", selectors.partner_home(user=request.user, today=timezone.localdate())
    )
