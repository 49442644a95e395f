"""query() continuation and query_pages() batching, merging and ordering."""

from __future__ import annotations

import logging
import random
from typing import Any

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from wikireuse import ConfigurationError, InvalidResponseError
from wikireuse.records._pages import PageMerger
from wikireuse.testing import (
    fake_client,
    make_response,
    page,
    query_pages,
    request_params,
    respond_in_turn,
    userinfo,
)


class FakeWiki:
    """A fake api.php for prop=categories that hands out categories in slices.

    Titles with a lower-case first letter are normalised, titles in *redirects*
    are resolved, titles not in *pages* come back missing. Each response gives
    every page at most *slice_size* categories and continues with
    ``clcontinue`` until all are out, as MediaWiki's prop continuation does.
    """

    def __init__(
        self,
        pages: dict[str, list[str]],
        *,
        slice_size: int = 2,
        redirects: dict[str, str] | None = None,
        rights: tuple[str, ...] = ("read",),
    ) -> None:
        self.pages = pages
        self.ids = {title: n for n, title in enumerate(sorted(pages), start=1)}
        self.slice_size = slice_size
        self.redirects = redirects or {}
        self.rights = rights
        self.batches: list[list[str]] = []
        self.userinfo_requests = 0

    def __call__(self, request: requests.PreparedRequest) -> requests.Response:
        params = request_params(request)
        if params.get("meta") == "userinfo":
            self.userinfo_requests += 1
            return make_response(json=userinfo(self.rights))
        if "pageids" in params:
            by_id = {n: t for t, n in self.ids.items()}
            asked = [by_id.get(int(n), f"#{n}") for n in params["pageids"].split("|")]
        else:
            asked = params["titles"].split("|")
        offset = int(params.get("clcontinue", "0"))
        if offset == 0:
            self.batches.append(
                params.get("titles", params.get("pageids", "")).split("|")
            )
        normalized, redirects, listed, more = [], [], {}, False
        for title in asked:
            current = title
            if current[:1].islower():
                normalized.append((current, current[0].upper() + current[1:]))
                current = current[0].upper() + current[1:]
            if current in self.redirects:
                redirects.append((current, self.redirects[current]))
                current = self.redirects[current]
            if current in listed:
                continue
            if current not in self.pages:
                listed[current] = page(current, missing=True)
                continue
            cats = self.pages[current][offset : offset + self.slice_size]
            more = more or len(self.pages[current]) > offset + self.slice_size
            extra: dict[str, Any] = (
                {"categories": [{"ns": 14, "title": c} for c in cats]} if cats else {}
            )
            listed[current] = page(current, self.ids[current], **extra)
        body = query_pages(
            listed.values(),
            normalized=normalized,
            redirects=redirects,
            continue_={"continue": "||", "clcontinue": str(offset + self.slice_size)}
            if more
            else None,
            batchcomplete=not more,
        )
        return make_response(json=body)


def titles_sent(fake_wiki: FakeWiki) -> list[str]:
    """Every title the fake wiki was asked for, batch by batch."""
    return [t for batch in fake_wiki.batches for t in batch]


# --- query() continuation -----------------------------------------------------


def test_query_copies_the_whole_continue_object_until_it_is_gone() -> None:
    """Each continue object is sent back key for key; stale keys are dropped."""
    first = {"continue": "gapcontinue||", "gapcontinue": "B", "rvcontinue": "7|8"}
    second = {"continue": "gapcontinue||", "gapcontinue": "C"}
    fake = fake_client(
        respond_in_turn(
            {"continue": first, "query": {"pages": []}},
            {"continue": second, "query": {"pages": []}},
            {"batchcomplete": True, "query": {"pages": []}},
        )
    )
    responses = list(fake.client.query({"generator": "allpages", "prop": "revisions"}))
    sent = [request_params(r) for r in fake.adapter.sent]
    assert 3 == len(responses)
    assert "gapcontinue" not in sent[0]
    assert first == {k: sent[1][k] for k in first}
    assert second == {k: sent[2][k] for k in second}
    assert "rvcontinue" not in sent[2]
    assert all(
        ("query", "allpages", "revisions") == (p["action"], p["generator"], p["prop"])
        for p in sent
    )


