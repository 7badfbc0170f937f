"""Reads of the region tables: name lookup (for imports and the search page), points, children.

Regions are public reference data (the Kemendagri list), so nothing here is scoped by user: no
``visible_to``. What a user may see of *centres, people and tenants* in a region is decided in
``inkubator.core.scoping``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inkubator.core.scoping import working_area_q

from .choices import Level, level_of, normalize_code
from .models import District, Province, Regency, Village
from .names import PROVINCE_ALIASES, Reading, name_key, name_readings, stored_name_keys

# Kinds that only exist on one level, so that ``kind="kota"`` alone means a regency/city.
LEVEL_OF_KIND: dict[str, Level] = {
    Regency.Kind.REGENCY: Level.REGENCY,
    Regency.Kind.CITY: Level.REGENCY,
    Village.Kind.VILLAGE: Level.VILLAGE,
    Village.Kind.URBAN: Level.VILLAGE,
    Village.Kind.CUSTOMARY: Level.VILLAGE,
}
# Without a level, a bare name is looked for from the top down and the first level that has it
# wins: "Jambi" is the province, "Surabaya" the city, "Cibinong" the district. Villages are only
# searched when asked for or inside a district, since thousands of them share names.
DEFAULT_LEVELS: tuple[Level, ...] = (Level.PROVINCE, Level.REGENCY, Level.DISTRICT)
MAX_SUGGESTIONS = 5
# Bounds the memory of remembered answers in a long import; past it the memory starts afresh.
MAX_REMEMBERED_ANSWERS = 50_000


@dataclass(frozen=True, slots=True)
class RegionRef:
    """A region as the lookup knows it: light enough to hold all 91k in memory for an import.

    Use ``code`` as the foreign key value (``regency_id=ref.code``); the model row is one query away.
    """

    code: str
    name: str
    level: Level
    # "kabupaten"/"kota" for a regency/city, "desa"/"kelurahan"/"desa_adat" for a village, else "".
    kind: str
    # Names of the enclosing regions, nearest first: ("Jawa Barat",) for Kabupaten Bekasi.
    parents: tuple[str, ...]

    @property
    def parent_path(self) -> str:
        """ "Kabupaten Bogor, Jawa Barat" for the district Cibinong; empty for a province."""
        return ", ".join(self.parents)

    @property
    def path(self) -> str:
        """The region with its parents: "Kabupaten Bekasi, Jawa Barat"."""
        return ", ".join((self.name, *self.parents))

    @property
    def level_label(self) -> str:
        """The translated name of the level."""
        return str(Level(self.level).label)

    @property
    def kind_label(self) -> str:
        """The translated kind ("Regency (kabupaten)", "City (kota)", …); empty for provinces and districts."""
        for kinds in (Regency.Kind, Village.Kind):
            if self.kind in kinds.values:
                return str(kinds(self.kind).label)
        return ""


@dataclass(frozen=True)
class LookupResult:
    """The answer to "which region is this name?".

    ``match`` is set only when exactly one region fits. ``candidates`` holds every region that fits
    (two or more means ``ambiguous``). When nothing fits, ``suggestions`` holds near misses and
    ``message`` says so in the user's language; ``message`` also explains an ambiguity.
    """

    query: str
    match: RegionRef | None
    candidates: tuple[RegionRef, ...] = ()
    ambiguous: bool = False
    message: str = ""
    suggestions: tuple[RegionRef, ...] = ()

    @property
    def found(self) -> bool:
        """Whether exactly one region fits."""
        return self.match is not None


class RegionIndex:
    """All region names in memory, keyed for lookup: build once, then answer lookups from dicts.

    For imports: ``index = RegionIndex()`` once, then ``index.lookup(name=row["kabupaten"],
    level=Level.REGENCY, within=province_code)`` per row (microseconds each). Provinces, regencies
    and districts (7.8k rows) are read when the index is built; villages (83.8k) only on the first
    village lookup. ``within`` limits what is read to one subtree, and lookups to that subtree.

    The index is a snapshot: build a new one after ``load_regions`` changes the tables.
    """

    def __init__(self, *, within: str | None = None) -> None:
        self.scope = _checked_code(within) if within else None
        self._refs: dict[str, RegionRef] = {}
        self._by_key: dict[Level, dict[str, list[RegionRef]]] = {level: {} for level in Level}
        self._villages_loaded = False
        self._answers: dict[tuple[object, ...], LookupResult] = {}
        self._load_upper_levels()

    # Building ----------------------------------------------------------------------------------

    def _load_upper_levels(self) -> None:
        # Provinces and regencies are few (552 rows) and give every path its names: read them all.
        for code, name in Province.objects.values_list("code", "name").order_by("code"):
            self._add(RegionRef(code, name, Level.PROVINCE, "", ()))
        for code, name, kind in Regency.objects.values_list("code", "name", "kind").order_by("code"):
            self._add(RegionRef(code, name, Level.REGENCY, kind, self._path_of(code)))
        for code, name in self._scoped(District.objects.all(), depth=3).values_list("code", "name").order_by("code"):
            self._add(RegionRef(code, name, Level.DISTRICT, "", self._path_of(code)))
        aliases = self._by_key[Level.PROVINCE]
        for province_code, spellings in PROVINCE_ALIASES.items():
            province = self._refs.get(province_code)
            if province is not None:
                for spelling in spellings:
                    bucket = aliases.setdefault(name_key(spelling), [])
                    if province not in bucket:
                        bucket.append(province)

    def _load_villages(self) -> None:
        if self._villages_loaded:
            return
        villages = self._scoped(Village.objects.all(), depth=4).values_list("code", "name", "kind").order_by("code")
        for code, name, kind in villages.iterator(chunk_size=10000):
            self._add(RegionRef(code, name, Level.VILLAGE, kind, self._path_of(code)))
        self._villages_loaded = True

    def _scoped(self, queryset: QuerySet, *, depth: int) -> QuerySet:
        """The rows of one level inside the scope (a village scope keeps its one district)."""
        if self.scope is None:
            return queryset
        scope = ".".join(self.scope.split(".")[:depth])
        return queryset.filter(Q(code__startswith=f"{scope}.") | Q(code=scope))

    def _path_of(self, code: str) -> tuple[str, ...]:
        parts = code.split(".")
        return tuple(
            self._refs[parent].name
            for parent in (".".join(parts[:depth]) for depth in range(len(parts) - 1, 0, -1))
            if parent in self._refs
        )

    def _add(self, ref: RegionRef) -> None:
        self._refs[ref.code] = ref
        keys = self._by_key[ref.level]
        for key in stored_name_keys(ref.name, ref.level):
            keys.setdefault(key, []).append(ref)

    # Answering ---------------------------------------------------------------------------------

    def get(self, *, code: str) -> RegionRef | None:
        """The region with a Kemendagri code (dotted or not), or None."""
        normalized = normalize_code(code)
        if normalized is None:
            return None
        if level_of(normalized) == Level.VILLAGE:
            self._load_villages()
        return self._refs.get(normalized)

    def lookup(
        self,
        *,
        name: str,
        level: Level | str | None = None,
        within: str | None = None,
        kind: str | None = None,
        suggest: bool = True,
    ) -> LookupResult:
        """Find the region a name (or a code) means.

        ``level`` fixes the level ("regency" for a kabupaten/kota column); ``within`` a code whose
        subtree the region must be in (``"32"``: in Jawa Barat); ``kind`` "kabupaten"/"kota" (or a
        village kind). A designator in the name ("Kab.", "Kota", "Prov.") works like ``level`` and
        ``kind``. Without a level, the first of province, regency, district that has the name wins.
        ``suggest=False`` skips looking for near misses when nothing is found (the slow part).

        Answers are remembered per index: an import asks for the same few hundred names many times.
        """
        cache_key = (name, level, within, kind, suggest, get_language())
        cached = self._answers.get(cache_key)
        if cached is None:
            if len(self._answers) >= MAX_REMEMBERED_ANSWERS:
                self._answers.clear()
            cached = self._answers[cache_key] = self._lookup(
                name=name, level=level, within=within, kind=kind, suggest=suggest
            )
        return cached

    def _lookup(
        self, *, name: str, level: Level | str | None, within: str | None, kind: str | None, suggest: bool
    ) -> LookupResult:
        query = " ".join(name.split())
        wanted_level = Level(level) if level else None
        wanted_kind = kind or ""
        if wanted_kind and wanted_kind not in LEVEL_OF_KIND:
            raise ValueError(f"unknown region kind {kind!r}")
        scope = self._within(within)

        by_code = self._lookup_code(query, level=wanted_level, scope=scope)
        if by_code is not None:
            return by_code

        readings = name_readings(query)
        for reading in readings:
            found = self._find(reading, level=wanted_level, kind=wanted_kind, scope=scope)
            if found:
                return _result(query, found)
        return LookupResult(
            query=query,
            match=None,
            message=_('No region named "%(name)s" was found.') % {"name": query},
            suggestions=self._suggest(readings, level=wanted_level, scope=scope) if suggest else (),
        )

    def _within(self, within: str | None) -> str | None:
        if not within:
            return self.scope
        scope = _checked_code(within)
        if self.scope and not _inside(scope, self.scope):
            raise ValueError(f"within={within!r} is outside this index's scope {self.scope!r}")
        return scope

    def _lookup_code(self, query: str, *, level: Level | None, scope: str | None) -> LookupResult | None:
        code = normalize_code(query)
        if code is None:
            return None
        ref = self.get(code=code)
        if ref is None or (level and ref.level != level) or (scope and not _inside(ref.code, scope)):
            return LookupResult(
                query=query,
                match=None,
                message=_('No region has the code "%(name)s".') % {"name": query},
            )
        return LookupResult(query=query, match=ref, candidates=(ref,))

    def _levels(self, reading: Reading, *, level: Level | None, kind: str, scope: str | None) -> tuple[Level, ...]:
        implied = [candidate for candidate in (level, reading.level, LEVEL_OF_KIND.get(kind)) if candidate]
        if implied:
            # "Prov. Jawa Barat" in a regency column is not a regency: such a reading is skipped.
            return (implied[0],) if len(set(implied)) == 1 else ()
        if scope is not None and scope.count(".") >= 2:
            return (*DEFAULT_LEVELS, Level.VILLAGE)
        return DEFAULT_LEVELS

    def _find(self, reading: Reading, *, level: Level | None, kind: str, scope: str | None) -> list[RegionRef]:
        if not reading.key or (kind and reading.kind and kind != reading.kind):
            return []
        wanted_kind = kind or reading.kind
        for candidate_level in self._levels(reading, level=level, kind=wanted_kind, scope=scope):
            if candidate_level == Level.VILLAGE:
                self._load_villages()
            found = [
                ref
                for ref in self._by_key[candidate_level].get(reading.key, ())
                if (not wanted_kind or ref.kind == wanted_kind) and (scope is None or _inside(ref.code, scope))
            ]
            if found:
                return found
        return []

    def _suggest(self, readings: Iterable[Reading], *, level: Level | None, scope: str | None) -> tuple[RegionRef, ...]:
        """Near misses for a name that was not found: the same name of another kind, then close spellings."""
        levels = (level,) if level else DEFAULT_LEVELS
        if Level.VILLAGE in levels and scope is None:
            # 83k village names are too many to compare one by one; imports pass a scope.
            return ()
        if Level.VILLAGE in levels:
            self._load_villages()
        scores: dict[str, tuple[float, RegionRef]] = {}
        for reading in readings:
            for candidate_level in levels:
                keys = self._by_key[candidate_level]
                close = difflib.get_close_matches(reading.key, keys, n=MAX_SUGGESTIONS, cutoff=0.8)
                for key in (reading.key, *close):
                    score = 1.0 if key == reading.key else difflib.SequenceMatcher(None, reading.key, key).ratio()
                    for ref in keys.get(key, ()):
                        if (scope is None or _inside(ref.code, scope)) and score > scores.get(ref.code, (0.0,))[0]:
                            scores[ref.code] = (score, ref)
        ranked = sorted(scores.values(), key=lambda item: (-item[0], item[1].code.count("."), item[1].code))
        return tuple(ref for _score, ref in ranked[:MAX_SUGGESTIONS])


def _checked_code(code: str) -> str:
    normalized = normalize_code(code)
    if normalized is None:
        raise ValueError(f"{code!r} is not a Kemendagri region code")
    return normalized


def _inside(code: str, scope: str) -> bool:
    return code == scope or code.startswith(f"{scope}.")


def _result(query: str, found: list[RegionRef]) -> LookupResult:
    candidates = tuple(sorted(found, key=lambda ref: ref.code))
    if len(candidates) == 1:
        return LookupResult(query=query, match=candidates[0], candidates=candidates)
    return LookupResult(
        query=query,
        match=None,
        candidates=candidates,
        ambiguous=True,
        message=_(
            '"%(name)s" matches %(count)s regions. Add the province or the kind (Kabupaten or Kota) to choose one.'
        )
        % {"name": query, "count": len(candidates)},
    )


def region_lookup(
    *,
    name: str,
    level: Level | str | None = None,
    within: str | None = None,
    kind: str | None = None,
) -> LookupResult:
    """Find the region a name means ("Kab. Bekasi", "Jatim", "SURABAYA", "32.16"); see ``RegionIndex``.

    Builds an index for this one call (about 8k rows, fewer with ``within``): fine for a page, too
    slow per row of an import — build one :class:`RegionIndex` for the whole file instead.
    """
    return RegionIndex(within=within).lookup(name=name, level=level, kind=kind)


def region_point(*, code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a region, for distances and map pins; None if it has no point.

    A village answers its district's point, a district without a point its regency's. Provinces
    have no point (a centroid of an archipelago province would be at sea).
    """
    normalized = normalize_code(code)
    if normalized is None or level_of(normalized) == Level.PROVINCE:
        return None
    if level_of(normalized) == Level.REGENCY:
        rows = Regency.objects.filter(code=normalized).values_list("latitude", "longitude")
        point = rows.first()
        return _as_floats(point) if point else None
    district_code = normalized[:8]
    row = (
        District.objects.filter(code=district_code)
        .values_list("latitude", "longitude", "regency__latitude", "regency__longitude")
        .first()
    )
    if row is None:
        return None
    return _as_floats(row[:2]) or _as_floats(row[2:])


