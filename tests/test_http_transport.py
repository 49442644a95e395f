"""The request/response loop against hostile or absent servers (issue 11).

A dead or mistyped address fails fast with its cause in words (finding 3);
redirects never leave the wiki's origin unless allowed (finding 8); every
response has a deadline and a size limit (finding 10); passwords and tokens
go by POST and never into a log line (finding 13). Servers are real loopback
sockets (:mod:`tests.support.loopback`, the fault proxy); waits run on a
fake clock wherever the server does not need real time.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

import wikireuse.cli
from tests.support.cli import fake_cli_clients
from tests.support.faultproxy import Fault, FaultProxy
from tests.support.loopback import Exchange, free_port, serving
from wikireuse import (
    Client,
    CredentialsInURLError,
    DeadlineExceededError,
    HostUnreachableError,
    RedirectRefusedError,
    ResponseTooLargeError,
    RetryEvent,
    RetryExhaustedError,
    RetryPolicy,
)
from wikireuse.cli import EX_FETCH
from wikireuse.testing import FakeClock, fake_client, make_response, respond_in_turn

UA = "wikireuse-tests/1.0 (https://example.net/; tests@wikireuse.invalid)"
SITEINFO = {"action": "query", "meta": "siteinfo"}
OK = json.dumps({"batchcomplete": True, "query": {"general": {"sitename": "T"}}})
SECRET = "hunter2-secret"  # noqa: S105 - a test value, masked in logs


def client_for(api_url: str, clock: FakeClock, **kwargs: Any) -> Client:
    """A real-session client for *api_url* whose waits run on *clock*."""
    return Client(
        UA,
        api_url=api_url,
        clock=clock,
        sleep=clock.sleep,
        wall_clock=clock.wall,
        **kwargs,
    )


# --- finding 3: a dead or mistyped address ------------------------------------


def test_refused_first_contact_fails_fast_with_the_cause() -> None:
    """Nothing listening: a typed error naming host:port within a few seconds."""
    port = free_port()
    clock = FakeClock()
    events: list[RetryEvent] = []
    client = client_for(
        f"http://127.0.0.1:{port}/w/api.php", clock, on_event=events.append
    )

    with pytest.raises(HostUnreachableError) as caught:
        client.action(SITEINFO)

    error = caught.value
    assert f"nothing listens on 127.0.0.1:{port}" in str(error)
    assert ("connection-refused", "127.0.0.1", port) == (
        error.reason,
        error.host,
        error.port,
    )
    assert clock() <= RetryPolicy().first_contact_seconds
    assert {"connection-refused"} == {e.reason for e in events}


def test_first_contact_seconds_zero_gives_up_at_once() -> None:
    """``first_contact_seconds=0``: one attempt, no wait."""
    clock = FakeClock()
    client = client_for(
        f"http://127.0.0.1:{free_port()}/w/api.php",
        clock,
        retry=RetryPolicy(first_contact_seconds=0),
    )

    with pytest.raises(HostUnreachableError):
        client.action(SITEINFO)

    assert ([], 1) == (clock.slept, client.stats.requests_sent)


def test_a_name_that_does_not_resolve_says_host_not_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A name-resolution failure is reported as "host not found", not retried long."""
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "wiki.mistyped.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    clock = FakeClock()
    client = client_for("http://wiki.mistyped.invalid/w/api.php", clock)

    with pytest.raises(HostUnreachableError) as caught:
        client.action(SITEINFO)

    assert "host not found: wiki.mistyped.invalid" in str(caught.value)
    assert "host-not-found" == caught.value.reason
    assert clock() <= RetryPolicy().first_contact_seconds