def test_query_forces_action_query() -> None:
    """query() always sends action=query."""
    fake = fake_client(respond_in_turn({"query": {}}))
    list(fake.client.query({"action": "parse", "list": "allpages"}))
    assert "query" == fake.params()["action"]


def test_query_detects_a_repeated_continuation() -> None:
    """The same continue twice would loop for ever: InvalidResponseError."""
    same = {"continue": {"continue": "-||", "apcontinue": "X"}, "query": {}}
    fake = fake_client(respond_in_turn(same), cache=False)
    with pytest.raises(InvalidResponseError):
        list(fake.client.query({"list": "allpages"}))
    assert 2 == len(fake.adapter.sent)


def test_query_rejects_a_continue_that_is_not_an_object() -> None:
    """A malformed continue is an InvalidResponseError."""
    fake = fake_client(respond_in_turn({"continue": "oops", "query": {}}))
    with pytest.raises(InvalidResponseError):
        list(fake.client.query({"list": "allpages"}))


def test_warnings_are_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    """The same API warning over several responses is logged a single time."""
    warned = query_pages(
        [page("A", 1)], warnings={"main": "Unrecognized parameter: foo."}
    )
    other = query_pages([page("A", 1)], warnings={"query": "Another warning."})
    fake = fake_client(respond_in_turn(warned, warned, other), cache=False)
    with caplog.at_level(logging.WARNING, logger="wikireuse.http"):
        for _ in range(3):
            fake.client.action({"action": "query", "foo": "1"})
    messages = [r.getMessage() for r in caplog.records]
    assert 1 == sum("Unrecognized parameter: foo." in m for m in messages)
    assert 1 == sum("Another warning." in m for m in messages)


def test_warnings_in_list_form_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    """errorformat=plaintext warnings (a list) are logged too."""
    body = {
        "warnings": [
            {"code": "unrecognizedparams", "text": "Bad foo.", "module": "main"}
        ],
        "query": {},
    }
    fake = fake_client(respond_in_turn(body))
    with caplog.at_level(logging.WARNING, logger="wikireuse.http"):
        fake.client.action({"action": "query", "errorformat": "plaintext"})
    assert any("Bad foo." in r.getMessage() for r in caplog.records)


# --- query_pages batching -----------------------------------------------------


def test_120_titles_go_in_batches_of_50_50_20() -> None:
    """Without apihighlimits titles are sent 50 at a time, in input order."""
    titles = [f"Page {n:03}" for n in range(120)]
    wiki = FakeWiki({t: [] for t in titles})
    fake = fake_client(wiki)
    result = fake.client.query_pages({"prop": "info"}, titles=titles)
    assert [50, 50, 20] == [len(b) for b in wiki.batches]
    assert titles == titles_sent(wiki)
    assert 1 == wiki.userinfo_requests
    assert sorted(titles) == sorted(p["title"] for p in result.pages)


def test_apihighlimits_allows_500_per_batch_checked_once() -> None:
    """With apihighlimits 1200 titles go 500/500/200; the right is asked once."""
    titles = [f"Page {n:04}" for n in range(1200)]
    wiki = FakeWiki({t: [] for t in titles}, rights=("read", "apihighlimits"))
    fake = fake_client(wiki)
    fake.client.query_pages({"prop": "info"}, titles=titles)
    fake.client.query_pages({"prop": "info"}, titles=titles[:120])
    assert [500, 500, 200, 120] == [len(b) for b in wiki.batches]
    assert 1 == wiki.userinfo_requests
    assert fake.client.has_apihighlimits()


def test_small_lookups_never_ask_for_rights() -> None:
    """Up to 50 titles need no meta=userinfo request."""
    titles = [f"T{n}" for n in range(50)]
    wiki = FakeWiki({t: [] for t in titles})
    fake = fake_client(wiki)
    fake.client.query_pages({"prop": "info"}, titles=titles)
    assert (0, [50]) == (wiki.userinfo_requests, [len(b) for b in wiki.batches])


