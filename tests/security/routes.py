"""The declarations of every URL pattern, by app (how to read one: ``declarations.py``)."""

from __future__ import annotations

from .declarations import (
    ADMIN,
    ANON,
    BOTH,
    ENT,
    FAC,
    KORWIL,
    MGR,
    PARTNER,
    SIGNED_IN,
    VENUE,
    Route,
    action,
    any_method,
    api_detail,
    api_list,
    export,
    form,
    kw,
    listing,
    lit,
    page,
    public,
)
from .world import FREE_ACCOUNT, MIXED, World


def _assign(w: World, zone: str) -> dict[str, object]:
    """The plan-entry form assigning the in zone's facilitator (the linking matrix's plausible POST)."""
    from inkubator.mentoring.models import PlanCentre

    entry = w.pk("near" if zone == MIXED else zone, "plan_entry")
    return {
        "focus": PlanCentre.objects.get(pk=entry).focus,
        "facilitator": w.pk("in", "facilitator"),
    }


ROUTES: dict[str, Route] = {
    # dashboards
    "dashboards:home": any_method(SIGNED_IN),
    "dashboards:national": any_method((ADMIN, KORWIL, FAC, MGR)),
    "dashboards:place": any_method(
        (ADMIN, KORWIL, FAC, MGR),
        kw(level=lit("centre"), code="centre.code"),
    ),
    "dashboards:national_export": any_method((ADMIN, KORWIL, FAC, MGR), kw(fmt=lit("csv"))),
    "dashboards:place_export": any_method(
        (ADMIN, KORWIL, FAC, MGR),
        kw(level=lit("centre"), code="centre.code", fmt=lit("csv")),
    ),
    # The public dashboard answers a POST as a GET (it has no form).
    "dashboards:public": public(methods=BOTH),
    "dashboards:public_data": public(kwargs=kw(fmt=lit("csv")), methods=BOTH),
    # accounts
    # A signed-in user is sent on from the sign-in page; signing out is a POST, for anyone.
    "accounts:login": public(post=True, ok=frozenset({200, 302})),
    "accounts:logout": public(methods=frozenset({"POST"})),
    "accounts:two_factor": form(SIGNED_IN, ok=frozenset([302])),
    "accounts:two_factor_setup": form(SIGNED_IN, ok=frozenset([302])),
    "accounts:security": form(SIGNED_IN),
    "accounts:users_security": listing((ADMIN,), "accounts.User"),
    "accounts:user_security": form((ADMIN,), kw(pk="account")),
    # centres
    "centres:list": listing(SIGNED_IN, "centres.Centre"),
    "centres:export": export(SIGNED_IN, "centres.Centre"),
    "centres:completeness": listing((ADMIN, KORWIL), "centres.Centre"),
    "centres:create": form((ADMIN, KORWIL)),
    "centres:update": form((ADMIN, KORWIL), kw(code="centre.code")),
    "centres:detail": any_method((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "centres:asset_create": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "centres:asset_update": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="asset")),
    "centres:asset_delete": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="asset")),
    "centres:staff_create": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "centres:staff_update": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="staff")),
    "centres:staff_deactivate": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="staff")),
    "centres:certificate_create": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", staff_pk="staff")),
    "centres:certificate_delete": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="certificate")),
    "centres:field_set": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "centres:field_remove": form((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="centre_field")),
    "centres:agreement_create": form((ADMIN, KORWIL), kw(code="centre.code")),
    "centres:agreement_document": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="agreement")),
    # venues
    "venues:list": listing((ADMIN, KORWIL, FAC, MGR, VENUE), "venues.Venue"),
    "venues:create": form((ADMIN, KORWIL)),
    "venues:detail": page((ADMIN, KORWIL, VENUE), kw(code="venue.code")),
    "venues:update": form((ADMIN, KORWIL), kw(code="venue.code")),
    # service
    "service:home": public(methods=BOTH, ok=frozenset({302})),  # a redirect to the registration form
    "service:register": public(post=True),
    "service:status": public(post=True),
    "service:proof": public(post=True),
    "service:account": public(post=True),
    "service:mine": page(SIGNED_IN),
    # The participant's own proof of job loss: the account's own path only (every other account: 404).
    "service:my_proof": form(()),
    # notifications: each account's own list (the matrix checks no other record is named in it)
    "notifications:list": page(SIGNED_IN),
    "service:participant_session": action((ADMIN, VENUE), kw(pk="participant")),
    "service:participant_offer": action((ADMIN, VENUE), kw(pk="participant")),
    "service:participant_advance": action((ADMIN, VENUE), kw(pk="participant")),
    "service:participant_business": action((ADMIN, VENUE), kw(pk="participant")),
    "service:registrations": listing((ADMIN, KORWIL, FAC, MGR, VENUE), "service.Registration"),
    "service:registration_detail": page((ADMIN, KORWIL, VENUE), kw(pk="registration")),
    "service:registration_override": action((ADMIN,), kw(pk="registration")),
    "service:registration_proof": page((ADMIN, KORWIL, VENUE), kw(pk="registration")),
    "service:registration_move": action((ADMIN,), kw(pk="registration")),
    "service:waves": listing((ADMIN, KORWIL, FAC, MGR, VENUE), "service.IntakeWave"),
    "service:wave_create": form((ADMIN,)),
    "service:wave_detail": page((ADMIN, KORWIL, FAC, MGR, VENUE), kw(pk="wave")),
    "service:wave_update": form((ADMIN,), kw(pk="wave")),
    "service:wave_evaluate": action((ADMIN,), kw(pk="wave")),
    "service:wave_allocation": form((ADMIN,), kw(pk="wave")),
    "service:rules": page((ADMIN, KORWIL, FAC, MGR, VENUE)),
    "service:rule_update": form((ADMIN,), kw(pk="rule")),
    "layanan": public(methods=BOTH, ok=frozenset({302})),  # the Indonesian address of the registration form
    # assessments
    "assessments:list": listing((ADMIN, KORWIL, FAC, MGR), "assessments.Assessment"),
    "assessments:export": export((ADMIN, KORWIL, FAC, MGR), "assessments.Assessment"),
    "assessments:worklist": page((ADMIN, KORWIL, FAC, MGR)),
    "assessments:distribution": page((ADMIN, KORWIL, FAC, MGR)),
    "assessments:centre": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "assessments:instrument_list": page((ADMIN,)),
    "assessments:instrument_detail": page((ADMIN,), kw(pk="instrument")),
    # The world's instrument is published: its edit page sends the admin to a new draft (302).
    "assessments:instrument_edit": form((ADMIN,), kw(pk="instrument"), ok=frozenset([302])),
    "assessments:indicator_add": action((ADMIN,), kw(pk="instrument")),
    "assessments:instrument_action": action((ADMIN,), kw(pk="instrument", action=lit("new-version"))),
    "assessments:round_list": listing((ADMIN, KORWIL, FAC, MGR), "assessments.Round"),
    "assessments:round_create": form((ADMIN,)),
    # Readers see the round; the ministry assigns assessors on it (POST).
    "assessments:round_detail": form((ADMIN, KORWIL, FAC, MGR), kw(pk="round"), post=(ADMIN,)),
    "assessments:round_advance": action((ADMIN,), kw(pk="round")),
    "assessments:selection_new": form((ADMIN,), kw(round_pk="round")),
    "assessments:selection_list": page((ADMIN,)),
    "assessments:selection_detail": page((ADMIN,), kw(pk="selection")),
    "assessments:selection_export": page((ADMIN,), kw(pk="selection", fmt=lit("csv"))),
    # The assessor (the facilitator principal, on the in centre) fills the assessment in; others read it.
    "assessments:assessment_detail": form((ADMIN, KORWIL, FAC, MGR), kw(pk="assessment"), post=(FAC,)),
    "assessments:answer_save": action((FAC,), kw(pk="assessment", indicator_pk="indicator"), target="assessment"),
    "assessments:evidence_upload": action((FAC,), kw(pk="assessment")),
    "assessments:evidence_download": page((ADMIN, KORWIL, FAC, MGR), kw(pk="assessment", evidence_pk="evidence")),
    "assessments:evidence_remove": action((FAC,), kw(pk="assessment", evidence_pk="evidence")),
    "assessments:submit": action((FAC,), kw(pk="assessment")),
    "assessments:review": action((ADMIN, KORWIL), kw(pk="assessment", decision=lit("return"))),
    # people
    "people:detail": page((ADMIN, KORWIL, FAC, MGR), kw(pk="person")),
    "people:reveal": action((ADMIN, MGR), kw(pk="person")),
    "people:duplicates": any_method((ADMIN, KORWIL)),
    # training
    "training:batches": listing(SIGNED_IN, "training.TrainingBatch"),
    "training:export": export(SIGNED_IN, "training.TrainingBatch"),
    "training:batch_create": form((ADMIN, MGR)),
    "training:batch": page((ADMIN, KORWIL, FAC, MGR), kw(pk="batch")),
    "training:enrol": action((ADMIN, MGR), kw(pk="batch")),
    # Readers see a trainee; the centre (and the ministry) change the status and certificate (POST).
    "training:enrollment": form((ADMIN, KORWIL, FAC, MGR), kw(pk="enrollment"), post=(ADMIN, MGR)),
    "training:tracer": page(SIGNED_IN),
    "training:outcome": form((ADMIN, MGR), kw(pk="enrollment", wave=lit(6))),
    "training:output": page(SIGNED_IN),
    "training:centre_output": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "training:outcomes": page(SIGNED_IN),
    "training:import": form((ADMIN, MGR)),
    # mentoring
    "mentoring:facilitator_list": listing((ADMIN, KORWIL), "mentoring.Facilitator"),
    "mentoring:facilitator_export": export((ADMIN, KORWIL), "mentoring.Facilitator"),
    "mentoring:facilitator_create": form((ADMIN, KORWIL)),
    "mentoring:facilitator_update": form((ADMIN, KORWIL), kw(pk="facilitator")),
    "mentoring:facilitator_schedule": page((ADMIN, KORWIL), kw(pk="facilitator")),
    "mentoring:schedule": page((FAC,)),
    "mentoring:plan_list": listing(SIGNED_IN, "mentoring.Plan"),
    "mentoring:plan_export": export(SIGNED_IN, "mentoring.Plan"),
    "mentoring:action_list": listing((ADMIN, KORWIL, FAC), "mentoring.ActionItem"),
    "mentoring:action_export": export((ADMIN, KORWIL, FAC), "mentoring.ActionItem"),
    "mentoring:plan_create": form((ADMIN, KORWIL)),
    "mentoring:plan_propose": form((ADMIN, KORWIL)),
    "mentoring:plan_detail": page((ADMIN, KORWIL, FAC, MGR), kw(pk="plan")),
    "mentoring:plan_optimise": action((ADMIN, KORWIL), kw(pk="plan")),
    "mentoring:plan_status": action((ADMIN, KORWIL), kw(pk="plan")),
    # Assigning a facilitator to a plan's centre (issue 16.2): a plausible POST assigns the in zone's
    # facilitator; out of scope it must answer 404 and assign nobody.
    "mentoring:plan_entry": form(
        (ADMIN, KORWIL), kw(pk="plan", entry_pk="plan_entry"), data=lambda w, z: _assign(w, z)
    ),
    "mentoring:plan_whatif": page((ADMIN, KORWIL), kw(pk="plan")),
    "mentoring:centre_progress": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "mentoring:visit_create": form((ADMIN, KORWIL, FAC), kw(code="centre.code")),
    "mentoring:visit_photo": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code", pk="visit_photo")),
    "mentoring:action_create": action((ADMIN, KORWIL, FAC), kw(code="centre.code")),
    "mentoring:action_status": action((ADMIN, KORWIL, FAC), kw(code="centre.code", pk="action")),
    # incubation
    "incubation:board": page((ADMIN, KORWIL, FAC, MGR)),
    "incubation:centre_board": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "incubation:board_column": page((ADMIN, KORWIL, FAC, MGR), kw(stage=lit("pre_incubation"))),
    "incubation:dashboard": page((ADMIN, KORWIL, FAC, MGR)),
    "incubation:centre_dashboard": page((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    "incubation:tenant_list": listing((ADMIN, KORWIL, FAC, MGR), "incubation.Tenant"),
    "incubation:tenant_export": export((ADMIN, KORWIL, FAC, MGR), "incubation.Tenant"),
    "incubation:tenant_create": form((ADMIN, FAC, MGR)),
    "incubation:tenant_detail": page((ADMIN, KORWIL, FAC, MGR, ENT), kw(pk="tenant")),
    "incubation:group_create": form((ADMIN, FAC, MGR)),
    "incubation:member_add": form((ADMIN, FAC, MGR), kw(pk="group")),
    # A confirmation page (GET) and its act (POST) on one member of a group.
    "incubation:member_remove": form((ADMIN, FAC, MGR), kw(pk="group", member_pk="group_member")),
    "incubation:member_chair": form((ADMIN, FAC, MGR), kw(pk="group", member_pk="group_member")),
    "incubation:tenant_move": form((ADMIN, FAC, MGR), kw(pk="tenant")),
    "incubation:report_create": form((ADMIN, FAC, MGR, ENT), kw(pk="tenant")),
    "incubation:report_lock": action((ADMIN, FAC, MGR), kw(pk="tenant", report_pk="report")),
    # Linking an entrepreneur's account to a tenant (issue 16.2): a plausible POST names a free account;
    # out of scope it must answer 404 and link nothing.
    "incubation:record_create": form(
        (ADMIN, FAC, MGR), kw(pk="tenant", kind=lit("account")), data=lambda w, z: {"username": FREE_ACCOUNT}
    ),
    "incubation:action_done": action((ADMIN, FAC, MGR), kw(pk="tenant", action_pk="coaching_action")),
    "incubation:milestone_achieve": action((ADMIN, FAC, MGR), kw(pk="tenant", milestone_pk="milestone")),
    "incubation:loan_status": action((ADMIN, FAC, MGR), kw(pk="tenant", loan_pk="loan")),
    "incubation:followups": page((ADMIN, KORWIL, FAC, MGR)),
    "incubation:calendar": page((ADMIN, FAC, MGR)),
    # An entrepreneur is sent to their own tenant's page (302).
    "incubation:mine": page((ENT,), ok=frozenset([302])),
    "incubation:gates": any_method((ADMIN,)),
    "incubation:gate_toggle": action((ADMIN,), kw(pk="gate")),
    # partners
    "partners:list": listing((ADMIN, KORWIL, FAC, MGR, PARTNER), "partners.Partner"),
    "partners:export": export((ADMIN, KORWIL, FAC, MGR, PARTNER), "partners.Partner"),
    "partners:create": form((ADMIN,)),
    "partners:detail": page((ADMIN, KORWIL, FAC, MGR, PARTNER), kw(pk="partner")),
    "partners:edit": form((ADMIN,), kw(pk="partner")),
    "partners:agreements": listing((ADMIN, KORWIL, FAC, MGR, PARTNER), "partners.PartnerAgreement"),
    "partners:agreement_export": export((ADMIN, KORWIL, FAC, MGR, PARTNER), "partners.PartnerAgreement"),
    "partners:agreement_create": form((ADMIN,)),
    "partners:agreement_edit": form((ADMIN, KORWIL, FAC, MGR, PARTNER), kw(pk="partner_agreement")),
    # matching
    "matching:contributions": listing((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Contribution"),
    "matching:contribution_export": export((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Contribution"),
    "matching:contribution_create": form((ADMIN,)),
    "matching:offers": listing((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Offer"),
    "matching:offer_export": export((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Offer"),
    "matching:offer_create": form((ADMIN, PARTNER)),
    "matching:offer_detail": page((ADMIN, KORWIL, FAC, MGR, PARTNER), kw(pk="offer")),
    "matching:offer_edit": form((ADMIN, PARTNER), kw(pk="offer")),
    "matching:offer_status": action((ADMIN, PARTNER), kw(pk="offer", status=lit("closed"))),
    "matching:offer_proposals": page((ADMIN, KORWIL, FAC, MGR, PARTNER), kw(pk="offer", fmt=lit("csv"))),
    "matching:tenant_offers": page((ADMIN, KORWIL, FAC, MGR, ENT), kw(pk="tenant")),
    "matching:propose": action((ADMIN, FAC, MGR), kw(pk="tenant", offer_pk="offer"), target="tenant"),
    "matching:participant_offers": page((ADMIN, KORWIL, VENUE), kw(pk="participant")),
    "matching:participant_propose": action(
        (ADMIN, VENUE), kw(pk="participant", offer_pk="offer"), target="participant"
    ),
    "matching:matches": listing((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Match"),
    "matching:match_export": export((ADMIN, KORWIL, FAC, MGR, PARTNER), "matching.Match"),
    "matching:match_detail": page((ADMIN, KORWIL, FAC, MGR, ENT, PARTNER), kw(pk="match")),
    "matching:match_contact": action((ADMIN, FAC, MGR), kw(pk="match")),
    "matching:match_accept": action((ADMIN, PARTNER), kw(pk="match")),
    "matching:match_decline": action((ADMIN, PARTNER), kw(pk="match")),
    "matching:match_withdraw": action((ADMIN, FAC, MGR), kw(pk="match")),
    "matching:match_outcome": action((ADMIN, FAC, MGR, PARTNER), kw(pk="match")),
    "matching:partner_home": page((PARTNER,)),
    # programmes
    "programmes:progress": any_method((ADMIN, KORWIL)),
    "programmes:export": any_method((ADMIN, KORWIL), kw(fmt=lit("csv"))),
    "programmes:target_create": form((ADMIN,)),
    "programmes:target_update": form((ADMIN,), kw(pk="target")),
    # reports
    "reports:list": form((ADMIN, KORWIL, FAC, MGR)),
    "reports:job": any_method((ADMIN,), kw(pk="report_job")),
    # The world's report jobs are queued, never built: there is no file to download, for anyone (404).
    "reports:download": any_method((), kw(pk="report_job")),
    "reports:centre_profile": any_method((ADMIN, KORWIL, FAC, MGR), kw(code="centre.code")),
    # regions
    "regions:search": page((ADMIN, KORWIL)),
    # Without the parent region it asks for, the options endpoint answers 400.
    "regions:options": page(SIGNED_IN, ok=frozenset([400])),
    # audit
    "audit:list": page((ADMIN,)),
    # privacy
    "privacy:index": form((ADMIN,)),
    "privacy:requests": any_method((ADMIN,)),
    "privacy:person": any_method((ADMIN,), kw(pk="person")),
    "privacy:export": action((ADMIN,), kw(pk="person")),
    "privacy:correct": form((ADMIN,), kw(pk="person")),
    "privacy:erase": action((ADMIN,), kw(pk="person")),
    # imports
    "imports:index": any_method((ADMIN, KORWIL, MGR), ok=frozenset([200, 302])),
    "imports:mapping": form((ADMIN,), kw(run_id="import_run")),
    # A run's pages send its owner (the admin) to the step it stands at (the column mapping): 302.
    "imports:preview": any_method((ADMIN,), kw(run_id="import_run"), ok=frozenset([302])),
    # The world's import runs are not validated yet: no error report exists, for anyone (404).
    "imports:error_report": any_method((), kw(run_id="import_run", fmt=lit("csv"))),
    "imports:commit": action((ADMIN,), kw(run_id="import_run")),
    "imports:values": action((ADMIN,), kw(run_id="import_run")),
    "imports:result": any_method((ADMIN,), kw(run_id="import_run"), ok=frozenset([302])),
    "imports:upload": form((ADMIN, KORWIL), kw(kind=lit("centres"))),
    # api
    "api:schema": page(SIGNED_IN, api=True),
    "api:centre-list": api_list("centres.Centre", key="code"),
    "api:centre-detail": api_detail("centre", key="code"),
    "api:host-institution-list": api_list("centres.HostInstitution"),
    "api:host-institution-detail": api_detail("host"),
    "api:vocational-field-list": page(SIGNED_IN, api=True),
    "api:vocational-field-detail": page(SIGNED_IN, kw(code=lit("tik")), api=True),
    "api:partner-list": api_list("partners.Partner"),
    "api:partner-detail": api_detail("partner"),
    "api:partner-agreement-list": api_list("partners.PartnerAgreement"),
    "api:partner-agreement-detail": api_detail("partner_agreement"),
    "api:person-list": api_list("people.Person"),
    "api:person-detail": api_detail("person"),
    "api:venue-list": api_list("venues.Venue", key="code"),
    "api:venue-detail": api_detail("venue", key="code"),
    "api:assessment-instrument-list": api_list("assessments.Instrument"),
    "api:assessment-instrument-detail": api_detail("instrument"),
    "api:assessment-round-list": api_list("assessments.Round"),
    "api:assessment-round-detail": api_detail("round"),
    "api:assessment-list": api_list("assessments.Assessment"),
    "api:assessment-detail": api_detail("assessment"),
    # Results are the verified assessments (the world has none verified: every detail answers 404).
    "api:assessment-result-list": api_list("assessments.Assessment", where={"status": "verified"}),
    "api:assessment-result-detail": api_detail("assessment", get=()),
    "api:incubator-selection-list": api_list("assessments.Selection"),
    "api:incubator-selection-detail": api_detail("selection"),
    "api:training-batch-list": api_list("training.TrainingBatch"),
    "api:training-batch-detail": api_detail("batch"),
    "api:enrolment-list": api_list("training.Enrollment"),
    "api:enrolment-detail": api_detail("enrollment"),
    "api:tracer-outcome-list": api_list("training.Outcome"),
    "api:tracer-outcome-detail": api_detail("outcome"),
    "api:facilitator-list": api_list("mentoring.Facilitator"),
    "api:facilitator-detail": api_detail("facilitator"),
    "api:mentoring-plan-list": api_list("mentoring.Plan"),
    "api:mentoring-plan-detail": api_detail("plan"),
    "api:assignment-list": api_list("mentoring.Assignment"),
    "api:assignment-detail": api_detail("assignment"),
    "api:visit-list": api_list("mentoring.Visit"),
    "api:visit-detail": api_detail("visit"),
    "api:action-item-list": api_list("mentoring.ActionItem"),
    "api:action-item-detail": api_detail("action"),
    "api:tenant-list": api_list("incubation.Tenant"),
    "api:tenant-detail": api_detail("tenant"),
    "api:stage-move-list": api_list("incubation.StageMove"),
    "api:stage-move-detail": api_detail("stage_move"),
    "api:coaching-session-list": api_list("incubation.CoachingSession"),
    "api:coaching-session-detail": api_detail("coaching"),
    # A single business's finances are not for coordinators (selectors.monthly_report_list).
    "api:monthly-figure-list": api_list("incubation.MonthlyReport", hidden_from=(KORWIL,)),
    "api:monthly-figure-detail": api_detail("report", get=SIGNED_IN - {KORWIL}),
    "api:contribution-list": api_list("matching.Contribution"),
    "api:contribution-detail": api_detail("contribution"),
    "api:offer-list": api_list("matching.Offer"),
    "api:offer-detail": api_detail("offer"),
    "api:match-list": api_list("matching.Match"),
    "api:match-detail": api_detail("match"),
    # Django's own
    "set_language": public(post=True, ok=frozenset({302})),  # answers with a redirect back
    "javascript-catalog": public(),
}

__all__ = ["ADMIN", "ANON", "ENT", "FAC", "KORWIL", "MGR", "PARTNER", "ROUTES", "SIGNED_IN", "VENUE"]
