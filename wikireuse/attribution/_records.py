"""The attribution records: a credited :class:`Work` and its :class:`Attribution`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from wikireuse.attribution._byline import Byline
from wikireuse.attribution._notice import LicenseNotice

if TYPE_CHECKING:
    from wikireuse.attribution.messages import Catalogue

__all__ = [
    "WARNINGS",
    "Attribution",
    "AttributionKind",
    "AuthorMode",
    "Format",
    "Style",
    "Work",
]

AttributionKind = Literal["article", "media", "entity", "work"]
"""What an :class:`Attribution` credits."""

AuthorMode = Literal["history", "list"]
"""How the authors of a wiki page are credited (Terms of Use 7.b): by a link
to the page's history (``"history"``), or by the list of registered authors
plus the number of anonymous ones (``"list"``, for print)."""

Format = Literal["text", "html", "markdown", "wikitext", "json"]
"""The output formats of :meth:`Attribution.render`."""

Style = Literal["credit", "reuse-notice", "copy-summary"]
"""What :meth:`Attribution.render` writes: ``"credit"`` (the TASL credit, the
default); for articles only, ``"reuse-notice"`` (the example notice of
Wikipedia:Reusing Wikipedia content) or ``"copy-summary"`` (the edit summary
for a copy within the same wiki, Wikipedia:Copying within Wikipedia).

