"""The client's GET cache: fresh hits, ETag/Last-Modified revalidation, opt-out."""

from __future__ import annotations

import pytest
import requests

from wikireuse import APIError, RetryPolicy
from wikireuse.testing import api_error, fake_client, make_response, respond_in_turn

SITEINFO = {"action": "query", "meta": "siteinfo"}
BODY = {"batchcomplete": True, "query": {"general": {"sitename": "Wikipedia"}}}
LAST_MODIFIED = "Wed, 31 Dec 2025 12:00:00 GMT"


def fresh_for(seconds: int, **headers: str) -> requests.Response:
    """A 200 with BODY that may be served from cache for *seconds*."""
    return make_response(
        json=BODY, headers={"Cache-Control": f"private, max-age={seconds}", **headers}
    )


def not_modified(**headers: str) -> requests.Response:
    """A bodiless 304."""
    return make_response(304, headers=headers)


def test_fresh_response_is_served_without_a_request() -> None:
    """Within max-age the same GET is a cache hit, no request sent."""
    fake = fake_client(respond_in_turn(fresh_for(60)))
    first = fake.client.action(SITEINFO)
    second = fake.client.action(SITEINFO)
    assert (BODY, BODY, 1, 1) == (
        first,
        second,
        len(fake.adapter.sent),
        fake.client.stats.cache_hits,
    )


def test_cache_hits_are_independent_copies() -> None:
    """Changing a returned dict does not change what the cache serves next."""
    fake = fake_client(respond_in_turn(fresh_for(60)))
    fake.client.action(SITEINFO)["query"]["general"]["sitename"] = "changed"
    assert BODY == fake.client.action(SITEINFO)


def test_client_cache_ttl_caps_the_servers_max_age() -> None:
    """max-age=3600 with cache_ttl=10: after 10 s the server is asked again."""
    fake = fake_client(respond_in_turn(fresh_for(3600)), cache_ttl=10)
    fake.client.action(SITEINFO)
    fake.clock.advance(11)
    fake.client.action(SITEINFO)
    assert 2 == len(fake.adapter.sent)


def test_response_without_max_age_is_not_served_from_cache() -> None:
    """No Cache-Control max-age: every call goes to the server."""
    fake = fake_client(respond_in_turn(make_response(json=BODY)))
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    assert (2, 0) == (len(fake.adapter.sent), fake.client.stats.cache_hits)


def test_stale_entry_is_revalidated_with_its_etag_and_304_served() -> None:
    """After max-age, If-None-Match is sent; a 304 is answered from the cache."""
    fake = fake_client(
        respond_in_turn(fresh_for(60, ETag='"r42"'), not_modified(ETag='"r42"'))
    )
    fake.client.action(SITEINFO)
    fake.clock.advance(61)
    again = fake.client.action(SITEINFO)
    conditional = fake.adapter.sent[1].headers
    assert (BODY, '"r42"', 1, 0) == (
        again,
        conditional.get("If-None-Match"),
        fake.client.stats.not_modified,
        fake.client.stats.retries,
    )
    assert "If-None-Match" not in fake.adapter.sent[0].headers


def test_last_modified_is_revalidated_with_if_modified_since() -> None:
    """A Last-Modified validator becomes If-Modified-Since."""
    fake = fake_client(
        respond_in_turn(
            make_response(json=BODY, headers={"Last-Modified": LAST_MODIFIED}),
            not_modified(),
        )
    )
    fake.client.action(SITEINFO)
    assert BODY == fake.client.action(SITEINFO)
    assert LAST_MODIFIED == fake.adapter.sent[1].headers.get("If-Modified-Since")


def test_304_refreshes_freshness() -> None:
    """A 304 with a new max-age makes the entry fresh again."""
    fake = fake_client(
        respond_in_turn(
            fresh_for(0, ETag='"a"'), not_modified(**{"Cache-Control": "max-age=30"})
        )
    )
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    assert (2, 1, 1) == (
        len(fake.adapter.sent),
        fake.client.stats.not_modified,
        fake.client.stats.cache_hits,
    )


def test_304_does_not_use_up_the_retry_budget() -> None:
    """A revalidation works even with a single-attempt budget."""
    fake = fake_client(
        respond_in_turn(fresh_for(0, ETag='"a"'), not_modified()),
        retry=RetryPolicy(max_attempts=1),
    )
    fake.client.action(SITEINFO)
    assert BODY == fake.client.action(SITEINFO)


def test_changed_resource_replaces_the_cached_copy() -> None:
    """A 200 to a conditional request replaces the entry and its ETag."""
    newer = {"batchcomplete": True, "query": {"general": {"sitename": "Wikipedia 2"}}}
    fake = fake_client(
        respond_in_turn(
            fresh_for(0, ETag='"a"'),
            make_response(json=newer, headers={"ETag": '"b"'}),
            not_modified(),
        )
    )
    fake.client.action(SITEINFO)
    assert newer == fake.client.action(SITEINFO)
    assert newer == fake.client.action(SITEINFO)
    assert '"b"' == fake.adapter.sent[2].headers.get("If-None-Match")


