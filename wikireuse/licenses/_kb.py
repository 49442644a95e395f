"""Lazy, cached loader of the licence knowledge base and its lookup indexes.

The JSON file (``_data/licenses.json``, written by
``tools/build_license_data.py``) is read on the first lookup, once per
process, and turned into frozen :class:`~wikireuse.licenses.License` records.
Tests point the loader at another file with :func:`use_data`.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from wikireuse.exceptions import LicenseError, UnknownLicenseError
from wikireuse.licenses._model import (
    UNKNOWN_ID,
    AdaptationRule,
    Compatibility,
    Element,
    Kind,
    License,
    Source,
)

__all__ = [
    "DEFAULT_DATA_PATH",
    "KnowledgeBase",
    "current",
    "derived",
    "load",
    "norm_key",
    "unknown",
    "url_key",
    "use_data",
]

# A plain path string: pathlib alone would cost ~3 ms of cold import time.
DEFAULT_DATA_PATH = os.path.join(os.path.dirname(__file__), "_data", "licenses.json")


def norm_key(text: str) -> str:
    """Lookup key: case-folded, underscores as spaces, whitespace collapsed.

    Must match ``norm_key`` in ``tools/build_license_data.py``, which rejects
    data where two records share a key.

    >>> norm_key("  Cc-by-SA_4.0 ")
    'cc-by-sa 4.0'
    """
    return " ".join(text.replace("_", " ").casefold().split())


# Longer text is no mistyped licence name: no suggestions, and no quadratic
# string comparison on hostile input.
_SUGGEST_MAX = 80

_SQUASH = re.compile(r"[\W_]+")
# Words that many names carry and that tell no licence from another.
_FILLER = re.compile(
    r"\b(?:the|licen[cs]e[sd]?|version|international|unported|generic|public)\b"
)


def _squash(text: str) -> str:
    """Letters and digits of the telling words: "CC BY SA 4.0" = "cc-by-sa-4.0"."""
    return _SQUASH.sub("", _FILLER.sub("", text.casefold()))


_URL_SCHEME = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
# Trailing parts that do not change which licence a URL names: CC's
# legalcode/deed pages (any language), GNU's .html/.txt/.en.html renderings,
# RDF and plain-text renderings.
_URL_TAIL = re.compile(
    r"(?:/(?:legalcode|deed)(?:\.[a-z]{2,3}(?:[-_][a-z]{2,4})?)?(?:\.txt)?"
    r"|/rdf|/summary|(?:\.[a-z]{2})?\.(?:html?|txt|php))$",
)


def url_key(url: str) -> str:
    """The scheme-, host-prefix- and rendering-independent key of a licence URL.

    >>> url_key("http://www.creativecommons.org/licenses/by-sa/3.0/de/deed.de")
    'creativecommons.org/licenses/by-sa/3.0/de'
    >>> url_key("https://www.gnu.org/licenses/gpl-3.0.en.html")
    'gnu.org/licenses/gpl-3.0'
    """
    key = url.strip().casefold()
    key = _URL_SCHEME.sub("", key)
    key = key.split("#", 1)[0].split("?", 1)[0]
    key = key.removeprefix("www.")
    key = key.rstrip("/")
    for _ in range(2):  # e.g. ".../legalcode.txt" then nothing more
        key = _URL_TAIL.sub("", key).rstrip("/")
    return key


@attrs.frozen(kw_only=True)
class KnowledgeBase:
    """Every record plus the indexes :func:`~wikireuse.licenses.parse` uses.

    Attributes:
        licenses: Every record, sorted by id (the unknown record included).
        by_id: Record by exact id.
        sources: The sources table, by key.
        names: Normalised name (id, template, category, extmetadata name,
            alias, full name) → id.
        urls: :func:`url_key` of every URL form → id.
        cc: ``(elements, version, port)`` of every Creative Commons licence → id.
        multi: Normalised name of a Commons template that offers several
            licences at once (``Cc-by-sa-all``) → their ids (an OR).
        path: The data file this was read from.
    """

    licenses: tuple[License, ...]
    by_id: Mapping[str, License]
    sources: Mapping[str, Source]
    names: Mapping[str, str]
    urls: Mapping[str, str]
    cc: Mapping[tuple[frozenset[Element], str, str | None], str]
    multi: Mapping[str, tuple[str, ...]]
    path: str

    def get(self, license_id: str) -> License:
        """The record with this id (exact, then case-insensitive).

        Raises:
            UnknownLicenseError: No record has this id.
        """
        found = self.by_id.get(license_id)
        if found is None:
            key = self.names.get(norm_key(license_id))
            if key is not None and norm_key(key) == norm_key(license_id):
                found = self.by_id[key]
        if found is None or found.kind is Kind.UNKNOWN:
            close = self.suggest(license_id)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownLicenseError(
                message=f"no licence with id {license_id!r} in the knowledge "
                f"base{hint}",
                text=license_id,
                suggestions=close,
            )
        return found

    def suggest(self, text: str, limit: int = 5) -> tuple[str, ...]:
        """Ids of the licences whose names are closest to *text*, best first.

        Every name :func:`~wikireuse.licenses.parse` reads (ids, full names,
        templates, short names, aliases) is compared with *text*; texts longer
        than a name could be get no suggestion (and cost nothing).
        """
        key = _squash(text)
        if not key or len(key) > _SUGGEST_MAX:
            return ()
        import difflib  # only on this error path

        index = _suggest_index(self)
        # difflib's ratio is quadratic in the worst case: it only ranks the
        # few names that share the most letter pairs with the text.
        pairs = _pairs(key)
        nearest = sorted(
            index, key=lambda item: -len(pairs & item[1]) / len(pairs | item[1])
        )[: 8 * limit]
        close = difflib.get_close_matches(
            key, [name for name, _, _ in nearest], n=4 * limit, cutoff=0.6
        )
        ids = {name: license_id for name, _, license_id in nearest}
        return tuple(dict.fromkeys(ids[name] for name in close))[:limit]


_SuggestIndex = list[tuple[str, frozenset[str], str]]
_suggest_indexes: dict[int, tuple[KnowledgeBase, _SuggestIndex]] = {}


def _suggest_index(kb: KnowledgeBase) -> _SuggestIndex:
    """(squashed name, its letter pairs, id) of every name, built once per base."""
    held = _suggest_indexes.get(id(kb))
    if held is not None and held[0] is kb:
        return held[1]
    squashed: dict[str, str] = {}
    for name, license_id in kb.names.items():
        squashed.setdefault(_squash(name), license_id)
    index = [(name, _pairs(name), license_id) for name, license_id in squashed.items()]
    _suggest_indexes.clear()  # one base at a time is current
    _suggest_indexes[id(kb)] = (kb, index)
    return index


def _pairs(text: str) -> frozenset[str]:
    """The letter pairs of *text* (the text itself when shorter than two)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset(
        (text,)
    )