.. versionadded:: 0.1.0
"""

WARNINGS: Final = {
    "no-author": "the metadata names no author",
    "no-source": "the metadata names no source",
    "no-license": "the metadata names no licence",
    "unknown-license": "the licence is not one wikireuse knows",
    "non-free": "the file is not under a free licence",
    "multiple-authors": "the work has more authors than are named",
    "restrictions": "other restrictions apply (trademark, personality rights, ...)",
    "no-title": "the licence asks for the title, and the work has none",
    "gfdl": "the GFDL is offered: see the warning in the notes",
}
"""Every code that can appear in :attr:`Attribution.warnings`, with its meaning."""


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    # A typed converter: ``converter=tuple`` would make mypy reject plain
    # tuple arguments.
    return tuple(values)


@attrs.frozen(kw_only=True)
class Work:
    """A work that is not a wiki page: anything else you reuse and credit.

    Attributes:
        title: The work's title.
        authors: The creators' names, as they want to be credited.
        source_url: Where the work is published.
        license: Licence text or id (``"CC BY 4.0"``, ``"CC-BY-SA-3.0"``),
            read with :func:`wikireuse.licenses.parse`.
        author_urls: Profile URLs, matching *authors* by position (``""`` for
            none).
        source_name: Where it comes from, e.g. ``"Internet Archive"``.
        copyright_notice: A copyright notice the licensor supplied, kept as is.
        modifications: Earlier change notes, oldest first (kept, as CC 4.0
            §3(a)(1)(B) asks).
    """

    title: str
    authors: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    source_url: str = ""
    license: str
    author_urls: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    source_name: str = ""
    copyright_notice: str = ""
    modifications: tuple[str, ...] = attrs.field(default=(), converter=_strings)


@attrs.frozen(kw_only=True)
class Attribution:
    """Everything a correct credit for one reused item needs.

    Attributes:
        kind: What is credited (:data:`AttributionKind`).
        title: The work's title (plain text); ``""`` when it has none.
        source_url: Where the reused version is: the permalink of the revision
            of an article, the description page of a file (never the upload
            URL), the entity's page.
        page_url: The plain page URL (for an article: without ``oldid``).
        site_name: Where the work was published (``Wikipedia``,
            ``Wikimedia Commons``): the source, never the author.
        authors: The creators, each a :class:`Byline`; empty when unknown.
        author_mode: :data:`AuthorMode` for wiki pages.
        history_url: The page history, which lists the authors (the Terms of
            Use credit for ``author_mode="history"``).
        anonymous_authors: Number of anonymous (IP) authors, for
            ``author_mode="list"``.
        more_authors: Authors the metadata counts but does not name.
        credit_line: The licensor's requested credit line (Commons'
            ``Attribution`` field); it replaces the authors in the byline.
        source_credit: Where the work came from (Commons' ``Credit`` field,
            e.g. "Own work"); not an author.
        license: The :class:`LicenseNotice`.
        alternatives: Further licences the reuser may choose (the GFDL, opt-in).
        copyright_notice: A copyright notice the licensor supplied.
        modifications: Change notes, oldest first; the reuser's own (from
            ``modified=``) last. ``""`` stands for "modified" without a
            description (rendered in the attribution's language).
        modified_by: Who made the last change, if named.
        revid: The revision credited, for wiki pages.
        timestamp: When that revision was saved.
        accessed: When the reuser retrieved it (only if given: no hidden clock).
        lang: Language of the fixed words when rendered.
        required: Whether the licence requires attribution (``False`` for CC0
            and public domain, where it is still recommended).
        restrictions: Other restrictions (``trademarked``, ...).
        warnings: Codes from :data:`WARNINGS`, sorted.
    """

    kind: AttributionKind
    title: str
    source_url: str
    page_url: str = ""
    site_name: str = ""
    authors: tuple[Byline, ...] = ()
    author_mode: AuthorMode = "history"
    history_url: str = ""
    anonymous_authors: int = 0
    more_authors: int = 0
    credit_line: Byline | None = None
    source_credit: Byline | None = None
    license: LicenseNotice
    alternatives: tuple[LicenseNotice, ...] = ()
    copyright_notice: str = ""
    modifications: tuple[str, ...] = ()
    modified_by: str = ""
    revid: int | None = None
    timestamp: datetime | None = None
    accessed: date | None = None
    lang: str = "en"
    required: bool = True
    restrictions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def reusable(self) -> bool:
        """False when the item is non-free or its licence is unknown."""
        return not self.license.is_unknown and "non-free" not in self.warnings

    # -- renderers ----------------------------------------------------------

    def render(
        self,
        format: Format = "text",
        *,
        catalogue: Catalogue | None = None,
        style: Style = "credit",
    ) -> str:
        """The attribution in *format* and *style*, in the language :attr:`lang`.

        Args:
            format: ``text``, ``html``, ``markdown``, ``wikitext`` or ``json``.
            catalogue: Messages to use; the built-in catalogue by default.
            style: ``credit`` (default), or for articles ``reuse-notice``
                (``This article uses material from the Wikipedia article
                "<Title>", which is released under the Creative Commons
                Attribution-Share-Alike License 4.0.``; a licence other than
                a versioned CC BY-SA is named by its full name) or
                ``copy-summary`` (``Copied content from [[<Title>]]; see that
                page's history for attribution``: a wikilink in wikitext, the
                title linked to the permalink in the other formats). ``json``
                is the record's data and takes only ``credit``.

        Raises:
            ConfigurationError: An unknown format or style; ``reuse-notice``
                or ``copy-summary`` for anything but an article, as ``json``,
                ``reuse-notice`` for an unknown licence, ``copy-summary`` in
                wikitext for a title a wikilink cannot hold; or a language the
                catalogue does not have.

        >>> from wikireuse.attribution import attribute
        >>> credit = attribute(Work(title="Sunset", license="CC0"), lang="de")
        >>> print(credit.render("html"))
        <span class="wikireuse-attribution" lang="de">„Sunset“ von einem
        unbekannten Urheber ist mit <a
        href="https://creativecommons.org/publicdomain/zero/1.0/"
        rel="license">CC0 1.0</a> gekennzeichnet.</span>
        """
        from wikireuse.attribution._render import render

        return render(self, format, catalogue=catalogue, style=style)

    def to_text(
        self, *, catalogue: Catalogue | None = None, style: Style = "credit"
    ) -> str:
        """Plain text, URLs written out."""
        return self.render("text", catalogue=catalogue, style=style)

    def to_html(
        self, *, catalogue: Catalogue | None = None, style: Style = "credit"
    ) -> str:
        """An HTML fragment: every foreign string escaped, only plain links."""
        return self.render("html", catalogue=catalogue, style=style)

    def to_markdown(
        self, *, catalogue: Catalogue | None = None, style: Style = "credit"
    ) -> str:
        """Markdown, with every foreign string escaped."""
        return self.render("markdown", catalogue=catalogue, style=style)

    def to_wikitext(
        self, *, catalogue: Catalogue | None = None, style: Style = "credit"
    ) -> str:
        """Wikitext for a copy on another wiki; for ``copy-summary``, a summary."""
        return self.render("wikitext", catalogue=catalogue, style=style)

    def to_json(self, *, catalogue: Catalogue | None = None) -> str:
        """The JSON form of :meth:`to_dict`, with the rendered text added."""
        return self.render("json", catalogue=catalogue)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.attribution/1``)."""
        from wikireuse.attribution._render import to_dict

        return to_dict(self)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return self.to_html()

    def _repr_markdown_(self) -> str:
        return self.to_markdown()
