"""Headers in a real browser (issue 16.4): each role opens its main pages and Chromium reports no
Content-Security-Policy violation (``securitypolicyviolation`` events, "Refused to …" console errors).

"Main pages" are every entry of the role's menu plus the detail pages with charts, maps and forms
(a tenant's profile, a centre, an assessment's radar, a plan and its what-if, the visit form). The
policy forbids inline script and style, so anything a page still did inline shows up here.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page

from inkubator.core.roles import Role
from inkubator.incubation import services as incubation
from inkubator.regions.models import Regency
from tests.assessments.factories import open_round, top, verified
from tests.factories import PASSWORD, AssetFactory, CentreFactory, PartnerFactory, make_user
from tests.incubation.factories import make_incubator, make_tenant, report
from tests.mentoring.factories import FacilitatorFactory, make_action, make_active_plan, make_visit
from tests.training.factories import BatchFactory, EnrollmentFactory, OutcomeFactory

RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at "
    + (e.sourceFile || document.location.pathname) + ":" + e.lineNumber);
});
"""


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def world() -> dict[str, Any]:
    """Centres, a tenant with figures, a plan with visits, a verified assessment, a trained batch."""
    bekasi = make_incubator(regency=Regency.objects.get(code="32.16"), name="BLK Komunitas Bekasi")
    CentreFactory(regency=Regency.objects.get(code="35.78"))
    AssetFactory(centre=bekasi)
    tenant = make_tenant(incubator=bekasi)
    for month in (1, 2, 3):
        report(tenant, datetime.date(2026, month, 1))
    facilitator_user = make_user(Role.FACILITATOR, centres=[bekasi])
    incubation.coaching_session_create(
        tenant=tenant, coach=facilitator_user, date=datetime.date(2026, 3, 2), topic="Pembukuan"
    )
    facilitator = FacilitatorFactory(user=facilitator_user)
    plan = make_active_plan([bekasi], facilitator)
    make_visit(bekasi, facilitator)
    make_action(bekasi)
    assessment = verified(open_round(), bekasi, top)
    OutcomeFactory(enrollment=EnrollmentFactory(batch=BatchFactory(centre=bekasi)))
    owner = make_user(Role.ENTREPRENEUR)
    incubation.tenant_link_account(tenant=tenant, username=owner.username)
    users = {
        Role.MINISTRY_ADMIN: make_user(Role.MINISTRY_ADMIN),
        Role.REGIONAL_COORDINATOR: make_user(Role.REGIONAL_COORDINATOR, provinces=["32"]),
        Role.FACILITATOR: facilitator_user,
        Role.CENTRE_MANAGER: make_user(Role.CENTRE_MANAGER, centres=[bekasi]),
        Role.ENTREPRENEUR: owner,
        Role.PARTNER: make_user(Role.PARTNER, partner=PartnerFactory()),
    }
    details = {
        Role.MINISTRY_ADMIN: [
            f"/incubation/tenants/{tenant.pk}/",
            f"/centres/{bekasi.code}/",
            f"/assessments/{assessment.pk}/",
            f"/assessments/centre/{bekasi.code}/",
            "/assessments/distribution/",
            f"/mentoring/plans/{plan.pk}/",
            f"/mentoring/plans/{plan.pk}/what-if/",
            "/mentoring/plans/new/",
            "/training/output/",
            "/incubation/dashboard/",
            "/dashboard/",
            "/public/",
            "/service/register/",
        ],
        Role.REGIONAL_COORDINATOR: ["/dashboard/", f"/centres/{bekasi.code}/", "/mentoring/facilitators/new/"],
        Role.FACILITATOR: [f"/mentoring/centres/{bekasi.code}/visits/new/", f"/incubation/tenants/{tenant.pk}/"],
        Role.CENTRE_MANAGER: [f"/incubation/tenants/{tenant.pk}/", f"/centres/{bekasi.code}/", "/training/"],
        Role.ENTREPRENEUR: [f"/incubation/tenants/{tenant.pk}/", f"/incubation/tenants/{tenant.pk}/figures/new/"],
        Role.PARTNER: [],
    }
    return {"users": users, "details": details}


ROLES = [Role.MINISTRY_ADMIN, Role.REGIONAL_COORDINATOR, Role.FACILITATOR, Role.CENTRE_MANAGER, Role.ENTREPRENEUR,
         Role.PARTNER]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_main_pages_of_each_role_break_no_content_security_policy(page: Page, live_server, role: str) -> None:
    data = world()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(RECORD)
    sign_in(page, live_server.url, data["users"][role].username)
    menu = page.eval_on_selector_all(
        "#mainnav a.nav-link[href], #mainnav a.dropdown-item[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    paths = ["/", *[href for href in menu if href.startswith("/") and href != "#"], *data["details"][role]]
    violations: dict[str, list[str]] = {}
    for path in dict.fromkeys(paths):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (path, response and response.status)
        page.wait_for_load_state("networkidle")
        headers = response.all_headers()
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "geolocation=(self)" in headers["permissions-policy"], path
        assert "no-store" in headers["cache-control"], path  # signed in: every page
        found = page.evaluate("window.__violations") + refused
        refused.clear()
        if found:
            violations[path] = found
    assert violations == {}
