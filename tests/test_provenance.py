"""Provenance records, article records and the licence timeline: pure values."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikireuse.articles import (
    Article,
    ArticleOutcome,
    Contributor,
    Contributors,
    FetchStatus,
    LangLink,
    LicenseTimeline,
    PageLicense,
    Revision,
)
from wikireuse.core._time import format_timestamp, from_epoch, parse_timestamp
from wikireuse.exceptions import ConfigurationError, InvalidResponseError, RecordError
from wikireuse.provenance import Provenance, RequestRecord, content_hash

UTC = timezone.utc
BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/"
BY_SA_4_TEXT = "Creative Commons Attribution-Share Alike 4.0"

# Timestamps as MediaWiki and wall clocks give them: whole seconds, or
# microseconds for fetch times.
stamps = st.datetimes(
    min_value=datetime(2001, 1, 15),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(UTC),
)
text = st.text(max_size=40)
params = st.lists(st.tuples(text, text), max_size=5).map(tuple)


@st.composite
def provenances(draw: st.DrawFn) -> Provenance:
    """Any provenance record."""
    return Provenance(
        wiki=draw(text),
        endpoint=draw(text),
        params=draw(params),
        revid=draw(st.none() | st.integers(1, 2**40)),
        rev_timestamp=draw(st.none() | stamps),
        content_hash=content_hash(draw(text)),
        fetched_at=draw(stamps),
        user_agent=draw(text),
        wikireuse_version=draw(text),
        served_from=draw(st.sampled_from(["live", "store"])),
        related=tuple(
            draw(
                st.lists(
                    st.builds(
                        RequestRecord,
                        endpoint=text,
                        params=params,
                        etag=st.none() | text,
                    ),
                    max_size=3,
                )
            )
        ),
        steps=tuple(draw(st.lists(text, max_size=3))),
        note=draw(text),
    )


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """Any article record."""
    prov = draw(provenances())
    contributors = draw(
        st.none()
        | st.builds(
            Contributors,
            title=text,
            pageid=st.integers(1, 10**9),
            registered=st.lists(
                st.builds(Contributor, name=text, userid=st.integers(0, 10**9)),
                max_size=4,
            ).map(tuple),
            anonymous=st.integers(0, 100),
            bots_excluded=st.booleans(),
            up_to_revid=st.none() | st.integers(1, 10**9),
            provenance=st.none() | provenances(),
        )
    )
    return Article(
        wiki=draw(text),
        requested=draw(text),
        namespace=draw(st.integers(-2, 3000)),
        title=draw(text),
        pageid=draw(st.integers(1, 10**9)),
        revid=draw(st.integers(1, 10**10)),
        parentid=draw(st.none() | st.integers(1, 10**10)),
        timestamp=draw(stamps),
        sha1=draw(st.none() | st.text("0123456789abcdef", min_size=40, max_size=40)),
        size=draw(st.integers(0, 10**7)),
        wikitext=draw(st.text(max_size=200)),
        content_model=draw(st.sampled_from(["wikitext", "json", "css"])),
        language=draw(st.sampled_from(["", "en", "de"])),
        url=draw(text),
        permalink=draw(text),
        history_url=draw(text),
        license=PageLicense(
            spdx=draw(st.sampled_from(["CC-BY-SA-4.0", "CC-BY-SA-3.0"])),
            name=draw(text),
            url=draw(text),
            basis=draw(text),
        ),
        normalized_from=draw(st.none() | text),
        redirects=tuple(draw(st.lists(text, max_size=3))),
        is_disambiguation=draw(st.booleans()),
        categories=tuple(draw(st.lists(text, max_size=3))),
        langlinks=tuple(
            draw(
                st.lists(
                    st.builds(LangLink, lang=text, title=text, url=text), max_size=3
                )
            )
        ),
        wikidata_id=draw(st.none() | st.from_regex(r"\AQ[1-9][0-9]{0,8}\Z")),
        latest_revid=draw(st.none() | st.integers(1, 10**10)),
        html=draw(st.none() | text),
        html_etag=draw(st.none() | text),
        extract=draw(st.none() | text),
        contributors=contributors,
        provenance=prov,
    )


@given(provenances())
def test_provenance_json_round_trip(prov: Provenance) -> None:
    """Any provenance survives to_json/from_json unchanged."""
    assert prov == Provenance.from_json(prov.to_json())


@given(articles())
def test_article_json_round_trip(article: Article) -> None:
    """Any article survives to_json/from_json unchanged."""
    assert article == Article.from_json(article.to_json())


@given(articles() | st.none(), st.sampled_from(FetchStatus), text | st.integers(1))
def test_outcome_json_round_trip(
    article: Article | None, status: FetchStatus, requested: str | int
) -> None:
    """A batch outcome, with or without its article, survives JSON unchanged."""
    outcome = ArticleOutcome(
        requested=requested, status=status, article=article, title="T", reason="r"
    )

    assert outcome == ArticleOutcome.from_dict(
        json.loads(json.dumps(outcome.to_dict()))
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"requested": True, "status": "found"},
        {"requested": "A", "status": "lost"},
        {"requested": "A", "status": "found", "article": {"schema": "other"}},
    ],
)
def test_bad_outcome_record_is_a_record_error(data: dict[str, object]) -> None:
    """An outcome record wikireuse did not write is a RecordError."""
    with pytest.raises(RecordError):
        ArticleOutcome.from_dict(data)


@given(stamps)
def test_timestamp_round_trip(stamp: datetime) -> None:
    """Formatting then parsing a UTC timestamp gives it back."""
    assert stamp == parse_timestamp(format_timestamp(stamp))


def test_timestamp_forms() -> None:
    """MediaWiki's Z form, offsets and naive values all read as UTC."""
    assert datetime(2023, 6, 7, tzinfo=UTC) == parse_timestamp("2023-06-07T00:00:00Z")
    assert datetime(2023, 6, 6, 22, tzinfo=UTC) == parse_timestamp(
        "2023-06-07T00:00:00+02:00"
    )
    assert datetime(2023, 6, 7, tzinfo=UTC) == parse_timestamp("2023-06-07T00:00:00")
    assert "2026-11-27T12:00:00.500000Z" == format_timestamp(
        from_epoch(datetime(2026, 11, 27, 12, tzinfo=UTC).timestamp() + 0.5)
    )