def test_a_host_that_answered_before_is_retried_patiently() -> None:
    """After one answer, a refusal is an outage: the usual retry budget applies."""
    clock = FakeClock()
    events: list[RetryEvent] = []

    def ok(request: Exchange) -> None:
        request.reply(200, OK.encode())

    with serving(ok) as server:
        client = client_for(
            server.url + "/w/api.php",
            clock,
            on_event=events.append,
            retry=RetryPolicy(max_attempts=4, first_contact_seconds=0),
            cache=False,
        )
        client.action(SITEINFO)
    with pytest.raises(RetryExhaustedError) as caught:
        client.action(SITEINFO)

    assert not isinstance(caught.value, HostUnreachableError)
    assert 4 == caught.value.attempts
    assert isinstance(caught.value.__cause__, HostUnreachableError)
    assert ["connection-refused"] * 3 == [e.reason for e in events]


def test_cli_names_the_dead_api_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI says what is wrong and which option to check, and exits 2."""
    fake_cli_clients(monkeypatch)
    port = free_port()
    url = f"http://127.0.0.1:{port}/w/api.php"

    code = wikireuse.cli.main(
        ["fetch", "Ada Lovelace", "--api-url", url, "--user-agent", UA],
        stdout=None,
    )

    err = capsys.readouterr().err
    assert EX_FETCH == code
    assert f"nothing listens on 127.0.0.1:{port}" in err
    assert "--api-url" in err


# --- finding 8: redirects -------------------------------------------------------


@pytest.fixture
def elsewhere() -> Iterator[Any]:
    """Another origin (``localhost``, another port) answering JSON of its own."""

    def evil(request: Exchange) -> None:
        request.reply(200, json.dumps({"batchcomplete": True, "evil": 1}).encode())

    with serving(evil, name="localhost") as server:
        yield server


def redirecting_to(target: str, status: int = 302) -> Any:
    """A respond function that redirects every request to *target*."""

    def respond(request: Exchange) -> None:
        request.reply(status, b"", [("Location", target)], content_type="text/plain")

    return respond


def _call(client: Client, kind: str, base: str) -> Any:
    if kind == "action":
        return client.action(SITEINFO)
    if kind == "rest":
        return client.rest("v1/page/Ada/bare", headers={"X-Custom": "mine"})
    if kind == "raw":
        return client.get(base + "/images/a.png", headers={"X-Custom": "mine"})
    site = client.site(do_init=False)
    return site.get("query", meta="siteinfo")


@pytest.mark.parametrize("kind", ["action", "rest", "raw", "mwclient"])
def test_a_redirect_to_another_origin_is_refused(kind: str, elsewhere: Any) -> None:
    """Action API, REST, raw GETs and mwclient: no request reaches the other host."""
    clock = FakeClock()
    with serving(redirecting_to(elsewhere.url + "/w/api.php")) as wiki:
        client = client_for(wiki.url + "/w/api.php", clock)
        with pytest.raises(RedirectRefusedError) as caught:
            _call(client, kind, wiki.url)

    assert () == elsewhere.received
    assert caught.value.location.startswith(elsewhere.url)
    assert "allow_redirect_hosts" in str(caught.value)


def test_an_allowed_host_gets_no_custom_headers(elsewhere: Any) -> None:
    """With the host allowed the redirect is followed, without the caller's headers."""
    clock = FakeClock()
    with serving(redirecting_to(elsewhere.url + "/file.png")) as wiki:
        client = client_for(
            wiki.url + "/w/api.php", clock, allow_redirect_hosts=["LOCALHOST"]
        )
        client._session.cookies.set("wikiSession", "abc", domain="127.0.0.1")
        response = client.get(wiki.url + "/file", headers={"X-Custom": "mine"})

    assert 200 == response.status
    (arrived,) = elsewhere.received
    assert (None, None) == (arrived.header("X-Custom"), arrived.header("Cookie"))
    assert (arrived.header("User-Agent") or "").startswith("wikireuse-tests/1.0")


def test_same_origin_redirects_are_followed_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A redirect within the wiki's origin is followed; the request log shows it."""

    def respond(request: Exchange) -> None:
        if request.path.startswith("/old"):
            request.reply(301, b"", [("Location", "/w/api.php?moved=1")])
        else:
            request.reply(200, OK.encode())

    clock = FakeClock()
    caplog.set_level(logging.DEBUG, logger="wikireuse")
    with serving(respond) as wiki:
        client = client_for(wiki.url + "/old/api.php", clock)
        data = client.action(SITEINFO)

    assert "T" == data["query"]["general"]["sitename"]
    assert any(
        "redirect" in r.getMessage() and "/w/api.php?moved=1" in r.getMessage()
        for r in caplog.records
    )


