"""A response fuzzer: mutated API answers give a result or a wikireuse error.

Every recorded response (``../shared/data/action-api`` and
``commons-extmetadata``, read in place) and the canned answers of
:mod:`wikireuse.testing` is mutated at every key path, one mutation at a time
(wrong types, nulls, missing keys, deep nesting, lone surrogates, huge and
negative numbers, empty strings), and every parser that reads that kind of
answer is run on it. The only allowed outcomes are a result or a
:class:`~wikireuse.WikiReuseError`; a raw ``TypeError``, ``RecursionError``
and the like fails the test with the mutation that caused it. The
enumerated part is deterministic; hypothesis adds random combinations of
several mutations. The recorded Parsoid HTML and Enterprise records have no
parser in wikireuse yet (the REST HTML is kept as text), so they are not
fuzzed here; undecodable and deeply nested bodies are tried over HTTP in
``test_response_boundary.py``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SHARED_DATA, skip_or_fail
from wikireuse import WikiReuseError
from wikireuse.entities import WIKIDATA_LICENSE, parse_entity_response
from wikireuse.fetch._articles import (
    _contributors_from_page,
    parse_categories,
    parse_history_revision,
    parse_langlinks,
    parse_page_props,
    parse_revision,
    parse_revision_facts,
    resolve_titles,
)
from wikireuse.http._responses import api_error, rest_error_key, warning_texts
from wikireuse.media import parse_imageinfo_response
from wikireuse.records._pages import PageMerger
from wikireuse.records._payload import MAX_DEPTH, check_tree, json_path
from wikireuse.records._values import SiteInfo, Wiki
from wikireuse.testing import (
    fake_client,
    page,
    query_pages,
    respond_in_turn,
    siteinfo,
    userinfo,
)
from wikireuse.titles import Namespaces

Path_ = tuple[str | int, ...]

# Deeper than Python's default recursion limit: a parser that recurses over
# the payload (merging, canonical JSON) must not raise RecursionError.
DEEP_LEVELS = 5000


def _nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


_DEEP = _nested(DEEP_LEVELS)

# Each replacement value a key path gets, by name (names show in failures).
REPLACEMENTS: dict[str, Any] = {
    "null": None,
    "string": "x",
    "empty-string": "",
    "negative": -1,
    "float": 1.5,
    "huge": 10**40,
    "true": True,
    "list": [5],
    "empty-list": [],
    "object": {"x": 1},
    "surrogate": "a\ud800b",
    "deep": _DEEP,
    "nested": _nested(MAX_DEPTH // 2),
}
DELETE = "missing"
MUTATIONS = (*REPLACEMENTS, DELETE)

# A list contributes its first item's paths: every item of a list has the
# same shape, and 500 revisions would otherwise make 500 times the cases.
_LIST_ITEMS = 1


def key_paths(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every key path under *value* (lists: their first items), depth first."""
    if isinstance(value, dict):
        items = list(value.items())
        if items and all(str(key).lstrip("-").isdigit() for key, _ in items):
            items = items[:_LIST_ITEMS]  # formatversion=1 pages: keyed by id
        for key, item in items:
            yield (*prefix, key)
            yield from key_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:_LIST_ITEMS]):
            yield (*prefix, index)
            yield from key_paths(item, (*prefix, index))


def mutate(document: Any, path: Path_, mutation: str) -> Any:
    """*document* with the value at *path* mutated; *document* is left as is.

    Only the containers on the path are copied (the rest is shared), which
    keeps tens of thousands of cases fast; parsers do not change their input.
    """
    copied = _shallow(document)
    parent = copied
    for step in path[:-1]:
        parent[step] = _shallow(parent[step])
        parent = parent[step]
    if mutation == DELETE:
        del parent[path[-1]]
    else:
        # The deep value is shared, not copied: copying it would recurse.
        parent[path[-1]] = REPLACEMENTS[mutation]
    return copied


def _shallow(value: Any) -> Any:
    return value.copy() if isinstance(value, dict | list) else value


# -- the parsers -------------------------------------------------------------

_WIKI = Wiki.from_domain("en.wikipedia.org")
_FAKE = fake_client(respond_in_turn(siteinfo()))


