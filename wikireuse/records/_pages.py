"""Merging the pages of many ``action=query`` responses into one dict per page.

A page can come back several times: in several batches of titles, and in
several continuations of one batch (``prop=revisions|categories`` hand out
their data in slices, each response carrying part of a page's lists). This
module folds all of them together, keyed by page id (or by title for missing
and invalid pages), and can put the result back into the caller's input
order through the API's ``normalized`` and ``redirects`` maps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard
from urllib.parse import unquote

from wikireuse.core import _json

__all__ = ["PageMerger", "flag", "merge_into"]

_Key = tuple[str, Any]


def flag(item: Mapping[str, Any], key: str) -> bool:
    """A boolean of either API format (``true`` in 2, ``""`` in 1).

    >>> flag({"missing": True}, "missing"), flag({"missing": ""}, "missing")
    (True, True)
    >>> flag({"missing": False}, "missing"), flag({}, "missing")
    (False, False)
    """
    value = item.get(key, False)
    return value is not False and value is not None


def merge_into(target: dict[str, Any], new: Mapping[str, Any]) -> None:
    """Merge a page's data from another response into *target*, in place.

    Lists (revisions, contributors, categories, ...) are concatenated without
    duplicates, mappings are merged recursively, and any other value is taken
    from the newer response.

    >>> page = {"title": "A", "categories": [{"title": "C1"}]}
    >>> merge_into(page, {"title": "A", "categories": [{"title": "C1"}, {"title": "C2"}]})
    >>> [c["title"] for c in page["categories"]]
    ['C1', 'C2']
    """  # noqa: E501
    for key, value in new.items():
        if key not in target:
            target[key] = value
            continue
        old = target[key]
        if isinstance(old, list) and isinstance(value, list):
            seen = {_json.canonical(item) for item in old}
            for item in value:
                mark = _json.canonical(item)
                if mark not in seen:
                    seen.add(mark)
                    old.append(item)
        elif isinstance(old, dict) and isinstance(value, Mapping):
            merge_into(old, value)
        else:
            target[key] = value


def _source(entry: Mapping[str, Any]) -> str:
    """The ``from`` of a normalisation as the caller sent it.

    MediaWiki percent-encodes ``from`` (and sets ``fromencoded``) when the
    input was not valid NFC Unicode, e.g. a decomposed accent; decoding it
    gives back the caller's own string, so the input can still be matched.

    >>> _source({"from": "A%CC%81x", "fromencoded": True}) == "A\u0301x"
    True
    >>> _source({"from": "A%CC%81x", "fromencoded": ""}) == "A\u0301x"  # format 1
    True
    >>> _source({"from": "100%_sure", "fromencoded": False})
    '100%_sure'
    """
    source = str(entry["from"])
    # formatversion=2 says true/false; formatversion=1 sends "" for true and
    # leaves the key out for false.
    encoded = entry.get("fromencoded", False)
    return unquote(source) if encoded is not False and encoded is not None else source


def _valid_id(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


class PageMerger:
    """Collects the pages of many responses, one dict per page, in API order.

    >>> merger = PageMerger()
    >>> merger.add({"query": {"pages": [{"pageid": 1, "title": "A", "revisions": [1]}]}})
    >>> merger.add({"query": {"pages": [{"pageid": 1, "title": "A", "revisions": [2]}]}})
    >>> merger.result()["pages"]
    ({'pageid': 1, 'title': 'A', 'revisions': [1, 2]},)
    """  # noqa: E501

    def __init__(self) -> None:
        self.pages: dict[_Key, dict[str, Any]] = {}
        self.by_title: dict[str, _Key] = {}
        self.by_id: dict[int, _Key] = {}
        self.normalized: dict[tuple[str, str], None] = {}
        self.redirects: dict[tuple[str, str], None] = {}

    def add(self, data: Mapping[str, Any]) -> None:
        """Fold the pages, normalisations and redirects of one response in."""
        query = data.get("query")
        if not isinstance(query, Mapping):
            return
        for name, store in (
            ("normalized", self.normalized),
            ("converted", self.normalized),
            ("redirects", self.redirects),
        ):
            entries = query.get(name)
            if isinstance(entries, list):
                for entry in entries:
                    if isinstance(entry, Mapping) and "from" in entry and "to" in entry:
                        store[(_source(entry), str(entry["to"]))] = None
        pages = query.get("pages")
        if isinstance(pages, Mapping):  # formatversion=1: keyed by page id
            pages = list(pages.values())
        if not isinstance(pages, list):
            return
        for page in pages:
            if isinstance(page, Mapping):
                self._add_page(page)

    def _add_page(self, page: Mapping[str, Any]) -> None:
        raw_id = page.get("pageid")
        pageid = raw_id if _valid_id(raw_id) else None
        title = page.get("title")
        key: _Key | None = None
        if pageid is not None:
            key = self.by_id.get(pageid)
        if key is None and isinstance(title, str):
            key = self.by_title.get(title)
        if key is None:
            if pageid is not None:
                key = ("id", pageid)
            elif isinstance(title, str):
                key = ("title", title)
            else:
                key = ("anon", len(self.pages))
            self.pages[key] = dict(page)
        else:
            merge_into(self.pages[key], page)
        if pageid is not None:
            self.by_id[pageid] = key
        if isinstance(title, str):
            self.by_title[title] = key

    def result(self, order: Sequence[str | int] | None = None) -> dict[str, Any]:
        """The merged pages, normalisations and redirects, as keyword arguments.

        Args:
            order: Input titles or page ids; when given, pages come in this
                order (through normalisation and redirects), unmatched pages
                last in API order.
        """
        keys = list(self.pages)
        if order is not None:
            normalized = dict(pair for pair in self.normalized)
            redirects = dict(pair for pair in self.redirects)
            ordered: list[_Key] = []
            placed: set[_Key] = set()
            for item in order:
                if isinstance(item, int):
                    key = self.by_id.get(item)
                else:
                    current = normalized.get(item, item)
                    for _ in range(len(redirects)):
                        if current not in redirects:
                            break
                        current = redirects[current]
                    key = self.by_title.get(current)
                if key is not None and key not in placed:
                    placed.add(key)
                    ordered.append(key)
            ordered.extend(k for k in keys if k not in placed)
            keys = ordered
        return {
            "pages": tuple(self.pages[k] for k in keys),
            "normalized": tuple(self.normalized),
            "redirects": tuple(self.redirects),
        }
