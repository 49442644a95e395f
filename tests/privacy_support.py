"""Privacy test fixtures: hand-labelled entities, pages of our own writing."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from wikireuse.privacy import MinimisationPolicy
from wikireuse.structured import Param, StructuredArticle, structure

DATA = Path(__file__).parent / "data" / "privacy"
PAGES = DATA / "pages"


@cache
def entity_cases() -> dict[str, Any]:
    """``tests/data/privacy/entities.json``: ``today`` and the labelled cases."""
    loaded: dict[str, Any] = json.loads(
        (DATA / "entities.json").read_text(encoding="utf-8")
    )
    return loaded


def entity_today() -> date:
    """The day the entity labels were made for."""
    return date.fromisoformat(entity_cases()["today"])


@cache
def fixture_page(name: str) -> StructuredArticle:
    """One fixture page (``tests/data/privacy/pages/NAME.wikitext``), structured."""
    return structure((PAGES / f"{name}.wikitext").read_text(encoding="utf-8"))


def fixture_page_names() -> list[str]:
    """Every fixture page, by file stem."""
    return sorted(p.stem for p in PAGES.glob("*.wikitext"))


def named_params(doc: StructuredArticle, policy: MinimisationPolicy) -> list[Param]:
    """The infobox parameters of *doc* that *policy* has a rule for."""
    return [p for box in doc.infoboxes for p in box.params if policy.rule_for(p.name)]


def gone_values(before: StructuredArticle, policy: MinimisationPolicy) -> set[str]:
    """Texts that must appear in no output: dropped values, dropped sections' text."""
    values = {
        p.text
        for p in named_params(before, policy)
        if (rule := policy.rule_for(p.name)) is not None and rule.action == "drop"
    }
    values |= {
        p.text
        for s in before.sections
        if s.level and policy.drops_section(s)
        for p in s.paragraphs
    }
    # short values ("2") may rightly appear elsewhere; long ones may not
    return {v for v in values if len(v) >= 12}
