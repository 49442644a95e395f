"""Wikidata (Wikibase) entities: labels, descriptions, aliases and sitelinks.

An :class:`Entity` is what ``action=wbgetentities`` returns for one item
(``Q42``), property (``P31``) or lexeme (``L7``): its terms in each language,
its links to pages on other wikis (sitelinks), the revision it was read at,
and its licence. Wikidata's structured data (the main, property and lexeme
namespaces) is dedicated to the public domain under **CC0 1.0**, so reuse
needs no attribution; the pages a sitelink points to keep their own licences.
Another Wikibase gets the licence it declares, or the explicit unknown one.

>>> entity = parse_entity({"type": "item", "id": "Q42", "lastrevid": 7,
...     "modified": "2024-01-02T03:04:05Z",
...     "labels": {"en": {"language": "en", "value": "Douglas Adams"},
...                "de": {"language": "de", "value": "Douglas Adams"}},
...     "sitelinks": {"enwiki": {"site": "enwiki", "title": "Douglas Adams",
...                              "badges": [], "url": "https://en.wikipedia.org/wiki/Douglas_Adams"}}},
...     wiki="https://www.wikidata.org/w/api.php", license=WIKIDATA_LICENSE)
>>> entity.label("fr", "en"), entity.sitelink("enwiki").title, entity.license.spdx
('Douglas Adams', 'Douglas Adams', 'CC0-1.0')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

import attrs

from wikireuse.core import _json
from wikireuse.core._time import format_timestamp, parse_timestamp
from wikireuse.exceptions import (
    ConfigurationError,
    InvalidResponseError,
    PageNotFoundError,
    RecordError,
)
from wikireuse.records.articles import PageLicense
from wikireuse.records.provenance import Provenance

__all__ = [
    "ENTITY_ID_RE",
    "ENTITY_SCHEMA",
    "WIKIDATA_LICENSE",
    "Entity",
    "Sitelink",
    "Term",
    "check_entity_id",
    "parse_entity",
    "parse_entity_response",
]

ENTITY_SCHEMA: Final = "wikireuse.entity/1"
"""The ``schema`` value of :meth:`Entity.to_dict`."""

ENTITY_ID_RE: Final = re.compile(r"^[QPLM][1-9][0-9]*(?:-[FS][1-9][0-9]*)?$")
"""Entity ids: items ``Q42``, properties ``P31``, lexemes ``L7`` (and their
forms ``L7-F1`` and senses ``L7-S1``), Commons media info ``M123``."""

WIKIDATA_LICENSE: Final = PageLicense(
    spdx="CC0-1.0",
    name="Creative Commons Zero v1.0 Universal",
    url="https://creativecommons.org/publicdomain/zero/1.0/",
    basis="Wikidata makes all structured data in its main, property and lexeme "
    "namespaces available under CC0 1.0 (Wikidata:Licensing); linked pages "
    "and media keep their own licences",
)
"""The licence of Wikidata's structured data: CC0 1.0."""


def check_entity_id(entity_id: Any) -> str:
    """*entity_id* in its canonical upper-case form.

    Raises:
        ConfigurationError: When it is not an entity id.

    >>> check_entity_id(" q42 ")
    'Q42'
    """
    if not isinstance(entity_id, str) or not ENTITY_ID_RE.match(
        entity_id.strip().upper()
    ):
        raise ConfigurationError(
            message=f"not a Wikibase entity id (Q42, P31, L7, L7-F1, M5): {entity_id!r}"
        )
    return entity_id.strip().upper()


@attrs.frozen(kw_only=True)
class Term:
    """A label, description or alias in one language.

    Attributes:
        language: Language code (``"en"``, ``"de-ch"``).
        value: The text.
    """

    language: str
    value: str


@attrs.frozen(kw_only=True)
class Sitelink:
    """A link from an entity to a page on another wiki.

    Attributes:
        site: The wiki's id (``"enwiki"``, ``"commonswiki"``).
        title: The page's title there.
        url: The page's URL, when the wiki gave it (``sitelinks/urls``).
        badges: Items marking the page, e.g. ``("Q17437796",)`` for a
            featured article.
    """

    site: str
    title: str
    url: str = ""
    badges: tuple[str, ...] = ()


def _pick(terms: tuple[Term, ...], languages: tuple[str, ...]) -> Term | None:
    by_language = {term.language: term for term in terms}
    for language in languages:
        if language in by_language:
            return by_language[language]
    return None if languages else next(iter(terms), None)


