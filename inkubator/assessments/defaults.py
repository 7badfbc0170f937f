"""The default assessment instrument (pra-identifikasi) shipped with Inkubator, as data.

Seven dimensions of five indicators, following the ministry's 2022–2024 roadmap of what makes a
centre self-reliant (mandiri): competent managers and instructors, an operating licence, own
funding, an alumni database, partnerships with government and industry. Scales run 1–5
(1 = absent, 3 = partly in place, 5 = fully in place and documented). Governance weighs most:
the best-governed centres are designated incubators. Questions are English msgids, shown in
Indonesian through the catalogue.

Scheme: binaan (from 0) → people and asset mapping; berdaya (from 50) → management; mandiri
(from 75, with governance ≥ 70 and finances ≥ 60) → incubator programme.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop as _

from inkubator.centres.choices import MentoringFocus

DEFAULT_NAME = "Instrumen Pra-Identifikasi BLK Komunitas"
DEFAULT_DESCRIPTION = _(
    "Default instrument: governance, people, facilities, training, partnerships, finances, incubation."
)

# (code, name, weight, [(code, question, kind, weight, evidence required)])
DIMENSIONS: tuple[tuple[str, str, Decimal, tuple[tuple[str, str, str, Decimal, bool], ...]], ...] = (
    (
        "governance",
        _("Governance (tata kelola)"),
        Decimal("1.5"),
        (
            (
                "gov-decree",
                _("The centre has a management decree (SK pengelola) from its host institution"),
                "yes_no",
                Decimal("1"),
                True,
            ),
            (
                "gov-structure",
                _("Roles of manager, treasurer and instructors are assigned and carried out"),
                "scale",
                Decimal("1"),
                False,
            ),
            ("gov-plan", _("There is a written annual work plan and budget"), "scale", Decimal("1"), True),
            (
                "gov-reports",
                _("Activity and financial reports are made and sent to the ministry on time"),
                "scale",
                Decimal("1.5"),
                True,
            ),
            (
                "gov-licence",
                _("The centre holds an operating licence or accreditation (LPK)"),
                "yes_no",
                Decimal("1.5"),
                True,
            ),
        ),
    ),
    (
        "people",
        _("Managers and instructors"),
        Decimal("1"),
        (
            (
                "ppl-manager",
                _("The manager works for the centre regularly and knows its programme"),
                "scale",
                Decimal("1"),
                False,
            ),
            (
                "ppl-instructors",
                _("Each vocational field has at least one active instructor"),
                "scale",
                Decimal("1"),
                False,
            ),
            (
                "ppl-certified",
                _("Instructors hold competency certificates (BNSP) in their field"),
                "scale",
                Decimal("1.5"),
                True,
            ),
            (
                "ppl-tot",
                _("Instructors took a training of trainers or methodology course"),
                "yes_no",
                Decimal("1"),
                False,
            ),
            ("ppl-admin", _("An administrator keeps the centre's records"), "yes_no", Decimal("0.5"), False),
        ),
    ),
    (
        "facilities",
        _("Facilities and equipment"),
        Decimal("1"),
        (
            (
                "fac-building",
                _("The workshop building is in good condition and used for training"),
                "scale",
                Decimal("1"),
                True,
            ),
            ("fac-equipment", _("The aid equipment is complete and working"), "scale", Decimal("1.5"), True),
            ("fac-inventory", _("An up-to-date inventory of assets is kept"), "yes_no", Decimal("1"), False),
            (
                "fac-maintenance",
                _("Equipment is maintained on a schedule with its own budget"),
                "scale",
                Decimal("1"),
                False,
            ),
            (
                "fac-safety",
                _("Occupational safety equipment and rules are in place (K3)"),
                "scale",
                Decimal("0.5"),
                False,
            ),
        ),
    ),
    (
        "training",
        _("Training delivery"),
        Decimal("1"),
        (
            (
                "trn-batches",
                _("The centre ran training batches in the last twelve months"),
                "scale",
                Decimal("1.5"),
                True,
            ),
            (
                "trn-curriculum",
                _("Training follows a competency-based curriculum (SKKNI)"),
                "scale",
                Decimal("1"),
                False,
            ),
            ("trn-completion", _("Most trainees complete their training"), "scale", Decimal("1"), False),
            ("trn-alumni", _("An alumni database is kept and graduates are traced"), "scale", Decimal("1"), False),
            ("trn-placement", _("Graduates find work or start a business"), "scale", Decimal("1"), False),
        ),
    ),
    (
        "partnerships",
        _("Partnerships"),
        Decimal("1"),
        (
            ("prt-industry", _("The centre has agreements with industry or businesses"), "scale", Decimal("1.5"), True),
            (
                "prt-government",
                _("Local government supports the centre (budget, programmes)"),
                "scale",
                Decimal("1"),
                False,
            ),
            (
                "prt-finance",
                _("The centre links trainees to finance such as KUR or cooperatives"),
                "yes_no",
                Decimal("1"),
                False,
            ),
            ("prt-market", _("Products or services reach a market through partners"), "scale", Decimal("1"), False),
            (
                "prt-forum",
                _("The centre takes part in the national forum (FKN-BLK K) or a regional network"),
                "yes_no",
                Decimal("0.5"),
                False,
            ),
        ),
    ),
    (
        "finances",
        _("Finances and self-reliance"),
        Decimal("1"),
        (
            (
                "fin-own-funds",
                _("The centre funds part of its costs from its own income"),
                "scale",
                Decimal("1.5"),
                True,
            ),
            ("fin-paid-training", _("The centre runs paid training or services"), "scale", Decimal("1"), False),
            (
                "fin-production",
                _("The centre produces goods or services for sale (production unit)"),
                "scale",
                Decimal("1"),
                False,
            ),
            (
                "fin-bookkeeping",
                _("Bookkeeping is kept separately from the host institution"),
                "yes_no",
                Decimal("1"),
                True,
            ),
            ("fin-diverse", _("Funding comes from more than one source"), "scale", Decimal("1"), False),
        ),
    ),
    (
        "incubation",
        _("Incubation readiness"),
        Decimal("1"),
        (
            (
                "inc-space",
                _("There is space for tenants' businesses (workspace, display, storage)"),
                "scale",
                Decimal("1"),
                False,
            ),
            ("inc-mentors", _("Business mentors or coaches are available to the centre"), "scale", Decimal("1"), False),
            ("inc-tenants", _("Alumni already run businesses the centre supports"), "scale", Decimal("1.5"), False),
            (
                "inc-programme",
                _("The centre has a written incubation programme (pre-incubation to graduation)"),
                "yes_no",
                Decimal("1"),
                True,
            ),
            (
                "inc-licensing",
                _("The centre helps businesses obtain licences (NIB, PIRT, halal)"),
                "scale",
                Decimal("1"),
                False,
            ),
        ),
    ),
)

# (code, label, rank, minimum total, mentoring focus, {dimension: minimum score})
LEVELS: tuple[tuple[str, str, int, Decimal, str, dict[str, Decimal]], ...] = (
    ("binaan", "Binaan", 1, Decimal("0"), MentoringFocus.PEOPLE_ASSETS, {}),
    ("berdaya", "Berdaya", 2, Decimal("50"), MentoringFocus.MANAGEMENT, {}),
    (
        "mandiri",
        "Mandiri",
        3,
        Decimal("75"),
        MentoringFocus.INCUBATOR,
        {"governance": Decimal("70"), "finances": Decimal("60")},
    ),
)
