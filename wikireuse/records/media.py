"""Media files and what their description pages say about them.

A :class:`MediaFile` is the record of one file on a wiki (usually Wikimedia
Commons): its URLs, size, type, checksum, uploader and upload time, and the
author, source, credit line and licence that the ``extmetadata`` of
``prop=imageinfo`` reports (filled by the CommonsMetadata extension from the
file's description page). Fields that hold HTML on the wiki (``Artist``,
``Credit``, ``Attribution``, ``ImageDescription``, ...) are kept as
:class:`RichText`: the raw HTML, a clean text form and its links, made
absolute on the wiki the file lives on.

Nothing is invented: a field the metadata does not have is ``None`` and is
named in :attr:`MediaFile.problems` (``no-author``, ``no-source``,
``no-license``, ... as CommonsMetadata names them); a licence that
:func:`wikireuse.licenses.parse` does not recognise stays the explicit
unknown licence. The uploader is **not** the author: who to credit is in
*artist* and *attribution*; "Own work" in *credit* is the source.

The parsers here do no I/O; :meth:`wikireuse.Client.media` fetches and calls
them.

>>> record = {"title": "File:Foo.jpg", "ns": 6, "pageid": 1,
...     "imagerepository": "local", "imageinfo": [{
...         "descriptionurl": "https://commons.wikimedia.org/wiki/File:Foo.jpg",
...         "extmetadata": {
...             "Artist": {"value": '<a href="//commons.wikimedia.org/wiki/User:Ann">Ann</a>'},
...             "Credit": {"value": '<span class="int-own-work">Own work</span>'},
...             "LicenseShortName": {"value": "CC BY-SA 4.0"},
...             "AttributionRequired": {"value": "true"}}}]}
>>> media = parse_imageinfo(record, wiki="https://commons.wikimedia.org/w/api.php")
>>> media.artist.text, media.artist.links[0].url, media.own_work
('Ann', 'https://commons.wikimedia.org/wiki/User:Ann', True)
>>> media.license.spdx, media.attribution_required, media.problems
('CC-BY-SA-4.0', True, ('no-description',))

.. versionadded:: 0.1.0
"""  # noqa: E501

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

import attrs

from wikireuse.core import _json
from wikireuse.core._time import format_timestamp, parse_timestamp
from wikireuse.exceptions import (
    ConfigurationError,
    InvalidResponseError,
    InvalidTitleError,
    LicenseError,
    PageNotFoundError,
    RecordError,
)
from wikireuse.records._html import LinkBase, read_html, safe_url
from wikireuse.records._pages import flag
from wikireuse.records.articles import PageLicense
from wikireuse.records.provenance import Provenance

__all__ = [
    "FILE_NAMESPACE",
    "MEDIA_SCHEMA",
    "PROBLEMS",
    "Link",
    "MediaFile",
    "RichText",
    "parse_imageinfo",
    "parse_imageinfo_response",
]

MEDIA_SCHEMA: Final = "wikireuse.media/1"
"""The ``schema`` value of :meth:`MediaFile.to_dict`."""

FILE_NAMESPACE: Final = 6
"""The namespace number of files (``File:``, ``Datei:``, ``Fichier:``, ...)."""

PROBLEMS: Final = MappingProxyType(
    {
        "no-extmetadata": "the wiki reported no extmetadata at all",
        "no-license": "no LicenseShortName, License, LicenseUrl or UsageTerms",
        "unknown-license": "a licence is named, but not one wikireuse recognises",
        "license-conflict": "LicenseShortName, License and LicenseUrl name "
        "different licences",
        "no-author": "neither Artist nor Attribution",
        "no-source": "neither Credit nor Attribution",
        "no-description": "no ImageDescription",
        "attribution-conflict": "AttributionRequired is false, but the licence "
        "asks for credit: credit is required",
        "non-free": "NonFree: not freely licensed (e.g. fair use on a local "
        "wiki); not to be offered for reuse",
    }
)
"""Every name :attr:`MediaFile.problems` can hold, with its meaning.

``no-license``, ``no-author``, ``no-source`` and ``no-description`` are the
names CommonsMetadata's own check uses; ``non-free`` is MediaViewer's warning
"This file does not have a free license".
"""

