"""Reasons with the published text, clause and URL that back them."""

from __future__ import annotations

from collections.abc import Sequence

from wikireuse.licenses._kb import current
from wikireuse.licenses._model import License, Source
from wikireuse.licenses._verdict import Reason

__all__ = ["COM_LM", "REFS", "find_topic", "reason", "reason_from", "source_key"]

# Published texts the checker cites that the knowledge base's sources table
# does not carry (keys follow the project's licence reference where it has one).
REFS = {
    s.key: s
    for s in (
        Source(
            key="CC-SAI",
            title="CC wiki: ShareAlike interpretation",
            url="https://wiki.creativecommons.org/wiki/ShareAlike_interpretation",
        ),
        Source(
            key="COM-LM",
            title="Wikimedia Commons: Template:License migration (documentation)",
            url="https://commons.wikimedia.org/wiki/Template:License_migration",
            clause="migration= keywords",
        ),
        Source(
            key="BERNE-10",
            title="Berne Convention, Article 10 (quotations)",
            url="https://www.wipo.int/wipolex/en/text/283698",
            clause="Art. 10(1)",
        ),
    )
}


def source_key(lic: License) -> str:
    """Key of the record's first (main) source, ``""`` when it has none."""
    return lic.sources[0].key if lic.sources else ""


def find_topic(lic: License, prefix: str) -> Source | None:
    """The record's first source whose clause starts with *prefix*."""
    for s in lic.sources:
        if s.clause.startswith(prefix):
            return s
    return None


def _find_source(lic: License, key: str) -> Source | None:
    """A source by key: the licence's own (with clause), the KB's, the checker's."""
    for s in lic.sources:
        if s.key == key:
            return s
    return current().sources.get(key) or REFS.get(key)


def _numbered(sources: Sequence[Source]) -> Source | None:
    """The first source cited by a numbered clause (``§...``), if any."""
    for s in sources:
        if s.clause.startswith("§"):
            return s
    return None


def _rule_source(lic: License) -> Source | None:
    """The source backing the adaptation rule, with the clause if known."""
    cites = lic.adaptation.citations
    if cites:
        # The rule's own citations carry the clause.
        return _numbered(cites) or cites[0]
    for key in lic.adaptation.sources:
        candidates = [s for s in lic.sources if s.key == key]
        if candidates:
            return _numbered(candidates) or candidates[-1]
        found = _find_source(lic, key)
        if found is not None:
            return found
    return None


def reason(
    lic: License,
    text: str,
    *,
    key: str = "",
    topic: str = "",
    rule: bool = False,
    clause: str = "",
) -> Reason:
    """A reason about *lic*, citing the most specific source known.

    The source is, in order of preference: the one with *key*, the first
    whose clause starts with *topic*, the one backing the adaptation rule
    (*rule*), the record's first source. *clause* overrides the cited
    source's clause.
    """
    ref: Source | None = None
    if key:
        ref = _find_source(lic, key)
    if ref is None and topic:
        ref = find_topic(lic, topic)
    if ref is None and rule:
        ref = _rule_source(lic)
    if ref is None and lic.sources:
        ref = lic.sources[0]
    return Reason(
        text=text,
        license_id=lic.id,
        source_key=ref.key if ref else key,
        clause=clause or (ref.clause if ref else ""),
        url=ref.url if ref else lic.legal_code_url,
    )


def reason_from(ref: Source, text: str, license_id: str = "") -> Reason:
    """A reason about *license_id* that cites *ref* itself."""
    return Reason(
        text=text,
        license_id=license_id,
        source_key=ref.key,
        clause=ref.clause,
        url=ref.url,
    )


COM_LM = REFS["COM-LM"]
"""Commons' documentation of the ``migration=`` keywords of GFDL tags."""
