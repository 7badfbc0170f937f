"""Ranked suggestions for a value that names nothing in a master list ("Laki2" → "laki-laki").

Value reconciliation (``values``) shows each unknown value of a file once with what it most likely
means. A :class:`Suggester` holds one master list's entries — the text to suggest (what the
importer understands: a code, a word of a choice) and the texts it is known by (the code, a name,
a label) — and ranks them against a value by how alike they are, best first:

- the same letters and digits (``choice_key``) is a perfect match;
- one contained in the other ("Otomotif" in "Teknik Otomotif"), for parts of 3 characters or more;
- shared words, a word and its abbreviation's prefix counting ("Tek. Otomotif" ~ "Teknik Otomotif");
- otherwise the proportion of matching characters (``difflib``), which catches typing slips.

A long list (batch codes, centre codes: thousands) is first narrowed to the entries sharing most
three-letter pieces with the value, so a file's few hundred unknown values stay quick to rank.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any

from .cells import as_text, choice_key

_WORD = re.compile(r"[a-z0-9]+")
MIN_CONTAINED = 3  # a shorter piece inside a longer text is chance, not meaning ("l" in "lulus")
MIN_PREFIX = 3  # "tek" may stand for "teknik"; "t" may not
LONG_LIST = 300  # entries above which a list is narrowed by three-letter pieces first
NARROWED = 200  # entries of a long list scored in full
MAX_REMEMBERED = 5_000  # values whose ranking is remembered (a file repeats its variants)
# Values ranked in full per list (a few milliseconds each against thousands of codes); past that a
# value still finds an entry with the same letters and digits, so a national file whose every batch
# code is written differently costs seconds, not minutes.
MAX_RANKED = 2_000


def _fold(text: Any) -> str:
    """Lower case ASCII: "Pendidikan Dasar" and "pendidikan dasar" alike, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", as_text(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def _words(text: Any) -> tuple[str, ...]:
    return tuple(_WORD.findall(_fold(text)))


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


class _Known:
    """One text an entry is known by, prepared once: its key and its words."""

    __slots__ = ("key", "suggestion", "words")

    def __init__(self, suggestion: str, text: Any) -> None:
        self.suggestion = suggestion
        self.words = _words(text)
        self.key = "".join(self.words)


def likeness(value: Any, text: Any) -> float:
    """How alike two texts are, from 0 (nothing in common) to 1 (the same letters and digits)."""
    probe = _Probe(value)
    return probe.score(_Known("", text))


class _Probe:
    """A value to rank entries against (its key, words and a ``SequenceMatcher`` primed with it)."""

    def __init__(self, value: Any) -> None:
        self.words = _words(value)
        self.key = "".join(self.words)
        self.word_set = set(self.words)
        self.matcher = SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(self.key)  # SequenceMatcher caches what it knows about seq2

    def score(self, known: _Known, floor: float = 0.0) -> float:
        """How alike ``known`` is; the character ratio is worked out only when it could beat ``floor``."""
        key = known.key
        if not key or not self.key:
            return 0.0
        if key == self.key:
            return 1.0
        best = 0.0
        short, long = (key, self.key) if len(key) <= len(self.key) else (self.key, key)
        if len(short) >= MIN_CONTAINED and short in long:
            best = 0.6 + 0.35 * len(short) / len(long)
        shared = 0
        for word in self.words:
            if word in known.words or any(
                min(len(word), len(other)) >= MIN_PREFIX and (other.startswith(word) or word.startswith(other))
                for other in known.words
            ):
                shared += 1
        if shared:
            best = max(best, 0.95 * shared / max(len(self.words), len(known.words)))
        matcher = self.matcher
        matcher.set_seq1(key)
        bar = max(best, floor)
        if matcher.real_quick_ratio() > bar and matcher.quick_ratio() > bar:
            best = max(best, matcher.ratio())
        return best


