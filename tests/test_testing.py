"""The shipped test doubles in wikireuse.testing behave as documented."""

from __future__ import annotations

import email.utils
import threading

import pytest
import requests

from wikireuse import SiteInfo
from wikireuse.testing import (
    VARNISH_429_HTML,
    FakeClock,
    HandlerAdapter,
    api_error,
    fake_client,
    make_response,
    maxlag_error,
    maxlag_response,
    page,
    query_pages,
    request_params,
    respond_in_turn,
    rest_error,
    siteinfo,
    userinfo,
)


def test_fake_clock_sleep_advances_and_records() -> None:
    """sleep() moves time on and keeps every duration; advance() does not record."""
    clock = FakeClock(10.0)
    clock.sleep(1.5)
    clock.advance(2)
    clock.sleep(0)
    assert (13.5, 13.5, [1.5, 0]) == (clock(), clock.now, clock.slept)


def test_fake_clock_refuses_negative_sleep() -> None:
    """Like time.sleep, a negative duration is a ValueError."""
    with pytest.raises(ValueError, match="non-negative"):
        FakeClock().sleep(-1)


def test_fake_clock_wall_view_and_http_dates() -> None:
    """wall() follows the monotonic time; http_date() is an RFC 9110 date."""
    clock = FakeClock(wall_start=1_000_000.0)
    clock.advance(30)
    assert 1_000_030.0 == clock.wall()
    parsed = email.utils.parsedate_to_datetime(clock.http_date(60))
    assert 1_000_090.0 == parsed.timestamp()


def test_fake_clock_is_thread_safe() -> None:
    """Sleeps from many threads all count."""
    clock = FakeClock()

    def work() -> None:
        for _ in range(500):
            clock.sleep(1)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (4000.0, 4000) == (clock(), len(clock.slept))


def test_handler_adapter_records_requests_and_send_arguments() -> None:
    """HandlerAdapter answers with the handler and keeps what was sent."""
    adapter = HandlerAdapter(lambda request: make_response(json={"ok": True}))
    session = requests.Session()
    session.mount("https://", adapter)
    resp = session.get("https://w.test/api.php", params={"a": "1"}, timeout=(1, 2))
    assert ({"ok": True}, "https://w.test/api.php?a=1") == (resp.json(), resp.url)
    assert "https://w.test/api.php?a=1" == adapter.sent[0].url
    assert (1, 2) == adapter.send_kwargs[0]["timeout"]
    assert resp.request is adapter.sent[0]


def test_handler_exceptions_reach_the_caller() -> None:
    """A handler raising a requests error simulates a transport failure."""

    def reset(request: requests.PreparedRequest) -> requests.Response:
        raise requests.ConnectionError("reset by peer")

    session = requests.Session()
    session.mount("https://", HandlerAdapter(reset))
    with pytest.raises(requests.ConnectionError):
        session.get("https://w.test/")


def test_make_response_variants() -> None:
    """JSON, text and raw bodies get the right content and content type."""
    as_json = make_response(json={"a": 1}, headers={"ETag": '"x"'})
    as_text = make_response(503, text="<p>busy</p>")
    as_bytes = make_response(content=b"\x00\x01")
    assert ({"a": 1}, "application/json; charset=utf-8", '"x"') == (
        as_json.json(),
        as_json.headers["content-type"],
        as_json.headers["etag"],
    )
    assert (503, "<p>busy</p>", "Service Unavailable") == (
        as_text.status_code,
        as_text.text,
        as_text.reason,
    )
    assert b"\x00\x01" == as_bytes.content


def test_request_params_reads_query_and_form_body() -> None:
    """GET query strings and POST form bodies are both read."""
    get = requests.Request("GET", "https://w.test/?a=1&b=").prepare()
    post = requests.Request(
        "POST", "https://w.test/?a=1", data={"titles": "A|B"}
    ).prepare()
    assert {"a": "1", "b": ""} == request_params(get)
    assert {"a": "1", "titles": "A|B"} == request_params(post)


def test_respond_in_turn_walks_the_items_and_repeats_the_last() -> None:
    """Items are used in order; exceptions are raised; the last one repeats."""
    handler = respond_in_turn(
        requests.ReadTimeout("slow"),
        {"n": 1},
        lambda request: make_response(204),
        make_response(418),
    )
    req = requests.Request("GET", "https://w.test/").prepare()
    with pytest.raises(requests.ReadTimeout):
        handler(req)
    assert [{"n": 1}, 204, 418, 418] == [
        handler(req).json(),
        handler(req).status_code,
        handler(req).status_code,
        handler(req).status_code,
    ]