def test_https_is_never_downgraded_by_a_redirect() -> None:
    """An https wiki redirecting to http of an allowed host is still refused."""
    fake = fake_client(
        respond_in_turn(
            make_response(302, headers={"Location": "http://other.test/api.php"})
        ),
        allow_redirect_hosts=["other.test"],
    )

    with pytest.raises(RedirectRefusedError):
        fake.client.action(SITEINFO)

    assert 1 == len(fake.adapter.sent)


def test_redirect_loops_end() -> None:
    """A server that redirects for ever gets a typed error, not a hang."""

    def respond(request: Exchange) -> None:
        request.reply(302, b"", [("Location", "/again" + request.path)])

    clock = FakeClock()
    with serving(respond) as wiki:
        client = client_for(wiki.url + "/w/api.php", clock)
        with pytest.raises(RedirectRefusedError, match="redirects"):
            client.action(SITEINFO)


# --- finding 10: deadline and size ----------------------------------------------


def streamed(raw: Any) -> requests.Response:
    """A JSON response whose body is still to be read from *raw*."""
    response = requests.Response()
    response.status_code = 200
    response.headers["Content-Type"] = "application/json"
    response.raw = raw
    return response


class _Trickle:
    """A body that yields one byte per read and moves a fake clock 1 s each."""

    def __init__(self, clock: FakeClock, size: int) -> None:
        self.clock = clock
        self.left = size

    def read(self, amt: int | None = None) -> bytes:
        if self.left <= 0:
            return b""
        self.clock.advance(1.0)
        self.left -= 1
        return b" "

    def close(self) -> None:
        """Nothing to release."""


def test_a_trickling_body_hits_the_deadline_on_the_injected_clock() -> None:
    """One byte a second: the call ends at the deadline, not after the body."""
    clock = FakeClock()

    fake = fake_client(
        lambda request: streamed(_Trickle(clock, 10_000)),
        clock=clock,
        timeout=(2, 3),
        deadline=10,
    )

    with pytest.raises(DeadlineExceededError) as caught:
        fake.client.action(SITEINFO)

    assert 10 <= clock() <= 12
    assert 10.0 == caught.value.deadline
    assert 1 == len(fake.adapter.sent)


def test_the_clients_own_pacing_does_not_count_against_the_deadline() -> None:
    """A host pause longer than the deadline, then a streamed answer: no error."""
    clock = FakeClock()

    fake = fake_client(
        respond_in_turn(
            make_response(429, headers={"Retry-After": "30"}),
            lambda request: streamed(io.BytesIO(OK.encode())),
        ),
        clock=clock,
        deadline=10,
    )

    assert "T" == fake.client.action(SITEINFO)["query"]["general"]["sitename"]
    assert clock() >= 30


def test_a_stalled_body_on_a_real_socket_hits_the_deadline() -> None:
    """The fault proxy's slow body: the deadline, not the read timeout, ends it."""
    proxy = FaultProxy("http://127.0.0.1:9", max_requests=3, lifetime=30).start()
    try:
        proxy.plan([Fault.slow_body(1.0)])
        fake_sleep = FakeClock()
        client = Client(
            UA,
            api_url=proxy.url + "/w/api.php",
            clock=time.monotonic,
            sleep=fake_sleep.sleep,
            timeout=(2, 5),
            deadline=0.3,
        )
        with pytest.raises(DeadlineExceededError):
            client.action(SITEINFO)
    finally:
        proxy.stop()

    assert 1 == len(proxy.requests)