class Suggester:
    """A master list's entries ranked against unknown values (see the module docstring).

    ``entries``: ``(suggestion, text)`` pairs; a suggestion may come with several texts (a centre's
    code and its name), and is offered once, with the score of its likest text. ``cutoff``: the
    least score worth suggesting; ``limit``: how many suggestions at most.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]], *, limit: int = 5, cutoff: float = 0.5) -> None:
        # Prepared on the first unknown value only: most files have none, and an importer builds its
        # suggesters (thousands of centre codes and names) for every file.
        self._entries: list[tuple[str, Any]] | None = list(entries)
        self.known: list[_Known] = []
        self.limit = limit
        self.cutoff = cutoff
        self._remembered: dict[str, list[tuple[str, float]]] = {}
        self._pieces: dict[str, list[int]] | None = None
        self._by_key: dict[str, list[str]] = {}
        self._ranked = 0

    def _prepare(self, entries: list[tuple[str, Any]]) -> None:
        # Built aside and then set: a reader's suggester is shared by the threads of a process, and
        # one preparing it must never leave another an empty or half-indexed list.
        known = [known for known in (_Known(str(suggestion), text) for suggestion, text in entries) if known.key]
        pieces: dict[str, list[int]] | None = None
        if len(known) > LONG_LIST:
            pieces = {}
            for index, one in enumerate(known):
                for piece in _trigrams(one.key):
                    pieces.setdefault(piece, []).append(index)
        by_key: dict[str, list[str]] = {}
        for one in known:
            if one.suggestion not in by_key.setdefault(one.key, []):
                by_key[one.key].append(one.suggestion)
        self.known, self._pieces, self._by_key = known, pieces, by_key
        self._entries = None

    def ranked(self, value: Any) -> list[tuple[str, float]]:
        """Every suggestion worth making for ``value`` with its score, best first (ties: list order)."""
        entries = self._entries
        if entries is not None:
            self._prepare(entries)
        probe = _Probe(value)
        found = self._remembered.get(probe.key)
        if found is not None:
            return found
        same = self._by_key.get(probe.key)
        if same is not None:
            # The same letters and digits ("BKS 2503 TIK" for "BKS-2503-TIK"): nothing is likelier.
            return [(suggestion, 1.0) for suggestion in same]
        if self._ranked >= MAX_RANKED:
            return []
        self._ranked += 1
        known, pieces = self.known, self._pieces
        candidates: Iterable[_Known] = known
        if pieces is not None and len(known) > LONG_LIST:
            # Pieces most entries have ("blk", "202") tell nothing apart and cost the most to count.
            postings = [pieces.get(piece, ()) for piece in _trigrams(probe.key)]
            telling = [found for found in postings if len(found) <= len(known) // 4] or postings
            shared = Counter(index for found in telling for index in found)
            chosen = heapq.nlargest(NARROWED, shared.items(), key=lambda item: (item[1], -item[0]))
            candidates = [known[index] for index, _count in sorted(chosen)]
        best: dict[str, float] = {}
        top: list[float] = []  # the ``limit`` best scores so far: a text that cannot beat them is not ratioed
        for one in candidates:
            floor = top[0] if len(top) >= self.limit else self.cutoff
            score = probe.score(one, floor)
            if score >= self.cutoff and score > best.get(one.suggestion, -1.0):
                best[one.suggestion] = score
                if len(top) < self.limit:
                    heapq.heappush(top, score)
                elif score > top[0]:
                    heapq.heapreplace(top, score)
        # sorted() is stable: equal scores keep the list's order.
        found = sorted(best.items(), key=lambda item: -item[1])
        if len(self._remembered) >= MAX_REMEMBERED:
            self._remembered.clear()
        self._remembered[probe.key] = found
        return found

    def __call__(self, value: Any) -> list[str]:
        """The best ``limit`` suggestions for ``value``, best first."""
        return [suggestion for suggestion, _score in self.ranked(value)[: self.limit]]


def every_choice(value: Any, words: Mapping[str, Any], shown: Mapping[Any, str]) -> list[str]:
    """Every choice of a short closed list, the one with a word likest ``value`` first (ties in ``shown``'s order).

    ``words`` maps ``choice_key``s to choices, ``shown`` each choice to what a suggestion writes. For
    the kinds of a record (venue types, partner kinds): a handful, all worth offering, so none is cut off.
    """
    wanted = choice_key(value)
    best = dict.fromkeys(shown, 0.0)
    for key, choice in words.items():
        best[choice] = max(best[choice], SequenceMatcher(None, wanted, key).ratio())
    return [shown[choice] for choice in sorted(best, key=lambda choice: -best[choice])]