def test_duplicate_titles_are_sent_once() -> None:
    """Repeated input titles are asked for once."""
    wiki = FakeWiki({"A": [], "B": []})
    fake = fake_client(wiki)
    result = fake.client.query_pages(titles=["A", "B", "A"])
    assert (["A", "B"], 2) == (titles_sent(wiki), len(result.pages))


def test_pageids_are_batched_and_ordered() -> None:
    """Page ids work like titles, and keep_order follows the ids."""
    titles = [f"P{n:03}" for n in range(70)]
    wiki = FakeWiki({t: [] for t in titles})
    fake = fake_client(wiki)
    ids = [wiki.ids[t] for t in reversed(titles)]
    result = fake.client.query_pages(pageids=ids, keep_order=True)
    assert [50, 20] == [len(b) for b in wiki.batches]
    assert ids == [p["pageid"] for p in result.pages]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"titles": ["A"], "pageids": [1]},
        {"titles": "A"},
        {"titles": ["A", 3]},
        {"pageids": [0]},
        {"pageids": ["12"]},
        {"pageids": [True]},
        {"titles": ["A"], "params": {"titles": "B"}},
    ],
)
def test_bad_page_arguments_raise(kwargs: dict[str, Any]) -> None:
    """Ambiguous or malformed page lists are ConfigurationErrors, unsent."""
    fake = fake_client(FakeWiki({}))
    with pytest.raises(ConfigurationError):
        fake.client.query_pages(**kwargs)
    assert [] == fake.adapter.sent


# --- query_pages merging ------------------------------------------------------


def test_continued_prop_data_merges_into_one_page() -> None:
    """Revision and category slices from continuations merge without duplicates."""
    fake = fake_client(
        respond_in_turn(
            query_pages(
                [
                    page(
                        "A", 1, revisions=[{"revid": 10}], categories=[{"title": "C1"}]
                    ),
                    page("B", 2, revisions=[{"revid": 20}]),
                ],
                continue_={"continue": "||", "rvcontinue": "x"},
                batchcomplete=False,
            ),
            query_pages(
                [
                    page(
                        "A", 1, revisions=[{"revid": 11}], categories=[{"title": "C1"}]
                    ),
                    page("B", 2, revisions=[{"revid": 21}], touched="2026"),
                ]
            ),
        )
    )
    result = fake.client.query_pages(
        {"prop": "revisions|categories"}, titles=["A", "B"]
    )
    assert (
        {
            "pageid": 1,
            "ns": 0,
            "title": "A",
            "revisions": [{"revid": 10}, {"revid": 11}],
            "categories": [{"title": "C1"}],
        },
        {
            "pageid": 2,
            "ns": 0,
            "title": "B",
            "revisions": [{"revid": 20}, {"revid": 21}],
            "touched": "2026",
        },
    ) == result.pages


def test_normalisation_and_redirects_are_recorded_and_ordered() -> None:
    """normalized/redirects are kept; keep_order follows them back to the input."""
    wiki = FakeWiki(
        {"Ada": [], "Engine": [], "Zed": []}, redirects={"Babbage engine": "Engine"}
    )
    fake = fake_client(wiki)
    inputs = ["zed", "Babbage engine", "Nope", "ada"]
    result = fake.client.query_pages(titles=inputs, keep_order=True)
    assert ["Zed", "Engine", "Nope", "Ada"] == [p["title"] for p in result.pages]
    assert (("zed", "Zed"), ("ada", "Ada")) == result.normalized
    assert (("Babbage engine", "Engine"),) == result.redirects
    assert result.by_title()["Nope"]["missing"]


def test_api_order_is_the_default() -> None:
    """Without keep_order pages come in the order the API listed them."""
    fake = fake_client(respond_in_turn(query_pages([page("B", 2), page("A", 1)])))
    result = fake.client.query_pages(titles=["A", "B"])
    assert ["B", "A"] == [p["title"] for p in result.pages]