@pytest.mark.parametrize("bad", ["yesterday", "", 20230607, None])
def test_bad_timestamp_is_a_typed_error(bad: object) -> None:
    """Anything but an ISO 8601 string is an InvalidResponseError."""
    with pytest.raises(InvalidResponseError):
        parse_timestamp(bad)


def test_content_hash_is_sha256_of_utf8() -> None:
    """Text and its UTF-8 bytes hash the same."""
    assert content_hash("Größe") == content_hash("Größe".encode())
    assert content_hash("a") != content_hash("b")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"schema": "wikireuse.provenance/0"},
        {"schema": "wikireuse.provenance/1", "wiki": "w"},
        "not a mapping",
    ],
)
def test_bad_provenance_record_is_a_record_error(data: object) -> None:
    """Records that wikireuse did not write are refused with RecordError."""
    with pytest.raises(RecordError):
        Provenance.from_dict(data)  # type: ignore[arg-type]


def test_bad_json_is_a_record_error() -> None:
    """Broken JSON is refused with RecordError, for provenance and articles."""
    with pytest.raises(RecordError):
        Provenance.from_json("{")
    with pytest.raises(RecordError):
        Article.from_json("[1, 2")
    with pytest.raises(RecordError):
        Article.from_dict({"schema": "wikireuse.article/1", "title": "T"})


def test_served_from_must_be_live_or_store() -> None:
    """An unknown served_from value is refused, not passed on."""
    prov = _provenance()
    data = prov.to_dict()
    data["served_from"] = "cache"
    with pytest.raises(RecordError):
        Provenance.from_dict(data)