def _as_floats(point: tuple) -> tuple[float, float] | None:
    latitude, longitude = point
    if latitude is None or longitude is None:
        return None
    return float(latitude), float(longitude)


def region_children(*, code: str) -> QuerySet[Regency] | QuerySet[District] | QuerySet[Village] | None:
    """The regions directly inside a region (a province's regencies, …), in code order; None for a village."""
    normalized = _checked_code(code)
    level = level_of(normalized)
    if level == Level.PROVINCE:
        return Regency.objects.filter(province_id=normalized).order_by("code")
    if level == Level.REGENCY:
        return District.objects.filter(regency_id=normalized).order_by("code")
    if level == Level.DISTRICT:
        return Village.objects.filter(district_id=normalized).order_by("code")
    return None


def regencies_visible_to(user: Any) -> QuerySet[Regency]:
    """The regencies/cities where ``user`` works: every one for the ministry, a coordinator's own region.

    Regions themselves are public; this is the *working area* that forms offer for new records.
    Other roles register nothing by region, so they get none.
    """
    area = working_area_q(user)
    return Regency.objects.none() if area is None else Regency.objects.filter(area)


def region_exists(*, code: str) -> bool:
    """Whether a region of any level has this dotted Kemendagri code (public reference data)."""
    model = {Level.PROVINCE: Province, Level.REGENCY: Regency, Level.DISTRICT: District, Level.VILLAGE: Village}[
        level_of(code)
    ]
    return model.objects.filter(code=code).exists()
