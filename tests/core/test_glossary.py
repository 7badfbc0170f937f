"""No catalogue entry whose English is a glossary term is translated as another term of the glossary."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
CATALOGUE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def glossary() -> dict[tuple[str, str], str]:
    """``{(english, context): indonesian}`` from the table of docs/glossary.md."""
    terms: dict[tuple[str, str], str] = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] and not cells[0].startswith(("English", "---")):
            terms[(cells[0], cells[1])] = cells[2]
    return terms


def _text(chunk: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', chunk))


def catalogue() -> list[tuple[str, str, str]]:
    """``(msgctxt, msgid, msgstr)`` of every active entry (obsolete ``#~`` entries left out)."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        found = re.search(r'^msgid ((?:".*"\n?)+)', text, re.M)
        if not found:
            continue
        context = re.search(r'^msgctxt ((?:".*"\n?)+)', text, re.M)
        single = re.search(r'^msgstr ((?:".*"\n?)+)', text, re.M)
        entries.append(
            (
                _text(context.group(1)) if context else "",
                _text(found.group(1)),
                _text(single.group(1)) if single else "",
            )
        )
    return entries


def test_the_glossary_is_read() -> None:
    terms = glossary()
    assert terms[("Reached", "target status")] == "Tercapai"
    assert len(terms) > 15


def test_no_entry_is_translated_as_another_glossary_term() -> None:
    terms = glossary()
    wrong = []
    for context, msgid, msgstr in catalogue():
        own = next((v for (k, c), v in terms.items() if k.lower() == msgid.lower() and c == context), None)
        if own is None or not msgstr:
            continue
        others = {indonesian.lower() for key, indonesian in terms.items() if indonesian.lower() != own.lower()}
        if msgstr.lower() in others:
            wrong.append((context, msgid, msgstr, own))
    assert wrong == []


def test_each_glossary_term_is_translated_as_the_glossary_says() -> None:
    """Consistency: where the catalogue has the term itself, its translation is the glossary's."""
    terms = glossary()
    found = {(msgid, context): msgstr for context, msgid, msgstr in catalogue()}
    differing = {key: (found[key], want) for key, want in terms.items() if key in found and found[key] != want}
    assert differing == {}