def test_generator_queries_without_titles_are_merged() -> None:
    """A generator query continues and merges like a title lookup."""
    fake = fake_client(
        respond_in_turn(
            query_pages(
                [page("A", 1), page("B", 2)],
                continue_={"continue": "gapcontinue||", "gapcontinue": "C"},
            ),
            query_pages([page("C", 3)]),
        )
    )
    result = fake.client.query_pages({"generator": "allpages", "prop": "info"})
    assert ["A", "B", "C"] == [p["title"] for p in result.pages]
    assert "C" == request_params(fake.adapter.sent[1])["gapcontinue"]


def test_formatversion_1_pages_are_merged_too() -> None:
    """A caller asking formatversion=1 (pages keyed by id) still gets a merge."""
    body = {
        "query": {
            "pages": {
                "1": {"pageid": 1, "title": "A"},
                "-1": {"title": "Z", "missing": ""},
            }
        }
    }
    fake = fake_client(respond_in_turn(body))
    result = fake.client.query_pages({"formatversion": 1}, titles=["A", "Z"])
    assert ["A", "Z"] == [p["title"] for p in result.pages]


# --- properties ---------------------------------------------------------------

TITLE = st.from_regex(r"[A-Za-z][a-z]{0,6}", fullmatch=True)


@given(
    titles=st.lists(TITLE, max_size=130),
    categories=st.dictionaries(
        TITLE.map(lambda t: t[0].upper() + t[1:]),
        st.lists(
            st.sampled_from(["C1", "C2", "C3", "C4", "C5"]), unique=True, max_size=5
        ),
        max_size=40,
    ),
    slice_size=st.integers(min_value=1, max_value=4),
)
def test_query_pages_has_no_duplicates_no_gaps_and_keeps_order(
    titles: list[str], categories: dict[str, list[str]], slice_size: int
) -> None:
    """Each input title yields its page once, with all its categories, in order."""
    wiki = FakeWiki(categories, slice_size=slice_size)
    fake = fake_client(wiki, cache=False, min_interval=0)
    result = fake.client.query_pages(
        {"prop": "categories"}, titles=titles, keep_order=True
    )

    def resolved(title: str) -> str:
        return title[0].upper() + title[1:]

    expected_order = list(dict.fromkeys(resolved(t) for t in titles))
    got = [p["title"] for p in result.pages]
    assert expected_order == got
    for item in result.pages:
        expected_cats = categories.get(item["title"])
        if expected_cats is None:
            assert item.get("missing") is True
        else:
            assert expected_cats == [c["title"] for c in item.get("categories", [])]
    unique_inputs = list(dict.fromkeys(titles))
    assert unique_inputs == titles_sent(wiki)
    assert all(len(b) <= 50 for b in wiki.batches)


