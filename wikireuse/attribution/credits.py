"""Credits pages: many reused items, grouped by licence, checked as a set.

:class:`Credits` gathers everything a product, a book or a data set reuses
(article text, images, Wikidata, any other work), turns each into an
:class:`~wikireuse.attribution.Attribution` and then

* groups the credits by licence (:meth:`Credits.groups`) and renders one
  credits page as a standalone HTML5 document, Markdown or plain text, in any
  language of the message catalogue;
* checks the whole set against the licence and use you intend
  (:meth:`Credits.check`, through :func:`wikireuse.licenses.check`): one
  verdict says whether the release is allowed and lists what it must show;
* writes REUSE/SPDX annotations for reused files shipped inside a repository:
  a ``REUSE.toml`` snippet (:meth:`Credits.reuse_toml`) or ``.license``
  sidecar files (:meth:`Credits.license_sidecars`).

An item says where its file lives in your repository when given as a
``(path, item)`` pair; only such items appear in the REUSE outputs (an item
without a path has no file to annotate).

>>> from wikireuse.attribution import Work
>>> credits = Credits(
...     [("img/lisa.jpg", Work(title="Apple Lisa", authors=("Jane Doe",),
...                            license="CC BY-SA 4.0",
...                            source_url="https://example.org/lisa"))]
... )
>>> [group.license.id for group in credits.groups()]
['CC-BY-SA-4.0']
>>> credits.check("CC-BY-4.0").status.value
'incompatible'
>>> print(credits.license_sidecars()["img/lisa.jpg.license"], end="")
SPDX-FileCopyrightText: Jane Doe
SPDX-License-Identifier: CC-BY-SA-4.0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

import attrs

from wikireuse.attribution import AuthorMode
from wikireuse.attribution._credits import (
    CreditEntry,
    CreditGroup,
    CreditInput,
    CreditItem,
)
from wikireuse.core._words import counted
from wikireuse.exceptions import ConfigurationError

if TYPE_CHECKING:
    from wikireuse.attribution.messages import Catalogue
    from wikireuse.licenses import License, Use, Verdict

__all__ = [
    "CreditEntry",
    "CreditGroup",
    "CreditInput",
    "CreditItem",
    "Credits",
]


def _check_title(title: object) -> None:
    if title is not None and not isinstance(title, str):
        raise ConfigurationError(
            message=f"title must be text or None, got {type(title).__name__}"
        )


def _as_items(items: Iterable[CreditInput]) -> tuple[CreditInput, ...]:
    given: object = items  # checked at run time: callers may pass anything
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise ConfigurationError(
            message="Credits takes a sequence of items (or (path, item) pairs), "
            f"not {type(given).__name__}"
        )
    return tuple(items)


@attrs.frozen(repr=False)
class Credits:
    """The credits for a set of reused items.

    Items are attributed once, when the credits are made: with
    :func:`wikireuse.attribute` for articles, files, entities and works
    (*lang*, *accessed*, *authors* and *catalogue* are passed on); ready
    attributions are kept, their language set to *lang* so a page never mixes
    languages.

    Args:
        items: The items, each an item or a ``(path, item)`` pair.
        lang: Language of the page and of every credit.
        accessed: When you retrieved the items (printed only when given).
        authors: How wiki page authors are credited (see
            :func:`wikireuse.attribute`).
        catalogue: The message catalogue; the built-in one by default.

    Raises:
        ConfigurationError: A language the catalogue does not have, an item
            :func:`wikireuse.attribute` cannot credit, a bad path, or two
            items with the same path.

    Attributes:
        entries: The credited items in the order given.
    """

    items: tuple[CreditInput, ...] = attrs.field(converter=_as_items)
    lang: str = attrs.field(default="en", kw_only=True)
    accessed: date | datetime | None = attrs.field(default=None, kw_only=True)
    authors: AuthorMode = attrs.field(default="history", kw_only=True)
    catalogue: Catalogue | None = attrs.field(default=None, kw_only=True)
    entries: tuple[CreditEntry, ...] = attrs.field(init=False, eq=False)
    _groups: tuple[CreditGroup, ...] = attrs.field(init=False, eq=False)

    @entries.default
    def _build_entries(self) -> tuple[CreditEntry, ...]:
        from wikireuse.attribution._credits import build_entries

        return build_entries(
            self.items,
            lang=self.lang,
            accessed=self.accessed,
            authors=self.authors,
            catalogue=self.catalogue,
        )

    @_groups.default
    def _build_groups(self) -> tuple[CreditGroup, ...]:
        from wikireuse.attribution._credits import build_groups

        return build_groups(self.entries)

    # -- reading --------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CreditEntry]:
        return iter(self.entries)

    def __repr__(self) -> str:
        return (
            f"<wikireuse.Credits: {counted(len(self.entries), 'item')}, "
            f"{counted(len(self._groups), 'licence')}, lang={self.lang!r}>"
        )

    def groups(self) -> tuple[CreditGroup, ...]:
        """The items grouped by licence.

        Licences come in a stable order: licences first, then waivers (CC0),
        public-domain statuses and unknown licences, each by id (all unknown
        licences form one group); the items of a group by title
        (case-insensitively), then source URL, then the order given.
        """
        return self._groups

    @property
    def warnings(self) -> tuple[tuple[CreditEntry, tuple[str, ...]], ...]:
        """Every item with warnings, with its codes, in :meth:`groups` order."""
        return tuple(
            (entry, entry.attribution.warnings)
            for group in self._groups
            for entry in group.entries
            if entry.attribution.warnings
        )

    # -- the licence check --------------------------------------------------

    def license_expressions(self) -> tuple[str, ...]:
        """Each distinct licence of the items as an SPDX expression, sorted.

        An item offered under alternatives (the GFDL, opt-in) gives an
        ``OR`` expression; an unknown licence gives
        :data:`wikireuse.licenses.UNKNOWN_ID`.
        """
        from wikireuse.attribution._credits import expression_of

        return tuple(sorted({expression_of(e.attribution) for e in self.entries}))

    def check(
        self,
        into: str | License,
        *,
        use: str | Use = "adapt",
        commercial: bool | None = None,
        shared: bool = True,
        drm: bool = False,
        odbl_work: str = "produced-work",
        gfdl_migration_eligible: bool | None = None,
        jurisdiction: str | None = None,
        quotation: bool = False,
    ) -> Verdict:
        """May the whole set be reused as *use* in a work licensed *into*?

        Every item's licence is a source of one :func:`wikireuse.licenses.check`
        call, so the verdict is the answer for the set: an item under an
        unknown licence makes it ``unknown`` (never ``compatible``), a
        share-alike item in a work under another licence makes it
        ``incompatible``, and so does an item its wiki marks non-free
        (``non-free`` in its warnings) whatever licence it also names; the
        obligations are those of every licence.

        Args:
            into: The licence of your work (text or a licence record).
            use: ``"adapt"`` (default), ``"collect"``, ``"verbatim"``, ...
                as for :func:`wikireuse.licenses.check`.
            commercial: As for :func:`wikireuse.licenses.check`.
            shared: As for :func:`wikireuse.licenses.check`.
            drm: As for :func:`wikireuse.licenses.check`.
            odbl_work: As for :func:`wikireuse.licenses.check`.
            gfdl_migration_eligible: As for :func:`wikireuse.licenses.check`.
            jurisdiction: As for :func:`wikireuse.licenses.check`.
            quotation: As for :func:`wikireuse.licenses.check`.

        Raises:
            ConfigurationError: No items, or a bad option.
        """
        from wikireuse.licenses import Reason, Status, check

        sources = self.license_expressions()
        if not sources:
            raise ConfigurationError(message="there are no items to check")
        verdict = check(
            list(sources),
            into,
            use=use,
            commercial=commercial,
            shared=shared,
            drm=drm,
            odbl_work=odbl_work,
            gfdl_migration_eligible=gfdl_migration_eligible,
            jurisdiction=jurisdiction,
            quotation=quotation,
        )
        non_free = [e for e in self.entries if "non-free" in e.attribution.warnings]
        if non_free and verdict.status is not Status.INCOMPATIBLE:
            # A file its wiki marks non-free (NonFree: fair use, a non-free
            # logo in a photo) is not reusable under the licence it also
            # names; the licence alone would pass the check.
            titles = ", ".join(repr(e.attribution.title) for e in non_free[:3])
            more = f" and {len(non_free) - 3} more" if len(non_free) > 3 else ""
            reason = Reason(
                text=f"{len(non_free)} item(s) marked non-free by their wiki "
                f"({titles}{more}) cannot be reused under a free licence",
                license_id=non_free[0].attribution.license.id,
            )
            verdict = attrs.evolve(
                verdict,
                status=Status.INCOMPATIBLE,
                reasons=(*verdict.reasons, reason),
            )
        return verdict

    # -- renderers ------------------------------------------------------------

    def to_html(
        self,
        *,
        into: str | License | None = None,
        use: str | Use = "adapt",
        commercial: bool | None = None,
        title: str | None = None,
        standalone: bool = True,
    ) -> str:
        """The credits page as HTML.

        A standalone page is a complete HTML5 document (``<meta
        charset="utf-8">``, a ``lang`` attribute, a Content-Security-Policy
        that allows no script) with one section per licence group, the
        licence check with its obligations when *into* is given, and the
        items that need a second look (their warnings). Every string is
        escaped; only ``http``/``https`` links are made; licence links carry
        ``rel="license"``.

        Args:
            into: Your work's licence: adds the result of :meth:`check`.
            use: The use for the check.
            commercial: Whether the use is commercial (``None``: not stated, so
                non-commercial items are ``conditional``), for the check.
            title: The page title; the localised "Credits" by default.
            standalone: ``False`` gives a ``<section>`` to embed in a page.
        """
        from wikireuse.attribution._credits import render_html

        _check_title(title)
        verdict = self._verdict(into, use, commercial)
        return render_html(self, verdict, title=title, standalone=standalone)

    def to_markdown(
        self,
        *,
        into: str | License | None = None,
        use: str | Use = "adapt",
        commercial: bool | None = None,
        title: str | None = None,
    ) -> str:
        """The credits page as Markdown, every foreign string escaped.

        Args:
            into: Your work's licence: adds the result of :meth:`check`.
            use: The use for the check.
            commercial: Whether the use is commercial (``None``: not stated, so
                non-commercial items are ``conditional``), for the check.
            title: The page title; the localised "Credits" by default.
        """
        from wikireuse.attribution._credits import render_markdown

        return self._page(render_markdown, into, use, commercial, title)

    # The parameters of to_markdown again, by design: the same page in another
    # format (both bodies are one call to _page); `duplicates` lists the pair.
    def to_text(
        self,
        *,
        into: str | License | None = None,
        use: str | Use = "adapt",
        commercial: bool | None = None,
        title: str | None = None,
    ) -> str:
        """The credits page as plain text, URLs written out.

        Args:
            into: Your work's licence: adds the result of :meth:`check`.
            use: The use for the check.
            commercial: Whether the use is commercial (``None``: not stated, so
                non-commercial items are ``conditional``), for the check.
            title: The page title; the localised "Credits" by default.
        """
        from wikireuse.attribution._credits import render_text

        return self._page(render_text, into, use, commercial, title)

    def __str__(self) -> str:
        return self.to_text()

    def _page(
        self,
        render: Callable[..., str],
        into: str | License | None,
        use: str | Use,
        commercial: bool | None,
        title: str | None,
    ) -> str:
        """The page *render* writes, after the checks every format shares."""
        _check_title(title)
        return render(self, self._verdict(into, use, commercial), title=title)

    def _repr_html_(self) -> str:
        return self.to_html(standalone=False)

    def _verdict(
        self, into: str | License | None, use: str | Use, commercial: bool | None
    ) -> Verdict | None:
        return (
            None if into is None else self.check(into, use=use, commercial=commercial)
        )

    # -- REUSE / SPDX ---------------------------------------------------------

    def reuse_toml(self) -> str:
        r"""A ``REUSE.toml`` (version 1) annotating every item with a path.

        One ``[[annotations]]`` table per path (``*`` and ``\\`` escaped, so
        the path matches only that file), with ``precedence = "override"``:
        the annotation states the upstream terms of a third-party file, which
        neither the file nor a nearer ``REUSE.toml`` should replace.

        ``SPDX-FileCopyrightText`` names who holds the rights, never the
        site: the licensor's credit line, else the authors; for a wiki page
        credited through its history, "<site> contributors" with the history
        URL (the page's authors, whom the history lists; the Terms of Use
        credit); ``NOASSERTION`` (SPDX's word for "not known") when the
        metadata names nobody. ``SPDX-License-Identifier`` is the licence id
        (an ``OR`` expression when alternatives are offered); public-domain
        statuses and unknown licences have ``LicenseRef-`` ids.

        Comment lines at the top list the licence texts REUSE then needs in
        ``LICENSES/`` (see :meth:`reuse_license_files`). The paths are
        relative to the repository root, where the file goes; to merge into
        an existing ``REUSE.toml``, copy the ``[[annotations]]`` tables.
        Items without a path are left out.
        """
        from wikireuse.attribution._credits import reuse_toml

        return reuse_toml(self.entries)

    def license_sidecars(self) -> dict[str, str]:
        """``{path + ".license": text}`` for every item with a path.

        Each text holds the ``SPDX-FileCopyrightText`` and
        ``SPDX-License-Identifier`` lines described in :meth:`reuse_toml`.
        Items without a path are left out.
        """
        from wikireuse.attribution._credits import license_sidecars

        return license_sidecars(self.entries)

    def reuse_license_files(self) -> tuple[str, ...]:
        """The ``LICENSES/<id>.txt`` files REUSE needs for the annotated items.

        Texts of SPDX licences can be fetched with ``reuse download <id>``;
        ``LicenseRef-`` texts (public-domain statuses, licences SPDX does not
        list, unknown licences) you write yourself.
        """
        from wikireuse.attribution._credits import reuse_license_files

        return reuse_license_files(self.entries)

    # -- manifests --------------------------------------------------------------

    @classmethod
    def from_manifest(
        cls,
        source: str | os.PathLike[str] | Iterable[str],
        *,
        lang: str = "en",
        accessed: date | datetime | Literal["fetched"] | None = None,
        revisions: Literal["latest", "all"] = "latest",
        catalogue: Catalogue | None = None,
    ) -> Credits:
        """The credits for the articles of a snapshot-store manifest.

        Reads the JSON Lines of :meth:`wikireuse.Store.manifest` (schema
        ``wikireuse.manifest/1``). Each page is credited by its revision's
        permalink (``index.php?title=...&oldid=...`` next to the wiki's
        ``api.php``), its history link and its licence.

        Args:
            source: A manifest file path, or its lines (an open file works).
            lang: Language of the page.
            accessed: When you retrieved the pages; ``"fetched"`` uses each
                revision's recorded fetch time.
            revisions: ``"latest"``: one credit per page, for its newest
                stored revision; ``"all"``: one per stored revision.
            catalogue: The message catalogue.

        Raises:
            ConfigurationError: The file cannot be read, or a bad option.
            RecordError: A line that is not a wikireuse manifest entry.
        """
        from wikireuse.attribution._credits import read_manifest

        attributions = read_manifest(
            source, lang=lang, accessed=accessed, revisions=revisions
        )
        return cls(
            attributions,
            lang=lang,
            accessed=accessed if isinstance(accessed, date) else None,
            catalogue=catalogue,
        )
