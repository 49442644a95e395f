"""Writing a :class:`~wikireuse.structured.StructuredArticle` as an Enterprise record.

Kept apart from the reader: :meth:`StructuredArticle.to_enterprise` calls this
module, so it imports the model's types for annotations only (no circle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from wikireuse.records._codec import encode
from wikireuse.records.titles import url_path
from wikireuse.structured._schema import SCHEMA

if TYPE_CHECKING:
    from wikireuse.structured.model import (
        Image,
        Infobox,
        Link,
        Paragraph,
        Section,
        StructuredArticle,
    )

__all__ = ["EXTENSION", "to_enterprise"]

EXTENSION: Final = "wikireuse"
"""The key under which :func:`to_enterprise` keeps what Enterprise has no field for."""
_ENTITY_URL: Final = "https://www.wikidata.org/entity/"


def _link_out(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "url": link.url or "./" + url_path(link.title),
        "text": link.text,
    }
    if link.images:
        out["images"] = [_image_out(i) for i in link.images]
    return out


def _image_out(image: Image) -> dict[str, Any]:
    out: dict[str, Any] = {"content_url": image.url}
    if image.width is not None:
        out["width"] = image.width
    if image.height is not None:
        out["height"] = image.height
    if image.alt:
        out["alternative_text"] = image.alt
    if image.caption:
        out["caption"] = image.caption
    return out


def _part(
    kind: str,
    *,
    name: str = "",
    value: str = "",
    links: tuple[Link, ...] = (),
    images: tuple[Image, ...] = (),
    has_parts: list[dict[str, Any]] | None = None,
    citations: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    part: dict[str, Any] = {}
    if name:
        part["name"] = name
    part["type"] = kind
    if value:
        part["value"] = value
    if links:
        part["links"] = [_link_out(link) for link in links]
    if images:
        part["images"] = [_image_out(i) for i in images]
    if citations:
        part["citations"] = citations
    if has_parts:
        part["has_parts"] = has_parts
    return part


def _infobox_out(box: Infobox) -> dict[str, Any]:
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for row in box.rows:
        if not groups or groups[-1][0] != row.section:
            groups.append((row.section, []))
        kind = "image" if row.images and not row.text and not row.label else "field"
        groups[-1][1].append(
            _part(
                kind, name=row.label, value=row.text, links=row.links, images=row.images
            )
        )
    sections = [_part("section", name=name, has_parts=parts) for name, parts in groups]
    return _part("infobox", name=box.template, has_parts=sections)


def to_enterprise(article: StructuredArticle) -> dict[str, Any]:
    """*article* as an Enterprise "Structured Contents" record (see the module doc)."""
    refs = {r.id: r for r in article.references}

    def cites(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [
            {
                "identifier": i,
                "group": refs[i].group if i in refs else "",
                "text": refs[i].text if i in refs else "",
            }
            for i in ids
        ]

    def para(kind: str, p: Paragraph) -> dict[str, Any]:
        return _part(kind, value=p.text, links=p.links, citations=cites(p.cites))

    flat: list[tuple[Section, dict[str, Any]]] = []
    for section in article.sections:
        children: list[dict[str, Any]] = []
        paras, lists = iter(section.paragraphs), iter(section.lists)
        for kind in section.order:
            if kind == "paragraph":
                children.append(para("paragraph", next(paras)))
            elif kind == "list":
                children.append(
                    _part(
                        "list",
                        has_parts=[para("list_item", i) for i in next(lists).items],
                    )
                )
        flat.append(
            (section, _part("section", name=section.heading, has_parts=children))
        )
    tree: list[dict[str, Any]] = []
    stack: list[tuple[int, dict[str, Any]]] = []
    for position, (section, part) in enumerate(flat):
        depth = len(section.path) if section.path else 1
        depth = max(depth, 1) if position else 1
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            stack[-1][1].setdefault("has_parts", []).append(part)
        else:
            tree.append(part)
        stack.append((depth, part))
    entities: dict[str, list[str]] = {}
    for box in article.infoboxes[:1]:
        for usage in box.wikidata_usage:
            entity, _, aspect = usage.partition("/")
            entities.setdefault(entity, []).append(aspect)
    record: dict[str, Any] = {
        "name": article.title,
        "identifier": article.pageid,
        "abstract": article.abstract,
        "description": article.description,
        "version": {"identifier": article.revid},
        "url": article.url,
        "date_modified": article.timestamp,
        "in_language": {"identifier": article.lang},
        "is_part_of": {"url": article.wiki},
        "main_entity": (
            {
                "identifier": article.wikidata_id,
                "url": _ENTITY_URL + article.wikidata_id,
            }
            if article.wikidata_id
            else None
        ),
        "additional_entities": [
            {"identifier": e, "url": _ENTITY_URL + e, "aspects": a}
            for e, a in entities.items()
        ],
        "categories": [{"name": f"Category:{c.title}"} for c in article.categories],
        "templates": [{"name": f"Template:{t}"} for t in article.templates],
        "redirects": [{"name": r} for r in article.redirects],
        "license": (
            [
                {
                    "identifier": article.license.spdx,
                    "name": article.license.name,
                    "url": article.license.url,
                }
            ]
            if article.license
            else []
        ),
        "infoboxes": [_infobox_out(box) for box in article.infoboxes],
        "article_sections": tree,
        "references": [
            {
                "identifier": r.id,
                "group": r.group,
                "type": str(r.csl.get("type", "")) if r.csl else "",
                "metadata": dict(r.params),
                "text": {
                    "value": r.text,
                    "links": [_link_out(link) for link in r.links],
                },
            }
            for r in article.references
        ],
        "tables": [
            {
                "identifier": f"{s.id}.{n}",
                "headers": [[{"value": h} for h in t.header]] if t.header else [],
                "rows": [[{"value": c} for c in row] for row in t.rows],
            }
            for s in article.sections
            for n, t in enumerate(s.tables)
        ],
    }
    record[EXTENSION] = {
        "schema": SCHEMA,
        "source": article.source,
        "wiki": article.wiki,
        "permalink": article.permalink,
        "parsoid_version": article.parsoid_version,
        "license_basis": article.license.basis if article.license else "",
        "provenance": article.provenance.to_dict() if article.provenance else None,
        "warnings": list(article.warnings),
        "person_status": encode(article.person_status),
        "minimisation": list(article.minimisation),
        "templates": list(article.templates),
        "categories": [c.to_dict() for c in article.categories],
        "langlinks": [
            {"lang": x.lang, "title": x.title, "url": x.url} for x in article.langlinks
        ],
        "sections": [
            {
                "id": s.id,
                "level": s.level,
                "anchor": s.anchor,
                "path": list(s.path),
                "order": list(s.order),
                "ordered": [block.ordered for block in s.lists],
                "tables": [t.to_dict() for t in s.tables],
            }
            for s in article.sections
        ],
        "infoboxes": [
            {
                "template": b.template,
                "params": [p.to_dict() for p in b.params],
                "source": b.source,
                "wikidata_usage": list(b.wikidata_usage),
            }
            for b in article.infoboxes
        ],
        "references": [
            {
                "name": r.name,
                "anchor": r.anchor,
                "template": r.template,
                "params": dict(r.params),
                "csl": r.to_dict()["csl"],
                "identifiers": dict(r.identifiers),
            }
            for r in article.references
        ],
    }
    return record
