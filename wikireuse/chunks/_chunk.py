"""chunk(): a StructuredArticle → attributed, section-aware chunks."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any, Final
from urllib.parse import quote, urlsplit

import attrs

from wikireuse.attribution._attribute import (
    notice_from_page_license,
    page_credit,
    site_name_for_url,
)
from wikireuse.attribution.messages import DEFAULT_CATALOGUE
from wikireuse.chunks._model import Chunk, ChunkKind
from wikireuse.chunks._split import Block, section_text, split
from wikireuse.core._hosts import is_wikimedia_host
from wikireuse.exceptions import ConfigurationError
from wikireuse.records.articles import LicenseTimeline, PageLicense
from wikireuse.structured.model import Infobox, Paragraph, Section, StructuredArticle

__all__ = ["chunk"]

MAX_CHARS_LIMIT: Final = 1_000_000
"""The largest ``max_chars`` :func:`chunk` accepts."""
# Wikimedia wikis declare CC BY-SA 4.0 today; the timeline gives 3.0 for
# revisions saved before the switch.
_WIKIMEDIA_RIGHTS: Final = "https://creativecommons.org/licenses/by-sa/4.0/"
# The HTML spec scrolls to the top of the page for the fragment "top"
# (browsers do the same): the lead and the infobox have no heading anchor.
_TOP: Final = "top"
_BLANK: Final = re.compile(r"\s+")


@attrs.frozen
class _Source:
    """What every chunk of one article repeats: who, where, which licence."""

    doc: StructuredArticle
    revid: int
    permalink: str
    history_url: str
    license: PageLicense
    attribution: str


def chunk(
    doc: StructuredArticle,
    *,
    max_chars: int = 2000,
    overlap: int = 0,
    lang: str = "en",
    include_infobox: bool = True,
) -> tuple[Chunk, ...]:
    r"""Split one structured revision into attributed chunks, section by section.

    No chunk crosses a section; each infobox is a chunk of its own; a long
    section is split at paragraphs, then list items and lines, sentences and
    words, and at *max_chars* characters only as the last resort. Every
    chunk carries the revision's provenance, licence and credit line.

    Args:
        doc: The article (from :func:`wikireuse.structure` or
            :func:`wikireuse.from_enterprise`); it needs a title, a page URL
            and a revision id.
        max_chars: The longest chunk text, in characters (20 to 1,000,000).
        overlap: At most this many characters each chunk repeats from the
            end of the one before it in the same section, from a word start
            when one fits (0 to ``max_chars // 2``).
        lang: Language of the credit line's fixed words.
        include_infobox: Chunk the infoboxes too.

    Returns:
        The chunks in document order (infoboxes first); ``()`` for an article
        without text. An article without sections (an Enterprise Structured
        Contents record) has its abstract as the lead.

    Raises:
        ConfigurationError: Bad settings, an unknown *lang*, or an article
            without the title, URL or revision id its chunks must cite.

    >>> from wikireuse.structured import structure
    >>> doc = structure(
    ...     "Squirrels climb. They eat nuts.\n== Range ==\nThey live on "
    ...     "every continent but Australia and Antarctica.")
    >>> doc = attrs.evolve(doc, wiki="en.wikipedia.org", title="Squirrel",
    ...     url="https://en.wikipedia.org/wiki/Squirrel", revid=1171934824,
    ...     timestamp="2023-08-24T01:14:42Z")
    >>> for c in chunk(doc, max_chars=40):
    ...     print(c.section_path, repr(c.text), c.permalink)
    () 'Squirrels climb. They eat nuts.'
      https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824#top
    ('Range',) 'They live on every continent but'
      https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824#Range
    ('Range',) 'Australia and Antarctica.'
      https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824#Range
    >>> print(chunk(doc)[0].attribution)
    “Squirrel” (https://en.wikipedia.org/wiki/Squirrel?oldid=1171934824) by its
    authors (https://en.wikipedia.org/wiki/Squirrel?action=history), from
    Wikipedia, is licensed under CC BY-SA 4.0
    (https://creativecommons.org/licenses/by-sa/4.0/).
    """
    _check(doc, max_chars=max_chars, overlap=overlap, include_infobox=include_infobox)
    DEFAULT_CATALOGUE.check_language(lang)  # even when there is nothing to credit
    sections = doc.sections
    if not sections and doc.abstract.strip():
        # Enterprise Structured Contents records may carry the lead's
        # abstract and no sections: the abstract is then the lead's text
        sections = (
            Section(
                id=0, level=0, heading="", paragraphs=(Paragraph(text=doc.abstract),)
            ),
        )
    if not any(s.paragraphs or s.lists or s.tables for s in sections) and not (
        include_infobox and doc.infoboxes
    ):
        return ()
    source = _source(doc, lang)
    # the language is a setting: it words the credit line each chunk carries
    settings = (max_chars, overlap, include_infobox, lang)
    found: list[Chunk] = []
    if include_infobox:
        for box in doc.infoboxes:
            text = _infobox_text(box)
            found += _chunks(
                source, settings, "infobox", 0, (), "", text, (), len(found)
            )
    for section in sections:
        text, blocks = section_text(section)
        found += _chunks(
            source,
            settings,
            "text",
            section.id,
            section.path,
            section.anchor if section.level else "",
            text,
            blocks,
            len(found),
        )
    return tuple(found)


def _check(
    doc: object, *, max_chars: object, overlap: object, include_infobox: object
) -> None:
    if not isinstance(doc, StructuredArticle):
        raise ConfigurationError(
            message=f"chunk() takes a StructuredArticle, got {type(doc).__name__}"
        )
    if (
        not isinstance(max_chars, int)
        or isinstance(max_chars, bool)
        or not 20 <= max_chars <= MAX_CHARS_LIMIT
    ):
        raise ConfigurationError(
            message=f"max_chars must be an integer from 20 to {MAX_CHARS_LIMIT}, "
            f"got {max_chars!r}"
        )
    if (
        not isinstance(overlap, int)
        or isinstance(overlap, bool)
        or not 0 <= overlap <= max_chars // 2
    ):
        # at least half of every chunk is new text, so the overlap cannot
        # turn a section into a flood of near-copies
        raise ConfigurationError(
            message=f"overlap must be an integer from 0 to max_chars // 2 "
            f"({max_chars // 2}), got {overlap!r}"
        )
    if not isinstance(include_infobox, bool):
        raise ConfigurationError(
            message=f"include_infobox must be True or False, got {include_infobox!r}"
        )


def _source(doc: StructuredArticle, lang: str) -> _Source:
    missing = [
        name
        for name, value in (
            ("title", doc.title),
            ("url", doc.url),
            ("revid", doc.revid),
        )
        if not value
    ]
    if missing or doc.revid is None:
        raise ConfigurationError(
            message=f"chunks cite their revision, but {doc.title or 'the article'!r} "
            f"has no {', '.join(missing)}: structure an Article or Parsoid HTML, "
            "or give them with attrs.evolve"
        )
    if not doc.url.startswith(("https://", "http://")):
        raise ConfigurationError(message=f"the article URL {doc.url!r} is not http(s)")
    license = doc.license or _license(doc)
    credit = page_credit(
        title=doc.title,
        page_url=doc.url,
        site_name=site_name_for_url(doc.url),
        license=notice_from_page_license(license),
        revid=doc.revid,
        timestamp=_when(doc.timestamp),
        lang=lang,
        # ?oldid= and ?action= work on every MediaWiki page URL, whatever the
        # wiki's article path; the article's own permalink wins when it has one.
        source_url=doc.permalink or None,
    )
    return _Source(
        doc=doc,
        revid=doc.revid,
        permalink=credit.source_url,
        history_url=credit.history_url or "",
        license=license,
        attribution=credit.to_text(),
    )


def _when(timestamp: str | None) -> datetime | None:
    if not timestamp:
        return None
    try:
        when = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigurationError(
            message=f"the article's timestamp {timestamp!r} is not ISO 8601"
        ) from exc
    # MediaWiki saves revision times in UTC
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _license(doc: StructuredArticle) -> PageLicense:
    """The licence of a revision whose article did not say: Wikimedia's timeline."""
    from wikireuse.licenses import UNKNOWN_ID

    when = _when(doc.timestamp)
    host = urlsplit(doc.url).hostname or ""
    if when is None or not is_wikimedia_host(host):
        return PageLicense(
            spdx=UNKNOWN_ID,
            name="",
            url="",
            basis="the article names no licence, and neither its wiki's licence "
            "history nor its revision date is known",
        )
    return LicenseTimeline().license_for(
        rights_url=_WIKIMEDIA_RIGHTS, rights_text="", timestamp=when, wikimedia=True
    )


def _infobox_text(box: Infobox) -> str:
    if box.rows:
        lines = [f"{r.label}: {r.text}" if r.label else r.text for r in box.rows]
    else:
        lines = [f"{p.name}: {p.text}" for p in box.params]
    return "\n".join(line for line in lines if line.strip())


def _chunks(
    source: _Source,
    settings: tuple[int, int, bool, str],
    kind: ChunkKind,
    section_id: int,
    path: tuple[str, ...],
    anchor: str,
    text: str,
    blocks: tuple[Block, ...],
    position: int,
) -> list[Chunk]:
    max_chars, overlap, *_ = settings
    doc = source.doc
    anchor = anchor or _TOP
    permalink = f"{source.permalink}#{quote(anchor, safe='/?:@!$&()*+,;=-._~')}"
    what: list[Any] = [
        doc.wiki,
        doc.pageid,
        source.revid,
        doc.title,
        list(settings),
        kind,
        section_id,
    ]
    if doc.person_status is not None or doc.minimisation:
        # What the privacy step found and did is part of what a chunk is:
        # a classified or minimised chunk never shares the id of the raw one
        # with the same text. Added only then, so the ids of unclassified
        # articles stay the ones earlier versions gave.
        status = None if doc.person_status is None else doc.person_status.value
        what.append([status, list(doc.minimisation)])
    prefix = json.dumps(what, ensure_ascii=False)[:-1]
    found: list[Chunk] = []
    previous = 0
    for n, (start, end) in enumerate(split(text, max_chars - overlap)):
        begin = (
            _overlap_start(text, max(start - overlap, previous), start) if n else start
        )
        previous = start
        body = text[begin:end]
        sha1 = hashlib.sha1(
            body.encode("utf-8", "surrogatepass"), usedforsecurity=False
        ).hexdigest()
        # one JSON text of what the chunk is (revision, settings, place,
        # content): the same inputs give the same id on any machine
        key = f'{prefix},{position + n},"{sha1}"]'
        found.append(
            Chunk(
                id=hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[
                    :32
                ],
                kind=kind,
                text=body,
                section_id=section_id,
                section_path=path,
                anchor=anchor,
                start=begin,
                end=end,
                overlap=start - begin,
                content_sha1=sha1,
                wiki=doc.wiki,
                pageid=doc.pageid,
                revid=source.revid,
                timestamp=doc.timestamp,
                title=doc.title,
                lang=doc.lang,
                permalink=permalink,
                history_url=source.history_url,
                license_spdx=source.license.spdx,
                license_url=source.license.url,
                attribution=source.attribution,
                wikidata_id=doc.wikidata_id,
                cites=_cites(blocks, begin, end),
                person_status=doc.person_status,
                minimisation=doc.minimisation,
            )
        )
    return found


def _overlap_start(text: str, earliest: int, start: int) -> int:
    """Where the repeated text before *start* begins: at a word, when one fits.

    The overlap reaches back into the chunk before (never past its start);
    it starts after the first blank at or after *earliest* unless that blank
    is the gap just before *start*.
    """
    blank = _BLANK.search(text, earliest, start)
    return blank.end() if blank is not None and blank.end() < start else earliest


def _cites(blocks: tuple[Block, ...], start: int, end: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for a, b, cites in blocks:
        if a < end and b > start:
            seen.update(dict.fromkeys(cites))
    return tuple(seen)
