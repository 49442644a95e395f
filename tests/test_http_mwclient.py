"""client.site(): an mwclient.Site whose HTTP goes through the client's layer."""

from __future__ import annotations

import itertools

import pytest
import requests

from wikireuse import RetryEvent, RetryExhaustedError, RetryPolicy
from wikireuse.testing import (
    FakeClock,
    fake_client,
    make_response,
    maxlag_response,
    request_params,
    respond_in_turn,
)

# mwclient speaks formatversion 1: pages keyed by id, content under "*".
SITE_INIT = {
    "batchcomplete": "",
    "query": {
        "general": {"generator": "MediaWiki 1.39.0", "sitename": "Wikipedia"},
        "namespaces": {"0": {"id": 0, "*": ""}, "14": {"id": 14, "*": "Category"}},
        "userinfo": {"id": 0, "name": "127.0.0.1", "anon": "", "rights": ["read"]},
    },
}
INFO = {
    "query": {
        "pages": {
            "7": {
                "pageid": 7,
                "ns": 0,
                "title": "Ada Lovelace",
                "contentmodel": "wikitext",
                "touched": "2026-01-01T00:00:00Z",
                "lastrevid": 99,
                "length": 30,
            }
        },
        "userinfo": {"id": 0, "name": "127.0.0.1", "anon": ""},
    }
}
REVISIONS = {
    "query": {
        "pages": {
            "7": {
                "pageid": 7,
                "ns": 0,
                "title": "Ada Lovelace",
                "revisions": [
                    {
                        "timestamp": "2026-01-01T00:00:00Z",
                        "slots": {
                            "main": {"contentmodel": "wikitext", "*": "'''Ada'''"}
                        },
                    }
                ],
            }
        },
        "userinfo": {"id": 0, "name": "127.0.0.1", "anon": ""},
    }
}


class MwclientWiki:
    """Answers mwclient's site init, page info and revisions requests."""

    def __init__(self, *faults: requests.Response | Exception) -> None:
        self.faults = list(faults)
        self.seen: list[dict[str, str]] = []

    def __call__(self, request: requests.PreparedRequest) -> requests.Response:
        params = request_params(request)
        self.seen.append(params)
        if "siteinfo" in params.get("meta", ""):
            return make_response(json=SITE_INIT)
        if self.faults:
            fault = self.faults.pop(0)
            if isinstance(fault, Exception):
                raise fault
            return fault
        if params.get("prop") == "revisions":
            return make_response(json=REVISIONS)
        return make_response(json=INFO)


def test_page_text_goes_through_the_paced_layer() -> None:
    """site.pages[...].text() is fetched with the wire UA, maxlag and pacing."""
    clock = FakeClock()
    times: list[float] = []
    wiki = MwclientWiki()

    def handler(request: requests.PreparedRequest) -> requests.Response:
        times.append(clock())
        return wiki(request)

    fake = fake_client(handler, clock=clock)
    site = fake.client.site()
    assert "'''Ada'''" == site.pages["Ada Lovelace"].text()
    assert 3 == len(fake.adapter.sent)
    assert all(
        fake.client.wire_user_agent == r.headers["User-Agent"]
        for r in fake.adapter.sent
    )
    assert all("5" == p.get("maxlag") for p in wiki.seen)
    assert all(gap >= 0.3 for gap in (b - a for a, b in itertools.pairwise(times)))
    assert 3 == fake.client.stats.requests_sent


def test_mwclient_own_retries_are_off() -> None:
    """The Site is built with max_retries=0 on the client's session."""
    fake = fake_client(MwclientWiki())
    site = fake.client.site()
    assert 0 == site.sleepers.max_retries
    assert isinstance(site.connection, requests.Session)
    assert (6.05, 45.0) == site.requests["timeout"]


def test_maxlag_under_mwclient_is_retried_by_the_client() -> None:
    """A maxlag answer to mwclient is paused and retried by wikireuse, not mwclient."""
    events: list[RetryEvent] = []
    fake = fake_client(MwclientWiki(maxlag_response(6)), on_event=events.append)
    site = fake.client.site()
    assert "'''Ada'''" == site.pages["Ada Lovelace"].text()
    assert [("pause", "maxlag")] == [(e.kind, e.reason) for e in events]
    assert 5 <= events[0].wait


