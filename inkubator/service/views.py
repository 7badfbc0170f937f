"""Staff pages of the laid-off workers' service: registrations, intake waves, eligibility rules.

Every page checks the role first (404 otherwise) and reads registrations through ``visible_to``: a
coordinator sees their region's registrants, a venue's staff those allocated to their venue, and a
registration outside the scope answers 404. Waves and rules are programme-wide; the ministry keeps them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inkubator.core import concurrency
from inkubator.core.masking import mask_identifier
from inkubator.core.screens import ObjectEditView, ObjectFormView, ObjectListView, page

from . import services
from .choices import RegistrationStatus
from .eligibility import explain
from .filters import RegistrationFilter, WaveFilter
from .forms import BusinessForm, CounsellingForm, OfferForm, OverrideForm, ProofForm, RuleForm, WaveForm
from .models import EligibilityRule, IntakeWave
from .permissions import can_guide_participants, can_run_service, can_see_registrations
from .selectors import own_participant, registration_get, registration_list, wave_fields, wave_list
from .tables import RegistrationTable, WaveTable


class RegistrationListView(ObjectListView):
    """The registrations in the user's scope, by wave and status (NIK masked, no contact details)."""

    allowed = staticmethod(can_see_registrations)
    selector = staticmethod(registration_list)
    filterset_class = RegistrationFilter
    table_class = RegistrationTable
    ordering = ("-submitted_at", "pk")
    title = gettext_lazy("Registrations of laid-off workers")
    testid = "registration"
    private = True


def _require(allowed: bool) -> None:
    if not allowed:
        raise Http404


@page(private=True)
def registration_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One registration: the person (masked), the checks and their explanations, the decision."""
    _require(can_see_registrations(request.user))
    registration = registration_get(user=request.user, pk=pk)
    return render(request, "service/registration_detail.html", _detail_context(request, registration))


# What the ministry's decision form carries the version of: the decision and the status it was taken on.
DECISION = ("override", "override_reason", "status")
# What the move form carries the version of: where the registrant was when the form was shown.
PLACE = ("venue", "status")


def _detail_context(request: HttpRequest, registration: Any) -> dict[str, Any]:
    """What the registration page shows; its decision form carries the version of the decision seen."""
    checks = [{"passed": result["passed"], "text": explain(result)} for result in registration.eligibility]
    return {
        "registration": registration,
        "nik_masked": mask_identifier(registration.person.nik),
        "phone_masked": mask_identifier(registration.phone),
        "checks": checks,
        "preferences": registration.preferences.select_related("venue").order_by("rank"),
        "can_decide": can_run_service(request.user),
        "override_form": OverrideForm(),
        "override_version": concurrency.version_token(registration, DECISION),
        "move_version": concurrency.version_token(registration, PLACE),
        "venues": _move_choices(request.user) if can_run_service(request.user) else (),
        **_participant_context(request, registration),
    }


def _participant_context(request: HttpRequest, registration: Any) -> dict[str, Any]:
    """The path of the registrant, if they are a participant, and the forms for those who guide them."""
    from .models import Participant

    participant = (
        Participant.objects.filter(registration=registration).select_related("enrollment__batch", "tenant").first()
    )
    if participant is None:
        return {"participant": None}
    path = services.PATH
    index = path.index(participant.stage) if participant.stage in path else None
    return {
        "participant": participant,
        "sessions": participant.sessions.all(),
        "offers": participant.offers.all(),
        "next_stage": path[index + 1] if index is not None and index + 1 < len(path) - 1 else None,
        "can_guide": can_guide_participants(request.user),
        "session_form": CounsellingForm(prefix="session"),
        "offer_form": OfferForm(prefix="offer"),
        "business_form": BusinessForm(prefix="business"),
    }


def _move_choices(user: Any) -> Any:
    from inkubator.venues.selectors import venue_choices

    return venue_choices(user=user).order_by("code")


@page(methods=("POST",))
def registration_override_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The ministry's decision on eligibility, with a reason (audited)."""
    _require(can_run_service(request.user))
    registration = registration_get(user=request.user, pk=pk)
    form = OverrideForm(request.POST)
    concurrency.add_version(form, registration, (), guard=DECISION)
    if form.is_valid():
        try:
            concurrency.save_versioned(
                form,
                registration,
                lambda current: services.registration_override(
                    registration=current, user=request.user, eligible=form.eligible, reason=form.cleaned_data["reason"]
                ),
                fields=(),
                guard=DECISION,
            )
        except concurrency.EditConflict as conflict:
            # Someone decided meanwhile: the page as it is now, their decision shown, nothing overwritten.
            concurrency.show_conflict(form, conflict)
            for error in form.non_field_errors():
                messages.error(request, error)
            context = _detail_context(request, conflict.current)
            return render(request, "service/registration_detail.html", context, status=409)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The decision was recorded."))
    else:
        messages.error(request, _("Choose a decision and give its reason."))
    return redirect("service:registration_detail", pk=registration.pk)