def _cited(pairs: list[list[str]], table: Mapping[str, Source]) -> tuple[Source, ...]:
    """``[key, clause]`` pairs of the data file as sources with their clause."""
    found = []
    for key, clause in pairs:
        s = table[key]
        found.append(Source(key=key, title=s.title, url=s.url, clause=clause))
    return tuple(found)


def _rule(raw: Mapping[str, Any], table: Mapping[str, Source]) -> AdaptationRule:
    return AdaptationRule(
        mode=raw["mode"],
        targets=tuple(raw["targets"]),
        compatible=tuple(Compatibility(**c) for c in raw["compatible"]),
        conditional=tuple(raw["conditional"]),
        excluded=tuple(raw["excluded"]),
        note=raw["note"],
        sources=tuple(dict.fromkeys(key for key, _clause in raw["sources"])),
        citations=_cited(raw["sources"], table),
    )


def _record(raw: Mapping[str, Any], table: Mapping[str, Source]) -> License:
    return License(
        id=raw["id"],
        name=raw["name"],
        family=raw["family"],
        kind=Kind(raw["kind"]),
        version=raw["version"],
        port=raw["port"],
        elements=frozenset(Element(e) for e in raw["elements"]),
        or_later=raw["or_later"],
        adaptation=_rule(raw["adaptation"], table),
        drm=raw["drm"],
        drm_note=raw["drm_note"],
        no_additional_restrictions=raw["no_additional_restrictions"],
        attribution=tuple(raw["attribution"]),
        private_adaptation_ok=raw["private_adaptation_ok"],
        legal_code_url=raw["legal_code_url"],
        deed_url=raw["deed_url"],
        commons_templates=tuple(raw["commons_templates"]),
        commons_categories=tuple(raw["commons_categories"]),
        extmetadata_names=tuple(raw["extmetadata_names"]),
        aliases=tuple(raw["aliases"]),
        urls=tuple(raw["urls"]),
        deprecated=raw["deprecated"],
        sources=_cited(raw["sources"], table),
        notes=tuple(raw["notes"]),
        spdx=raw["spdx"],
        wikidata=raw["wikidata"],
    )


