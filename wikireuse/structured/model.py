"""The record types of a structured article (schema ``wikireuse.structured/1``).

Every type is frozen; :meth:`StructuredArticle.to_dict` gives JSON-safe
values that validate against the JSON Schema shipped with the package
(:func:`schema`), and :meth:`StructuredArticle.from_dict` reads them back
without loss.

>>> link = Link(title="Rodent", text="rodents")
>>> para = Paragraph(text="Squirrels are rodents.", links=(link,))
>>> Paragraph.from_dict(para.to_dict()) == para
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import Any, Final, Literal, TypeVar

import attrs

from wikireuse.articles import LangLink, PageLicense
from wikireuse.exceptions import RecordError
from wikireuse.provenance import Provenance

__all__ = [
    "SCHEMA",
    "Category",
    "Image",
    "Infobox",
    "Link",
    "ListBlock",
    "Paragraph",
    "Param",
    "Reference",
    "Row",
    "Section",
    "StructuredArticle",
    "Table",
    "Value",
    "schema",
]

SCHEMA: Final = "wikireuse.structured/1"
"""The ``schema`` value of :meth:`StructuredArticle.to_dict`."""

Source = Literal["parsoid", "wikitext", "enterprise"]
_SOURCES: Final = ("parsoid", "wikitext", "enterprise")
_T = TypeVar("_T")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``to_dict()`` output satisfies.

    >>> schema()["$id"]
    'https://wikireuse.invalid/schema/structured-1.json'
    """
    text = (
        resources.files("wikireuse.structured")
        .joinpath("schema/structured-1.json")
        .read_text(encoding="utf-8")
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# -- readers shared by the from_dict methods -----------------------------------


def _str(data: Mapping[str, Any], key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise RecordError(message=f"{key!r} must be a string, got {value!r}")
    return value


def _opt_int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(message=f"{key!r} must be an integer, got {value!r}")
    return value


def _opt_float(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RecordError(message=f"{key!r} must be a number, got {value!r}")
    return float(value)


def _many(
    data: Mapping[str, Any], key: str, read: Callable[[Any], _T]
) -> tuple[_T, ...]:
    value = data.get(key, ())
    if not isinstance(value, (list, tuple)):
        raise RecordError(message=f"{key!r} must be a list, got {value!r}")
    return tuple(read(item) for item in value)


def _strings(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    def one(item: Any) -> str:
        if not isinstance(item, str):
            raise RecordError(message=f"{key!r} must hold strings, got {item!r}")
        return item

    return _many(data, key, one)


def _mapping(data: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise RecordError(message=f"{what} must be an object, got {str(data)[:200]!r}")
    return data


def _str_map(data: Mapping[str, Any], key: str) -> dict[str, str]:
    value = _mapping(data.get(key, {}), key)
    if not all(isinstance(v, str) for v in value.values()):
        raise RecordError(message=f"{key!r} must map names to strings")
    return {str(k): v for k, v in value.items()}


def _dicts(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [item.to_dict() for item in items]


# -- the parts -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Image:
    """An image shown in an infobox (Enterprise records carry them).

    Attributes:
        url: The image file's URL.
        width: Width in pixels, if given.
        height: Height in pixels, if given.
        alt: Alternative text.
        caption: Caption.
    """

    url: str
    width: int | None = None
    height: int | None = None
    alt: str = ""
    caption: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Image:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "an image")
        return cls(
            url=_str(data, "url"),
            width=_opt_int(data, "width"),
            height=_opt_int(data, "height"),
            alt=_str(data, "alt", ""),
            caption=_str(data, "caption", ""),
        )


@attrs.frozen(kw_only=True)
class Link:
    """A link in running text.

    Attributes:
        title: The wiki page linked to (``""`` for an external link).
        text: The link's text as readers see it.
        url: The link's URL, when known (always for external links).
        images: Images shown as the link (Enterprise records carry them).
    """

    title: str
    text: str
    url: str = ""
    images: tuple[Image, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        out: dict[str, Any] = {"title": self.title, "text": self.text, "url": self.url}
        if self.images:
            out["images"] = _dicts(self.images)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Link:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a link")
        return cls(
            title=_str(data, "title"),
            text=_str(data, "text"),
            url=_str(data, "url", ""),
            images=_many(data, "images", Image.from_dict),
        )


@attrs.frozen(kw_only=True)
class Value:
    """A typed value read from an infobox parameter, where it is unambiguous.

    Attributes:
        kind: ``"number"``, ``"date"`` or ``"coordinates"``.
        text: The part of the parameter's text it was read from.
        number: The number (``kind == "number"``).
        unit: The unit written after the number, if any.
        date: ISO 8601 date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
            (``kind == "date"``).
        latitude: Degrees north (``kind == "coordinates"``).
        longitude: Degrees east (``kind == "coordinates"``).
    """

    kind: Literal["number", "date", "coordinates"]
    text: str
    number: float | None = None
    unit: str = ""
    date: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Value:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a value")
        return cls(
            kind=_choice(data.get("kind"), ("number", "date", "coordinates"), "kind"),
            text=_str(data, "text"),
            number=_opt_float(data, "number"),
            unit=_str(data, "unit", ""),
            date=_str(data, "date", ""),
            latitude=_opt_float(data, "latitude"),
            longitude=_opt_float(data, "longitude"),
        )


@attrs.frozen(kw_only=True)
class Param:
    """One parameter of an infobox transclusion.

    Attributes:
        name: The parameter name as written (``"birth_date"``, ``"1"``).
        wikitext: Its value as written (surrounding whitespace trimmed).
        text: The value as plain text (formatting templates expanded).
        links: Wiki links in the value.
        values: Numbers, dates and coordinates read from the value.
    """

    name: str
    wikitext: str
    text: str
    links: tuple[Link, ...] = ()
    values: tuple[Value, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "name": self.name,
            "wikitext": self.wikitext,
            "text": self.text,
            "links": _dicts(self.links),
            "values": _dicts(self.values),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Param:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a parameter")
        return cls(
            name=_str(data, "name"),
            wikitext=_str(data, "wikitext"),
            text=_str(data, "text"),
            links=_many(data, "links", Link.from_dict),
            values=_many(data, "values", Value.from_dict),
        )


@attrs.frozen(kw_only=True)
class Row:
    """One rendered row of an infobox, as readers see it.

    Attributes:
        label: The row's label (``"Kingdom"``); ``""`` for an unlabelled row
            such as the caption under the image.
        text: The row's value as text.
        links: Links in the value.
        section: The heading of the infobox part the row is in (``""`` at
            the top).
        images: Images in the row.
    """

    label: str
    text: str
    links: tuple[Link, ...] = ()
    section: str = ""
    images: tuple[Image, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "label": self.label,
            "text": self.text,
            "links": _dicts(self.links),
            "section": self.section,
            "images": _dicts(self.images),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Row:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a row")
        return cls(
            label=_str(data, "label"),
            text=_str(data, "text"),
            links=_many(data, "links", Link.from_dict),
            section=_str(data, "section", ""),
            images=_many(data, "images", Image.from_dict),
        )


@attrs.frozen(kw_only=True)
class Infobox:
    """The infobox of an article: its source parameters and its rendered rows.

    Attributes:
        template: The infobox template's name (``"Automatic taxobox"``), never
            a protection or maintenance template transcluded beside it.
        params: Its parameters in source order (both paths).
        rows: The rendered rows (Parsoid HTML and Enterprise records only:
            modules compute rows that are in no parameter).
        source: Where it was read from.
        wikidata_usage: Wikidata properties the page uses (Enterprise
            ``additional_entities`` aspects such as ``"C.P1630"``).
    """

    template: str
    params: tuple[Param, ...] = ()
    rows: tuple[Row, ...] = ()
    source: Source = "parsoid"
    wikidata_usage: tuple[str, ...] = ()

    def param(self, name: str) -> Param | None:
        """The parameter called *name*, if the infobox has it."""
        return next((p for p in self.params if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "template": self.template,
            "params": _dicts(self.params),
            "rows": _dicts(self.rows),
            "source": self.source,
            "wikidata_usage": list(self.wikidata_usage),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Infobox:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "an infobox")
        return cls(
            template=_str(data, "template"),
            params=_many(data, "params", Param.from_dict),
            rows=_many(data, "rows", Row.from_dict),
            source=_source(data.get("source", "parsoid")),
            wikidata_usage=_strings(data, "wikidata_usage"),
        )


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> Any:
    if value not in allowed:
        raise RecordError(message=f"{what} must be one of {allowed}, got {value!r}")
    return value


def _source(value: Any) -> Source:
    found: Source = _choice(value, _SOURCES, "source")
    return found


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph (or a list item) of body text.

    Attributes:
        text: Plain text, whitespace collapsed, reference markers removed.
        links: Its links, in order.
        cites: Ids of the references cited in it (:attr:`Reference.id`).
    """

    text: str
    links: tuple[Link, ...] = ()
    cites: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "text": self.text,
            "links": _dicts(self.links),
            "cites": list(self.cites),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Paragraph:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a paragraph")
        return cls(
            text=_str(data, "text"),
            links=_many(data, "links", Link.from_dict),
            cites=_strings(data, "cites"),
        )


@attrs.frozen(kw_only=True)
class ListBlock:
    """A bulleted or numbered list.

    Attributes:
        ordered: Numbered (``<ol>``, ``#``) rather than bulleted.
        items: Its items, nested items flattened in document order.
    """

    ordered: bool
    items: tuple[Paragraph, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {"ordered": self.ordered, "items": _dicts(self.items)}

    @classmethod
    def from_dict(cls, data: Any) -> ListBlock:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a list")
        ordered = data.get("ordered")
        if not isinstance(ordered, bool):
            raise RecordError(message=f"'ordered' must be a boolean, got {ordered!r}")
        return cls(ordered=ordered, items=_many(data, "items", Paragraph.from_dict))


@attrs.frozen(kw_only=True)
class Table:
    """A data table (``wikitable``) as text cells.

    Attributes:
        caption: Its caption.
        header: The header cells of its first row, if that row is a header.
        rows: The other rows, cell texts in order.
    """

    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "caption": self.caption,
            "header": list(self.header),
            "rows": [list(row) for row in self.rows],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Table:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a table")

        def row(item: Any) -> tuple[str, ...]:
            return _strings({"row": item}, "row")

        return cls(
            caption=_str(data, "caption", ""),
            header=_strings(data, "header"),
            rows=_many(data, "rows", row),
        )


BlockKind = Literal["paragraph", "list", "table"]


def _block_kind(value: Any) -> BlockKind:
    found: BlockKind = _choice(value, ("paragraph", "list", "table"), "a block kind")
    return found


@attrs.frozen(kw_only=True)
class Section:
    """One section of the article, the lead being section 0.

    Attributes:
        id: Parsoid's ``data-mw-section-id``, or the section's index in the
            wikitext (the lead is 0 on both paths).
        level: Heading level, 2 for ``== … ==``; 0 for the lead.
        heading: The heading as plain text (``""`` for the lead).
        anchor: The heading's anchor, for ``permalink#anchor``.
        path: The headings from the top level down to this one.
        paragraphs: Its paragraphs (not those of its subsections).
        lists: Its lists.
        tables: Its data tables.
        order: The kinds of its blocks in document order, so that
            paragraphs, lists and tables can be interleaved again.
    """

    id: int
    level: int
    heading: str
    anchor: str = ""
    path: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    lists: tuple[ListBlock, ...] = ()
    tables: tuple[Table, ...] = ()
    order: tuple[BlockKind, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "id": self.id,
            "level": self.level,
            "heading": self.heading,
            "anchor": self.anchor,
            "path": list(self.path),
            "paragraphs": _dicts(self.paragraphs),
            "lists": _dicts(self.lists),
            "tables": _dicts(self.tables),
            "order": list(self.order),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Section:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a section")
        ident, level = _opt_int(data, "id"), _opt_int(data, "level")
        if ident is None or level is None:
            raise RecordError(message="a section needs an id and a level")
        return cls(
            id=ident,
            level=level,
            heading=_str(data, "heading"),
            anchor=_str(data, "anchor", ""),
            path=_strings(data, "path"),
            paragraphs=_many(data, "paragraphs", Paragraph.from_dict),
            lists=_many(data, "lists", ListBlock.from_dict),
            tables=_many(data, "tables", Table.from_dict),
            order=_many(data, "order", _block_kind),
        )


@attrs.frozen(kw_only=True)
class Reference:
    """One entry of the article's reference list.

    Attributes:
        id: The id inline markers point to (``"cite_note-Seebeck-1"`` on the
            Parsoid path; the same scheme on the wikitext path).
        group: The reference group (``""``, ``"lower-alpha"``, ...).
        name: The ``<ref name=…>``, if any.
        anchor: The HTML anchor of the list item.
        text: The reference as plain text.
        links: Links in it.
        template: The citation template it uses (``"cite web"``), if any.
        params: That template's parameters, as written.
        csl: CSL-JSON for citation templates (``type``, ``title``,
            ``author``, ``issued``, ``accessed``, ``URL``, ``DOI``, ``ISBN``,
            ``container-title``, ``publisher``, ``page``, ...); empty when
            the reference uses none.
        identifiers: Identifiers found (``doi``, ``isbn``, ``pmid``,
            ``pmc``, ``arxiv``, ``issn``, ``url``, ``archive_url``).
    """

    id: str
    group: str = ""
    name: str = ""
    anchor: str = ""
    text: str = ""
    links: tuple[Link, ...] = ()
    template: str = ""
    params: Mapping[str, str] = attrs.field(factory=dict)
    csl: Mapping[str, Any] = attrs.field(factory=dict)
    identifiers: Mapping[str, str] = attrs.field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "id": self.id,
            "group": self.group,
            "name": self.name,
            "anchor": self.anchor,
            "text": self.text,
            "links": _dicts(self.links),
            "template": self.template,
            "params": dict(self.params),
            "csl": json.loads(json.dumps(self.csl)),
            "identifiers": dict(self.identifiers),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Reference:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a reference")
        return cls(
            id=_str(data, "id"),
            group=_str(data, "group", ""),
            name=_str(data, "name", ""),
            anchor=_str(data, "anchor", ""),
            text=_str(data, "text", ""),
            links=_many(data, "links", Link.from_dict),
            template=_str(data, "template", ""),
            params=_str_map(data, "params"),
            csl=dict(_mapping(data.get("csl", {}), "csl")),
            identifiers=_str_map(data, "identifiers"),
        )


@attrs.frozen(kw_only=True)
class Category:
    """A category the page is in.

    Attributes:
        title: The category's name without the namespace (``"Squirrels"``).
        sortkey: The sort key given for this page, if any.
        hidden: A hidden (maintenance) category, when the source says so.
    """

    title: str
    sortkey: str = ""
    hidden: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return attrs.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Category:
        """Read what :meth:`to_dict` wrote."""
        data = _mapping(data, "a category")
        return cls(
            title=_str(data, "title"),
            sortkey=_str(data, "sortkey", ""),
            hidden=bool(data.get("hidden", False)),
        )


def _langlink(data: Any) -> LangLink:
    data = _mapping(data, "a language link")
    return LangLink(
        lang=_str(data, "lang"), title=_str(data, "title"), url=_str(data, "url", "")
    )


@attrs.frozen(kw_only=True)
class StructuredArticle:
    """One revision of an article as data, tied to the revision it came from.

    Build one with :func:`wikireuse.structure` (Parsoid HTML or wikitext) or
    :func:`wikireuse.from_enterprise`.

    Attributes:
        wiki: The wiki's Action API URL, or its host when only that is known.
        pageid: Page id, when known.
        revid: Revision id, when known.
        timestamp: When the revision was saved (ISO 8601, UTC), when known.
        title: The page title.
        lang: The content language.
        url: The page's URL.
        permalink: The URL of exactly this revision.
        license: The licence of this revision's text, when known.
        provenance: How the revision was fetched (from an
            :class:`~wikireuse.Article`).
        source: Which body it was built from.
        parsoid_version: ``mw:html:version`` of the Parsoid HTML.
        abstract: The lead's first paragraph (Enterprise's ``abstract``).
        description: The short description.
        sections: Sections in document order, the lead first.
        infoboxes: Infoboxes, in document order.
        references: The reference list(s), in order.
        categories: Categories.
        templates: Templates used, by name, in first-use order.
        redirects: Titles that redirect here (Enterprise records).
        langlinks: Links to other languages.
        wikidata_id: The Wikidata item (``"Q9482"``).
        warnings: What could not be read faithfully: every template the
            wikitext path could not expand, unknown Parsoid versions,
            malformed or truncated input.
    """

    wiki: str = ""
    pageid: int | None = None
    revid: int | None = None
    timestamp: str | None = None
    title: str = ""
    lang: str = ""
    url: str = ""
    permalink: str = ""
    license: PageLicense | None = None
    provenance: Provenance | None = None
    source: Source
    parsoid_version: str = ""
    abstract: str = ""
    description: str = ""
    sections: tuple[Section, ...] = ()
    infoboxes: tuple[Infobox, ...] = ()
    references: tuple[Reference, ...] = ()
    categories: tuple[Category, ...] = ()
    templates: tuple[str, ...] = ()
    redirects: tuple[str, ...] = ()
    langlinks: tuple[LangLink, ...] = ()
    wikidata_id: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every body paragraph, section by section."""
        return tuple(p for s in self.sections for p in s.paragraphs)

    @property
    def text(self) -> str:
        """The body paragraphs as plain text, one paragraph a line."""
        return "\n".join(p.text for p in self.paragraphs)

    def reference(self, ref_id: str) -> Reference | None:
        """The reference with id *ref_id* (an entry of :attr:`Paragraph.cites`)."""
        return next((r for r in self.references if r.id == ref_id), None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.structured/1``)."""
        return {
            "schema": SCHEMA,
            "wiki": self.wiki,
            "pageid": self.pageid,
            "revid": self.revid,
            "timestamp": self.timestamp,
            "title": self.title,
            "lang": self.lang,
            "url": self.url,
            "permalink": self.permalink,
            "license": self.license.to_dict() if self.license else None,
            "provenance": self.provenance.to_dict() if self.provenance else None,
            "source": self.source,
            "parsoid_version": self.parsoid_version,
            "abstract": self.abstract,
            "description": self.description,
            "sections": _dicts(self.sections),
            "infoboxes": _dicts(self.infoboxes),
            "references": _dicts(self.references),
            "categories": _dicts(self.categories),
            "templates": list(self.templates),
            "redirects": list(self.redirects),
            "langlinks": [attrs.asdict(link) for link in self.langlinks],
            "wikidata_id": self.wikidata_id,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: Any) -> StructuredArticle:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a ``wikireuse.structured/1`` record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise RecordError(message=f"not a {SCHEMA} record: {str(data)[:200]!r}")
        try:
            lic, prov = data.get("license"), data.get("provenance")
            stamp, qid = data.get("timestamp"), data.get("wikidata_id")
            return cls(
                wiki=_str(data, "wiki", ""),
                pageid=_opt_int(data, "pageid"),
                revid=_opt_int(data, "revid"),
                timestamp=None if stamp is None else _str(data, "timestamp"),
                title=_str(data, "title", ""),
                lang=_str(data, "lang", ""),
                url=_str(data, "url", ""),
                permalink=_str(data, "permalink", ""),
                license=None if lic is None else PageLicense.from_dict(lic),
                provenance=None if prov is None else Provenance.from_dict(prov),
                source=_source(data.get("source")),
                parsoid_version=_str(data, "parsoid_version", ""),
                abstract=_str(data, "abstract", ""),
                description=_str(data, "description", ""),
                sections=_many(data, "sections", Section.from_dict),
                infoboxes=_many(data, "infoboxes", Infobox.from_dict),
                references=_many(data, "references", Reference.from_dict),
                categories=_many(data, "categories", Category.from_dict),
                templates=_strings(data, "templates"),
                redirects=_strings(data, "redirects"),
                langlinks=_many(data, "langlinks", _langlink),
                wikidata_id=None if qid is None else _str(data, "wikidata_id"),
                warnings=_strings(data, "warnings"),
            )
        except RecordError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(message=f"bad {SCHEMA} record: {exc}") from exc

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        from wikireuse import _json

        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> StructuredArticle:
        """Read what :meth:`to_json` wrote.

        Raises:
            RecordError: When *text* is not such a record.
        """
        from wikireuse import _json

        return cls.from_dict(_json.load(text))

    def to_enterprise(self) -> dict[str, Any]:
        """The article as a Wikimedia Enterprise "Structured Contents" record.

        Enterprise field names (``infoboxes``, ``article_sections``,
        ``references``, ``main_entity``, ...) and its recursive ``Part``
        tree; what the Enterprise schema has no field for (warnings,
        provenance, parameters, CSL-JSON, section ids) rides along under the
        key ``"wikireuse"``, so :func:`wikireuse.from_enterprise` gives this
        article back unchanged.
        """
        from wikireuse.structured._enterprise import to_enterprise

        return to_enterprise(self)