@page(private=True)
def registration_proof_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The proof of job loss, to those who see the registration; each opening is recorded."""
    _require(can_see_registrations(request.user))
    registration = registration_get(user=request.user, pk=pk)
    if not registration.proof:
        raise Http404
    LogEntry.objects.log_create(
        registration, action=LogEntry.Action.ACCESS, changes={"proof": ["", "opened"]}, actor=request.user,
        force_log=True,
    )  # fmt: skip
    return FileResponse(registration.proof.open("rb"), as_attachment=False)


class WaveListView(ObjectListView):
    """The intake waves (programme-wide)."""

    allowed = staticmethod(can_see_registrations)
    selector = staticmethod(wave_list)
    filterset_class = WaveFilter
    filterset_takes_user = False
    table_class = WaveTable
    title = gettext_lazy("Intake waves")
    testid = "wave"
    create = (gettext_lazy("New intake wave"), "service:wave_create", "wave-create")
    may_create = staticmethod(can_run_service)


class WaveEditView(ObjectEditView):
    """Create or edit an intake wave (the ministry)."""

    allowed = staticmethod(can_run_service)
    form_class = WaveForm
    object_kwarg = "wave"
    success_message = gettext_lazy("The intake wave was saved.")

    def get_object(self) -> IntakeWave | None:
        pk = self.kwargs.get("pk")
        return None if pk is None else get_object_or_404(wave_list(user=self.request.user), pk=pk)

    def get_title(self) -> str:
        return str(self.object or _("New intake wave"))

    def write(self, form: WaveForm) -> IntakeWave:
        # write, not save: ObjectEditView.save checks the version and hands over the locked current row.
        if self.object is None:
            return services.wave_create(**form.cleaned_data)
        return services.wave_update(wave=self.object, **form.cleaned_data)

    def get_success_url(self, saved: IntakeWave | None) -> str:
        return reverse("service:wave_detail", args=[saved.pk]) if saved else reverse("service:waves")


@page()
def wave_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A wave: its dates, its registrants by status and by venue (those in the user's scope)."""
    _require(can_see_registrations(request.user))
    wave = get_object_or_404(wave_list(user=request.user), pk=pk)
    rows = registration_list(user=request.user).filter(wave=wave)
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("pk")))
    statuses = [(label, by_status.get(value, 0), value) for value, label in RegistrationStatus.choices]
    by_venue = rows.exclude(venue=None).order_by().values("venue__code", "venue__name").annotate(n=Count("pk"))
    context = {
        "wave": wave,
        "statuses": statuses,
        "total": sum(by_status.values()),
        "by_venue": by_venue.order_by("venue__code"),
        "can_manage": can_run_service(request.user),
    }
    return render(request, "service/wave_detail.html", context)


@page(methods=("POST",))
def wave_evaluate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the wave's undecided registrations against the rules as they are now (the ministry)."""
    _require(can_run_service(request.user))
    wave = get_object_or_404(wave_list(user=request.user), pk=pk)
    count = services.wave_evaluate(wave=wave)
    messages.success(request, _("%(count)s registrations were checked against the rules.") % {"count": count})
    return redirect("service:wave_detail", pk=wave.pk)