_TRUE: Final = frozenset({"true", "1", "yes"})
_FALSE: Final = frozenset({"false", "0", "no"})


def _frozen(value: Any) -> Any:
    """A read-only deep copy of a JSON value: mappings as proxies, lists as tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): _frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


# -- rich text -----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Link:
    """A link inside a :class:`RichText`.

    Attributes:
        text: The linked text.
        url: Absolute ``http``/``https`` URL.
    """

    text: str
    url: str


@attrs.frozen(kw_only=True)
class RichText:
    """An HTML fragment from a wiki, with its clean text and links.

    Attributes:
        html: The fragment exactly as the wiki gave it. It is **not**
            sanitised: never put it into a page unescaped.
        text: The visible text: hidden elements, scripts and styles dropped,
            entities decoded, whitespace collapsed (line breaks kept where
            block elements were).
        links: The links of the visible text, made absolute on the wiki the
            fragment came from; only ``http``/``https`` links are kept.

    >>> rich = RichText.from_html('<a href="/wiki/User:A">A</a> &amp; B',
    ...                           page_url="https://de.wikipedia.org/wiki/Datei:X.jpg")
    >>> rich.text, rich.links
    ('A & B', (Link(text='A', url='https://de.wikipedia.org/wiki/User:A'),))

    .. versionadded:: 0.1.0
    """

    html: str
    text: str
    links: tuple[Link, ...] = ()

    @classmethod
    def from_html(cls, html: str, *, page_url: str | None = None) -> RichText:
        """Read *html*; relative links resolve against the wiki of *page_url*.

        Args:
            html: The fragment.
            page_url: Any page URL on the wiki the fragment came from (a
                file's ``descriptionurl``); without it, site-relative links
                (``/wiki/...``) are dropped since their wiki is unknown.
        """
        base = LinkBase.from_page_url(page_url) if page_url else None
        return _rich(html, base)[0]

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values."""
        return {
            "html": self.html,
            "text": self.text,
            "links": [{"text": link.text, "url": link.url} for link in self.links],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RichText:
        """Read what :meth:`to_dict` wrote."""
        return cls(
            html=str(data["html"]),
            text=str(data["text"]),
            links=tuple(
                Link(text=str(link["text"]), url=str(link["url"]))
                for link in data.get("links", ())
            ),
        )


def _rich(html: str, base: LinkBase | None) -> tuple[RichText, frozenset[str]]:
    found = read_html(html, base)
    links = tuple(Link(text=text, url=url) for text, url in found.links)
    return RichText(html=html, text=found.text, links=links), found.classes


# -- the media file --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MediaFile:
    """One file and the attribution and licence facts its metadata gives.

    Attributes:
        wiki: The Action API URL the file was asked of.
        requested: The title as asked for.
        title: The title as the wiki normalised it (``Datei:...`` on a
            German wiki: namespace names are localised).
        namespace: 6, the file namespace.
        pageid: The description page's id on *wiki*; ``None`` for a file
            that a shared repository (Commons) provides and that has no local
            page.
        normalized_from: The title as asked, when the wiki normalised it.
        redirects: File redirects followed on the way, first one first.
        repository: Where the file lives, as the wiki says
            (``imagerepository``): ``"local"`` for the wiki's own files,
            ``"shared"`` for Commons files seen from another Wikimedia wiki.
        description_url: The file's description page (where its authors
            and licence are stated): the link to give as the source.
        description_short_url: The same page by page id
            (``index.php?curid=``).
        url: The file itself (on ``upload.wikimedia.org`` for Wikimedia).
        mime: MIME type, e.g. ``image/jpeg``.
        media_type: MediaWiki's media type: ``BITMAP``, ``DRAWING``,
            ``AUDIO``, ``VIDEO``, ``MULTIMEDIA``, ``OFFICE``, ...
        size: Size in bytes.
        width: Width in pixels (``None`` for audio and when unknown).
        height: Height in pixels (``None`` for audio and when unknown).
        duration: Length in seconds of audio and video.
        sha1: SHA-1 of the file's bytes, hex.
        uploader: Who uploaded this version (``None`` when hidden). **Not**
            the author.
        uploaded: When this version was uploaded.
        artist: ``Artist``: the author(s).
        credit: ``Credit``: the source, e.g. "Own work" or a URL; not an
            author.
        own_work: *credit* is the "Own work" marker (``span.int-own-work``).
        attribution: ``Attribution``: the credit line the licensor asks for;
            where present it is the one to use.
        license_short_name: ``LicenseShortName`` as text, e.g.
            ``CC BY-SA 2.0 fr``.
        license_code: ``License``, CommonsMetadata's internal name, e.g.
            ``cc-by-sa-2.0-fr``, ``cc0``, ``pd``.
        license_url: ``LicenseUrl``, absolute (absent for public domain).
        license: The licence as :mod:`wikireuse.licenses` recognises it from
            the three fields above (first *license_short_name*, then
            *license_code*, then *license_url*); the explicit unknown licence
            when none is recognised, never a guess.
        usage_terms: ``UsageTerms``: the licence's long name or terms.
        attribution_required: ``AttributionRequired``; ``None`` when the
            metadata does not say: then **assume attribution is required**
            unless the file is in the public domain (see
            :attr:`requires_attribution`, which also requires it when the
            licence does, whatever this flag says).
        copyrighted: ``Copyrighted``: false for public-domain files.
        non_free: ``NonFree``: the file is not freely licensed (fair use on
            a local wiki); ``None`` when not stated.
        restrictions: ``Restrictions`` split on ``|``, e.g.
            ``("personality",)`` or ``("trademarked",)``.
        object_name: ``ObjectName`` as text: the work's title.
        description: ``ImageDescription`` (in the requested language when
            the wiki gave several).
        date_original: ``DateTimeOriginal``: when the work was made.
        date_time: ``DateTime``: the file's date as the wiki reports it.
        permission: ``Permission``: extra licensing conditions.
        author_count: ``AuthorCount``: how many authors the page names,
            when more than one.
        deletion_reason: ``DeletionReason``: the file is nominated for
            deletion.
        categories: ``Categories``.
        assessments: ``Assessments``, e.g. ``("potd",)``.
        problems: Missing or doubtful facts, by the names in
            :data:`PROBLEMS`.
        metadata_language: The language asked for translatable fields.
        extmetadata_json: The whole ``extmetadata`` as canonical JSON, so
            nothing is lost; read it as :attr:`extmetadata`.
        provenance: Where and how the record was fetched; ``None`` only for a
            record parsed offline without one.

    .. versionadded:: 0.1.0
    """

    wiki: str
    requested: str
    title: str
    namespace: int = FILE_NAMESPACE
    pageid: int | None = None
    normalized_from: str | None = None
    redirects: tuple[str, ...] = ()
    repository: str = ""
    description_url: str | None = None
    description_short_url: str | None = None
    url: str | None = None
    mime: str | None = None
    media_type: str | None = None
    size: int | None = None
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    sha1: str | None = None
    uploader: str | None = None
    uploaded: datetime | None = None
    artist: RichText | None = None
    credit: RichText | None = None
    own_work: bool = False
    attribution: RichText | None = None
    license_short_name: str | None = None
    license_code: str | None = None
    license_url: str | None = None
    license: PageLicense
    usage_terms: RichText | None = None
    attribution_required: bool | None = None
    copyrighted: bool | None = None
    non_free: bool | None = None
    restrictions: tuple[str, ...] = ()
    object_name: str | None = None
    description: RichText | None = None
    date_original: RichText | None = None
    date_time: str | None = None
    permission: RichText | None = None
    author_count: int | None = None
    deletion_reason: RichText | None = None
    categories: tuple[str, ...] = ()
    assessments: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    metadata_language: str = "en"
    extmetadata_json: str = "{}"
    provenance: Provenance | None = None

    @property
    def extmetadata(self) -> Mapping[str, Any]:
        """The raw ``extmetadata``, read-only (nested mappings and tuples)."""
        frozen: Mapping[str, Any] = _frozen(json.loads(self.extmetadata_json))
        return frozen

    @property
    def has_commons_metadata(self) -> bool:
        """Whether the wiki runs CommonsMetadata (without it there is no licence)."""
        return "CommonsMetadataExtension" in self.extmetadata

    @property
    def is_shared(self) -> bool:
        """Whether the file comes from a shared repository such as Commons."""
        return self.repository not in {"", "local"}

    @property
    def requires_attribution(self) -> bool:
        """Whether the author must be credited.

        True when *attribution_required* says so, and when the licence itself
        asks for credit (CC BY, GFDL, ...) whatever the flag says: a
        ``false`` flag cannot waive a licence condition (that case is also
        flagged ``attribution-conflict``). Without the flag, true unless the
        file is in the public domain or under CC0 (where credit is still
        recommended); for an unrecognised licence, true.
        """
        needs = _needs_credit(self.license)
        if self.attribution_required is None:
            return needs is not False
        return self.attribution_required or needs is True

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.media/1``)."""
        out: dict[str, Any] = {"schema": MEDIA_SCHEMA}
        for field in attrs.fields(MediaFile):
            value = getattr(self, field.name)
            if field.name == "extmetadata_json":
                out["extmetadata"] = json.loads(value)
            elif value is None or isinstance(value, str | int | float | bool):
                out[field.name] = value
            elif isinstance(value, datetime):
                out[field.name] = format_timestamp(value)
            elif isinstance(value, tuple):
                out[field.name] = list(value)
            else:
                out[field.name] = value.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MediaFile:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not a media record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != MEDIA_SCHEMA:
            raise RecordError(
                message=f"not a {MEDIA_SCHEMA} record: {str(data)[:200]!r}"
            )
        try:
            values: dict[str, Any] = {}
            for field in attrs.fields(MediaFile):
                name = field.name
                if name == "extmetadata_json":
                    values[name] = _json.canonical(data.get("extmetadata", {}))
                    continue
                if name not in data:
                    continue
                value = data[name]
                if value is None:
                    values[name] = None
                elif name in _RICH_FIELDS:
                    values[name] = RichText.from_dict(value)
                elif name in _TUPLE_FIELDS:
                    values[name] = tuple(str(v) for v in value)
                elif name == "uploaded":
                    values[name] = parse_timestamp(value, field=name)
                elif name == "license":
                    values[name] = PageLicense.from_dict(value)
                elif name == "provenance":
                    values[name] = Provenance.from_dict(value)
                elif name == "duration":
                    values[name] = float(value)
                else:
                    values[name] = value
            return cls(**values)
        except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
            raise RecordError(message=f"incomplete media record: {exc}") from exc

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> MediaFile:
        """Read what :meth:`to_json` wrote.

        Raises:
            RecordError: When *text* is not a media record.
        """
        return cls.from_dict(_json.load(text))


_RICH_FIELDS: Final = frozenset(
    {
        "artist",
        "credit",
        "attribution",
        "usage_terms",
        "description",
        "date_original",
        "permission",
        "deletion_reason",
    }
)
_TUPLE_FIELDS: Final = frozenset(
    {"redirects", "restrictions", "categories", "assessments", "problems"}
)


# -- parsing -----------------------------------------------------------------


def _pick_language(values: Mapping[str, Any], lang: str) -> Any:
    """The translation for *lang* of a ``{"_type": "lang", ...}`` value.

    Tried in order: *lang*, its base language (``de`` for ``de-at``),
    English, then the first one given.
    """
    options = {k: v for k, v in values.items() if k != "_type"}
    for code in (lang, lang.split("-")[0], "en"):
        if code in options:
            return options[code]
    return next(iter(options.values()), None)


def _field(extmetadata: Mapping[str, Any], name: str, lang: str) -> str | None:
    """The value of one extmetadata field as text; ``None`` when absent or empty."""
    entry = extmetadata.get(name)
    if not isinstance(entry, Mapping):
        return None
    value = entry.get("value")
    if isinstance(value, Mapping):
        value = _pick_language(value, lang)
    if value is None or isinstance(value, Mapping | list):
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _boolish(text: str | None) -> bool | None:
    """``true/True/1/yes`` and ``false/False/0/no``; anything else is unknown."""
    if text is None:
        return None
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def _split(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(part.strip() for part in text.split("|") if part.strip())


def _whole(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _dimension(value: Any) -> int | None:
    number = _whole(value)
    return number if number else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _needs_credit(license: PageLicense) -> bool | None:
    """Whether *license* asks for credit; ``None`` when it is not one known record."""
    from wikireuse.licenses import get

    if license.is_unknown or " " in license.spdx:
        return None  # unknown, or an expression such as "A OR B"
    try:
        return bool(get(license.spdx).attribution)
    except LicenseError:  # a record written by another wikireuse version
        return None


def _license(
    short_name: str | None, code: str | None, url: str | None, terms: str | None
) -> tuple[PageLicense, tuple[str, ...]]:
    """The licence the three licence fields name, and the problems found."""
    from wikireuse.exceptions import LicenseInputError
    from wikireuse.licenses import UNKNOWN_ID, is_known, parse
    from wikireuse.licenses._model import LicenseRef, render

    named = [
        (field, text)
        for field, text in (
            ("LicenseShortName", short_name),
            ("License", code),
            ("LicenseUrl", url),
        )
        if text
    ]
    known = []
    for field, text in named:
        try:
            expr = parse(text)
        except LicenseInputError:
            # Past the checker's size or nesting limits: no licence text is
            # that long, so it names none we know (flagged below, not fatal).
            continue
        if is_known(expr):
            known.append((field, text, expr))
    if not known:
        problem = "unknown-license" if named or terms else "no-license"
        if named:
            shown = ", ".join(f"{f} {t!r}" for f, t in named)
            basis = f"the file's metadata gives {shown}, which names no licence "
            basis += "wikireuse recognises"
        else:
            basis = "the file's metadata names no licence (no LicenseShortName, "
            basis += "License or LicenseUrl; a wiki without the CommonsMetadata "
            basis += "extension reports none)"
        return (
            PageLicense(
                spdx=UNKNOWN_ID,
                name=short_name or "",
                url=url or "",
                basis=basis,
            ),
            (problem,),
        )
    field, text, expr = known[0]
    problems: tuple[str, ...] = ()
    basis = f"the file's metadata: {field} {text!r}"
    others = [(f, t) for f, t, e in known[1:] if render(e) != render(expr)]
    if others:
        problems = ("license-conflict",)
        basis += "; but " + ", ".join(f"{f} {t!r}" for f, t in others) + " differ"
    if isinstance(expr, LicenseRef):
        found = expr.license
        return (
            PageLicense(
                spdx=found.id,
                name=found.name,
                url=url or found.deed_url or found.legal_code_url,
                basis=basis,
            ),
            problems,
        )
    return PageLicense(spdx=render(expr), name=text, url=url or "", basis=basis), (
        problems
    )


def parse_imageinfo(
    page: Mapping[str, Any],
    *,
    wiki: str,
    lang: str = "en",
    requested: str | None = None,
    normalized_from: str | None = None,
    redirects: Iterable[str] = (),
    page_url: str | None = None,
    provenance: Provenance | None = None,
) -> MediaFile:
    """Build a :class:`MediaFile` from one page of ``prop=imageinfo``.

    Both formatversion 1 and 2 pages are read, and ``videoinfo`` (the same
    record from TimedMediaHandler) as well as ``imageinfo``; only the first
    (current) file version is used.

    Args:
        page: The page object (with ``title``, ``ns``, ``imageinfo``).
        wiki: The Action API URL it came from.
        lang: The language asked for translatable fields; multilingual
            values (``{"_type": "lang", ...}``) are resolved to it, else to
            English, else to the first given.
        requested: The title as asked (default: the page's title).
        normalized_from: The title before the wiki normalised it.
        redirects: File redirects followed.
        page_url: A page URL on the wiki the file lives on, to resolve
            site-relative links in the HTML fields (default: the file's
            ``descriptionurl``; for a shared file that is Commons, not
            *wiki*).
        provenance: Where the page was fetched.

    Raises:
        InvalidResponseError: When *page* has no file version to read.
    """
    infos = page.get("imageinfo") or page.get("videoinfo")
    if not isinstance(infos, list) or not infos or not isinstance(infos[0], Mapping):
        raise InvalidResponseError(
            message=f"no imageinfo in the page {str(page.get('title'))!r}", url=wiki
        )
    info: Mapping[str, Any] = infos[0]
    title = str(page.get("title", ""))
    description_url = _text(info.get("descriptionurl"))
    base_page = page_url or description_url
    base = LinkBase.from_page_url(base_page) if base_page else None
    raw = info.get("extmetadata")
    extmetadata: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    problems: list[str] = [] if isinstance(raw, Mapping) else ["no-extmetadata"]

    def rich(name: str) -> RichText | None:
        value = _field(extmetadata, name, lang)
        return None if value is None else _rich(value, base)[0]

    credit_html = _field(extmetadata, "Credit", lang)
    credit, credit_classes = (
        _rich(credit_html, base) if credit_html is not None else (None, frozenset())
    )
    artist = rich("Artist")
    attribution = rich("Attribution")
    description = rich("ImageDescription")
    usage_terms = rich("UsageTerms")
    # HTML like the other fields (entities, at times a link): read as text.
    short_name_html = _field(extmetadata, "LicenseShortName", lang)
    short_name = (
        read_html(short_name_html, base).text or None
        if short_name_html is not None
        else None
    )
    code = _field(extmetadata, "License", lang)
    raw_url = _field(extmetadata, "LicenseUrl", lang)
    license_url = safe_url(raw_url, base) if raw_url is not None else None
    license, license_problems = _license(
        short_name, code, license_url, usage_terms.text if usage_terms else None
    )
    problems.extend(license_problems)
    if artist is None and attribution is None:
        problems.append("no-author")
    if credit is None and attribution is None:
        problems.append("no-source")
    if description is None:
        problems.append("no-description")
    attribution_required = _boolish(_field(extmetadata, "AttributionRequired", lang))
    if attribution_required is False and _needs_credit(license):
        problems.append("attribution-conflict")
    non_free = _boolish(_field(extmetadata, "NonFree", lang))
    if non_free:
        problems.append("non-free")
    object_name = rich("ObjectName")
    timestamp = info.get("timestamp")
    return MediaFile(
        wiki=wiki,
        requested=requested if requested is not None else title,
        title=title,
        namespace=_whole(page.get("ns")) or FILE_NAMESPACE,
        pageid=_whole(page.get("pageid")) or None,
        normalized_from=normalized_from,
        redirects=tuple(redirects),
        repository=str(page.get("imagerepository", "")),
        description_url=description_url,
        description_short_url=_text(info.get("descriptionshorturl")),
        url=_text(info.get("url")),
        mime=_text(info.get("mime")),
        media_type=_text(info.get("mediatype")),
        size=_whole(info.get("size")),
        width=_dimension(info.get("width")),
        height=_dimension(info.get("height")),
        duration=(
            float(info["duration"])
            if isinstance(info.get("duration"), int | float)
            and not isinstance(info.get("duration"), bool)
            else None
        ),
        sha1=_text(info.get("sha1")),
        uploader=None if flag(info, "userhidden") else _text(info.get("user")),
        uploaded=(
            parse_timestamp(timestamp, field="imageinfo timestamp")
            if isinstance(timestamp, str) and timestamp
            else None
        ),
        artist=artist,
        credit=credit,
        own_work="int-own-work" in credit_classes,
        attribution=attribution,
        license_short_name=short_name,
        license_code=code,
        license_url=license_url,
        license=license,
        usage_terms=usage_terms,
        attribution_required=attribution_required,
        copyrighted=_boolish(_field(extmetadata, "Copyrighted", lang)),
        non_free=non_free,
        restrictions=_split(_field(extmetadata, "Restrictions", lang)),
        object_name=object_name.text if object_name is not None else None,
        description=description,
        date_original=rich("DateTimeOriginal"),
        date_time=_field(extmetadata, "DateTime", lang),
        permission=rich("Permission"),
        author_count=_whole(_field(extmetadata, "AuthorCount", lang)),
        deletion_reason=rich("DeletionReason"),
        categories=_split(_field(extmetadata, "Categories", lang)),
        assessments=_split(_field(extmetadata, "Assessments", lang)),
        problems=tuple(problems),
        metadata_language=lang,
        extmetadata_json=_json.canonical(extmetadata),
        provenance=provenance,
    )


def _pages(response: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    query = response.get("query")
    pages = query.get("pages") if isinstance(query, Mapping) else None
    if isinstance(pages, Mapping):  # formatversion 1: keyed by page id
        pages = list(pages.values())
    if not isinstance(pages, list):
        return []
    return [p for p in pages if isinstance(p, Mapping)]


def _title_map(response: Mapping[str, Any], key: str) -> dict[str, str]:
    query = response.get("query")
    items = query.get(key) if isinstance(query, Mapping) else None
    found: dict[str, str] = {}
    for item in items if isinstance(items, list) else ():
        if isinstance(item, Mapping) and "from" in item and "to" in item:
            found[str(item["from"])] = str(item["to"])
    return found


def parse_imageinfo_response(
    response: Mapping[str, Any],
    *,
    wiki: str,
    title: str,
    lang: str = "en",
    provenance: Provenance | None = None,
) -> MediaFile:
    """The :class:`MediaFile` for *title* in an ``action=query`` response.

    Title normalisation and file redirects in the response are followed and
    recorded.

    Args:
        response: The response (formatversion 1 or 2) to
            ``prop=imageinfo&titles=<title>``.
        wiki: The Action API URL it came from.
        title: The title that was asked for.
        lang: As for :func:`parse_imageinfo`.
        provenance: Where the response was fetched.

    Raises:
        InvalidTitleError: The wiki says *title* cannot exist, or it is an
            interwiki title.
        ConfigurationError: *title* is not in the file namespace (e.g. an
            article title, or a file name without ``File:``).
        PageNotFoundError: There is no such file.
        InvalidResponseError: The response has no page at all.
    """
    query = response.get("query")
    if isinstance(query, Mapping) and query.get("interwiki"):
        raise InvalidTitleError(
            message=f"{title!r} is an interwiki title; ask that wiki instead",
            url=wiki,
            code="interwiki",
            title=title,
            reason="interwiki title",
        )
    normalized = _title_map(response, "normalized")
    redirect_map = _title_map(response, "redirects")
    current = normalized.get(title, title)
    chain: list[str] = []
    while current in redirect_map and current not in chain:
        chain.append(current)
        current = redirect_map[current]
    pages = _pages(response)
    page = next((p for p in pages if p.get("title") == current), None)
    if page is None and len(pages) == 1:
        page = pages[0]
    if page is None:
        raise InvalidResponseError(
            message=f"the response has no page for {title!r}", url=wiki
        )
    shown = str(page.get("title", title))
    if flag(page, "invalid"):
        reason = str(page.get("invalidreason", ""))
        raise InvalidTitleError(
            message=f"{title!r} is not a valid title: {reason}",
            url=wiki,
            code="invalidtitle",
            title=title,
            reason=reason,
        )
    namespace = _whole(page.get("ns"))
    if namespace != FILE_NAMESPACE:
        raise ConfigurationError(
            message=f"{title!r} is not a file title (namespace {namespace}); "
            "media() needs a title in the File: namespace, e.g. 'File:Foo.jpg'"
        )
    infos = page.get("imageinfo") or page.get("videoinfo")
    if (
        not isinstance(infos, list)
        or not infos
        or not isinstance(infos[0], Mapping)
        or flag(infos[0], "filemissing")
    ):
        raise PageNotFoundError(
            message=f"no file {shown!r} on {wiki}",
            url=wiki,
            code="missingfile",
            title=shown,
        )
    return parse_imageinfo(
        page,
        wiki=wiki,
        lang=lang,
        requested=title,
        normalized_from=title if normalized.get(title, title) != title else None,
        redirects=chain,
        provenance=provenance,
    )