def test_respond_in_turn_needs_items() -> None:
    """An empty script is a mistake."""
    with pytest.raises(ValueError, match="at least one"):
        respond_in_turn()


def test_api_error_and_maxlag_payloads() -> None:
    """Error bodies have MediaWiki's shape; maxlag carries lag and headers."""
    assert {"code": "badvalue", "info": "no", "param": "x"} == api_error(
        "badvalue", "no", param="x"
    )["error"]
    lag = maxlag_error(2.5, host="db7")["error"]
    assert ("maxlag", 2.5, "Waiting for db7: 2.5 seconds lagged.") == (
        lag["code"],
        lag["lag"],
        lag["info"],
    )
    resp = maxlag_response(9, maxlag=2)
    assert ("5", "9", 200) == (
        resp.headers["Retry-After"],
        resp.headers["X-Database-Lag"],
        resp.status_code,
    )


def test_page_and_query_pages_payloads() -> None:
    """Pages and query bodies follow formatversion=2."""
    body = query_pages(
        [page("A", 1, touched="t"), page("B", missing=True)],
        continue_={"continue": "||", "plcontinue": "1|0|B"},
        normalized=[("a", "A")],
        redirects=[("R", "A")],
        batchcomplete=False,
        warnings={"main": "careful"},
    )
    assert {
        "continue": {"continue": "||", "plcontinue": "1|0|B"},
        "warnings": {"main": {"warnings": "careful"}},
        "query": {
            "normalized": [{"fromencoded": False, "from": "a", "to": "A"}],
            "redirects": [{"from": "R", "to": "A"}],
            "pages": [
                {"pageid": 1, "ns": 0, "title": "A", "touched": "t"},
                {"ns": 0, "title": "B", "missing": True},
            ],
        },
    } == body


def test_siteinfo_payload_parses_into_site_info() -> None:
    """siteinfo() is what SiteInfo.from_api reads."""
    info = SiteInfo.from_api(siteinfo(sitename="Wikibooks", lang="de"))
    assert ("Wikibooks", "de", "Creative Commons Attribution-Share Alike 4.0") == (
        info.sitename,
        info.lang,
        info.rights_text,
    )


def test_userinfo_and_rest_error_payloads() -> None:
    """Userinfo marks anonymous users; rest_error has errorKey and httpCode."""
    anon = userinfo()["query"]["userinfo"]
    named = userinfo(["apihighlimits"], name="Bot", user_id=5)["query"]["userinfo"]
    assert (True, False, ["apihighlimits"]) == (
        anon["anon"],
        "anon" in named,
        named["rights"],
    )
    assert {"errorKey": "rest-rate-limited", "httpCode": 429} == {
        k: v
        for k, v in rest_error(429, "rest-rate-limited").items()
        if k != "messageTranslations" and k != "httpReason"
    }


def test_varnish_page_is_html() -> None:
    """The canned edge 429 page is HTML, not JSON."""
    assert VARNISH_429_HTML.lstrip().startswith("<!DOCTYPE html>")


def test_fake_client_wires_clock_session_and_adapter() -> None:
    """fake_client mounts the handler on http and https and uses the fake clock."""
    fake = fake_client(
        respond_in_turn(siteinfo()),
        wiki="http://127.0.0.1:8080/api.php",
        min_interval=2,
    )
    fake.client.action({"action": "query", "n": 1})
    fake.client.action({"action": "query", "n": 2})
    assert ([2.0], 2, "2") == (
        fake.clock.slept,
        len(fake.adapter.sent),
        fake.params()["n"],
    )
    assert "1" == fake.params(0)["n"]


def test_userinfo_groups_and_ratelimits_are_in_the_api_shape() -> None:
    """groups= and ratelimits= give the lists and nested limits uiprop would."""
    info = userinfo(
        ["read"],
        groups=["*", "user"],
        ratelimits={"edit": {"user": (90, 60), "ip": (8, 60)}},
    )["query"]["userinfo"]
    assert (
        ["*", "user"],
        {
            "edit": {
                "user": {"hits": 90, "seconds": 60},
                "ip": {"hits": 8, "seconds": 60},
            }
        },
    ) == (info["groups"], info["ratelimits"])
    assert {"groups", "ratelimits"}.isdisjoint(userinfo()["query"]["userinfo"])
