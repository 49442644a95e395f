"""User-Agent checks: which hosts are Wikimedia's and what a compliant UA is.

Wikimedia's User-Agent policy (and, since 2026, its rate limiter) wants the
*operator* of a tool to be reachable: an e-mail address, a URL or a wiki
``User:`` page. A UA that only names a library, impersonates a browser, or
carries a placeholder contact puts every user of that library into one shared
(and tiny) rate-limit bucket, or gets a flat 403. This module refuses such a UA
before a single request is sent. Other MediaWiki hosts only need a non-empty
UA.
"""

from __future__ import annotations

import re

from wikireuse.core._hosts import is_wikimedia_host
from wikireuse.exceptions import UserAgentError

__all__ = [
    "UA_POLICY_URL",
    "check_user_agent",
    "is_wikimedia_host",
    "wire_user_agent",
]

UA_POLICY_URL = "https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy"

# First products that are some library's or tool's default, never an operator's
# (compared with the whole product name, so "CurlyTool/1.0" is fine).
_LIBRARY_DEFAULTS = frozenset(
    {
        "python-requests",
        "python-httpx",
        "python-urllib",
        "python-urllib3",
        "python",
        "aiohttp",
        "httpx",
        "requests",
        "urllib3",
        "curl",
        "wget",
        "okhttp",
        "go-http-client",
        "java",
        "apache-httpclient",
        "libwww-perl",
        "lwp-trivial",
        "ruby",
        "node-fetch",
        "axios",
        "undici",
        "postmanruntime",
        "insomnia",
        "mwclient",
        "mwapi",
        "pywikibot",
        "wikipedia-api",
        "wikipediaapi",
        "wikipedia",
        "mediawikiapi",
        "wikireuse",
        "scrapy",
    }
)

# Browser impersonation: the policy forbids pretending to be a browser.
_BROWSER_MARKERS = ("mozilla/", "applewebkit", "gecko/", "chrome/", "safari/", "edg/")

# Product names that say nothing about which tool is calling.
_GENERIC_NAMES = frozenset(
    {
        "-",
        "agent",
        "bot",
        "client",
        "crawler",
        "python",
        "scraper",
        "script",
        "spider",
        "test",
        "testing",
        "tool",
        "user-agent",
        "useragent",
        "wiki",
        "wikibot",
    }
)

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*", re.ASCII)
_URL_RE = re.compile(r"https?://([^/\s;)]+)[^\s;)]*", re.IGNORECASE)
_USER_PAGE_RE = re.compile(r"(?:^|[\s(;:\[])User:[^\s;)\]]+", re.IGNORECASE)

# Placeholder contacts copied from documentation examples.
_PLACEHOLDER_DOMAINS = re.compile(
    r"""(?ix)^(?:[\w-]+\.)*(?:
        example(?:\.(?:com|org|net|edu))?
      | (?:your|my)[-_]?(?:domain|email|e-mail|mail|site|website|server|company)
        \.(?:com|org|net)
      | domain\.(?:com|org|net)
      | test | invalid | localhost | local | example
      | test\.(?:com|org|net) | foo\.(?:bar|com) | bar\.com
    )$""",
)
_PLACEHOLDER_LOCALS = frozenset(
    {
        "you",
        "your",
        "yourname",
        "your.name",
        "your-name",
        "your_name",
        "youremail",
        "your.email",
        "your-email",
        "your_email",
        "username",
        "user.name",
        "name",
        "email",
        "test",
        "foo",
        "xxx",
        "noreply",
        "no-reply",
    }
)


def _is_placeholder_domain(domain: str) -> bool:
    return bool(_PLACEHOLDER_DOMAINS.match(domain.lower().rstrip(".")))


def _real_contacts(user_agent: str) -> list[str]:
    """Every contact in *user_agent* that is not a documentation placeholder."""
    found: list[str] = []
    for match in _URL_RE.finditer(user_agent):
        host = match.group(1).rsplit("@", 1)[-1].split(":", 1)[0]
        if host and not _is_placeholder_domain(host):
            found.append(match.group(0))
    without_urls = _URL_RE.sub(" ", user_agent)
    for match in _EMAIL_RE.finditer(without_urls):
        local, _, domain = match.group(0).rpartition("@")
        if local.lower() in _PLACEHOLDER_LOCALS or _is_placeholder_domain(domain):
            continue
        if "." not in domain:
            continue  # "test@test", "me@localhost": nobody can write to that
        found.append(match.group(0))
    found.extend(
        m.group(0).strip(" (;:[") for m in _USER_PAGE_RE.finditer(without_urls)
    )
    return found


def check_user_agent(user_agent: str, host: str) -> None:
    """Refuse a User-Agent that *host* would reject or lump in with strangers.

    Args:
        user_agent: The operator's own UA, e.g. ``"MyTool/1.0 (ops@mytool.net)"``.
        host: The host the UA is going to be sent to.

    Raises:
        UserAgentError: When the UA is empty or has control characters (any
            host), or, for a Wikimedia host, when it is a library or browser
            default, a generic name, or carries no real contact of the operator.

    >>> check_user_agent("MyTool/1.0 (https://mytool.net; ops@mytool.net)", "en.wikipedia.org")
    >>> check_user_agent("python-requests/2.32", "en.wikipedia.org")
    Traceback (most recent call last):
    ...
    wikireuse.exceptions.UserAgentError: User-Agent 'python-requests/2.32' is a library ...
    """  # noqa: E501
    ua = user_agent.strip()
    if not ua:
        raise UserAgentError(
            message="an empty User-Agent is refused; give your tool's name and "
            "your contact, e.g. 'MyTool/1.0 (you@yourdomain.net)'",
            user_agent=user_agent,
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in user_agent):
        raise UserAgentError(
            message="a User-Agent must not contain control characters or newlines",
            user_agent=user_agent,
        )
    if not is_wikimedia_host(host):
        return
    lowered = ua.lower()
    first_product = lowered.split()[0].split("/")[0]
    if first_product in _LIBRARY_DEFAULTS:
        raise UserAgentError(
            message=f"User-Agent {ua!r} is a library or tool default; Wikimedia "
            f"wants your own tool name and your contact ({UA_POLICY_URL})",
            user_agent=user_agent,
        )
    if any(marker in lowered for marker in _BROWSER_MARKERS):
        raise UserAgentError(
            message=f"User-Agent {ua!r} looks like a browser; Wikimedia forbids "
            f"impersonating browsers ({UA_POLICY_URL})",
            user_agent=user_agent,
        )
    if first_product in _GENERIC_NAMES:
        raise UserAgentError(
            message=f"User-Agent {ua!r} has a generic name; name your tool "
            f"({UA_POLICY_URL})",
            user_agent=user_agent,
        )
    if not _real_contacts(ua):
        raise UserAgentError(
            message=f"User-Agent {ua!r} carries no contact of the operator: add "
            "your e-mail address, a URL or a User: page that is not a placeholder "
            f"(example.org, you@..., test@test) ({UA_POLICY_URL})",
            user_agent=user_agent,
        )


def wire_user_agent(
    user_agent: str, library_version: str, requests_version: str
) -> str:
    """Build the UA sent on the wire: the operator's first, then the libraries.

    >>> wire_user_agent("MyTool/1.0 (ops@mytool.net)", "0.1.0", "2.34.2")
    'MyTool/1.0 (ops@mytool.net) wikireuse/0.1.0 requests/2.34.2'
    """
    return (
        f"{user_agent.strip()} wikireuse/{library_version} requests/{requests_version}"
    )