@page()
def rule_list_view(request: HttpRequest) -> HttpResponse:
    """The eligibility rules: shown to all the service's staff, changed by the ministry."""
    _require(can_see_registrations(request.user))
    context = {"rules": EligibilityRule.objects.all(), "can_manage": can_run_service(request.user)}
    return render(request, "service/rule_list.html", context)


class RuleUpdateView(ObjectEditView):
    """Change a rule's parameters or whether it applies (the ministry)."""

    allowed = staticmethod(can_run_service)
    form_class = RuleForm
    object_kwarg = "rule"
    service = staticmethod(services.rule_update)
    success_message = gettext_lazy("The rule was saved. Check the registrations of a wave again to apply it.")

    def get_object(self) -> EligibilityRule:
        return get_object_or_404(EligibilityRule, pk=self.kwargs["pk"])

    def get_title(self) -> str:
        return str(self.object)

    def get_success_url(self, saved: Any) -> str:
        return reverse("service:rules")


@page(methods=None, private=True)
def wave_allocation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The ministry's allocation page: places per venue (a what-if changes none of them), run, enrol.

    POST ``action``: ``preview`` (what-if with the quotas typed), ``run`` (allocate with them, keeping
    registrants moved by hand), ``enrol`` (create the batches and enrolments of the allocation).
    """
    from inkubator.venues.models import Venue

    _require(can_run_service(request.user))
    wave = get_object_or_404(wave_list(user=request.user), pk=pk)
    venues = list(Venue.objects.filter(active=True).select_related("regency").order_by("code"))
    fields = wave_fields(wave=wave)
    places = services.wave_places(wave=wave)
    field_places = services.wave_field_places(wave=wave)
    result = None
    if request.method == "POST":
        quotas: dict[int, int] = {}
        for venue in venues:
            value = request.POST.get(f"places_{venue.pk}", "").strip()
            if value.isdigit():
                quotas[venue.pk] = min(int(value), 10_000)
        # Places by business field: a number caps the field; an empty box leaves it uncapped (issue 12.4).
        field_quotas: dict[int, int] = {}
        for field in fields:
            value = request.POST.get(f"field_places_{field.pk}", "").strip()
            if value.isdigit():
                field_quotas[field.pk] = min(int(value), 100_000)
        action = request.POST.get("action")
        if action == "enrol":
            counts = services.wave_enrol(wave=wave, user=request.user)
            messages.success(request, _("%(enrolments)s enrolments in %(batches)s new batches.") % counts)
            return redirect("service:wave_allocation", pk=wave.pk)
        if action in ("preview", "run"):
            result = services.wave_allocate(
                wave=wave, user=request.user, quotas=quotas, field_quotas=field_quotas, preview=action == "preview"
            )
            places = {**places, **quotas}
            field_places = {**field_places, **field_quotas}
            if action == "run":
                messages.success(
                    request,
                    _("%(allocated)s registrants allocated, %(waiting)s on the waiting list.")
                    % {"allocated": result.run.allocated, "waiting": result.run.waiting},
                )
                return redirect("service:wave_allocation", pk=wave.pk)
    rows = [
        {"venue": venue, "places": places.get(venue.pk, venue.capacity_per_wave),
         "allocated": (result.by_venue.get(venue.pk, 0) if result else None)}
        for venue in venues
    ]  # fmt: skip
    field_rows = [
        {"field": field, "places": field_places.get(field.pk, ""), "eligible": field.eligible_count,
         "allocated": (result.by_field.get(field.pk, 0) if result else None)}
        for field in fields
    ]  # fmt: skip
    context = {
        "wave": wave,
        "rows": rows,
        "field_rows": field_rows,
        "result": result,
        "runs": wave.allocation_runs.select_related("run_by")[:10],
    }
    return render(request, "service/wave_allocation.html", context)


@page(methods=("POST",))
def registration_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a registrant to another venue by hand (kept on later runs), or back to the waiting list."""
    from inkubator.venues.models import Venue

    _require(can_run_service(request.user))
    registration = registration_get(user=request.user, pk=pk)
    venue_id = request.POST.get("venue", "")
    venue = get_object_or_404(Venue, pk=venue_id, active=True) if venue_id else None
    try:
        # From the place the form was shown with: two people moving one registrant never both win.
        concurrency.act_versioned(
            request.POST,
            registration,
            lambda current: services.registration_move(registration=current, venue=venue, user=request.user),
            guard=PLACE,
        )
    except concurrency.EditConflict as conflict:
        messages.error(request, concurrency.conflict_message(conflict))
        context = _detail_context(request, conflict.current)
        return render(request, "service/registration_detail.html", context, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registrant was moved."))
    return redirect("service:registration_detail", pk=registration.pk)


# The participant's path ------------------------------------------------------------------------------


def _participant(request: HttpRequest, pk: int) -> Any:
    """The participant of a registration in the user's scope, for those who guide participants; else 404."""
    from .models import Participant

    _require(can_guide_participants(request.user))
    return get_object_or_404(Participant.objects.visible_to(request.user).select_related("registration"), pk=pk)


def _back(participant: Any) -> HttpResponse:
    return redirect("service:registration_detail", pk=participant.registration_id)


class ParticipantFormView(ObjectFormView):
    """A form posted from a registration's page about its participant (a session, an offer, the business):
    one service call, then back to the page with a message either way (a refusal says why)."""

    http_method_names: ClassVar[list[str]] = ["post"]
    refusal_redirect = True
    object_kwarg = "participant"
    prefix: ClassVar[str] = ""  # the form's prefix on the registration's page

    def get_object(self) -> Any:
        return _participant(self.request, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "prefix": self.prefix}

    def get_success_url(self, saved: Any) -> str:
        return reverse("service:registration_detail", args=[self.object.registration_id])

    def get_back_url(self) -> str:
        return self.get_success_url(None)


class ParticipantSessionView(ParticipantFormView):
    """Record a counselling session."""

    form_class = CounsellingForm
    prefix = "session"
    service = staticmethod(services.counselling_record)
    success_message = gettext_lazy("The session was recorded.")


class ParticipantOfferView(ParticipantFormView):
    """Record an offer from business matching."""

    form_class = OfferForm
    prefix = "offer"
    service = staticmethod(services.offer_record)
    success_message = gettext_lazy("The offer was recorded.")


class ParticipantBusinessView(ParticipantFormView):
    """Start the participant's business: a tenant of the incubation pipeline."""

    form_class = BusinessForm
    prefix = "business"
    service = staticmethod(services.participant_start_business)
    success_message = gettext_lazy("The business was started; it is now followed as a tenant.")


participant_session_view = ParticipantSessionView.as_view()
participant_offer_view = ParticipantOfferView.as_view()
participant_business_view = ParticipantBusinessView.as_view()


@page(methods=("POST",))
def participant_advance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the participant on one stage (through its gate), or mark them dropped."""
    participant = _participant(request, pk)
    try:
        services.participant_advance(participant=participant, stage=request.POST.get("stage", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The participant moved on."))
    return _back(participant)


@page()
def my_path_view(request: HttpRequest) -> HttpResponse:
    """The participant's own path: their place, their batch, counselling, offers, business."""
    participant = own_participant(user=request.user)
    if participant is None:
        # The menu offers this page to every entrepreneur; one who never came through the service is told
        # how to join it rather than shown a dead link (nobody else's path is revealed either way).
        return render(request, "service/my_path_none.html")
    context = {
        "participant": participant,
        "sessions": participant.sessions.all(),
        "offers": participant.offers.all(),
        "path": services.PATH,
    }
    return render(request, "service/my_path.html", context)


class MyProofView(ObjectFormView):
    """The participant sends their proof of job loss from their own account (nobody else's: 404)."""

    form_class = ProofForm
    service = staticmethod(services.registration_proof_add)
    title = gettext_lazy("Send your proof of job loss")
    success_message = gettext_lazy("Your proof of job loss is received.")
    form_testid = "proof-form"
    private = True

    def prepare(self, request: HttpRequest, **kwargs: Any) -> None:
        self.participant = own_participant(user=request.user)
        if self.participant is None:
            raise Http404
        super().prepare(request, **kwargs)

    def service_extra(self) -> dict[str, Any]:
        return {"user": self.request.user, "registration": self.participant.registration}

    def get_success_url(self, saved: Any) -> str:
        return reverse("service:mine")
