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
from collections.abc import Mapping
from importlib import resources
from typing import Any, Literal

import attrs

from wikireuse.core import _json
from wikireuse.exceptions import RecordError
from wikireuse.records._codec import Record, encode, record_from
from wikireuse.records.articles import LangLink, PageLicense
from wikireuse.records.persons import PersonStatus
from wikireuse.records.provenance import Provenance
from wikireuse.structured._schema import SCHEMA

# Duplicates note: the package __init__ re-exports these same names.
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


Source = Literal["parsoid", "wikitext", "enterprise"]


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


# -- the parts -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Image(Record):
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


@attrs.frozen(kw_only=True)
class Link(Record):
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


@attrs.frozen(kw_only=True)
class Value(Record):
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


@attrs.frozen(kw_only=True)
class Param(Record):
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


@attrs.frozen(kw_only=True)
class Row(Record):
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


@attrs.frozen(kw_only=True)
class Infobox(Record):
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


@attrs.frozen(kw_only=True)
class Paragraph(Record):
    """A paragraph (or a list item) of body text.

    Attributes:
        text: Plain text, whitespace collapsed, reference markers removed.
        links: Its links, in order.
        cites: Ids of the references cited in it (:attr:`Reference.id`).
    """

    text: str
    links: tuple[Link, ...] = ()
    cites: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ListBlock(Record):
    """A bulleted or numbered list.

    Attributes:
        ordered: Numbered (``<ol>``, ``#``) rather than bulleted.
        items: Its items, nested items flattened in document order.
    """

    ordered: bool
    items: tuple[Paragraph, ...]


@attrs.frozen(kw_only=True)
class Table(Record):
    """A data table (``wikitable``) as text cells.

    Attributes:
        caption: Its caption.
        header: The header cells of its first row, if that row is a header.
        rows: The other rows, cell texts in order.
    """

    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


BlockKind = Literal["paragraph", "list", "table"]


@attrs.frozen(kw_only=True)
class Section(Record):
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


@attrs.frozen(kw_only=True)
class Reference(Record):
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


@attrs.frozen(kw_only=True)
class Category(Record):
    """A category the page is in.

    Attributes:
        title: The category's name without the namespace (``"Squirrels"``).
        sortkey: The sort key given for this page, if any.
        hidden: A hidden (maintenance) category, when the source says so.
    """

    title: str
    sortkey: str = ""
    hidden: bool = False


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
        person_status: Whether the page is about a living person
            (:func:`wikireuse.classify_person`), given to
            :func:`wikireuse.structure` as ``person=``; ``None`` when not
            classified.
        minimisation: What :func:`wikireuse.minimise` removed or coarsened,
            one line each, naming fields and sections, never their values;
            empty when the article was not minimised.
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
    person_status: PersonStatus | None = None
    minimisation: tuple[str, ...] = ()

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
        return {"schema": SCHEMA, **encode(self)}

    @classmethod
    def from_dict(cls, data: Any) -> StructuredArticle:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a ``wikireuse.structured/1`` record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise RecordError(message=f"not a {SCHEMA} record: {str(data)[:200]!r}")
        return record_from(cls, {k: v for k, v in data.items() if k != "schema"})

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> StructuredArticle:
        """Read what :meth:`to_json` wrote.

        Raises:
            RecordError: When *text* is not such a record.
        """
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
        # the writer needs the model's types for annotations only
        from wikireuse.structured._enterprise_out import to_enterprise

        return to_enterprise(self)