def _titles(data: Any) -> list[str]:
    """The titles a response talks about (what a caller would have asked)."""
    query = data.get("query") if isinstance(data, dict) else None
    pages = query.get("pages") if isinstance(query, dict) else None
    if isinstance(pages, dict):
        pages = list(pages.values())
    found = [
        p["title"]
        for p in (pages if isinstance(pages, list) else ())
        if isinstance(p, dict) and isinstance(p.get("title"), str)
    ]
    for name in ("normalized", "redirects"):
        entries = query.get(name) if isinstance(query, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("from"), str):
                found.append(entry["from"])
    # Two titles are enough to try the lookups; a batch of 50 would make the
    # media reader's cost quadratic.
    return found[:2] or ["Nothing"]


def parse_query(data: Any) -> None:
    """Everything that reads an ``action=query`` answer about pages."""
    api_error(data)
    warning_texts(data)
    rest_error_key(data)
    merger = PageMerger()
    merger.add(data)
    answer = merger.result(_titles(data))
    resolve_titles(
        _titles(data),
        answer["pages"],
        normalized=answer["normalized"],
        redirects=answer["redirects"],
    )
    for item in answer["pages"]:
        for parser in (parse_categories, parse_langlinks, parse_page_props):
            parser(item)
        parse_revision_facts(item)
        _contributors_from_page(_FAKE.client, _WIKI, item, exclude_bots=False, sent=())
        with contextlib.suppress(WikiReuseError):
            parse_revision(item)  # a page without content: history still parses
        revisions = item.get("revisions")
        for revision in revisions if isinstance(revisions, list) else ():
            parse_history_revision(revision)


def parse_media(data: Any) -> None:
    """The imageinfo reader, for every title the answer mentions."""
    for title in _titles(data):
        try:
            parse_imageinfo_response(data, wiki=_WIKI.api_url, title=title)
        except WikiReuseError:
            continue


def parse_site(data: Any) -> None:
    """The siteinfo readers."""
    SiteInfo.from_api(data, scheme="https")


def parse_namespaces(data: Any) -> None:
    """The namespace table reader."""
    Namespaces.from_siteinfo(data)


def parse_entities(data: Any) -> None:
    """The wbgetentities reader, for every id the answer holds."""
    entities = data.get("entities") if isinstance(data, dict) else None
    for entity_id in entities if isinstance(entities, dict) else ("Q1",):
        try:
            parse_entity_response(
                data, str(entity_id), wiki=_WIKI.api_url, license=WIKIDATA_LICENSE
            )
        except WikiReuseError:
            continue


Parser = Callable[[Any], None]

# -- the corpus --------------------------------------------------------------

_CANNED_PAGE = page(
    "Ada Lovelace",
    7,
    lastrevid=70,
    revisions=[
        {
            "revid": 70,
            "parentid": 60,
            "timestamp": "2024-01-02T03:04:05Z",
            "size": 5,
            "user": "Alice",
            "userid": 3,
            "comment": "fix",
            "slots": {"main": {"contentmodel": "wikitext", "content": "Hello"}},
        }
    ],
    contributors=[{"userid": 3, "name": "Alice"}],
    anoncontributors=2,
    categories=[{"ns": 14, "title": "Category:People"}],
    langlinks=[{"lang": "de", "title": "Ada Lovelace", "url": "https://de.w/x"}],
    pageprops={"wikibase_item": "Q7259"},
)
_ENTITY = {
    "entities": {
        "Q42": {
            "type": "item",
            "id": "Q42",
            "pageid": 138,
            "title": "Q42",
            "lastrevid": 5,
            "modified": "2024-09-14T10:11:12Z",
            "labels": {"en": {"language": "en", "value": "Douglas Adams"}},
            "descriptions": {"en": {"language": "en", "value": "writer"}},
            "aliases": {"en": [{"language": "en", "value": "DNA"}]},
            "sitelinks": {
                "enwiki": {"site": "enwiki", "title": "Douglas Adams", "badges": []}
            },
        }
    }
}
_NAMESPACES = {
    "query": {
        "namespaces": {
            "0": {"id": 0, "case": "first-letter", "name": ""},
            "6": {"id": 6, "case": "first-letter", "name": "File", "canonical": "File"},
        },
        "namespacealiases": [{"id": 6, "alias": "Image"}],
    }
}

