"""Wikimedia Enterprise "Structured Contents" records ⇄ :class:`StructuredArticle`.

Enterprise's schema is beta and its field names drift: the recorded
Squirrel records say ``infobox`` where the Go SDK says ``infoboxes``, and the
Python SDK reads ``sections`` where the API writes ``article_sections``.
:func:`from_enterprise` reads either spelling; :func:`to_enterprise` writes
the spelling of the Go SDK and the API documentation (``infoboxes``,
``article_sections``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import attrs

from wikireuse.core._hosts import default_rights
from wikireuse.core._time import parse_timestamp
from wikireuse.exceptions import InvalidResponseError, RecordError
from wikireuse.records.articles import (
    LangLink,
    LicenseTimeline,
    PageLicense,
    declared_license_note,
)
from wikireuse.records.provenance import Provenance
from wikireuse.structured._common import link_title
from wikireuse.structured._enterprise_out import EXTENSION, to_enterprise

# Duplicates note: the model types this reader builds, as _html.py imports
# them too; an import list, not logic.
from wikireuse.structured.model import (
    SCHEMA,
    BlockKind,
    Category,
    Image,
    Infobox,
    Link,
    ListBlock,
    Paragraph,
    Param,
    Reference,
    Row,
    Section,
    StructuredArticle,
    Table,
)

__all__ = ["EXTENSION", "from_enterprise", "to_enterprise"]


def _map(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RecordError(message=f"{what} must be an object, got {str(value)[:120]!r}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(message=f"{what} must be a list, got {str(value)[:120]!r}")
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _first(record: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        if record.get(key) is not None:
            return record[key]
    return None


# -- reading --------------------------------------------------------------------


def _link(data: Any) -> Link:
    data = _map(data, "a link")
    url = _text(data.get("url"))
    title = link_title(url)
    return Link(
        images=tuple(_image(x) for x in _list(data.get("images"), "images")),
        title=title,
        text=_text(data.get("text")),
        url="" if url.startswith("./") else url,
    )


def _image(data: Any) -> Image:
    data = _map(data, "an image")
    width, height = data.get("width"), data.get("height")
    return Image(
        url=_text(data.get("content_url")),
        width=width if isinstance(width, int) else None,
        height=height if isinstance(height, int) else None,
        alt=_text(data.get("alternative_text")),
        caption=_text(data.get("caption")),
    )


def _rows(parts: list[Any], section: str, out: list[Row]) -> None:
    for raw in parts:
        part = _map(raw, "an infobox part")
        kind = part.get("type")
        if kind == "section" or (
            kind not in ("field", "image") and part.get("has_parts")
        ):
            _rows(
                _list(part.get("has_parts"), "has_parts"), _text(part.get("name")), out
            )
            continue
        out.append(
            Row(
                label=_text(part.get("name")),
                text=_text(part.get("value")),
                links=tuple(_link(x) for x in _list(part.get("links"), "links")),
                section=section,
                images=tuple(_image(x) for x in _list(part.get("images"), "images")),
            )
        )


def _paragraph(part: Mapping[str, Any]) -> Paragraph:
    return Paragraph(
        text=_text(part.get("value")),
        links=tuple(_link(x) for x in _list(part.get("links"), "links")),
        cites=tuple(
            _text(_map(c, "a citation").get("identifier"))
            for c in _list(part.get("citations"), "citations")
        ),
    )


def _sections(
    parts: list[Any], depth: int, path: tuple[str, ...], out: list[Section]
) -> None:
    for raw in parts:
        part = _map(raw, "a section part")
        if part.get("type") not in (None, "section"):
            continue
        heading = _text(part.get("name"))
        here = (*path, heading)
        paras: list[Paragraph] = []
        lists: list[ListBlock] = []
        order: list[BlockKind] = []
        children = _list(part.get("has_parts"), "has_parts")
        for child_raw in children:
            child = _map(child_raw, "a part")
            kind = child.get("type")
            if kind == "paragraph":
                paras.append(_paragraph(child))
                order.append("paragraph")
            elif kind == "list":
                items = tuple(
                    _paragraph(_map(i, "a list item"))
                    for i in _list(child.get("has_parts"), "has_parts")
                )
                lists.append(ListBlock(ordered=False, items=items))
                order.append("list")
        out.append(
            Section(
                id=len(out),
                level=depth + 2,
                heading=heading,
                anchor=heading.replace(" ", "_"),
                path=here,
                paragraphs=tuple(paras),
                lists=tuple(lists),
                order=tuple(order),
            )
        )
        _sections(
            [c for c in children if _map(c, "a part").get("type") == "section"],
            depth + 1,
            here,
            out,
        )


def _reference(data: Any) -> Reference:
    data = _map(data, "a reference")
    text = _map(data.get("text") or {}, "a reference text")
    metadata = _map(data.get("metadata") or {}, "reference metadata")
    return Reference(
        id=_text(data.get("identifier")),
        group=_text(data.get("group")),
        text=_text(text.get("value")),
        links=tuple(_link(x) for x in _list(text.get("links"), "links")),
        params={str(k): _text(v) for k, v in metadata.items()},
    )


def from_enterprise(
    record: Any, *, license_timeline: LicenseTimeline | None = None
) -> StructuredArticle:
    """Read a Wikimedia Enterprise "Structured Contents" record.

    Accepts ``infobox`` or ``infoboxes``, ``article_sections`` or
    ``sections``; what :meth:`StructuredArticle.to_enterprise` wrote comes
    back unchanged.

    A record of a Wikimedia wiki gets the licence of its revision's date, as
    :func:`~wikireuse.dumps.read_enterprise` gives it: where the record's
    declared licence disagrees (records of 2023 revisions still say CC BY-SA
    3.0), the computed one is kept and a warning names both.

    Args:
        record: The decoded JSON record.
        license_timeline: Licence by revision date (Wikimedia's by default).

    Raises:
        RecordError: When *record* is not such a record.
    """
    record = _map(record, "an Enterprise record")
    if "name" not in record and "identifier" not in record:
        raise RecordError(
            message="not an Enterprise record: it has neither 'name' nor 'identifier'"
        )
    timeline = license_timeline if license_timeline is not None else LicenseTimeline()
    try:
        return _read(record, timeline)
    except RecordError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RecordError(message=f"bad Enterprise record: {exc}") from exc


def _read(record: Mapping[str, Any], timeline: LicenseTimeline) -> StructuredArticle:
    ext = record.get(EXTENSION)
    ext = ext if isinstance(ext, Mapping) and ext.get("schema") == SCHEMA else {}
    usage = tuple(
        f"{_text(_map(e, 'an entity').get('identifier'))}/{aspect}"
        for e in _list(record.get("additional_entities"), "additional_entities")
        for aspect in _list(_map(e, "an entity").get("aspects"), "aspects")
    )
    infoboxes = []
    for raw in _list(_first(record, "infoboxes", "infobox"), "infoboxes"):
        part = _map(raw, "an infobox")
        rows: list[Row] = []
        _rows(_list(part.get("has_parts"), "has_parts"), "", rows)
        infoboxes.append(
            Infobox(
                template=_text(part.get("name")),
                rows=tuple(rows),
                source="enterprise",
                wikidata_usage=usage,
            )
        )
    sections: list[Section] = []
    _sections(
        _list(_first(record, "article_sections", "sections"), "sections"),
        0,
        (),
        sections,
    )
    references = [_reference(r) for r in _list(record.get("references"), "references")]
    version = _map(record.get("version") or {}, "version")
    revid = version.get("identifier")
    main = _map(record.get("main_entity") or {}, "main_entity")
    lang = _map(record.get("in_language") or {}, "in_language")
    part_of = _map(record.get("is_part_of") or {}, "is_part_of")
    licences = _list(record.get("license"), "license")
    licence = None
    if licences:
        first = _map(licences[0], "a licence")
        licence = PageLicense(
            spdx=_text(first.get("identifier")),
            name=_text(first.get("name")),
            url=_text(first.get("url")),
            basis="declared by the Enterprise record",
        )
    licence, disagreement = _dated_licence(
        licence, _text(part_of.get("url")), record.get("date_modified"), timeline
    )
    pageid = record.get("identifier")
    article = StructuredArticle(
        wiki=_text(part_of.get("url")),
        pageid=pageid if isinstance(pageid, int) else None,
        revid=revid if isinstance(revid, int) else None,
        timestamp=_text(record.get("date_modified")) or None,
        title=_text(record.get("name")),
        lang=_text(lang.get("identifier")),
        url=_text(record.get("url")),
        license=licence,
        source="enterprise",
        abstract=_text(record.get("abstract")),
        description=_text(record.get("description")),
        sections=tuple(sections),
        infoboxes=tuple(infoboxes),
        references=tuple(references),
        categories=tuple(
            Category(title=_strip_ns(_text(_map(c, "a category").get("name"))))
            for c in _list(record.get("categories"), "categories")
        ),
        templates=tuple(
            _strip_ns(_text(_map(t, "a template").get("name")))
            for t in _list(record.get("templates"), "templates")
        ),
        redirects=tuple(
            _text(_map(r, "a redirect").get("name"))
            for r in _list(record.get("redirects"), "redirects")
        ),
        wikidata_id=_text(main.get("identifier")) or None,
        warnings=(disagreement,) if disagreement else (),
    )
    return _apply_extension(article, ext) if ext else article


def _dated_licence(
    declared: PageLicense | None,
    wiki_url: str,
    date_modified: Any,
    timeline: LicenseTimeline,
) -> tuple[PageLicense | None, str]:
    """The declared licence, or the one of the revision's date where they differ.

    Only a declared licence is checked: a record that declares none keeps
    none, so that what ``to_enterprise`` wrote comes back unchanged.
    """
    rights = default_rights(urlsplit(wiki_url).hostname or "")
    if declared is None or not rights:
        return declared, ""
    try:
        when = parse_timestamp(date_modified, field="date_modified")
    except InvalidResponseError:
        return declared, ""
    computed = timeline.license_for(
        rights_url=rights, rights_text="", timestamp=when, wikimedia=True
    )
    if computed.spdx == declared.spdx:
        return declared, ""
    return computed, declared_license_note(declared.spdx, computed.spdx)


def _strip_ns(name: str) -> str:
    return name.split(":", 1)[1] if ":" in name else name


def _apply_extension(
    article: StructuredArticle, ext: Mapping[str, Any]
) -> StructuredArticle:
    sections = []
    extras = _list(ext.get("sections"), "sections")
    for section, extra in zip(article.sections, extras, strict=False):
        extra = _map(extra, "a section extension")
        lists = tuple(
            ListBlock(ordered=bool(o), items=block.items)
            for block, o in zip(
                section.lists, _list(extra.get("ordered"), "ordered"), strict=False
            )
        )
        sections.append(
            attrs.evolve(
                section,
                id=int(extra["id"]),
                level=int(extra["level"]),
                anchor=_text(extra.get("anchor")),
                path=tuple(_list(extra.get("path"), "path")),
                lists=lists,
                tables=tuple(
                    Table.from_dict(t) for t in _list(extra.get("tables"), "tables")
                ),
                order=tuple(_list(extra.get("order"), "order")),
            )
        )
    infoboxes = []
    boxes = _list(ext.get("infoboxes"), "infoboxes")
    for box, extra in zip(article.infoboxes, boxes, strict=False):
        extra = _map(extra, "an infobox extension")
        infoboxes.append(
            attrs.evolve(
                box,
                template=_text(extra.get("template")),
                params=tuple(
                    Param.from_dict(p) for p in _list(extra.get("params"), "params")
                ),
                source=Infobox.from_dict(
                    {"template": "", "source": extra.get("source")}
                ).source,
                wikidata_usage=tuple(
                    _list(extra.get("wikidata_usage"), "wikidata_usage")
                ),
            )
        )
    references = [
        Reference.from_dict({**ref.to_dict(), **_map(extra, "a reference extension")})
        for ref, extra in zip(
            article.references, _list(ext.get("references"), "references"), strict=False
        )
    ]
    prov = ext.get("provenance")
    licence = article.license
    if licence is not None and ext.get("license_basis"):
        licence = attrs.evolve(licence, basis=_text(ext.get("license_basis")))
    return attrs.evolve(
        article,
        wiki=_text(ext.get("wiki")),
        source=StructuredArticle.from_dict(
            {"schema": SCHEMA, "source": ext.get("source")}
        ).source,
        permalink=_text(ext.get("permalink")),
        parsoid_version=_text(ext.get("parsoid_version")),
        provenance=None if prov is None else Provenance.from_dict(prov),
        license=licence,
        sections=tuple(sections),
        infoboxes=tuple(infoboxes),
        references=tuple(references),
        categories=tuple(
            Category.from_dict(c) for c in _list(ext.get("categories"), "categories")
        ),
        templates=tuple(_list(ext.get("templates"), "templates")),
        langlinks=tuple(
            LangLink(
                lang=_text(x["lang"]), title=_text(x["title"]), url=_text(x.get("url"))
            )
            for x in _list(ext.get("langlinks"), "langlinks")
        ),
        warnings=tuple(_list(ext.get("warnings"), "warnings")),
        # read through the record codec, which checks the status's value
        person_status=StructuredArticle.from_dict(
            {
                "schema": SCHEMA,
                "source": "wikitext",
                "person_status": ext.get("person_status"),
            }
        ).person_status,
        minimisation=tuple(_list(ext.get("minimisation"), "minimisation")),
    )


# -- writing --------------------------------------------------------------------