def test_cache_false_turns_everything_off() -> None:
    """cache=False: every call is a request, with no conditional headers."""
    fake = fake_client(respond_in_turn(fresh_for(60, ETag='"a"')), cache=False)
    for _ in range(3):
        fake.client.action(SITEINFO)
    assert 3 == len(fake.adapter.sent)
    assert all("If-None-Match" not in r.headers for r in fake.adapter.sent)
    assert (0, 0) == (fake.client.stats.cache_hits, fake.client.stats.not_modified)


def test_api_errors_are_not_cached() -> None:
    """An error answer is not kept, even if it says max-age."""
    fake = fake_client(
        respond_in_turn(
            make_response(
                json=api_error("badvalue", "x"), headers={"Cache-Control": "max-age=60"}
            ),
            fresh_for(60),
        )
    )
    with pytest.raises(APIError, match="badvalue"):
        fake.client.action(SITEINFO)
    assert BODY == fake.client.action(SITEINFO)
    assert 2 == len(fake.adapter.sent)


def test_no_store_is_not_cached() -> None:
    """Cache-Control: no-store keeps a response out of the cache."""
    fake = fake_client(
        respond_in_turn(
            make_response(
                json=BODY, headers={"Cache-Control": "no-store", "ETag": '"a"'}
            )
        )
    )
    fake.client.action(SITEINFO)
    fake.client.action(SITEINFO)
    assert "If-None-Match" not in fake.adapter.sent[1].headers


def test_posts_and_token_requests_are_not_cached() -> None:
    """Long (POST) requests and meta=tokens always go to the server."""
    fake = fake_client(respond_in_turn(fresh_for(60)))
    titles = [f"Some long enough article title {n}" for n in range(200)]
    for _ in range(2):
        fake.client.action({"action": "query", "titles": titles})
        fake.client.action({"action": "query", "meta": "tokens"})
    assert ["POST", "GET", "POST", "GET"] == [r.method for r in fake.adapter.sent]


def test_write_actions_are_not_cached() -> None:
    """Only read actions are cached."""
    fake = fake_client(respond_in_turn(fresh_for(60)))
    fake.client.action({"action": "purge", "titles": "X"})
    fake.client.action({"action": "purge", "titles": "X"})
    assert 2 == len(fake.adapter.sent)


def test_rest_is_cached_and_revalidated_too() -> None:
    """REST GETs keep their ETag and revalidate to a 304."""
    fake = fake_client(
        respond_in_turn(
            make_response(text="<p>Ada</p>", headers={"ETag": '"rev1"'}), not_modified()
        )
    )
    first = fake.client.rest("v1/page/Ada_Lovelace/html")
    fake.clock.advance(3600)
    second = fake.client.rest("v1/page/Ada_Lovelace/html")
    assert (200, "<p>Ada</p>", '"rev1"') == (second.status, second.text, second.etag)
    assert first.text == second.text
    assert '"rev1"' == fake.adapter.sent[1].headers.get("If-None-Match")
    assert 1 == fake.client.stats.not_modified


def test_different_parameters_are_different_entries() -> None:
    """The cache key is the whole URL."""
    fake = fake_client(respond_in_turn(fresh_for(60)))
    fake.client.action({**SITEINFO, "siprop": "general"})
    fake.client.action({**SITEINFO, "siprop": "rightsinfo"})
    assert 2 == len(fake.adapter.sent)


def test_age_from_an_edge_cache_counts_against_max_age() -> None:
    """max-age=60 with Age: 50 is fresh for 10 s only, then asked again."""
    fake = fake_client(respond_in_turn(fresh_for(60, Age="50")))
    fake.client.action(SITEINFO)
    fake.clock.advance(9)
    fake.client.action(SITEINFO)
    fake.clock.advance(2)
    fake.client.action(SITEINFO)
    assert (2, 1) == (len(fake.adapter.sent), fake.client.stats.cache_hits)


def test_a_fresh_entry_is_never_served_past_its_max_age() -> None:
    """Exactly at max-age the copy is no longer served; just before it is."""
    fake = fake_client(respond_in_turn(fresh_for(30)))
    fake.client.action(SITEINFO)
    fake.clock.advance(29.9)
    fake.client.action(SITEINFO)
    fake.clock.advance(0.2)
    fake.client.action(SITEINFO)
    assert (2, 1) == (len(fake.adapter.sent), fake.client.stats.cache_hits)


def test_request_headers_select_separate_cache_entries() -> None:
    """The same URL asked with another Accept header is not served the other copy."""
    fake = fake_client(
        lambda request: make_response(
            text=request.headers.get("Accept-Language", "none"),
            headers={"Cache-Control": "max-age=60"},
        )
    )
    english = fake.client.rest("v1/page/X/html", headers={"Accept-Language": "en"})
    serbian = fake.client.rest("v1/page/X/html", headers={"Accept-Language": "sr-el"})
    again = fake.client.rest("v1/page/X/html", headers={"Accept-Language": "en"})
    assert ("en", "sr-el", "en") == (english.text, serbian.text, again.text)
    assert (2, 1) == (len(fake.adapter.sent), fake.client.stats.cache_hits)
