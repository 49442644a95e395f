"""User-Agent policy checks: Wikimedia hosts need the operator's own contact."""

from __future__ import annotations

import re

import pytest

from wikireuse import Client, UserAgentError
from wikireuse.http._useragent import (
    check_user_agent,
    is_wikimedia_host,
    wire_user_agent,
)
from wikireuse.testing import fake_client, respond_in_turn, siteinfo

ACCEPTED = [
    "MyTool/1.0 (https://mytool.net; ops@mytool.net)",
    "MyTool/1.0 (https://example.net/mytool; ops@mytool.net)",
    "CoolReuser/0.3 (https://github.com/alice/coolreuser)",
    "ReuseBot/2.1 (User:Alice)",
    "ReuseBot/2.1 ([[User:Alice]]; alice@alice-family.de)",
    "ReuseBot/2.1 (https://meta.wikimedia.org/wiki/User:Alice)",
    "CurlyTool/1.0 (curly@tools.org)",
    "RubyistReader/1.0 (ruby.fan@mail.co.uk)",
    "Reader/1.0 (reader@mail.com)",
    "Reader/1.0 (reader@email.com)",
]

REJECTED = [
    "",
    "   ",
    "bot",
    "test",
    "Bot/1.0 (ops@mytool.net)",
    "test/0.1 (ops@mytool.net)",
    "python-requests/2.32.3",
    "python-httpx/0.27.0",
    "Python-urllib/3.11",
    "aiohttp/3.9.5",
    "curl/8.5.0",
    "Wget/1.21.4",
    "okhttp/4.12.0",
    "mwclient/0.11.0 (https://github.com/mwclient/mwclient)",
    "Wikipedia-API/0.8.1 (https://github.com/martin-majlis/Wikipedia-API/)",
    "wikireuse/0.1.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "MyTool/1.0",
    "MyTool/1.0 (contact me on IRC)",
    "MyTool/1.0 (me@example.org)",
    "MyTool/1.0 (ops@example.com)",
    "MyTool/1.0 (https://example.com/mytool)",
    "MyTool/1.0 (https://www.example.org/)",
    "MyTool/1.0 (https://example.net)",
    "MyTool/1.0 (your@email.com)",
    "MyTool/1.0 (ops@yourdomain.com)",
    "MyTool/1.0 (ops@my-site.org)",
    "MyTool/1.0 (https://domain.com/tool)",
    "MyTool/1.0 (you@mytool.net)",
    "MyTool/1.0 (test@test)",
    "MyTool/1.0 (ops@localhost)",
    "MyTool/1.0 (ops@mytool.invalid)",
    "MyTool/1.0 (ops@mytool.net)\r\nX-Injected: 1",
]


@pytest.mark.parametrize("user_agent", ACCEPTED)
def test_operator_contact_is_accepted_for_wikimedia(user_agent: str) -> None:
    """A named tool with a real e-mail, URL or User: page passes the check."""
    client = Client(user_agent, wiki="en.wikipedia.org")
    assert client.wire_user_agent.startswith(user_agent + " wikireuse/")


@pytest.mark.parametrize("user_agent", REJECTED)
def test_generic_default_placeholder_or_browser_is_rejected(user_agent: str) -> None:
    """Library defaults, browsers, generic names and placeholders raise."""
    with pytest.raises(UserAgentError) as caught:
        check_user_agent(user_agent, "commons.wikimedia.org")
    assert user_agent == caught.value.user_agent


@pytest.mark.parametrize("user_agent", ["bot", "python-requests/2.32", "test"])
def test_other_hosts_only_need_a_non_empty_user_agent(user_agent: str) -> None:
    """Outside Wikimedia any non-empty UA is acceptable."""
    client = Client(user_agent, api_url="https://wiki.archlinux.org/api.php")
    assert client.wire_user_agent.startswith(user_agent + " wikireuse/")


@pytest.mark.parametrize("user_agent", ["", "  ", "Tool/1.0\nX: y"])
def test_other_hosts_still_refuse_empty_or_control_characters(user_agent: str) -> None:
    """An empty UA or a header-injecting UA is refused for every host."""
    with pytest.raises(UserAgentError):
        check_user_agent(user_agent, "127.0.0.1")


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("en.wikipedia.org", True),
        ("wikipedia.org", True),
        ("EN.M.WIKIPEDIA.ORG", True),
        ("commons.wikimedia.org", True),
        ("upload.wikimedia.org", True),
        ("www.wikidata.org", True),
        ("de.wiktionary.org", True),
        ("en.wikibooks.org", True),
        ("fr.wikinews.org", True),
        ("en.wikiquote.org", True),
        ("la.wikisource.org", True),
        ("en.wikiversity.org", True),
        ("en.wikivoyage.org", True),
        ("www.wikifunctions.org", True),
        ("www.mediawiki.org", True),
        ("en.wikipedia.org.", True),
        ("wikipedia.org.evil.example", False),
        ("notwikipedia.org", False),
        ("wiki.archlinux.org", False),
        ("127.0.0.1", False),
        ("localhost", False),
    ],
)
def test_wikimedia_hosts_are_recognised(host: str, expected: bool) -> None:
    """Wikimedia's domains and their subdomains, and nothing else, are Wikimedia."""
    assert expected == is_wikimedia_host(host)


def test_client_refuses_a_bad_user_agent_for_its_wiki_at_construction() -> None:
    """Client(...) raises UserAgentError before any request for a Wikimedia wiki."""
    with pytest.raises(UserAgentError):
        Client("python-requests/2.32.3", wiki="en.wikipedia.org")


def test_client_accepts_a_plain_user_agent_for_another_wiki() -> None:
    """A bare UA is fine for a wiki outside Wikimedia."""
    client = Client("mytests", api_url="http://127.0.0.1:9/api.php")
    assert client.wiki is not None
    assert "http://127.0.0.1:9/api.php" == client.wiki.api_url


def test_client_checks_the_user_agent_on_first_use_of_another_host() -> None:
    """A UA fine for the default wiki is refused, unsent, for a Wikimedia host."""
    fake = fake_client(
        respond_in_turn(siteinfo()),
        user_agent="plain",
        wiki="http://127.0.0.1:8080/api.php",
    )
    fake.client.site_info()
    with pytest.raises(UserAgentError):
        fake.client.site_info(wiki="de.wikipedia.org")
    assert 1 == len(fake.adapter.sent)


def test_client_refuses_a_user_agent_that_is_not_a_string() -> None:
    """A non-string UA is a configuration error."""
    with pytest.raises(UserAgentError):
        Client(None)  # type: ignore[arg-type]


def test_wire_user_agent_puts_the_operator_first() -> None:
    """The UA on the wire is the operator's, then wikireuse's and requests' versions."""
    assert "Tool/2 (a@b.org) wikireuse/1.2 requests/2.34.2" == wire_user_agent(
        " Tool/2 (a@b.org) ", "1.2", "2.34.2"
    )


def test_wire_user_agent_header_matches_the_policy_format() -> None:
    """Every request carries '<operator UA> wikireuse/<v> requests/<v>'."""
    fake = fake_client(
        respond_in_turn(siteinfo()), user_agent="MyTool/1.0 (ops@mytool.net)"
    )
    fake.client.site_info()
    header = str(fake.adapter.sent[0].headers["User-Agent"])
    pattern = r"MyTool/1\.0 \(ops@mytool\.net\) wikireuse/[\w.+-]+ requests/\d+\.\d+\S*"
    assert re.fullmatch(pattern, header), header
    assert header == fake.client.wire_user_agent