@given(count=st.integers(min_value=0, max_value=260))
def test_batches_are_full_fifties_and_a_remainder(count: int) -> None:
    """Unique titles go as full batches of 50 plus the rest, in order."""
    titles = [f"Title {n}" for n in range(count)]
    wiki = FakeWiki({t: [] for t in titles})
    fake = fake_client(wiki, cache=False, min_interval=0)
    result = fake.client.query_pages(titles=titles)
    expected = [50] * (count // 50) + ([count % 50] if count % 50 else [])
    assert expected == [len(b) for b in wiki.batches]
    assert titles == titles_sent(wiki)
    assert count == len(result.pages) == len({p["title"] for p in result.pages})


def test_merger_merges_nested_objects_and_ignores_junk() -> None:
    """Nested mappings merge key by key; responses without pages change nothing."""
    merger = PageMerger()
    merger.add(
        {"query": {"pages": [{"pageid": 1, "title": "A", "pageprops": {"x": "1"}}]}}
    )
    merger.add({"query": {"pages": [{"pageid": 1, "pageprops": {"y": "2"}}]}})
    merger.add({"batchcomplete": True})
    merger.add({"query": {"pages": "oops"}})
    merger.add({"query": {"pages": [{"ns": 0}, "junk"], "normalized": [{"from": "a"}]}})
    result = merger.result()
    assert (
        {"pageid": 1, "title": "A", "pageprops": {"x": "1", "y": "2"}},
        {"ns": 0},
    ) == result["pages"]
    assert () == result["normalized"]


def test_a_page_first_seen_by_title_is_merged_by_title_later() -> None:
    """A page listed without an id and later with one stays a single page."""
    merger = PageMerger()
    merger.add({"query": {"pages": [{"title": "A", "invalid": True}]}})
    merger.add({"query": {"pages": [{"title": "A", "pageid": 5}]}})
    assert ({"title": "A", "invalid": True, "pageid": 5},) == merger.result(["A"])[
        "pages"
    ]


class FakeGeneratorWiki:
    """``generator=allpages&prop=categories`` with both kinds of continuation.

    Pages come *gaplimit* at a time; within a generator batch, categories come
    *cllimit* per page per response, continued with ``clcontinue`` while the
    batch stays put (``continue: gapcontinue||``); then ``gapcontinue`` moves
    to the next batch. Each page is listed in every response of its batch,
    in a shuffled order, as MediaWiki does not promise an order either.
    """

    def __init__(
        self, pages: dict[str, list[str]], *, gaplimit: int, cllimit: int, seed: int
    ) -> None:
        self.titles = sorted(pages)
        self.pages = pages
        self.gaplimit = gaplimit
        self.cllimit = cllimit
        self.rng = random.Random(seed)
        self.requests: list[dict[str, str]] = []

    def __call__(self, request: requests.PreparedRequest) -> requests.Response:
        params = request_params(request)
        self.requests.append(params)
        start = int(params.get("gapcontinue", "0"))
        offset = int(params.get("clcontinue", "0"))
        batch = self.titles[start : start + self.gaplimit]
        listed = []
        more_categories = False
        for title in batch:
            cats = self.pages[title][offset : offset + self.cllimit]
            more_categories |= len(self.pages[title]) > offset + self.cllimit
            extra = (
                {"categories": [{"ns": 14, "title": c} for c in cats]} if cats else {}
            )
            listed.append(page(title, self.titles.index(title) + 1, **extra))
        self.rng.shuffle(listed)
        following: dict[str, str] | None
        if more_categories:
            following = {
                "continue": "gapcontinue||",
                "gapcontinue": str(start),
                "clcontinue": str(offset + self.cllimit),
            }
        elif start + self.gaplimit < len(self.titles):
            following = {"continue": "-||", "gapcontinue": str(start + self.gaplimit)}
        else:
            following = None
        return make_response(
            json=query_pages(
                listed, continue_=following, batchcomplete=not more_categories
            )
        )


@given(
    categories=st.dictionaries(
        st.from_regex(r"[A-Z][a-z]{0,5}", fullmatch=True),
        st.lists(st.sampled_from(["C1", "C2", "C3", "C4"]), unique=True, max_size=4),
        max_size=30,
    ),
    gaplimit=st.integers(min_value=1, max_value=7),
    cllimit=st.integers(min_value=1, max_value=3),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_generator_and_prop_continuation_merge_without_duplicates_or_gaps(
    categories: dict[str, list[str]], gaplimit: int, cllimit: int, seed: int
) -> None:
    """Generator batches x category slices: every page once, all its categories."""
    wiki = FakeGeneratorWiki(categories, gaplimit=gaplimit, cllimit=cllimit, seed=seed)
    fake = fake_client(wiki, cache=False, min_interval=0)
    result = fake.client.query_pages(
        {"generator": "allpages", "gaplimit": gaplimit, "prop": "categories"}
    )
    titles = [p["title"] for p in result.pages]
    assert sorted(categories) == sorted(titles)
    assert len(titles) == len(set(titles))
    assert {t: c for t, c in categories.items() if c} == {
        p["title"]: [c["title"] for c in p["categories"]]
        for p in result.pages
        if "categories" in p
    }
    expected_requests = sum(
        max(1, -(-max((len(categories[t]) for t in batch), default=0) // cllimit))
        for batch in (
            sorted(categories)[i : i + gaplimit]
            for i in range(0, max(1, len(categories)), gaplimit)
        )
    )
    assert expected_requests == len(wiki.requests)