def test_a_large_body_is_stopped_at_the_limit() -> None:
    """A body over max_response_bytes raises, whether announced or streamed."""
    sent: list[int] = []

    def endless(request: Exchange) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Transfer-Encoding", "chunked")
        request.end_headers()
        chunk = b" " * 65536
        while not request.stopped() and sum(sent) < 50 * 2**20:
            request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent.append(len(chunk))

    clock = FakeClock()
    with serving(endless) as wiki:
        client = client_for(wiki.url + "/w/api.php", clock, max_response_bytes=2**20)
        with pytest.raises(ResponseTooLargeError) as caught:
            client.action(SITEINFO)

    assert 2**20 == caught.value.limit
    assert sum(sent) < 50 * 2**20


def test_an_announced_large_body_is_refused_before_reading() -> None:
    """A Content-Length over the limit is refused before the body is read."""

    def announce(request: Exchange) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(10 * 2**20))
        request.end_headers()
        request.wfile.write(b" " * 1024)
        request.wfile.flush()
        request.server.stop_event.wait(5)  # never sends the rest

    clock = FakeClock()
    with serving(announce) as wiki:
        client = client_for(wiki.url + "/w/api.php", clock, max_response_bytes=2**20)
        with pytest.raises(ResponseTooLargeError, match="1048576"):
            client.action(SITEINFO)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("deadline", 0),
        ("deadline", float("nan")),
        ("max_response_bytes", 0),
        ("allow_redirect_hosts", "localhost"),
        ("allow_redirect_hosts", [""]),
    ],
)
def test_limits_are_checked(option: str, value: Any) -> None:
    """Bad limits are refused when the client is built."""
    from wikireuse import ConfigurationError

    with pytest.raises(ConfigurationError, match=option):
        Client(UA, wiki="en.wikipedia.org", **{option: value})


# --- finding 13: credentials -----------------------------------------------------


def test_a_login_through_action_is_posted_and_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Lgpassword and lgtoken go in a POST body; no log line holds them."""
    caplog.set_level(logging.DEBUG)
    fake = fake_client(respond_in_turn({"login": {"result": "Success"}}), cache=False)

    fake.client.action(
        {
            "action": "login",
            "lgname": "Bot",
            "lgpassword": SECRET,
            "lgtoken": "tok+\\",
        }
    )

    (sent,) = fake.adapter.sent
    assert "POST" == sent.method
    assert SECRET not in (sent.url or "")
    assert SECRET == fake.params()["lgpassword"]
    assert caplog.records
    assert not [r for r in caplog.records if SECRET in r.getMessage()]


@pytest.mark.parametrize(
    "params",
    [{"token": "abc+\\"}, {"lgpassword": SECRET}, {"csrftoken": "x"}],
)
def test_secrets_in_a_url_are_refused(params: dict[str, str]) -> None:
    """A raw GET, a REST GET or an mwclient GET carrying a secret is not sent."""
    fake = fake_client(respond_in_turn({}), cache=False)

    with pytest.raises(CredentialsInURLError):
        fake.client.get("https://en.wikipedia.org/w/index.php", params=params)
    with pytest.raises(CredentialsInURLError):
        fake.client.rest("v1/page/Ada", params=params)
    with pytest.raises(CredentialsInURLError):
        fake.client.get("https://en.wikipedia.org/w/api.php?password=" + SECRET)
    with pytest.raises(CredentialsInURLError):
        fake.client.site(do_init=False).get("query", **params)

    assert [] == fake.adapter.sent


def test_log_lines_redact_passwords_tokens_and_cookies(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Whatever a server echoes into a logged body, secrets are masked."""
    echo = (
        f"<html>lgpassword={SECRET}&lgtoken=tok123 "
        f'{{"csrftoken": "{SECRET}"}}\nSet-Cookie: enwikiSession={SECRET}</html>'
    )
    caplog.set_level(logging.DEBUG)
    fake = fake_client(
        respond_in_turn(make_response(503, text=echo), make_response(json={})),
        cache=False,
    )

    fake.client.action(SITEINFO)

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "lgpassword=" in logged
    assert SECRET not in logged
    assert "tok123" not in logged
