"""structure(): an article body (Parsoid HTML or wikitext) → StructuredArticle."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from wikireuse.exceptions import ConfigurationError, RecordError
from wikireuse.records.articles import Article
from wikireuse.records.persons import PersonAssessment, PersonStatus
from wikireuse.records.titles import url_path
from wikireuse.structured._enterprise import from_enterprise
from wikireuse.structured._expand import EXPANDERS, ExpanderRegistry
from wikireuse.structured._html import HtmlResult, read_html
from wikireuse.structured._wikitext import WikitextResult, read_wikitext
from wikireuse.structured.model import Section, StructuredArticle

__all__ = ["MAX_BYTES", "Body", "detect_format", "structure"]

Body = Literal["auto", "html", "wikitext"]
MAX_BYTES: Final = {"wikitext": 4 * 1024 * 1024, "html": 32 * 1024 * 1024}
"""Default size limits of a body, by kind: larger ones get a typed error, not a long
wait. MediaWiki refuses wikitext over 2 MiB (``$wgMaxArticleSize``); the
Parsoid HTML of such a page is several times larger."""
_HTML_START: Final = re.compile(
    r"^\s*(?:<!doctype html|<html|<body|<section|<head|<p[\s>]|<div[\s>])", re.I
)


def detect_format(text: str) -> Literal["html", "wikitext", "enterprise"]:
    """What kind of body *text* is: Parsoid HTML, wikitext or an Enterprise JSON record.

    >>> detect_format("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    'html'
    >>> detect_format("'''Squirrels''' are [[rodent]]s.")
    'wikitext'
    >>> detect_format('{"name": "Squirrel", "identifier": 28492}')
    'enterprise'
    """
    head = text[:2048].lstrip("\ufeff")
    if (head.lstrip().startswith(("{", "[")) and '"name"' in head) or (
        '"identifier"' in head[:2048] and head.lstrip()[:1] in "{["
    ):
        return "enterprise"
    match = _HTML_START.match(head)
    if match is None:
        return "wikitext"
    if match.group(0).lstrip()[:3].lower() in ("<p ", "<p>", "<di"):
        # wikitext may open with a <div> or <p> too: then it has wiki markup
        return "wikitext" if "{{" in head or "[[" in head else "html"
    return "html"


def _timestamp(article: Article) -> str:
    return article.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _abstract(sections: tuple[Section, ...]) -> str:
    if sections and sections[0].level == 0 and sections[0].paragraphs:
        return sections[0].paragraphs[0].text
    return ""


def structure(
    source: Article | str | bytes | Mapping[str, Any],
    *,
    body: Body = "auto",
    expanders: ExpanderRegistry | None = None,
    max_bytes: int | None = None,
    person: PersonAssessment | PersonStatus | None = None,
) -> StructuredArticle:
    """The article as data: sections, infoboxes, references, categories, ...

    Args:
        source: An :class:`~wikireuse.Article` (its wiki, page and revision
            ids, timestamp, title, language, permalink, licence and
            provenance are carried over), a body as text (Parsoid HTML or
            wikitext, detected), or a Wikimedia Enterprise article record
            (its ``article_body``).
        body: Which body to read: ``"html"`` (Parsoid HTML: the text readers
            see), ``"wikitext"`` (the only body an XML dump has) or
            ``"auto"`` (HTML when there is some, else wikitext).
        expanders: The template expanders of the wikitext path (default
            :data:`~wikireuse.structured.EXPANDERS`).
        max_bytes: Refuse bodies larger than this many bytes (UTF-8); by
            default :data:`MAX_BYTES` of the body's kind.
        person: Whether the page is about a living person (what
            :func:`wikireuse.classify_person` answered, or just its status):
            kept as :attr:`~StructuredArticle.person_status`, which
            :func:`wikireuse.chunk` copies to every chunk.

    Raises:
        ConfigurationError: When *source* is of a type it cannot read, the
            body asked for is not there, or the body is larger than
            *max_bytes*.
        RecordError: When a mapping is not an Enterprise record.

    >>> doc = structure("'''Squirrels''' are [[rodent]]s about {{cvt|10-14|cm}} long.")
    >>> doc.sections[0].paragraphs[0].text
    'Squirrels are rodents about 10–14 cm (3.9–5.5 in) long.'
    >>> doc.sections[0].paragraphs[0].links[0].title
    'Rodent'
    """
    if body not in ("auto", "html", "wikitext"):
        raise ConfigurationError(
            message=f"body must be 'auto', 'html' or 'wikitext', got {body!r}"
        )
    if person is not None:
        status = person.status if isinstance(person, PersonAssessment) else person
        if not isinstance(status, PersonStatus):
            raise ConfigurationError(
                message="person must be a PersonAssessment or a PersonStatus, "
                f"got {person!r}"
            )
        built = structure(source, body=body, expanders=expanders, max_bytes=max_bytes)
        return attrs.evolve(built, person_status=status)
    registry = EXPANDERS if expanders is None else expanders
    if not isinstance(registry, ExpanderRegistry):
        raise ConfigurationError(
            message=f"expanders must be an ExpanderRegistry, got {expanders!r}"
        )
    meta: dict[str, Any] = {}
    if isinstance(source, Article):
        text, kind = _article_body(source, body)
        meta = {
            "wiki": source.wiki,
            "pageid": source.pageid,
            "revid": source.revid,
            "timestamp": _timestamp(source),
            "title": source.title,
            "lang": source.language,
            "url": source.url,
            "permalink": source.permalink,
            "license": source.license,
            "provenance": source.provenance,
            "langlinks": source.langlinks,
            "wikidata_id": source.wikidata_id,
        }
    elif isinstance(source, Mapping):
        return _enterprise_article(source, body, registry, max_bytes)
    elif isinstance(source, (str, bytes)):
        text = _decode(source)
        detected = detect_format(text)
        if detected == "enterprise":
            raise ConfigurationError(
                message="this text is an Enterprise JSON record: pass the parsed "
                "mapping, or use from_enterprise() for Structured Contents"
            )
        kind = detected if body == "auto" else body
    else:
        raise ConfigurationError(
            message="structure() reads an Article, a str or bytes body or an "
            "Enterprise record; "
            f"got {type(source).__name__}"
        )
    limit = MAX_BYTES[kind] if max_bytes is None else max_bytes
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise ConfigurationError(
            message=f"the {kind} body is {size} bytes, more than max_bytes={limit}"
        )
    built = (
        _from_html(text, registry) if kind == "html" else _from_wikitext(text, registry)
    )
    if meta:
        if not meta["langlinks"]:
            meta["langlinks"] = built.langlinks
        if meta["wikidata_id"] is None:
            meta["wikidata_id"] = built.wikidata_id
        built = attrs.evolve(built, **meta)
    return built


def _decode(source: str | bytes) -> str:
    if isinstance(source, str):
        return source
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigurationError(message=f"the body is not UTF-8: {exc}") from exc


def _article_body(
    article: Article, body: Body
) -> tuple[str, Literal["html", "wikitext"]]:
    if body == "html" or (body == "auto" and article.html):
        if not article.html:
            raise ConfigurationError(
                message=f"{article.title!r} was fetched without its HTML: "
                "fetch it with html=True "
                "or ask for body='wikitext'"
            )
        return article.html, "html"
    return article.wikitext, "wikitext"


def _from_html(text: str, registry: ExpanderRegistry) -> StructuredArticle:
    found = read_html(text, registry)
    base = found.base
    host = re.match(r"https?://([^/]+)", base)
    return StructuredArticle(
        wiki=host.group(1) if host else "",
        pageid=found.pageid,
        revid=found.revid,
        timestamp=found.timestamp,
        title=found.title,
        lang=found.lang,
        url=base + url_path(found.title) if base and found.title else "",
        source="parsoid",
        parsoid_version=found.version,
        **_body_parts(found),
    )


def _from_wikitext(text: str, registry: ExpanderRegistry) -> StructuredArticle:
    return StructuredArticle(
        source="wikitext", **_body_parts(read_wikitext(text, registry))
    )


def _body_parts(found: HtmlResult | WikitextResult) -> dict[str, Any]:
    """The fields both body readers fill."""
    return {
        "abstract": _abstract(found.sections),
        "description": found.description,
        "sections": found.sections,
        "infoboxes": found.infoboxes,
        "references": found.references,
        "categories": found.categories,
        "templates": found.templates,
        "langlinks": found.langlinks,
        "warnings": tuple(found.warnings),
    }


def _enterprise_article(
    record: Mapping[str, Any],
    body: Body,
    registry: ExpanderRegistry,
    max_bytes: int | None,
) -> StructuredArticle:
    bodies = record.get("article_body")
    if not isinstance(bodies, Mapping):
        raise RecordError(
            message="an Enterprise record without article_body: use from_enterprise() "
            "for Structured Contents records"
        )
    html, wikitext = bodies.get("html"), bodies.get("wikitext")
    use_html = body == "html" or (body == "auto" and isinstance(html, str) and html)
    text = html if use_html else wikitext
    if not isinstance(text, str):
        raise RecordError(
            message="the Enterprise record has no "
            f"{'html' if use_html else 'wikitext'} body"
        )
    built = structure(
        text,
        body="html" if use_html else "wikitext",
        expanders=registry,
        max_bytes=max_bytes,
    )
    meta = from_enterprise({k: v for k, v in record.items() if k != "article_body"})
    return attrs.evolve(
        built,
        wiki=meta.wiki or built.wiki,
        pageid=meta.pageid if meta.pageid is not None else built.pageid,
        revid=meta.revid if meta.revid is not None else built.revid,
        timestamp=meta.timestamp or built.timestamp,
        title=meta.title or built.title,
        lang=meta.lang or built.lang,
        url=meta.url or built.url,
        license=meta.license,
        redirects=meta.redirects,
        wikidata_id=meta.wikidata_id or built.wikidata_id,
    )