def load(path: str | os.PathLike[str] = DEFAULT_DATA_PATH) -> KnowledgeBase:
    """Read and index a knowledge-base file (uncached; see :func:`current`).

    Raises:
        LicenseError: The file is missing, not JSON, or not in the expected
            shape.
    """
    import json  # only needed once per process, on first use

    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        table = {
            key: Source(key=key, title=v["title"], url=v["url"])
            for key, v in data["sources"].items()
        }
        licenses = tuple(_record(raw, table) for raw in data["licenses"])
        multi = {
            norm_key(name): tuple(entry["licenses"])
            for name, entry in data.get("multi_templates", {}).items()
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LicenseError(
            message=f"cannot read the licence knowledge base {path}: {exc}"
        ) from exc
    by_id = {lic.id: lic for lic in licenses}
    if UNKNOWN_ID not in by_id:
        raise LicenseError(message=f"{path} has no {UNKNOWN_ID} record")
    names: dict[str, str] = {}
    urls: dict[str, str] = {}
    cc: dict[tuple[frozenset[Element], str, str | None], str] = {}
    for lic in licenses:
        if lic.kind is Kind.UNKNOWN:
            continue
        for name in (
            lic.id,
            lic.name,
            *lic.commons_templates,
            *lic.commons_categories,
            *lic.extmetadata_names,
            *lic.aliases,
        ):
            names.setdefault(norm_key(name), lic.id)
        for url in lic.urls:
            urls.setdefault(url_key(url), lic.id)
        if lic.family == "CC" and lic.version is not None:
            cc[(lic.elements, lic.version, lic.port)] = lic.id
    return KnowledgeBase(
        licenses=licenses,
        by_id=by_id,
        sources=table,
        names=names,
        urls=urls,
        cc=cc,
        multi=multi,
        path=path,
    )


_lock = threading.Lock()
_path = DEFAULT_DATA_PATH
_loaded: KnowledgeBase | None = None


def current() -> KnowledgeBase:
    """The process-wide knowledge base, loaded on first use and then cached."""
    global _loaded
    kb = _loaded
    if kb is None:
        with _lock:
            kb = _loaded
            if kb is None:
                kb = _loaded = load(_path)
    return kb


def use_data(path: str | os.PathLike[str] | None = None) -> None:
    """Point the loader at another data file (``None``: the bundled one).

    The cache is dropped; the file is read on the next lookup. Meant for tests
    and for deployments that ship an updated knowledge base.
    """
    global _path, _loaded
    with _lock:
        _path = DEFAULT_DATA_PATH if path is None else os.fspath(path)
        _loaded = None


_T = TypeVar("_T")


def derived(build: Callable[[KnowledgeBase], _T]) -> Callable[[], _T]:
    """Decorator: *build* of the current knowledge base, built once per base.

    The value is rebuilt only after :func:`use_data` replaced the base.

    >>> @derived
    ... def count(kb: KnowledgeBase) -> int:
    ...     return len(kb.licenses)
    >>> count() == len(current().licenses)
    True
    """
    held: list[tuple[KnowledgeBase, _T]] = []
    lock = threading.Lock()

    def get() -> _T:
        kb = current()
        if held and held[0][0] is kb:
            return held[0][1]
        with lock:
            if not held or held[0][0] is not kb:
                held[:] = [(kb, build(kb))]
            return held[0][1]

    get.__doc__ = build.__doc__
    return get


def unknown(note: str = "") -> License:
    """The explicit unknown record; *note* (why the text is unknown) comes first.

    >>> unknown("no such licence").notes[0]
    'no such licence'
    """
    base = current().by_id[UNKNOWN_ID]
    if not note:
        return base
    return attrs.evolve(base, notes=(note, *base.notes))