# (corpus name, document, parsers)
Case = tuple[str, Any, tuple[Parser, ...]]


def _recorded(folder: str) -> list[tuple[str, Any]]:
    directory: Path = SHARED_DATA / folder
    if not directory.is_dir():
        skip_or_fail(f"recorded data missing: {directory}")
    return [
        (f"{folder}/{path.name}", json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(directory.glob("*.json"))
        if not path.name.endswith(".meta.json")
    ]


def corpus() -> list[Case]:
    """Every document to fuzz, with the parsers that read its kind."""
    cases: list[Case] = [
        ("canned/query", query_pages([_CANNED_PAGE]), (parse_query,)),
        ("canned/siteinfo", siteinfo(), (parse_site, parse_query)),
        ("canned/userinfo", userinfo(["read"]), (parse_query,)),
        ("canned/namespaces", _NAMESPACES, (parse_namespaces,)),
        ("canned/entity", _ENTITY, (parse_entities,)),
    ]
    for name, data in _recorded("action-api"):
        cases.append((name, data, (parse_query, parse_media)))
    for name, data in _recorded("commons-extmetadata"):
        cases.append((name, data, (parse_media,)))
    return cases


def run(parsers: tuple[Parser, ...], data: Any) -> BaseException | None:
    """The first exception that is not a wikireuse error, if any.

    The body is first checked as the client checks every decoded body
    (depth, lone surrogates); what it refuses never reaches a parser.
    """
    try:
        check_tree(data)
    except WikiReuseError:
        return None
    for parser in parsers:
        try:
            parser(data)
        except WikiReuseError:
            continue
        except Exception as exc:  # what the fuzzer looks for
            return exc
    return None


def enumerate_cases() -> Iterator[tuple[str, Path_, str, Any, tuple[Parser, ...]]]:
    """Every (document, key path, mutation) as a mutated document."""
    for name, document, parsers in corpus():
        for path in key_paths(document):
            for mutation in MUTATIONS:
                yield name, path, mutation, mutate(document, path, mutation), parsers


@pytest.mark.heavy
def test_every_single_mutation_of_every_response() -> None:
    """Each key path of each response, with each mutation: a result or our error."""
    failures: dict[str, list[str]] = {}
    count = 0
    for name, path, mutation, data, parsers in enumerate_cases():
        count += 1
        exc = run(parsers, data)
        if exc is not None:
            kind = type(exc).__name__
            failures.setdefault(kind, []).append(
                f"{name} {json_path(path)}={mutation}: {str(exc)[:100]}"
            )
    print(f"response fuzzer: {count} enumerated cases")  # the count for the report
    assert count > 4000
    assert {} == {kind: (len(f), f[:5]) for kind, f in failures.items()}


# -- random combinations --------------------------------------------------------

_CORPUS = corpus()
_PATHS = [
    (index, list(key_paths(document))) for index, (_, document, _) in enumerate(_CORPUS)
]


@st.composite
def combined(draw: st.DrawFn) -> tuple[str, Any, tuple[Parser, ...], list[str]]:
    """A document with two to five mutations at random paths."""
    index, paths = draw(st.sampled_from(_PATHS))
    name, document, parsers = _CORPUS[index]
    data = document
    done = []
    for _ in range(draw(st.integers(2, 5))):
        path = draw(st.sampled_from(paths))
        mutation = draw(st.sampled_from(MUTATIONS))
        try:
            data = mutate(data, path, mutation)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the parent
        done.append(f"{json_path(path)}={mutation}")
    return name, data, parsers, done


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(combined())
def test_random_combinations_of_mutations(
    case: tuple[str, Any, tuple[Parser, ...], list[str]],
) -> None:
    """Several mutations at once still give a result or a wikireuse error."""
    name, data, parsers, done = case
    exc = run(parsers, data)
    assert exc is None, f"{name} {done}: {type(exc).__name__}: {exc}"


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_mutation_values_are_exercised(mutation: str) -> None:
    """Each mutation changes the canned answer (the fuzzer is not a no-op)."""
    original = query_pages([_CANNED_PAGE])
    path: Path_ = ("query", "pages", 0, "revisions", 0, "slots", "main", "content")
    assert mutate(original, path, mutation) != original