@attrs.frozen(kw_only=True)
class Entity:
    """A Wikibase entity with its terms, sitelinks, revision and licence.

    Terms are kept in the order the wiki listed them; read them with
    :meth:`label`, :meth:`description` and :meth:`aliases_in`.

    Attributes:
        wiki: The Action API URL of the Wikibase.
        id: The entity id (``"Q42"``).
        type: ``"item"``, ``"property"``, ``"lexeme"``, ``"mediainfo"``.
        requested: The id asked for; differs from *id* when the entity was
            a redirect.
        title: The entity's page title (``"Q42"``, ``"Property:P31"``).
        pageid: Its page id.
        url: Its page URL on the wiki.
        labels: One label per language.
        descriptions: One description per language.
        aliases: Aliases, several per language possible.
        sitelinks: Links to pages on other wikis.
        lastrevid: The revision of the entity read.
        modified: When that revision was saved.
        license: The licence of the data: CC0 1.0 on Wikidata.
        provenance: Where and how it was fetched; ``None`` only for a record
            parsed offline without one.

    .. versionadded:: 0.1.0
    """

    wiki: str
    id: str
    type: str
    requested: str = ""
    title: str = ""
    pageid: int | None = None
    url: str = ""
    labels: tuple[Term, ...] = ()
    descriptions: tuple[Term, ...] = ()
    aliases: tuple[Term, ...] = ()
    sitelinks: tuple[Sitelink, ...] = ()
    lastrevid: int | None = None
    modified: datetime | None = None
    license: PageLicense
    provenance: Provenance | None = None

    def label(self, *languages: str) -> str | None:
        """The label in the first of *languages* that has one.

        Without *languages*, the first label given; ``None`` when none fits.
        """
        found = _pick(self.labels, languages)
        return found.value if found is not None else None

    def description(self, *languages: str) -> str | None:
        """The description in the first of *languages* that has one."""
        found = _pick(self.descriptions, languages)
        return found.value if found is not None else None

    def aliases_in(self, language: str) -> tuple[str, ...]:
        """The aliases in *language*, in order."""
        return tuple(a.value for a in self.aliases if a.language == language)

    def sitelink(self, site: str) -> Sitelink | None:
        """The sitelink to *site* (``"enwiki"``), if any."""
        return next((s for s in self.sitelinks if s.site == site), None)

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with a label, in order."""
        return tuple(term.language for term in self.labels)

    # Shaped like Article.to_dict by nature, not copied: each record lists its
    # own fields under stable names (`duplicates` pairs the two).
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe values with stable names (schema ``wikireuse.entity/1``)."""
        return {
            "schema": ENTITY_SCHEMA,
            "wiki": self.wiki,
            "id": self.id,
            "type": self.type,
            "requested": self.requested,
            "title": self.title,
            "pageid": self.pageid,
            "url": self.url,
            "labels": [attrs.asdict(t) for t in self.labels],
            "descriptions": [attrs.asdict(t) for t in self.descriptions],
            "aliases": [attrs.asdict(t) for t in self.aliases],
            "sitelinks": [
                {**attrs.asdict(s), "badges": list(s.badges)} for s in self.sitelinks
            ],
            "lastrevid": self.lastrevid,
            "modified": (
                format_timestamp(self.modified) if self.modified is not None else None
            ),
            "license": self.license.to_dict(),
            "provenance": (
                self.provenance.to_dict() if self.provenance is not None else None
            ),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        """Read what :meth:`to_dict` wrote.

        Raises:
            RecordError: When *data* is not an entity record.
        """
        if not isinstance(data, Mapping) or data.get("schema") != ENTITY_SCHEMA:
            raise RecordError(
                message=f"not a {ENTITY_SCHEMA} record: {str(data)[:200]!r}"
            )
        try:
            modified = data.get("modified")
            provenance = data.get("provenance")

            def terms(key: str) -> tuple[Term, ...]:
                return tuple(
                    Term(language=str(t["language"]), value=str(t["value"]))
                    for t in data.get(key, ())
                )

            return cls(
                wiki=str(data["wiki"]),
                id=str(data["id"]),
                type=str(data["type"]),
                requested=str(data.get("requested", "")),
                title=str(data.get("title", "")),
                pageid=data.get("pageid"),
                url=str(data.get("url", "")),
                labels=terms("labels"),
                descriptions=terms("descriptions"),
                aliases=terms("aliases"),
                sitelinks=tuple(
                    Sitelink(
                        site=str(s["site"]),
                        title=str(s["title"]),
                        url=str(s.get("url", "")),
                        badges=tuple(str(b) for b in s.get("badges", ())),
                    )
                    for s in data.get("sitelinks", ())
                ),
                lastrevid=data.get("lastrevid"),
                modified=(
                    parse_timestamp(modified, field="modified")
                    if modified is not None
                    else None
                ),
                license=PageLicense.from_dict(data["license"]),
                provenance=(
                    Provenance.from_dict(provenance) if provenance is not None else None
                ),
            )
        except (KeyError, TypeError, ValueError, InvalidResponseError) as exc:
            raise RecordError(message=f"incomplete entity record: {exc}") from exc

    def to_json(self) -> str:
        """:meth:`to_dict` as compact JSON."""
        return _json.compact(self.to_dict())

    @classmethod
    def from_json(cls, text: str) -> Entity:
        """Read what :meth:`to_json` wrote.

        Raises:
            RecordError: When *text* is not an entity record.
        """
        return cls.from_dict(_json.load(text))


# -- parsing -----------------------------------------------------------------


def _terms(value: Any) -> tuple[Term, ...]:
    """Terms from ``{"en": {"language": "en", "value": ...}}`` (or lists of them)."""
    if not isinstance(value, Mapping):
        return ()  # an entity without terms is sent as [] by the API
    found: list[Term] = []
    for language, entries in value.items():
        items = entries if isinstance(entries, list) else [entries]
        for item in items:
            if isinstance(item, Mapping) and isinstance(item.get("value"), str):
                found.append(
                    Term(
                        language=str(item.get("language", language)),
                        value=item["value"],
                    )
                )
    return tuple(found)


def _sitelinks(value: Any) -> tuple[Sitelink, ...]:
    if not isinstance(value, Mapping):
        return ()
    links: list[Sitelink] = []
    for site, item in value.items():
        if isinstance(item, Mapping) and isinstance(item.get("title"), str):
            badges = item.get("badges")
            links.append(
                Sitelink(
                    site=str(item.get("site", site)),
                    title=item["title"],
                    url=str(item.get("url", "")),
                    badges=tuple(str(b) for b in badges)
                    if isinstance(badges, list)
                    else (),
                )
            )
    return tuple(links)


def parse_entity(
    data: Mapping[str, Any],
    *,
    wiki: str,
    license: PageLicense,
    requested: str | None = None,
    url: str = "",
    provenance: Provenance | None = None,
) -> Entity:
    """Build an :class:`Entity` from one entity object of ``wbgetentities``.

    Args:
        data: The entity (``{"type": ..., "id": ..., "labels": ...}``).
        wiki: The Action API URL it came from.
        license: The licence of the data (:data:`WIKIDATA_LICENSE` on
            Wikidata).
        requested: The id asked for (default: the entity's id).
        url: The entity's page URL.
        provenance: Where it was fetched.

    Raises:
        InvalidResponseError: When *data* has no id.
    """
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id:
        raise InvalidResponseError(
            message=f"an entity without an id: {str(data)[:200]!r}", url=wiki
        )
    modified = data.get("modified")
    lastrevid = data.get("lastrevid")
    pageid = data.get("pageid")
    return Entity(
        wiki=wiki,
        id=entity_id,
        type=str(data.get("type", "")),
        requested=requested if requested is not None else entity_id,
        title=str(data.get("title", "")),
        pageid=pageid if isinstance(pageid, int) and pageid > 0 else None,
        url=url,
        labels=_terms(data.get("labels")),
        descriptions=_terms(data.get("descriptions")),
        aliases=_terms(data.get("aliases")),
        sitelinks=_sitelinks(data.get("sitelinks")),
        lastrevid=lastrevid if isinstance(lastrevid, int) else None,
        modified=(
            parse_timestamp(modified, field="modified")
            if isinstance(modified, str)
            else None
        ),
        license=license,
        provenance=provenance,
    )


def _entity_record(response: Mapping[str, Any], entity_id: str, *, wiki: str) -> Any:
    """The entity object for *entity_id* in a ``wbgetentities`` response.

    Raises:
        PageNotFoundError: The entity does not exist (or was deleted).
        InvalidResponseError: The response has no such entity.
    """
    entities = response.get("entities")
    if not isinstance(entities, Mapping):
        raise InvalidResponseError(
            message=f"wbgetentities answered without 'entities' for {entity_id}",
            url=wiki,
        )
    data = entities.get(entity_id)
    if data is None and len(entities) == 1:
        data = next(iter(entities.values()))
    if not isinstance(data, Mapping):
        raise InvalidResponseError(
            message=f"wbgetentities answered without {entity_id}", url=wiki
        )
    if "missing" in data and data["missing"] is not False:
        raise PageNotFoundError(
            message=f"no entity {entity_id} on {wiki}",
            url=wiki,
            code="no-such-entity",
            title=entity_id,
        )
    return data


def parse_entity_response(
    response: Mapping[str, Any],
    entity_id: str,
    *,
    wiki: str,
    license: PageLicense,
    url_for: Callable[[str], str] | None = None,
    provenance: Provenance | None = None,
) -> Entity:
    """The :class:`Entity` *entity_id* from a ``wbgetentities`` response.

    Args:
        response: The response.
        entity_id: The id asked for.
        wiki: The Action API URL it came from.
        license: The licence of the data.
        url_for: A function from the entity's page title to its URL.
        provenance: Where it was fetched.

    Raises:
        PageNotFoundError: The entity does not exist.
        InvalidResponseError: The response does not hold it.
    """
    data = _entity_record(response, entity_id, wiki=wiki)
    title = str(data.get("title", "") or data.get("id", ""))
    return parse_entity(
        data,
        wiki=wiki,
        license=license,
        requested=entity_id,
        url=url_for(title) if url_for is not None and title else "",
        provenance=provenance,
    )