def _provenance() -> Provenance:
    return Provenance(
        wiki="https://en.wikipedia.org/w/api.php",
        endpoint="https://en.wikipedia.org/w/api.php",
        params={"action": "query", "titles": "Ada Lovelace"},
        revid=7,
        rev_timestamp=datetime(2024, 1, 1, tzinfo=UTC),
        content_hash=content_hash("x"),
        fetched_at=datetime(2026, 11, 27, tzinfo=UTC),
        user_agent="T/1 (t@example.net)",
        wikireuse_version="0.1.0",
    )


def test_provenance_params_keep_their_order() -> None:
    """Parameters given as a mapping keep the order they were sent in."""
    assert (("action", "query"), ("titles", "Ada Lovelace")) == _provenance().params


def test_provenance_dict_field_names_are_stable() -> None:
    """The JSON form has exactly the documented keys."""
    assert [
        "schema",
        "wiki",
        "endpoint",
        "params",
        "revid",
        "rev_timestamp",
        "content_hash",
        "fetched_at",
        "user_agent",
        "wikireuse_version",
        "served_from",
        "related",
        "steps",
        "note",
    ] == list(json.loads(_provenance().to_json()))


# -- licence timeline ------------------------------------------------------------


def _licence(
    when: datetime,
    *,
    url: str = BY_SA_4,
    text: str = BY_SA_4_TEXT,
    wikimedia: bool = True,
    timeline: LicenseTimeline | None = None,
) -> PageLicense:
    return (timeline or LicenseTimeline()).license_for(
        rights_url=url, rights_text=text, timestamp=when, wikimedia=wikimedia
    )


def test_rights_text_past_the_checker_limits_is_not_a_licence() -> None:
    """A hostile wiki's 20 000-character rightsinfo declares nothing, not a crash."""
    licence = _licence(
        datetime(2024, 1, 1, tzinfo=UTC), url="", text="x " * 10_000, wikimedia=False
    )

    assert "LicenseRef-wikireuse-unknown" == licence.spdx


def test_wikipedia_text_before_the_switch_is_cc_by_sa_3() -> None:
    """A revision of 2012-04-03 on a Wikimedia wiki is CC BY-SA 3.0."""
    licence = _licence(datetime(2012, 4, 3, tzinfo=UTC))

    assert "CC-BY-SA-3.0" == licence.spdx
    assert "https://creativecommons.org/licenses/by-sa/3.0/" == licence.url
    assert "2023-06-07" in licence.basis


def test_wikipedia_text_after_the_switch_is_cc_by_sa_4() -> None:
    """A revision of 2024-01-01 is CC BY-SA 4.0, with the wiki's own URL."""
    licence = _licence(datetime(2024, 1, 1, tzinfo=UTC))

    assert ("CC-BY-SA-4.0", BY_SA_4) == (licence.spdx, licence.url)
    assert "rightsinfo" in licence.basis


def test_the_cutover_instant_itself_is_the_new_licence() -> None:
    """The cut-over is inclusive: a revision saved at it is under the new licence."""
    cut = LicenseTimeline().cutover

    assert "CC-BY-SA-4.0" == _licence(cut).spdx
    assert "CC-BY-SA-3.0" == _licence(cut - timedelta(seconds=1)).spdx


def test_cutover_is_configurable() -> None:
    """A later cut-over moves a June 2023 revision back to 3.0."""
    late = LicenseTimeline(cutover=datetime(2023, 6, 30, tzinfo=UTC))
    when = datetime(2023, 6, 15, tzinfo=UTC)

    assert "CC-BY-SA-4.0" == _licence(when).spdx
    assert "CC-BY-SA-3.0" == _licence(when, timeline=late).spdx


def test_naive_cutover_is_refused() -> None:
    """A cut-over without a time zone would be ambiguous: ConfigurationError."""
    with pytest.raises(ConfigurationError):
        LicenseTimeline(cutover=datetime(2023, 6, 7))


