"""Fetching files and Wikibase entities: :meth:`Client.media` and :meth:`Client.entity`.

Each is one Action API request whose answer is parsed by the pure functions
of :mod:`wikireuse.media` and :mod:`wikireuse.entities`, plus (for entities,
once per client and wiki) the wiki's site info for page URLs and licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from wikireuse.core import _json
from wikireuse.core._time import parse_timestamp
from wikireuse.exceptions import APIError, ConfigurationError, PageNotFoundError
from wikireuse.records.articles import LicenseTimeline, PageLicense
from wikireuse.records.entities import (
    WIKIDATA_LICENSE,
    Entity,
    _entity_record,
    check_entity_id,
    parse_entity_response,
)
from wikireuse.records.media import MediaFile, _pages, parse_imageinfo_response
from wikireuse.records.provenance import content_hash

if TYPE_CHECKING:
    from wikireuse.client import Client
    from wikireuse.records._values import SiteInfo, Wiki

__all__ = ["WIKIDATA", "fetch_entity", "fetch_media"]

WIKIDATA: Final = "www.wikidata.org"
"""The wiki :meth:`Client.entity` asks unless told otherwise."""

# What imageinfo reports about the current file version.
_IIPROP: Final = "url|size|mime|mediatype|sha1|user|timestamp|extmetadata"
_LANG_RE: Final = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$", re.IGNORECASE)
# Wikis whose entities are CC0 whatever the wiki's text licence is.
_CC0_WIKIBASES: Final = frozenset({"wikidatawiki", "testwikidatawiki"})
_COMMONS_SDC_BASIS: Final = (
    "structured data on Wikimedia Commons (MediaInfo entities) is available "
    "under CC0 1.0, unlike the file description pages"
)


def _check_lang(lang: Any, what: str = "lang") -> str:
    if not isinstance(lang, str) or not _LANG_RE.match(lang):
        raise ConfigurationError(
            message=f"{what} must be a language code such as 'en' or 'de-ch', "
            f"got {lang!r}"
        )
    return lang


def fetch_media(
    client: Client, title: str, *, wiki: Wiki | str | None, lang: str
) -> MediaFile:
    """Fetch *title*'s file record and ``extmetadata`` in one request.

    ``prop=imageinfo|info|revisions`` in one ``action=query``: the file's
    current version (URL, size, MIME, media type, SHA-1, uploader, time,
    extmetadata in *lang*), and the description page's latest revision
    (id and time), which the metadata was read from. File redirects are
    followed.

    Raises:
        ConfigurationError: An empty title or a bad *lang*; or a title that
            the wiki places outside the file namespace.
        InvalidTitleError: A title the wiki cannot have (or an interwiki
            title).
        PageNotFoundError: No such file.
    """
    if not isinstance(title, str) or not title.strip():
        raise ConfigurationError(message=f"a file title is needed, got {title!r}")
    _check_lang(lang)
    target = client._target(wiki)
    params: dict[str, Any] = {
        "action": "query",
        "prop": "imageinfo|info|revisions",
        "iiprop": _IIPROP,
        "iiextmetadatalanguage": lang,
        "rvprop": "ids|timestamp",
        "redirects": True,
        # A list, so that a "|" in the title is sent as part of the title
        # (and rejected by the wiki) instead of splitting it in two.
        "titles": [title],
    }
    sent = client._action_params(params)
    response = client.action(params, target)
    media = parse_imageinfo_response(
        response, wiki=target.api_url, title=title, lang=lang
    )
    page = next((p for p in _pages(response) if p.get("title") == media.title), {})
    infos = page.get("imageinfo") or page.get("videoinfo") or [{}]
    revisions = page.get("revisions")
    revision = revisions[0] if isinstance(revisions, list) and revisions else {}
    revid = revision.get("revid", page.get("lastrevid"))
    stamp = revision.get("timestamp")
    provenance = client._provenance(
        wiki=target,
        endpoint=target.api_url,
        params=sent,
        revid=revid if isinstance(revid, int) and revid > 0 else None,
        rev_timestamp=(
            parse_timestamp(stamp, field="revision timestamp")
            if isinstance(stamp, str)
            else None
        ),
        content_hash=content_hash(_json.canonical(infos[0])),
    )
    return attrs.evolve(media, provenance=provenance)


def _entity_license(site: SiteInfo, entity_id: str) -> PageLicense:
    """The licence of an entity's data on the wiki described by *site*."""
    if site.wiki_id in _CC0_WIKIBASES:
        return WIKIDATA_LICENSE
    if site.wiki_id == "commonswiki" and entity_id.startswith("M"):
        return attrs.evolve(WIKIDATA_LICENSE, basis=_COMMONS_SDC_BASIS)
    # Another Wikibase: what it declares, or the explicit unknown licence.
    declared = LicenseTimeline().license_for(
        rights_url=site.rights_url,
        rights_text=site.rights_text,
        timestamp=LicenseTimeline().cutover,
        wikimedia=False,
    )
    return attrs.evolve(
        declared, basis=declared.basis + " (a Wikibase other than Wikidata)"
    )


def fetch_entity(
    client: Client,
    entity_id: str,
    *,
    wiki: Wiki | str | None,
    languages: Iterable[str] | None,
) -> Entity:
    """Fetch one entity's terms and sitelinks (``action=wbgetentities``).

    The wiki is Wikidata unless *wiki* names another Wikibase. Its site info
    (read once per client) gives the entity's page URL and, for a Wikibase
    other than Wikidata, the licence it declares.

    Raises:
        ConfigurationError: A malformed id or language.
        PageNotFoundError: No such entity.
    """
    entity_id = check_entity_id(entity_id)
    wanted: tuple[str, ...] | None = None
    if languages is not None:
        if isinstance(languages, str):
            raise ConfigurationError(
                message="languages must be an iterable of codes, not one string"
            )
        wanted = tuple(_check_lang(code, "a language") for code in languages)
    target = client._target(wiki if wiki is not None else WIKIDATA)
    params: dict[str, Any] = {
        "action": "wbgetentities",
        "ids": entity_id,
        "props": "info|labels|descriptions|aliases|sitelinks/urls",
    }
    if wanted:
        params["languages"] = list(wanted)
    sent = client._action_params(params)
    try:
        response = client.action(params, target)
    except APIError as exc:
        if exc.code == "no-such-entity":
            raise PageNotFoundError(
                message=f"no entity {entity_id} on {target.host}: {exc.info}",
                url=target.api_url,
                code=exc.code,
                info=exc.info,
                title=entity_id,
            ) from exc
        raise
    site = client.site_info(target)
    entity = parse_entity_response(
        response,
        entity_id,
        wiki=target.api_url,
        license=_entity_license(site, entity_id),
        url_for=site.article_url,
    )
    record = _entity_record(response, entity_id, wiki=target.api_url)
    provenance = client._provenance(
        wiki=target,
        endpoint=target.api_url,
        params=sent,
        revid=entity.lastrevid,
        rev_timestamp=entity.modified,
        content_hash=content_hash(_json.canonical(record)),
    )
    return attrs.evolve(entity, provenance=provenance)
