"""Building :class:`~wikireuse.attribution.Attribution` records from fetched items.

This is the engine behind :func:`wikireuse.attribute`: it reads an
:class:`~wikireuse.articles.Article`, a :class:`~wikireuse.media.MediaFile`,
an :class:`~wikireuse.entities.Entity` or a
:class:`~wikireuse.attribution.Work` and decides who is credited, for what,
where it was published and under which licence, without inventing anything:

* an article's authors are credited through its history (or, for print, by
  the list of registered contributors plus the number of anonymous ones);
* a file's requested credit line (Commons' ``Attribution``) wins over its
  ``Artist``; ``Credit`` ("Own work", a URL) is the source, never an author;
  the uploader is never used;
* a licence that :mod:`wikireuse.licenses` does not know stays unknown, and a
  licence URL the metadata gives is kept only when it names the same licence
  (for public-domain files, the wiki's own page on the status);
* what is missing becomes a warning code from
  :data:`~wikireuse.attribution.WARNINGS`.

The short licence names follow the convention of Wikimedia Commons'
``LicenseShortName`` (``CC BY-SA 2.0 fr``: the port as a lower-case
jurisdiction code after the version), which CommonsMetadata and MediaViewer
show to readers.

>>> from wikireuse.licenses import get
>>> notice_from_license(get("LicenseRef-wikireuse-CC-BY-SA-2.0-FR")).short_name
'CC BY-SA 2.0 fr'
>>> site_name_for_host("commons.wikimedia.org"), site_name_for_host("de.wikipedia.org")
('Wikimedia Commons', 'Wikipedia')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final, Literal

import attrs

from wikireuse.attribution._byline import Byline, Segment, byline_from_rich
from wikireuse.attribution._notice import (
    LicenseNotice,
    NoticeKind,
    _host,
    _unknown_notice,
    notice_from_license,
    short_name,
)
from wikireuse.attribution._records import (
    Attribution,
    AuthorMode,
    Work,
)
from wikireuse.attribution._render import resolve_catalogue
from wikireuse.attribution.messages import Catalogue
from wikireuse.core._hosts import is_wikimedia_host
from wikireuse.core._json import SURROGATES
from wikireuse.core._words import counted
from wikireuse.exceptions import ConfigurationError, LicenseError
from wikireuse.licenses import AllOf, AnyOf, Kind, License, LicenseRef
from wikireuse.licenses._model import render
from wikireuse.records._html import safe_url
from wikireuse.records.articles import Article, PageLicense
from wikireuse.records.entities import Entity
from wikireuse.records.media import MediaFile, RichText
from wikireuse.records.titles import url_path

__all__ = [
    "LANGUAGE_PROJECTS",
    "SINGLE_WIKI_PROJECTS",
    "build",
    "byline_from_rich",
    "notice_from_license",
    "notice_from_page_license",
    "short_name",
    "site_name_for_host",
    "site_name_for_url",
]

# The GFDL that Wikimedia text is co-licensed under. Text contributed before
# 2009 was under "version 1.2 or any later version", later text under the
# unversioned GFDL (any version): 1.2 or later is what every revision allows.
GFDL_ID: Final = "GFDL-1.2-no-invariants-or-later"

# Text licences of Wikimedia wikis that carry the GFDL co-licence.
_GFDL_CO_LICENSED: Final = frozenset({"CC-BY-SA-3.0", "CC-BY-SA-4.0"})

# Project names of the Wikimedia families: any language subdomain.
_PROJECTS: Final = {
    "wikipedia.org": "Wikipedia",
    "wiktionary.org": "Wiktionary",
    "wikisource.org": "Wikisource",
    "wikivoyage.org": "Wikivoyage",
    "wikinews.org": "Wikinews",
    "wikiquote.org": "Wikiquote",
    "wikibooks.org": "Wikibooks",
    "wikiversity.org": "Wikiversity",
    "wikidata.org": "Wikidata",
    "wikifunctions.org": "Wikifunctions",
    "mediawiki.org": "MediaWiki",
}
# The projects above that are one wiki, not one per language subdomain.
SINGLE_WIKI_PROJECTS: Final = frozenset(
    {"wikidata.org", "wikifunctions.org", "mediawiki.org"}
)
# The projects with one wiki per language subdomain (en.wikipedia.org, ...).
LANGUAGE_PROJECTS: Final = frozenset(_PROJECTS) - SINGLE_WIKI_PROJECTS
# Single wikis under wikimedia.org, by subdomain.
_WIKIMEDIA_ORG: Final = {
    "commons": "Wikimedia Commons",
    "species": "Wikispecies",
    "meta": "Meta-Wiki",
    "incubator": "Wikimedia Incubator",
}

_BLANK: Final = re.compile(r"\s+")


# -- site names -------------------------------------------------------------------


def site_name_for_host(host: str) -> str:
    """The name of the Wikimedia project at *host*, else *host* itself.

    Mobile hosts (``en.m.wikipedia.org``) count as their project.

    >>> site_name_for_host("en.m.wikipedia.org"), site_name_for_host("www.wikidata.org")
    ('Wikipedia', 'Wikidata')
    >>> site_name_for_host("wiki.example.org")
    'wiki.example.org'
    """
    name = host.lower().rstrip(".")
    labels = [label for label in name.split(".") if label != "m"]
    bare = ".".join(labels)
    for domain, project in _PROJECTS.items():
        if bare == domain or bare.endswith("." + domain):
            return project
    if bare.endswith(".wikimedia.org") and len(labels) == 3:
        return _WIKIMEDIA_ORG.get(labels[0], host)
    return host


def site_name_for_url(url: str) -> str:
    """:func:`site_name_for_host` of *url*'s host; ``""`` for a URL without one.

    >>> site_name_for_url("https://species.wikimedia.org/wiki/Felis")
    'Wikispecies'
    """
    host = _host(url)
    return site_name_for_host(host) if host else ""


# -- bylines ----------------------------------------------------------------------


def _lines(byline: Byline) -> tuple[Byline, ...]:
    """One byline per non-blank line of *byline* (for the items of a list)."""
    lines: list[list[Segment]] = [[]]
    for segment in byline.segments:
        parts = segment.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Segment(text=part, url=segment.url))
    found: list[Byline] = []
    for line in lines:
        if "".join(s.text for s in line).strip():
            found.append(Byline(segments=_trimmed(line)))
    return tuple(found)


def _trimmed(segments: list[Segment]) -> tuple[Segment, ...]:
    """*segments* without the blanks at both ends of the whole line."""
    items = list(segments)
    while items and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].text.strip():
        items.pop()
    if items:
        first = items[0]
        items[0] = Segment(text=first.text.lstrip(), url=first.url)
        last = items[-1]
        items[-1] = Segment(text=last.text.rstrip(), url=last.url)
    return tuple(items)


def _has_text(rich: RichText | None) -> bool:
    return rich is not None and bool(rich.text.strip())


# -- licence notices -------------------------------------------------------------


def _declared_url(url: str, license: License) -> str | None:
    """*url* when it may stand for *license* in a notice, else ``None``.

    Kept when it names the same licence (a deed in another language, a port's
    own page); for a public-domain status also when it names no licence at
    all, as the wiki's page explaining the status (Commons and local wikis
    point ``LicenseUrl`` there). A URL naming another licence is a conflict in
    the metadata and is never shown.
    """
    from wikireuse.licenses import parse

    if not url or safe_url(url, None) is None or not url.startswith("http"):
        return None
    expr = parse(url)
    if isinstance(expr, LicenseRef):
        if expr.license.id == license.id:
            return url
        if expr.license.is_unknown and license.kind is Kind.PUBLIC_DOMAIN:
            return url
    return None


def _record_notice(license: License, declared_url: str) -> LicenseNotice:
    return notice_from_license(license, url=_declared_url(declared_url, license))


def _page_notices(
    page_license: PageLicense, *, fallback_name: str = ""
) -> tuple[LicenseNotice, tuple[LicenseNotice, ...]]:
    """The notice of a :class:`PageLicense` and, for a choice, the other options."""
    from wikireuse.licenses import get, parse

    name = page_license.name or fallback_name
    if page_license.is_unknown:
        return _unknown_notice(name, page_license.url), ()
    expr = parse(page_license.spdx) if " " in page_license.spdx else None
    if isinstance(expr, AnyOf):
        notices = [_expr_notice(option, page_license.url) for option in expr.options]
        return notices[0], tuple(notices[1:])
    if isinstance(expr, AllOf):
        return _all_of_notice(expr, page_license), ()
    try:
        record = get(page_license.spdx)
    except LicenseError:  # a record written by another wikireuse version
        return _unknown_notice(name or page_license.spdx, page_license.url), ()
    return _record_notice(record, page_license.url), ()


def _expr_notice(expr: LicenseRef | AnyOf | AllOf, declared_url: str) -> LicenseNotice:
    if isinstance(expr, LicenseRef):
        if expr.license.is_unknown:
            return _unknown_notice(expr.text, "")
        return _record_notice(expr.license, declared_url)
    # A choice or combination nested inside another: no single notice.
    return _unknown_notice(render(expr), "")


def _all_of_notice(expr: AllOf, page_license: PageLicense) -> LicenseNotice:
    """Several licences at once: named together, kind of the strictest part."""
    parts = [_expr_notice(part, "") for part in expr.parts]
    if any(part.is_unknown for part in parts):
        return _unknown_notice(page_license.name or page_license.spdx, page_license.url)
    kinds = {part.kind for part in parts}
    kind: NoticeKind = "license" if "license" in kinds else parts[0].kind
    return LicenseNotice(
        id=page_license.spdx,
        name=page_license.name or " + ".join(part.name for part in parts),
        short_name=" + ".join(part.short_name for part in parts),
        url=parts[0].url,
        kind=kind,
    )


def notice_from_page_license(
    page_license: PageLicense, *, url: str | None = None
) -> LicenseNotice:
    """The notice of an article's, entity's or file's :class:`PageLicense`.

    An unknown licence keeps the name and URL the wiki declared; for a choice
    (``A OR B``) this is the first option. A declared URL is shown when it
    names the same licence (or, for a public-domain status, no licence: the
    wiki's page on it), else the licence's own deed; *url* stands in for the
    declared one under the same rule.

    >>> from wikireuse.entities import WIKIDATA_LICENSE
    >>> notice_from_page_license(WIKIDATA_LICENSE).kind
    'waiver'
    """
    if url is not None:
        page_license = PageLicense(
            spdx=page_license.spdx,
            name=page_license.name,
            url=url,
            basis=page_license.basis,
        )
    return _page_notices(page_license)[0]


def _gfdl() -> LicenseNotice:
    from wikireuse.licenses import get

    return notice_from_license(get(GFDL_ID))


# -- options -------------------------------------------------------------------


def _check_options(
    *,
    lang: object,
    authors: object,
    link: object,
    allow_gfdl: object,
    modified_by: object,
    catalogue: object,
) -> None:
    resolve_catalogue(catalogue).check_language(lang)
    if authors not in ("history", "list"):
        raise ConfigurationError(
            message=f"authors must be 'history' or 'list', got {authors!r}"
        )
    if link not in ("permalink", "page"):
        raise ConfigurationError(
            message=f"link must be 'permalink' or 'page', got {link!r}"
        )
    if not isinstance(allow_gfdl, bool):
        raise ConfigurationError(
            message=f"allow_gfdl must be True or False, got {allow_gfdl!r}"
        )
    if not isinstance(modified_by, str):
        raise ConfigurationError(
            message=f"modified_by must be a name (a string), got {modified_by!r}"
        )


def _notes(modified: object) -> tuple[str, ...]:
    """The reuser's change notes; ``""`` stands for "modified", undescribed."""
    if isinstance(modified, bool):
        return ("",) if modified else ()
    items: Sequence[object]
    if isinstance(modified, str):
        items = (modified,)
    elif isinstance(modified, Sequence):
        items = modified
    else:
        raise ConfigurationError(
            message="modified must be True/False, a description or a sequence "
            f"of descriptions, got {type(modified).__name__}"
        )
    notes: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigurationError(
                message=f"a change note must be a non-blank string, got {item!r} "
                "(pass modified=True for 'modified' without a description)"
            )
        notes.append(item.strip())
    return tuple(notes)


def _accessed(accessed: object) -> date | None:
    if accessed is None:
        return None
    if isinstance(accessed, datetime):
        if accessed.tzinfo is None or accessed.utcoffset() is None:
            raise ConfigurationError(
                message=f"accessed must be a date or an aware datetime, got the "
                f"naive {accessed!r}"
            )
        return accessed.date()
    if isinstance(accessed, date):
        return accessed
    raise ConfigurationError(
        message=f"accessed must be a date or an aware datetime, got {accessed!r}"
    )


def _http_url(value: object, what: str) -> str | None:
    """A caller's URL: ``None`` when blank, the URL when it is absolute http(s)."""
    if not isinstance(value, str):
        raise ConfigurationError(message=f"{what} must be a string, got {value!r}")
    if not value.strip():
        return None
    url = safe_url(value.strip(), None)
    if url is None or not value.strip().lower().startswith(("http://", "https://")):
        raise ConfigurationError(
            message=f"{what} must be an absolute http(s) URL, got {value!r}"
        )
    return url


# -- items ----------------------------------------------------------------------


def _required(notice: LicenseNotice) -> bool:
    return notice.kind not in ("waiver", "public-domain")


def page_credit(
    *,
    title: str,
    page_url: str,
    site_name: str,
    license: LicenseNotice,
    revid: int,
    timestamp: datetime | None,
    lang: str,
    accessed: date | None = None,
    source_url: str | None = None,
) -> Attribution:
    """An article's credit from its page facts alone, when no Article is at hand.

    The authors are credited through the page history (Terms of Use), as
    :func:`attribute` does by default; a store manifest line and a structured
    article both have just these facts. *source_url* is the permalink
    (default: ``page_url`` with ``oldid=``); *lang* is not checked here.

    >>> from wikireuse.attribution._attribute import notice_from_page_license
    >>> from wikireuse.records.articles import PageLicense
    >>> notice = notice_from_page_license(
    ...     PageLicense(spdx="CC-BY-SA-4.0", name="", url="", basis="test"))
    >>> credit = page_credit(title="Okapi", site_name="Wikipedia",
    ...     page_url="https://en.wikipedia.org/w/index.php?title=Okapi",
    ...     license=notice, revid=7, timestamp=None, lang="en")
    >>> credit.source_url, credit.history_url
    ('https://en.wikipedia.org/w/index.php?title=Okapi&oldid=7', 'https://en.wikipedia.org/w/index.php?title=Okapi&action=history')
    """
    joiner = "&" if "?" in page_url else "?"
    return Attribution(
        kind="article",
        title=title,
        source_url=source_url or f"{page_url}{joiner}oldid={revid}",
        page_url=page_url,
        site_name=site_name,
        author_mode="history",
        history_url=f"{page_url}{joiner}action=history",
        license=license,
        revid=revid,
        timestamp=timestamp,
        accessed=accessed,
        lang=lang,
        required=_required(license),
        warnings=("unknown-license",) if license.is_unknown else (),
    )


def _user_page(article: Article, name: str) -> str | None:
    """The user page of *name* on the article's wiki, from the article's own URL.

    The article URL is the article path with the title in it; the canonical
    ``User:`` namespace name works on every wiki whatever its language.
    """
    if SURROGATES.search(name):
        return None  # not UTF-8, so no user's name (and no URL can hold it)
    tail = url_path(article.title)
    if not article.url.endswith(tail) or not article.url.startswith("http"):
        return None
    prefix = article.url[: len(article.url) - len(tail)]
    return safe_url(prefix + url_path(f"User:{name}"), None)


def _article(
    article: Article,
    *,
    authors: AuthorMode,
    link: str,
    allow_gfdl: bool,
) -> Attribution:
    notice, alternatives = _page_notices(article.license)
    warnings: set[str] = set()
    if notice.is_unknown:
        declared = article.license.name or article.license.url
        warnings.add("unknown-license" if declared else "no-license")
    if allow_gfdl:
        host = _host(article.url)
        if not is_wikimedia_host(host) or article.license.spdx not in _GFDL_CO_LICENSED:
            raise ConfigurationError(
                message="allow_gfdl: only the text of Wikimedia wikis under CC "
                f"BY-SA 3.0 or 4.0 is co-licensed under the GFDL; {article.title!r} "
                f"on {host or article.wiki} is under {article.license.spdx}"
            )
        alternatives = (*alternatives, _gfdl())
        warnings.add("gfdl")
    bylines: tuple[Byline, ...] = ()
    anonymous = 0
    if authors == "list":
        people = article.contributors
        if people is None:
            raise ConfigurationError(
                message='authors="list" needs the article\'s contributors: fetch '
                "it with contributors=True"
            )
        bylines = tuple(
            Byline.plain(person.name, _user_page(article, person.name))
            for person in people.registered
        )
        anonymous = people.anonymous
    return Attribution(
        kind="article",
        title=article.title,
        source_url=article.permalink if link == "permalink" else article.url,
        page_url=article.url,
        site_name=article.site_name or site_name_for_url(article.url),
        authors=bylines,
        author_mode=authors,
        history_url=article.history_url,
        anonymous_authors=anonymous,
        license=notice,
        alternatives=alternatives,
        revid=article.revid,
        timestamp=article.timestamp,
        required=_required(notice),
        warnings=tuple(warnings),
    )


def _file_title(media: MediaFile) -> str:
    """``ObjectName``, else the file name without namespace and extension."""
    if media.object_name and media.object_name.strip():
        return media.object_name.strip()
    name = media.title.split(":", 1)[1] if ":" in media.title else media.title
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def _file_page(media: MediaFile) -> str:
    """The description page: never the file itself on the upload server."""
    for url in (media.description_url, media.description_short_url):
        if url:
            return url
    # A response without URLs: the file's page on the wiki it was asked of
    # (index.php sits next to api.php), which shows the description.
    base = media.wiki.rsplit("/", 1)[0]
    if base.startswith("http") and media.title:
        return f"{base}/index.php?title={url_path(media.title)}"
    return ""


_PROBLEM_WARNINGS: Final = {
    "no-extmetadata": ("no-author", "no-source", "no-license"),
    "no-license": ("no-license",),
    "unknown-license": ("unknown-license",),
    "no-author": ("no-author",),
    "no-source": ("no-source",),
    "non-free": ("non-free",),
}


def _media(media: MediaFile, *, allow_gfdl: bool) -> Attribution:
    if allow_gfdl:
        raise ConfigurationError(
            message="allow_gfdl applies to the text of Wikimedia wiki pages; a "
            "file's licences are those of its description page"
        )
    page = _file_page(media)
    fallback = media.license_short_name or media.license_code or ""
    if not fallback and media.usage_terms is not None:
        fallback = media.usage_terms.text
    notice, alternatives = _page_notices(media.license, fallback_name=fallback)
    warnings = {w for p in media.problems for w in _PROBLEM_WARNINGS.get(p, ())}
    authors: tuple[Byline, ...] = ()
    if media.artist is not None and _has_text(media.artist):
        artist = byline_from_rich(media.artist)
        # A list of authors (one per item, e.g. the sources of a collage) is
        # several authors; other line breaks belong to one name.
        listed = "<li" in media.artist.html.lower()
        authors = _lines(artist) if listed else (artist,)
    counted = media.author_count or 0
    if counted > 1 or len(authors) > 1:
        warnings.add("multiple-authors")
    if media.restrictions:
        warnings.add("restrictions")
    credit_line = (
        byline_from_rich(media.attribution)
        if media.attribution is not None and _has_text(media.attribution)
        else None
    )
    source_credit = (
        byline_from_rich(media.credit)
        if media.credit is not None and _has_text(media.credit)
        else None
    )
    # A field that is there but has no visible text (only hidden elements or
    # blanks) names nobody: the same warnings as a missing field.
    if not authors and credit_line is None:
        warnings.add("no-author")
    if source_credit is None and credit_line is None:
        warnings.add("no-source")
    return Attribution(
        kind="media",
        title=_file_title(media),
        source_url=page,
        page_url=page,
        site_name=site_name_for_url(page),
        authors=authors,
        more_authors=max(0, counted - len(authors)),
        credit_line=credit_line,
        source_credit=source_credit,
        license=notice,
        alternatives=alternatives,
        timestamp=media.uploaded,
        required=media.requires_attribution and _required(notice),
        restrictions=media.restrictions,
        warnings=tuple(warnings),
    )


def _entity(entity: Entity, *, lang: str, allow_gfdl: bool) -> Attribution:
    if allow_gfdl:
        raise ConfigurationError(
            message="allow_gfdl applies to the text of Wikimedia wiki pages, not "
            "to Wikibase entities"
        )
    notice, alternatives = _page_notices(entity.license)
    warnings: set[str] = set()
    if notice.is_unknown:
        declared = entity.license.name or entity.license.url
        warnings.add("unknown-license" if declared else "no-license")
    required = _required(notice)
    page_title = entity.title or entity.id
    base = entity.wiki.rsplit("/", 1)[0]
    index = f"{base}/index.php?title={url_path(page_title)}"
    url = entity.url or (index if base.startswith("http") else "")
    return Attribution(
        kind="entity",
        title=entity.label(lang, lang.lower(), lang.split("-")[0].lower(), "en")
        or entity.id,
        source_url=url,
        page_url=url,
        site_name=site_name_for_url(url or entity.wiki),
        # Under a licence that asks for credit (another Wikibase), the
        # entity's editors are credited through its history, as for a page.
        history_url=f"{index}&action=history" if required else "",
        license=notice,
        alternatives=alternatives,
        revid=entity.lastrevid,
        timestamp=entity.modified,
        required=required,
        warnings=tuple(warnings),
    )


def _work(work: Work, *, allow_gfdl: bool) -> Attribution:
    from wikireuse.licenses import get, parse

    if allow_gfdl:
        raise ConfigurationError(
            message="allow_gfdl applies to the text of Wikimedia wiki pages; give "
            "a Work's choice of licences in its licence, e.g. 'CC-BY-SA-4.0 OR "
            "GFDL-1.3-or-later'"
        )
    for what, value in (
        ("title", work.title),
        ("license", work.license),
        ("source_name", work.source_name),
        ("copyright_notice", work.copyright_notice),
        *(("modifications", note) for note in work.modifications),
    ):
        if not isinstance(value, str):
            raise ConfigurationError(
                message=f"a Work's {what} must be text, got {value!r}"
            )
    if len(work.author_urls) > len(work.authors):
        raise ConfigurationError(
            message=f"{counted(len(work.author_urls), 'author URL')} for "
            f"{counted(len(work.authors), 'author')}: author_urls match authors "
            "by position"
        )
    source = _http_url(work.source_url, "a Work's source_url")
    authors: list[Byline] = []
    for index, name in enumerate(work.authors):
        if not isinstance(name, str) or not name.strip():
            raise ConfigurationError(
                message=f"a Work's authors must be non-blank names, got {name!r}"
            )
        url = None
        if index < len(work.author_urls):
            url = _http_url(work.author_urls[index], "an author URL")
        authors.append(Byline.plain(_BLANK.sub(" ", name.strip()), url))
    warnings: set[str] = set()
    text = work.license.strip()
    alternatives: tuple[LicenseNotice, ...] = ()
    record: License | None = None
    if not text:
        notice = _unknown_notice("", "")
        warnings.add("no-license")
    else:
        expr = parse(text)
        if isinstance(expr, AllOf):
            raise ConfigurationError(
                message=f"{work.license!r} puts several licences on one work; "
                "credit each part as its own Work"
            )
        options = expr.options if isinstance(expr, AnyOf) else (expr,)
        notices = [_expr_notice(option, text) for option in options]
        notice, alternatives = notices[0], tuple(notices[1:])
        if notice.is_unknown:
            url = text if safe_url(text, None) and text.startswith("http") else ""
            notice = _unknown_notice(text, url)
            warnings.add("unknown-license")
        else:
            record = get(notice.id)
    if not authors:
        warnings.add("no-author")
    if not work.title.strip() and (record is None or "title" in record.attribution):
        warnings.add("no-title")
    return Attribution(
        kind="work",
        title=work.title.strip(),
        source_url=source or "",
        page_url=source or "",
        site_name=work.source_name.strip(),
        authors=tuple(authors),
        copyright_notice=work.copyright_notice.strip(),
        license=notice,
        alternatives=alternatives,
        required=_required(notice),
        modifications=tuple(
            note.strip() for note in work.modifications if note.strip()
        ),
        warnings=tuple(warnings),
    )


# -- the entry point ----------------------------------------------------------------


def build(
    item: object,
    *,
    modified: bool | str | Sequence[str],
    modified_by: str,
    accessed: date | datetime | None,
    lang: str,
    authors: AuthorMode,
    link: Literal["permalink", "page"],
    allow_gfdl: bool,
    catalogue: Catalogue | None,
) -> Attribution:
    """The :class:`~wikireuse.attribution.Attribution` of *item*; see :func:`attribute`.

    Raises:
        ConfigurationError: A bad option or an item of another type.
    """
    _check_options(
        lang=lang,
        authors=authors,
        link=link,
        allow_gfdl=allow_gfdl,
        modified_by=modified_by,
        catalogue=catalogue,
    )
    notes = _notes(modified)
    retrieved = _accessed(accessed)
    if modified_by.strip() and not notes:
        raise ConfigurationError(
            message="modified_by names who made your changes: say what changed "
            "with modified= as well"
        )
    if not isinstance(item, Article | MediaFile | Entity | Work):
        raise ConfigurationError(
            message="attribute() takes an Article, a MediaFile, an Entity or a "
            f"Work, got {type(item).__name__}"
        )
    if authors == "list" and not isinstance(item, Article):
        raise ConfigurationError(
            message='authors="list" names the contributors of a wiki page; '
            f"a {type(item).__name__} has none"
        )
    result: Attribution
    if isinstance(item, Article):
        result = _article(item, authors=authors, link=link, allow_gfdl=allow_gfdl)
    elif isinstance(item, MediaFile):
        result = _media(item, allow_gfdl=allow_gfdl)
    elif isinstance(item, Entity):
        result = _entity(item, lang=lang, allow_gfdl=allow_gfdl)
    else:
        result = _work(item, allow_gfdl=allow_gfdl)
    return attrs.evolve(
        result,
        modifications=(*result.modifications, *notes),
        modified_by=_BLANK.sub(" ", modified_by.strip()),
        accessed=retrieved,
        lang=lang,
        warnings=tuple(sorted(set(result.warnings))),
    )