def test_timeline_does_not_apply_to_other_wikis_by_default() -> None:
    """A non-Wikimedia wiki's declared licence is taken as is, unless asked."""
    old = datetime(2012, 4, 3, tzinfo=UTC)
    everywhere = LicenseTimeline(wikimedia_only=False)

    assert "CC-BY-SA-4.0" == _licence(old, wikimedia=False).spdx
    assert "CC-BY-SA-3.0" == _licence(old, wikimedia=False, timeline=everywhere).spdx


@pytest.mark.parametrize(
    ("url", "text", "spdx"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "", "CC-BY-4.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0", "CC0-1.0"),
    ],
)
def test_other_wikimedia_licences_are_not_rewritten(
    url: str, text: str, spdx: str
) -> None:
    """Wikinews' CC BY and Wikidata's CC0 stay what the wiki declares."""
    assert spdx == _licence(datetime(2012, 1, 1, tzinfo=UTC), url=url, text=text).spdx


@pytest.mark.parametrize(("url", "text"), [("", ""), ("", "Our house licence 2.0")])
def test_undeclared_or_unknown_licence_is_unknown(url: str, text: str) -> None:
    """No licence, or one wikireuse does not know, is UNKNOWN, never a guess."""
    licence = _licence(datetime(2024, 1, 1, tzinfo=UTC), url=url, text=text)

    assert licence.is_unknown
    assert "LicenseRef-wikireuse-unknown" == licence.spdx


# -- other records -----------------------------------------------------------------


def test_revision_and_outcome_serialise() -> None:
    """History entries and batch outcomes have JSON forms with stable names."""
    rev = Revision(
        revid=3,
        parentid=2,
        timestamp=datetime(2023, 2, 3, 14, 45, tzinfo=UTC),
        user="Carol",
        userid=4,
        minor=True,
    )
    outcome = ArticleOutcome(
        requested="A[b]", status=FetchStatus.INVALID, title="A[b]", reason="bad"
    )

    assert rev == Revision.from_dict(json.loads(json.dumps(rev.to_dict())))
    assert {
        "requested": "A[b]",
        "status": "invalid",
        "title": "A[b]",
        "reason": "bad",
        "article": None,
    } == outcome.to_dict()
    assert not outcome.found


def test_article_flags() -> None:
    """is_latest and from_store read the record, not the network."""
    article = Article.from_json(_sample_article().to_json())
    stored = attrs.evolve(
        article, provenance=attrs.evolve(article.provenance, served_from="store")
    )

    assert article.is_latest
    assert not article.from_store
    assert stored.from_store
    assert not attrs.evolve(article, latest_revid=article.revid + 1).is_latest


def _sample_article() -> Article:
    return Article(
        wiki="https://en.wikipedia.org/w/api.php",
        requested="ada lovelace",
        namespace=0,
        title="Ada Lovelace",
        pageid=1,
        revid=7,
        parentid=None,
        timestamp=datetime(2024, 1, 1, tzinfo=UTC),
        sha1=None,
        size=1,
        wikitext="x",
        url="https://en.wikipedia.org/wiki/Ada_Lovelace",
        permalink="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&oldid=7",
        history_url="https://en.wikipedia.org/w/index.php?title=Ada_Lovelace&action=history",
        license=_licence(datetime(2024, 1, 1, tzinfo=UTC)),
        normalized_from="ada lovelace",
        latest_revid=7,
        provenance=_provenance(),
    )


@pytest.mark.parametrize(
    ("reader", "data"),
    [
        (Revision.from_dict, {}),
        (Revision.from_dict, {"revid": 1, "parentid": None, "timestamp": "soon"}),
        (Revision.from_dict, {"revid": 1, "timestamp": "2023-01-01T00:00:00Z"}),
        (Contributors.from_dict, {"title": "T"}),
        (Contributors.from_dict, {"title": "T", "pageid": 1, "registered": [{}]}),
        (Contributors.from_dict, {"title": "T", "pageid": 1, "provenance": {}}),
    ],
)
def test_bad_revision_or_contributors_record_is_a_record_error(
    reader: Any, data: dict[str, object]
) -> None:
    """History and author records wikireuse did not write are RecordErrors."""
    with pytest.raises(RecordError):
        reader(data)