def test_transport_failures_under_mwclient_are_retried_by_the_client() -> None:
    """A connection reset during mwclient's request is retried by our layer."""
    events: list[RetryEvent] = []
    fake = fake_client(
        MwclientWiki(requests.ConnectionError("reset"), make_response(503)),
        on_event=events.append,
    )
    assert "'''Ada'''" == fake.client.site().pages["Ada Lovelace"].text()
    assert ["connection-error", "http-503"] == [e.reason for e in events]


def test_exhausted_retries_surface_as_wikireuse_errors() -> None:
    """Past the budget mwclient callers see RetryExhaustedError, not mwclient's."""
    fake = fake_client(
        MwclientWiki(*[make_response(503)] * 5), retry=RetryPolicy(max_attempts=2)
    )
    site = fake.client.site()
    with pytest.raises(RetryExhaustedError) as caught:
        site.pages["Ada Lovelace"].text()
    assert (503, 2) == (caught.value.status, caught.value.attempts)


def test_site_is_kept_per_wiki_and_initialised_once() -> None:
    """site() returns the same Site for a wiki; do_init=False sends nothing."""
    wiki = MwclientWiki()
    fake = fake_client(wiki)
    assert fake.client.site() is fake.client.site()
    lazy = fake.client.site("de.wikipedia.org", do_init=False)
    assert (1, "de.wikipedia.org", "/w/") == (len(wiki.seen), lazy.host, lazy.path)


def test_cookies_are_shared_with_the_client_session() -> None:
    """A login cookie set on mwclient's connection is the client's cookie too."""
    fake = fake_client(MwclientWiki())
    site = fake.client.site(do_init=False)
    site.connection.cookies.set("enwikiSession", "abc", domain="en.wikipedia.org")
    assert "abc" == fake.session.cookies.get("enwikiSession")


def test_positional_request_arguments_are_understood() -> None:
    """Session.request(method, url, params) positional style is routed too."""
    fake = fake_client(respond_in_turn({"query": {}}))
    connection = fake.client.site(do_init=False).connection
    connection.request(
        "GET",
        "https://en.wikipedia.org/w/api.php",
        {"action": "query", "format": "json"},
    )
    assert {"action": "query", "format": "json", "maxlag": "5"} == fake.params(0)


def test_posts_get_maxlag_in_the_form_body() -> None:
    """Mwclient's POSTs to api.php carry maxlag in their form data."""
    fake = fake_client(respond_in_turn({"query": {}}))
    site = fake.client.site(do_init=False)
    site.post("query", meta="tokens")
    assert ("POST", "5", "tokens|userinfo") == (
        fake.adapter.sent[0].method,
        fake.params(0)["maxlag"],
        fake.params(0)["meta"],
    )
    assert "maxlag" not in (fake.adapter.sent[0].url or "")


def test_index_php_gets_no_action_api_treatment() -> None:
    """Non-api.php requests (index.php, files) pass through paced but unparsed."""
    fake = fake_client(lambda request: make_response(text="<html>raw</html>"))
    connection = fake.client.site(do_init=False).connection
    response = connection.get("https://en.wikipedia.org/w/index.php?title=X&action=raw")
    assert ("<html>raw</html>", "title=X&action=raw") == (
        response.text,
        (fake.adapter.sent[0].url or "").split("?", 1)[1],
    )


def test_uploads_are_not_resent() -> None:
    """A request with files is not retried: its file objects are already read."""
    fake = fake_client(lambda request: make_response(503))
    connection = fake.client.site(do_init=False).connection
    with pytest.raises(RetryExhaustedError) as caught:
        connection.post(
            "https://en.wikipedia.org/w/api.php",
            data={"action": "upload", "filename": "X.png"},
            files={"file": ("X.png", b"\x89PNG")},
        )
    assert (1, 1) == (caught.value.attempts, len(fake.adapter.sent))
