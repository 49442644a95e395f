"""Shared helpers of the structured-article tests: recorded pages, schema check."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA, skip_or_fail
from wikireuse.structured import StructuredArticle, schema

PARSOID_PAGES = {
    "squirrel": "enterprise/articles_Squirrel_de_en_ru.json",
    "dog": "rest-html/enwiki_Dog_rev845493773.parsoid.html",
    "arwiki": "rest-html/arwiki_Mathematics_rev28762698.parsoid.html",
}
WIKITEXT_PAGES = (
    "wikitext/enwiki_Squirrel_rev1171934824.wikitext",
    "wikitext/enwiki_40_Wall_Street.wikitext",
    "wikitext/enwiki_Bootham_Crescent.wikitext",
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def shared(path: str) -> Path:
    """A recorded file, or a skip (a failure under CI) when the data is missing."""
    found = SHARED_DATA / path
    if not found.is_file():
        skip_or_fail(f"recorded data missing: {found}")
    return found


@cache
def enterprise_articles() -> list[dict[str, Any]]:
    """The three recorded Enterprise article records (de, en, ru)."""
    loaded: list[dict[str, Any]] = json.loads(
        shared(PARSOID_PAGES["squirrel"]).read_text(encoding="utf-8")
    )
    return loaded


def enterprise_record(lang: str) -> dict[str, Any]:
    """The recorded Enterprise article record of *lang*wiki."""
    return next(
        r for r in enterprise_articles() if r["in_language"]["identifier"] == lang
    )


def parsoid_html(page: str) -> str:
    """The recorded Parsoid HTML of *page* (``squirrel``, ``dog``, ``arwiki``)."""
    if page == "squirrel":
        html: str = enterprise_record("en")["article_body"]["html"]
        return html
    return shared(PARSOID_PAGES[page]).read_text(encoding="utf-8")


def wikitext(path: str) -> str:
    """A recorded wikitext."""
    return shared(path).read_text(encoding="utf-8")


@cache
def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    return jsonschema.Draft202012Validator(schema())


def check(doc: StructuredArticle) -> StructuredArticle:
    """Validate *doc* against the shipped JSON Schema and its JSON round trip."""
    data = json.loads(json.dumps(doc.to_dict()))
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(data)
    ]
    assert errors == []
    assert StructuredArticle.from_dict(data) == doc
    return doc


def recall(expected: Counter[str], found: Counter[str]) -> float:
    """The share of *expected* tokens (with multiplicity) that *found* has."""
    total = sum(expected.values())
    return sum((expected & found).values()) / total if total else 1.0
