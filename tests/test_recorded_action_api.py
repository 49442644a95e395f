"""Real Action API responses (recorded from Wikipedia) read correctly.

The recordings in ``../shared/data/action-api/`` are read in place. Some are
``formatversion=1`` (pages keyed by id, ``""`` for true); both shapes must
parse. The history recording is also served over HTTP to
:meth:`wikireuse.Client.history` through a :class:`~wikireuse.testing.HandlerAdapter`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED_DATA, require_shared
from wikireuse.articles import FetchStatus
from wikireuse.fetch._articles import (
    parse_categories,
    parse_history_revision,
    parse_langlinks,
    parse_page_props,
    parse_revision,
    resolve_titles,
)
from wikireuse.records._pages import PageMerger
from wikireuse.testing import fake_client, make_response, request_params
from wikireuse.titles import normalise

DATA = SHARED_DATA / "action-api"


def load(name: str) -> dict[str, Any]:
    """The recorded response body *name* (without ``.json``)."""
    path: Path = DATA / f"{name}.json"
    require_shared(path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def merged(data: dict[str, Any]) -> dict[str, Any]:
    """The response's pages, normalisations and redirects, merged."""
    merger = PageMerger()
    merger.add(data)
    return merger.result()


def resolve(name: str, title: str) -> Any:
    """What became of *title* in the recorded response *name*."""
    answer = merged(load(name))
    return resolve_titles(
        [title],
        answer["pages"],
        normalized=answer["normalized"],
        redirects=answer["redirects"],
    )[title]


def test_normalised_then_redirected() -> None:
    """'communist Party' is normalised, then redirected; both are recorded."""
    got = resolve(
        "enwiki2014_info_normalized_redirect_communist_Party", "communist Party"
    )

    assert (FetchStatus.REDIRECTED, "Communist party") == (got.status, got.title)
    assert ("communist Party", ("Communist Party",)) == (
        got.normalized_from,
        got.redirects,
    )
    assert 37008 == got.page["pageid"]


def test_our_normalisation_agrees_with_the_recordings() -> None:
    """titles.normalise gives what Wikipedia answered in 'normalized'."""
    pairs = []
    for name in (
        "enwiki2014_info_normalized_redirect_communist_Party",
        "enwiki2014_info_missing_purpleberry",
        "enwiki_info_missing_page",
        "enwiki_info_python",
        "enwiki_categories_python",
    ):
        pairs += merged(load(name))["normalized"]

    assert 5 == len(pairs)
    assert [to for _, to in pairs] == [normalise(source) for source, _ in pairs]


def test_redirect() -> None:
    """Menlo Park, New Jersey redirects to Edison, New Jersey."""
    got = resolve("enwiki2014_info_redirect_Menlo_Park", "Menlo Park, New Jersey")

    assert (FetchStatus.REDIRECTED, "Edison, New Jersey", None) == (
        got.status,
        got.title,
        got.normalized_from,
    )
    assert ("Menlo Park, New Jersey",) == got.redirects


@pytest.mark.parametrize(
    ("name", "title", "normal"),
    [
        ("enwiki2014_info_missing_purpleberry", "purpleberry", "Purpleberry"),
        (
            "enwiki_info_missing_page",
            "NonExistentPage_WikiAPI_Test_12345",
            "NonExistentPage WikiAPI Test 12345",
        ),
    ],
)
def test_missing(name: str, title: str, normal: str) -> None:
    """A missing page (formatversion 1, id -1) is MISSING under its normal title."""
    got = resolve(name, title)

    assert (FetchStatus.MISSING, normal, title, None) == (
        got.status,
        got.title,
        got.normalized_from,
        got.page,
    )


def test_found_after_normalisation() -> None:
    """Python_(programming_language) is found, normalised."""
    got = resolve("enwiki_info_python", "Python_(programming_language)")

    assert (FetchStatus.NORMALISED, "Python (programming language)") == (
        got.status,
        got.title,
    )


def test_disambiguation_pageprops() -> None:
    """The disambiguation page property (formatversion 1: "") sets the flag."""
    (page,) = merged(load("enwiki2014_pageprops_disambiguation_Dodge_Ram"))["pages"]
    (plain,) = merged(load("enwiki2014_info_redirect_Menlo_Park"))["pages"]

    assert ((True, None), (False, None)) == (
        parse_page_props(page),
        parse_page_props(plain),
    )


def test_categories_lose_their_prefix() -> None:
    """prop=categories titles become bare category names, all of them."""
    data = load("enwiki_categories_python")
    (page,) = merged(data)["pages"]
    names = parse_categories(page)

    assert len(page["categories"]) == len(names)
    assert "Programming languages" in names
    assert not any(name.startswith("Category:") for name in names)


def test_langlinks_formatversion_1() -> None:
    """prop=langlinks with llprop=url in formatversion 1 (title under '*')."""
    (page,) = merged(load("enwiki_langlinks_python"))["pages"]
    links = parse_langlinks(page)

    assert len(page["langlinks"]) == len(links)
    assert ("af", "Python (programmeertaal)") == (links[0].lang, links[0].title)
    assert links[0].url.startswith("https://af.wikipedia.org/wiki/")


def test_first_revision_entry() -> None:
    """The first revision of a page has no parent (parentid 0 → None)."""
    (page,) = merged(load("enwiki_revisions_Canis_lepophagus_first"))["pages"]
    rev = parse_history_revision(page["revisions"][0])

    assert (303333660, None, "Noles1984", "Created", False) == (
        rev.revid,
        rev.parentid,
        rev.user,
        rev.comment,
        rev.anonymous,
    )


def test_history_with_ip_and_temporary_accounts() -> None:
    """IP editors and temporary accounts are anonymous; comments keep their text."""
    (page,) = merged(load("enwiki_revisions_Canis_lepophagus_history"))["pages"]
    revisions = [parse_history_revision(r) for r in page["revisions"]]
    anonymous = [r.user for r in revisions if r.anonymous]

    assert 51 == len(revisions)
    assert [
        "~2025-34554-78",
        "2.247.245.174",
        "170.211.8.253",
        "174.63.68.176",
        "174.73.14.68",
    ] == anonymous
    assert (
        "Reverted edit by ~2025-34554-78 (talk) to last version by Chermundy"
        == revisions[0].comment
    )
    assert (True, 5728, "Deor") == (
        revisions[0].minor,
        revisions[0].size,
        revisions[0].user,
    )
    assert all(r.user is not None for r in revisions)


def test_history_served_over_http() -> None:
    """Client.history reads the recording over HTTP and stops at *limit*."""
    body = load("enwiki_revisions_Canis_lepophagus_history")
    fake = fake_client(lambda request: make_response(json=body))
    history = fake.client.history("Canis lepophagus", limit=51)

    assert 1 == len(fake.adapter.sent)
    assert "Canis lepophagus" == request_params(fake.adapter.sent[0])["titles"]
    assert (51, 1322937983, True) == (
        len(history),
        history[0].revid,
        history[1].anonymous,
    )


def test_recorded_revision_without_content_is_refused() -> None:
    """A revision without content cannot become an article (no text invented)."""
    from wikireuse.exceptions import InvalidResponseError

    (page,) = merged(load("enwiki_revisions_Canis_lepophagus_first"))["pages"]

    with pytest.raises(InvalidResponseError, match="without content"):
        parse_revision(page)
