"""``wikireuse attribute``, ``cite`` and ``credits``: attributions and credits."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any, Literal, NamedTuple
from urllib.parse import urlsplit

from wikireuse.cli._common import (
    DEFAULT_WIKI,
    EX_FETCH,
    USER_AGENT_ENV,
    _add_wiki_options,
    _client,
    _positive_int,
    _store_at,
    _Writer,
)
from wikireuse.core._json import pretty
from wikireuse.exceptions import (
    ConfigurationError,
    RecordError,
    StoreError,
    WikiReuseError,
)

if TYPE_CHECKING:
    from wikireuse.attribution import Attribution
    from wikireuse.client import Client
    from wikireuse.records.articles import Article
    from wikireuse.records.entities import Entity
    from wikireuse.records.media import MediaFile
    from wikireuse.typing import WallClock


__all__ = [
    "FORMATS",
    "LANGUAGES",
    "STYLES",
    "add_attribution_commands",
]

FORMATS = ("text", "html", "markdown", "wikitext", "json")
"""The output formats of ``wikireuse attribute``."""

STYLES = ("credit", "reuse-notice", "copy-summary")
"""What ``wikireuse attribute --style`` prints (:data:`wikireuse.attribution.Style`)."""

LANGUAGES = ("en", "de", "fr", "es")
"""The languages the command line offers for attributions and credits pages."""

_FILE_NS = 6
_MEDIA_NS = -2  # [[Media:X.png]] names the file itself

_EX_UNKNOWN_LICENSE = 3
"""Exit code of ``attribute`` when the credit names no licence it knows."""

_ATTRIBUTE_EPILOG = (
    "exit codes: 0 the credit was printed (its warnings, if any, go to stderr), "
    "1 no such page, file or item (or an invalid title), 2 the wiki could not be "
    "reached or answered with an error, 3 the licence is unknown (the credit "
    "is printed, with a warning), 64 usage or configuration error. A URL "
    "picks the wiki (its api.php beside index.php, or /w/api.php); the "
    f"User-Agent comes from --user-agent or ${USER_AGENT_ENV}."
)
_CITE_EPILOG = (
    "exit codes: 0 printed, 1 no such page or revision (or an invalid title), "
    "2 the wiki could not be reached or answered with an error, 64 usage or "
    "configuration error. Without --accessed the access time is now, read from "
    "this computer's clock: the CiteThisPage styles print it."
)
_CREDITS_EPILOG = (
    "exit codes without --into: 0 printed, 64 usage error, or a store or "
    "manifest that cannot be read or lists no pages. With --into, those of "
    "'wikireuse license check': 0 compatible, "
    "1 incompatible, 2 conditional, 3 unknown, 64 usage error. Works offline."
)


def add_attribution_commands(subparsers: Any) -> None:
    """Register ``wikireuse attribute``, ``cite`` and ``credits`` on *subparsers*."""
    att = subparsers.add_parser(
        "attribute",
        help="print the credit (attribution) for a page, file or Wikidata item",
        description="Fetch a page or a file's description and print its "
        "attribution: title, author, source and licence, with the changes you "
        "made. A File: title (in any of the wiki's names for the namespace) "
        "is credited from the file's metadata. On Wikidata (www.wikidata.org, "
        "test.wikidata.org) an id such as Q42, P31, L7 or L7-F1 (also "
        "Property:P31, Lexeme:L7, or a wikidata.org/entity/Q42 link) is "
        "credited as that item, property or lexeme, and so is an M id such as "
        "M123 on commons.wikimedia.org; on any other wiki, Q42 is an ordinary "
        "page title.",
        epilog=_ATTRIBUTE_EPILOG,
    )
    att.add_argument(
        "page",
        metavar="TITLE-or-URL",
        help="a title, an id such as Q42 (with --wiki www.wikidata.org), or "
        "the page's URL (/wiki/Title, index.php?title=...&oldid=N, "
        "index.php?curid=N)",
    )
    _add_wiki_options(att, default_help=f"default: {DEFAULT_WIKI}, or the URL's wiki")
    att.add_argument(
        "--format", default="text", choices=FORMATS, help="output (default: text)"
    )
    att.add_argument(
        "--style",
        default="credit",
        choices=STYLES,
        help="credit (default): the full credit; for an article, reuse-notice: "
        "the 'This article uses material from the Wikipedia article ...' "
        "notice, or copy-summary: the edit summary for copying it within the "
        "same wiki (not with --format json)",
    )
    att.add_argument(
        "--modified",
        action="append",
        nargs="?",
        const="",
        default=[],
        metavar="TEXT",
        help="say that you changed it: alone for the word 'modified', or what "
        "you did, e.g. 'cropped' (repeatable; earlier notes are kept)",
    )
    att.add_argument(
        "--modified-by", default="", metavar="NAME", help="who made your changes"
    )
    att.add_argument(
        "--lang",
        default="en",
        choices=LANGUAGES,
        help="language of the fixed words and of the file metadata (default: en)",
    )
    att.add_argument(
        "--authors",
        default="history",
        choices=("history", "list"),
        help="credit a page's authors by a link to its history (default), or "
        "list the registered authors and count the anonymous ones (for print)",
    )
    att.add_argument(
        "--link",
        default="permalink",
        choices=("permalink", "page"),
        help="link the revision credited (default) or the page as it is now",
    )
    att.add_argument(
        "--accessed",
        type=_accessed_when,
        metavar="WHEN",
        help="when you retrieved it: a date (2026-11-27), an ISO time with its "
        "zone, 'today' or 'now'; printed only when given",
    )
    att.add_argument(
        "--revid",
        type=_positive_int,
        metavar="N",
        help="credit exactly revision N of the page (an oldid= URL does the same)",
    )
    att.set_defaults(func=_cmd_attribute, failure_exit=EX_FETCH)

    cite = subparsers.add_parser(
        "cite",
        help="cite a revision of a page (Special:CiteThisPage styles and more)",
        description="Fetch a revision and print a citation of it in a "
        "Special:CiteThisPage style (apa, mla, mhra, chicago, cse, bluebook, "
        "bibtex) or an export format (apa7, csl-json, ris, bibtex-entry, "
        "csl:STYLE-ID with the citeproc extra).",
        epilog=_CITE_EPILOG,
    )
    cite.add_argument("page", metavar="TITLE-or-URL", help="a title or page URL")
    _add_wiki_options(cite, default_help=f"default: {DEFAULT_WIKI}, or the URL's wiki")
    cite.add_argument(
        "--style", default="apa", metavar="STYLE", help="citation style (default: apa)"
    )
    cite.add_argument(
        "--accessed",
        type=_accessed_when,
        metavar="WHEN",
        help="when you accessed it: 'now' (the default), an ISO time with its "
        "zone (2026-11-27T14:05Z), or a date (2026-11-27) or 'today' for the "
        "styles that print no time",
    )
    cite.add_argument(
        "--revid", type=_positive_int, metavar="N", help="cite exactly revision N"
    )
    cite.add_argument(
        "--site-subtitle",
        default="",
        metavar="TEXT",
        help="the wiki's subtitle that CiteThisPage prints after its name, "
        "e.g. 'The Free Encyclopedia' (default: none)",
    )
    cite.set_defaults(func=_cmd_cite, failure_exit=EX_FETCH)

    cred = subparsers.add_parser(
        "credits",
        help="a credits page for every page of a snapshot store",
        description="Read a snapshot store (the file 'wikireuse sync' fills) "
        "or its manifest (JSON Lines, from Store.manifest) and print one "
        "credits page for its pages, grouped by licence; with --into, check "
        "the whole set against the licence of your work.",
        epilog=_CREDITS_EPILOG,
    )
    cred.add_argument(
        "manifest",
        metavar="STORE-or-MANIFEST",
        help="a snapshot store, a manifest file, or - to read a manifest from stdin",
    )
    cred.add_argument(
        "--into", metavar="LICENCE", help="the licence of the work that reuses them"
    )
    cred.add_argument(
        "--use",
        default=None,
        choices=("adapt", "collect", "verbatim"),
        help="how they are reused, with --into (default: adapt)",
    )
    cred.add_argument(
        "--format",
        default="text",
        choices=("html", "markdown", "text"),
        help="output (default: text)",
    )
    cred.add_argument(
        "--reuse-toml",
        action="store_true",
        help="print REUSE.toml annotations instead of the page",
    )
    cred.add_argument(
        "--path",
        metavar="TEMPLATE",
        help="for --reuse-toml: where each page's copy lives in your repository, "
        "e.g. 'texts/{title}.txt' ({title} and {revid} are filled in)",
    )
    use = cred.add_mutually_exclusive_group()
    use.add_argument(
        "--commercial",
        dest="commercial",
        action="store_const",
        const=True,
        default=None,
        help="commercial reuse, with --into (NC items are refused)",
    )
    use.add_argument(
        "--non-commercial",
        dest="commercial",
        action="store_const",
        const=False,
        help="non-commercial reuse, with --into (without either flag NC items "
        "are conditional: commercial use is not stated)",
    )
    cred.add_argument(
        "--lang", default="en", choices=LANGUAGES, help="language (default: en)"
    )
    cred.add_argument(
        "--accessed",
        type=_accessed_credits,
        metavar="WHEN",
        help="when you retrieved the pages: a date, an ISO time with its zone, "
        "'today', 'now' or 'fetched' (each revision's recorded fetch time); "
        "printed only when given",
    )
    cred.add_argument(
        "--revisions",
        default="latest",
        choices=("latest", "all"),
        help="credit each page's newest stored revision (default) or every one",
    )
    cred.set_defaults(func=_cmd_credits)


# "today" and "now" stay words until the command runs: the clock is main()'s.
_TODAY = "today"
_NOW = "now"


_WHEN_FORMS = "YYYY-MM-DD, an ISO time with its zone, 'today' or 'now'"


def _accessed_when(text: str, *, also: str = "") -> date | datetime | str:
    """The one parser of every ``--accessed``: a date, a time, today or now.

    An ISO date (``2026-11-27``), an ISO time with its zone
    (``2026-11-27T14:05Z``, ``...+01:00``), ``today`` or ``now``; the words
    stay words until the command runs (:func:`_accessed`). *also* names a
    command's own extra word in the error.
    """
    value = text.strip()
    if value.lower() in (_NOW, _TODAY):
        return value.lower()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    forms = f"{_WHEN_FORMS}{also}"
    zulu = value[-1:] in ("Z", "z")
    try:
        moment = datetime.fromisoformat(value[:-1] if zulu else value)
    except ValueError:
        msg = f"not a date: {text!r} (give {forms})"
        raise argparse.ArgumentTypeError(msg) from None
    if zulu:
        if moment.tzinfo is not None:
            msg = f"not a date: {text!r} has two time zones (give {forms})"
            raise argparse.ArgumentTypeError(msg)
        moment = moment.replace(tzinfo=timezone.utc)
    if moment.tzinfo is None:
        msg = f"give the time zone of {text!r}, e.g. {value}Z for UTC"
        raise argparse.ArgumentTypeError(msg)
    return moment


_FETCHED = "fetched"


def _accessed_credits(text: str) -> date | datetime | str:
    if text.strip().lower() == _FETCHED:
        return _FETCHED
    return _accessed_when(text, also=f"; here also '{_FETCHED}'")


def _accessed(args: argparse.Namespace) -> date | None:
    """--accessed as the command prints it, the words read off main()'s clock.

    ``cite`` keeps a time (its APA and MLA styles print it); ``attribute``
    and ``credits`` print the day, the one written (in the zone written).
    """
    value = args.accessed
    keep_time = args.command == "cite"
    if value == _NOW:
        moment = _now(args)
        return moment if keep_time else moment.date()
    if value == _TODAY:
        return _now(args).date()
    if isinstance(value, datetime) and not keep_time:
        return value.date()
    return value if isinstance(value, date) else None


def _now(args: argparse.Namespace) -> datetime:
    """The wall clock main() was given, as an aware UTC datetime."""
    from wikireuse.core._time import from_epoch

    clock: WallClock = args.wall_clock
    return from_epoch(clock())


class _PageSpec(NamedTuple):
    """What the command line names: a title or page id, maybe a revision.

    ``entity`` is set instead when the page is a Wikibase entity (``Q42``
    on Wikidata): see :func:`_entity_id`.
    """

    title: str | None
    pageid: int | None
    revid: int | None
    entity: str | None = None


_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# A page URL pasted without its scheme: en.wikipedia.org/wiki/X, or
# wiki.example.net:8080/w/index.php?title=X. A title that merely holds a
# slash ("AC/DC") has no domain before it, so it is not mistaken for one.
_BARE_URL_RE = re.compile(
    r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::[0-9]+)?/(?:wiki/|w/index\.php)",
    re.IGNORECASE,
)

_WIKIBASE_HOSTS = frozenset({"www.wikidata.org", "wikidata.org", "test.wikidata.org"})
"""Wikis where ``attribute`` reads an item, property or lexeme id (Q42, P31,
L7, L7-F1) as a Wikibase entity rather than a page title. On
``commons.wikimedia.org`` a media-info id (M123) is one too."""

_COMMONS_HOST = "commons.wikimedia.org"

# Namespaces Wikidata shows entity pages under (Property:P31, Lexeme:L7), and
# the special page that redirects to any entity's page.
_ENTITY_PREFIXES = ("special:entitypage/", "property:", "lexeme:", "item:")


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _as_url(text: str) -> str | None:
    """*text* as an http(s) URL when it is one (a scheme-less one gets https)."""
    if _is_url(text):
        return text
    if _SCHEME_RE.match(text):
        raise ConfigurationError(
            message=f"{text!r} is not a web page's address: give an http:// or "
            "https:// URL, or a page title"
        )
    if _BARE_URL_RE.match(text):
        return "https://" + text
    return None


def _entity_id(title: str, host: str) -> str | None:
    """The Wikibase entity id *title* names on the wiki at *host*, if any.

    Only on a Wikibase repository: Q/P/L ids (also ``Property:P31``,
    ``Lexeme:L7``, ``Special:EntityPage/Q42``) on Wikidata and
    test.wikidata.org, M ids on Commons. Elsewhere ``Q42`` is an ordinary
    page title.
    """
    from wikireuse.records.entities import ENTITY_ID_RE

    host = host.lower().rstrip(".")
    if host in _WIKIBASE_HOSTS:
        kinds = "QPL"
    elif host == _COMMONS_HOST:
        kinds = "M"
    else:
        return None
    text = title.strip().replace(" ", "_")
    for prefix in _ENTITY_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.upper()
    if ENTITY_ID_RE.match(text) and text[0] in kinds:
        return text
    return None


def _wiki_host(args: argparse.Namespace) -> str:
    """The host of the wiki the options name (the default wiki's if none)."""
    if args.api_url is not None:
        return (urlsplit(args.api_url).hostname or "").lower()
    return str(args.wiki or DEFAULT_WIKI).lower().rstrip(".")


def _desktop_host(host: str) -> str:
    """A Wikimedia mobile host as its desktop wiki (en.m.wikipedia.org → en...)."""
    from wikireuse.core._hosts import is_wikimedia_host

    labels = host.split(".")
    if not is_wikimedia_host(host) or "m" not in labels[:2]:
        return host
    if labels[0] == "m":  # m.wikidata.org, m.mediawiki.org
        return ".".join(["www", *labels[1:]])
    return ".".join(label for i, label in enumerate(labels) if i != 1)


def _api_url_for(url: str) -> str:
    """The api.php of the wiki a page URL belongs to.

    Beside ``index.php`` when the URL names it; otherwise ``/w/api.php``, as
    Wikimedia (and most) wikis are laid out. Wikimedia wikis are always
    asked over HTTPS.
    """
    from wikireuse.core._hosts import is_wikimedia_host

    parts = urlsplit(url)
    host = _desktop_host((parts.hostname or "").lower())
    if not host:
        raise ConfigurationError(message=f"{url!r} names no host")
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    scheme = "https" if is_wikimedia_host(host) else parts.scheme.lower()
    path = parts.path
    script = path.split("/index.php", 1)[0] if "/index.php" in path else "/w"
    return f"{scheme}://{netloc}{script}/api.php"


def _page_spec(args: argparse.Namespace, *, entities: bool = False) -> _PageSpec:
    """Read TITLE-or-URL; a URL also picks the wiki (unless one was given).

    With *entities*, an entity id on a Wikibase repository (see
    :func:`_entity_id`) is read as that entity.
    """
    from wikireuse.records.titles import title_from_url

    text = args.page.strip()
    if not text:
        raise ConfigurationError(message="give a page title or URL")
    url = _as_url(text)
    if url is None:
        spec = _PageSpec(title=text, pageid=None, revid=args.revid)
    else:
        spec = _url_spec(args, url, title_from_url)
    entity = (
        _entity_id(spec.title, _wiki_host(args))
        if entities and spec.title is not None
        else None
    )
    return spec if entity is None else spec._replace(entity=entity, title=None)


def _url_spec(
    args: argparse.Namespace, url: str, title_from_url: Callable[[str], Any]
) -> _PageSpec:
    """The page *url* names; its wiki becomes the one asked."""
    api_url = _api_url_for(url)
    parts = urlsplit(api_url)
    concept = re.fullmatch(r"/entity/([A-Za-z0-9-]+)/?", urlsplit(url).path)
    if concept is not None and (parts.hostname or "") in _WIKIBASE_HOSTS:
        # A Wikidata concept URI (http://www.wikidata.org/entity/Q42).
        ref_title, pageid, revid = concept.group(1), None, None
    else:
        ref = title_from_url(url)
        ref_title, pageid, revid = ref.title, ref.pageid, ref.revid
    if None not in (revid, args.revid) and revid != args.revid:
        raise ConfigurationError(
            message=f"the URL names revision {revid}, --revid {args.revid}"
        )
    if args.api_url is None and args.wiki is None:
        args.api_url = api_url
    elif args.api_url is not None:
        given = urlsplit(args.api_url)
        if ((given.hostname or ""), given.port) != (parts.hostname, parts.port):
            raise ConfigurationError(
                message=f"the URL is on {parts.netloc}, not on {given.netloc}: "
                "leave out --api-url, or give the wiki's own"
            )
    elif args.wiki.lower().rstrip(".") == parts.hostname:
        # The URL's own address keeps its scheme and port (a local wiki's
        # http://127.0.0.1:8080 is not https://127.0.0.1).
        args.api_url, args.wiki = api_url, None
    else:
        raise ConfigurationError(
            message=f"the URL is on {parts.hostname}, not on {args.wiki}: leave "
            "out --wiki, or give the wiki's own"
        )
    return _PageSpec(title=ref_title, pageid=pageid, revid=revid or args.revid)


def _file_title(client: Client, title: str) -> str | None:
    """*title* as a ``File:`` title when it names a file, else ``None``.

    MediaWiki's English names (``File:``, ``Image:``, ``Media:``) are known
    offline; any other prefix (``Datei:``, ``Fichier:``, or a colon inside
    an article's title) is looked up in the wiki's own namespace names, one
    small request.
    """
    from wikireuse.records.titles import DEFAULT_NAMESPACES, Namespaces

    prefix, colon, rest = title.strip().removeprefix(":").partition(":")
    if not colon or not prefix.strip() or not rest.strip():
        return None
    ns = DEFAULT_NAMESPACES.index(prefix)
    names = DEFAULT_NAMESPACES
    if ns is None:
        data = client.action(
            {
                "action": "query",
                "meta": "siteinfo",
                "siprop": "namespaces|namespacealiases",
            }
        )
        names = Namespaces.from_siteinfo(data)
        ns = names.index(prefix)
    if ns == _FILE_NS:
        return title
    if ns == _MEDIA_NS:
        return f"{names.name(_FILE_NS)}:{rest}"
    return None


def _same_page(client: Client, title: str, pageid: int) -> bool:
    """Whether *title* (redirects followed) is the page *pageid*."""
    data = client.action(
        {"action": "query", "prop": "info", "titles": [title], "redirects": True}
    )
    pages = data.get("query", {}).get("pages") or [{}]
    return bool(pages[0].get("pageid") == pageid)


def _fetch_article(client: Client, spec: _PageSpec, *, contributors: bool) -> Article:
    """The article *spec* names (an exact revision if it has one)."""
    if spec.revid is not None:
        article = client.article(revid=spec.revid, contributors=contributors)
        if spec.title is not None and not _same_page(
            client, spec.title, article.pageid
        ):
            raise ConfigurationError(
                message=f"revision {spec.revid} is of the page "
                f"{article.title!r}, not of {spec.title!r}"
            )
        return article
    if spec.pageid is not None:
        return client.article(pageid=spec.pageid, contributors=contributors)
    return client.article(spec.title, contributors=contributors)


def _fetch_item(
    client: Client, spec: _PageSpec, args: argparse.Namespace
) -> Article | MediaFile:
    """The article or file that ``attribute`` credits."""
    file_title = None if spec.title is None else _file_title(client, spec.title)
    if file_title is None:
        article = _fetch_article(client, spec, contributors=args.authors == "list")
        if article.namespace != _FILE_NS:
            return article
        file_title = article.title  # a ?curid= or oldid= URL of a file page
    if spec.revid is not None:
        raise ConfigurationError(
            message="a file is credited from its current description page; "
            "--revid and oldid= URLs are for pages"
        )
    if args.authors == "list":
        raise ConfigurationError(
            message="--authors list names the contributors of a wiki page; "
            f"{file_title} is a file, credited from its metadata"
        )
    return client.media(file_title, lang=args.lang)


def _not_found(exc: WikiReuseError, hint: str = "") -> int:
    """A missing page or an invalid title: say so, exit 1 (as fetch does)."""
    sys.stderr.write(f"wikireuse: {exc}\n")
    if hint:
        sys.stderr.write(f"wikireuse: {hint}\n")
    return 1


def _fetch_entity(
    client: Client, entity_id: str, spec: _PageSpec, args: argparse.Namespace
) -> Entity:
    """The Wikibase entity that ``attribute`` credits (its current revision)."""
    if spec.revid is not None:
        raise ConfigurationError(
            message=f"{entity_id} is credited at its current revision; "
            "--revid and oldid= URLs are for pages"
        )
    if args.authors == "list":
        raise ConfigurationError(
            message=f"--authors list names the contributors of a wiki page; "
            f"{entity_id} is a Wikibase entity (its data is CC0: no credit of "
            "authors is required)"
        )
    wiki = args.api_url if args.api_url is not None else args.wiki
    return client.entity(entity_id, wiki=wiki)


def _entity_hint(spec: _PageSpec, args: argparse.Namespace) -> str:
    """Advice when a missing page's title is a Wikidata id on another wiki."""
    from wikireuse.records.entities import ENTITY_ID_RE

    title = (spec.title or "").strip().upper()
    if spec.entity is None and ENTITY_ID_RE.match(title) and title[0] in "QPL":
        return (
            f"for the Wikidata entity {title}, add --wiki www.wikidata.org "
            f"(on {_wiki_host(args)} it is read as a page title)"
        )
    return ""


def _modifications(notes: Sequence[str]) -> bool | tuple[str, ...]:
    """--modified as given: bare (or blank) means the word 'modified' alone."""
    described = tuple(note.strip() for note in notes if note.strip())
    if described:
        return described
    return bool(notes)


def _cmd_attribute(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.attribution import WARNINGS, attribute
    from wikireuse.exceptions import InvalidTitleError, PageNotFoundError

    if args.modified_by.strip() and not args.modified:
        raise ConfigurationError(
            message="--modified-by names who made your changes: say what "
            "changed with --modified as well"
        )
    if args.style != "credit" and args.format == "json":
        raise ConfigurationError(
            message=f"--style {args.style} is a sentence, and --format json is "
            "the attribution's data: choose text, html, markdown or wikitext"
        )
    spec = _page_spec(args, entities=True)
    accessed = _accessed(args)
    modified = _modifications(args.modified)
    with _client(args, default=DEFAULT_WIKI) as client:
        try:
            item: Article | MediaFile | Entity = (
                _fetch_item(client, spec, args)
                if spec.entity is None
                else _fetch_entity(client, spec.entity, spec, args)
            )
        except (PageNotFoundError, InvalidTitleError) as exc:
            return _not_found(exc, _entity_hint(spec, args))
    credit = attribute(
        item,
        modified=modified,
        modified_by=args.modified_by,
        accessed=accessed,
        lang=args.lang,
        authors=args.authors,
        link=args.link,
    )
    # Rendered first: a style the item cannot have fails without warnings.
    text = credit.render(args.format, style=args.style)
    for code in credit.warnings:
        sys.stderr.write(f"wikireuse: warning: {code}: {WARNINGS.get(code, '')}\n")
    if args.format == "json":  # indented, as the other commands print JSON
        text = pretty(json.loads(text))
    out.write(text.rstrip("\n") + "\n")
    # Printed, but not a credit to rely on: the code says so, as
    # 'license check' does for a licence it does not know.
    return _EX_UNKNOWN_LICENSE if credit.license.is_unknown else 0


def _cmd_cite(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.attribution._citations import TIMED_STYLES, check_style
    from wikireuse.attribution.citations import cite
    from wikireuse.exceptions import InvalidTitleError, PageNotFoundError

    if not args.style.lower().startswith("csl:"):
        args.style = args.style.strip().lower()  # APA is apa
    check_style(args.style)  # before any request
    day_only = args.accessed == _TODAY or type(args.accessed) is date
    if args.style in TIMED_STYLES and day_only:
        raise ConfigurationError(
            message=f"the {args.style} style prints the time of access: give "
            "--accessed with a time and zone (2026-11-27T14:05Z), or leave it "
            "out for now"
        )
    spec = _page_spec(args)
    # The edge of the program: the one place that reads the clock, and only
    # because the user asked for a citation accessed now (the default).
    accessed = _now(args) if args.accessed is None else _accessed(args)
    with _client(args, default=DEFAULT_WIKI) as client:
        try:
            article = _fetch_article(client, spec, contributors=False)
        except (PageNotFoundError, InvalidTitleError) as exc:
            return _not_found(exc)
    text = cite(
        article, args.style, accessed=accessed, site_subtitle=args.site_subtitle
    )
    out.write(text.rstrip("\n") + "\n")
    return 0


def _repo_path(template: str, credit: Attribution) -> str:
    """*template* with the credited page's ``{title}`` and ``{revid}``."""
    fields = {
        "title": credit.title,
        "revid": "" if credit.revid is None else credit.revid,
    }
    try:
        return template.format_map(fields)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigurationError(
            message=f"--path {template!r}: only {{title}} and {{revid}} can be "
            f"filled in ({exc!r})"
        ) from exc


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _manifest_lines(path: str) -> list[str]:
    """The manifest's lines: from the file, ``-`` (stdin) or a snapshot store.

    A store (the file ``wikireuse sync`` fills) is read as the manifest it
    would export, so no export step is needed on the command line.
    """
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        with open(path, "rb") as file:
            head = file.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        # Not yet known to be a store or a manifest: name neither.
        cause = (exc.strerror or str(exc)).lower()
        raise ConfigurationError(
            message=f"cannot read {path}: {cause} (give a snapshot store or a manifest)"
        ) from exc
    if head != _SQLITE_MAGIC:
        try:
            with open(path, encoding="utf-8") as file:
                return file.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(
                message=f"cannot read the manifest {path}: it is neither a "
                f"manifest (JSON Lines in UTF-8) nor a snapshot store ({exc})"
            ) from exc
    from wikireuse.core._json import canonical

    # iter_manifest, not manifest(): reading credits records no export in
    # the store's audit log.
    with _store_at(path) as store:
        return [canonical(entry) for entry in store.iter_manifest()]


def _cmd_credits(args: argparse.Namespace, out: _Writer) -> int:
    from wikireuse.attribution.credits import Credits

    if args.into is None and (args.use is not None or args.commercial is not None):
        raise ConfigurationError(
            message="--use and --(non-)commercial describe the reuse --into LICENCE"
        )
    if args.path is not None and not args.reuse_toml:
        raise ConfigurationError(
            message="--path names the files that --reuse-toml annotates; the "
            "credits page does not print it"
        )
    accessed: date | Literal["fetched"] | None = (
        "fetched" if args.accessed == _FETCHED else _accessed(args)
    )
    try:
        credits = Credits.from_manifest(
            _manifest_lines(args.manifest),
            lang=args.lang,
            accessed=accessed,
            revisions=args.revisions,
        )
    except RecordError as exc:
        # A manifest line wikireuse did not write is the user's input: a
        # usage error, since exit 2 already means "conditional" here.
        raise ConfigurationError(
            message=f"cannot read the manifest {args.manifest}: {exc}"
        ) from exc
    except StoreError as exc:  # its message names the store's path
        raise ConfigurationError(message=f"cannot read the store: {exc}") from exc
    if not len(credits):
        # Most likely the wrong file, or a store that synced nothing: an
        # empty credits page (and a check that passes) would hide that.
        raise ConfigurationError(
            message=f"{args.manifest} lists no pages: nothing to credit"
        )
    if args.path is not None:
        credits = Credits(
            [(_repo_path(args.path, e.attribution), e.attribution) for e in credits],
            lang=args.lang,
        )
    use = args.use or "adapt"
    if args.reuse_toml:
        if all(entry.path is None for entry in credits):
            sys.stderr.write(
                "wikireuse: note: a manifest names no files, so no file is "
                "annotated; say where the copies live with --path TEMPLATE\n"
            )
        out.write(credits.reuse_toml().rstrip("\n") + "\n")
    else:
        render = {
            "html": credits.to_html,
            "markdown": credits.to_markdown,
            "text": credits.to_text,
        }[args.format]
        out.write(
            render(into=args.into, use=use, commercial=args.commercial).rstrip("\n")
            + "\n"
        )
    if args.into is None:
        return 0
    verdict = credits.check(args.into, use=use, commercial=args.commercial)
    return verdict.exit_code
