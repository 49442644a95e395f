"""client.rate_limit_info(): who the wiki thinks we are, and its limits (R28)."""

from __future__ import annotations

from typing import Any

import pytest

from wikireuse import InvalidResponseError, RateLimit, RateLimitInfo
from wikireuse.testing import fake_client, respond_in_turn, userinfo

# The shape MediaWiki's ApiQueryUserInfo gives a logged-in bot account
# (formatversion=2), written for these tests.
BOT = userinfo(
    ["read", "edit", "apihighlimits", "noratelimit", "bot"],
    name="ExampleBot",
    user_id=4242,
    groups=["bot", "*", "user", "autoconfirmed"],
    ratelimits={},
)
ANON = userinfo(
    ["read", "edit", "createaccount"],
    name="192.0.2.7",
    groups=["*"],
    ratelimits={
        "edit": {"ip": (8, 60)},
        "move": {"ip": (2, 120), "ip-all": (10, 60)},
        "purge": {"ip": (30, 60)},
    },
)


def test_rate_limit_info_asks_for_ratelimits_rights_and_groups() -> None:
    """One meta=userinfo request with uiprop=ratelimits|rights|groups."""
    fake = fake_client(respond_in_turn(ANON))
    fake.client.rate_limit_info()
    params = fake.params()
    assert ("query", "userinfo", "ratelimits|rights|groups") == (
        params["action"],
        params["meta"],
        params["uiprop"],
    )
    assert 1 == len(fake.adapter.sent)


def test_anonymous_limits_are_parsed_sorted_by_action_and_group() -> None:
    """An IP user's limits become RateLimit values; rights and groups are sets."""
    fake = fake_client(respond_in_turn(ANON))
    info = fake.client.rate_limit_info()
    assert (
        RateLimitInfo(
            user="192.0.2.7",
            user_id=0,
            anonymous=True,
            groups=frozenset({"*"}),
            rights=frozenset({"read", "edit", "createaccount"}),
            limits=(
                RateLimit(action="edit", group="ip", hits=8, seconds=60),
                RateLimit(action="move", group="ip", hits=2, seconds=120),
                RateLimit(action="move", group="ip-all", hits=10, seconds=60),
                RateLimit(action="purge", group="ip", hits=30, seconds=60),
            ),
        )
        == info
    )
    assert (False, False) == (info.has_apihighlimits, info.exempt)
    assert ("ip", "ip-all") == tuple(r.group for r in info.limits_for("move"))
    assert () == info.limits_for("upload")


def test_bot_account_has_high_limits_and_no_rate_limits() -> None:
    """A bot: logged in, apihighlimits, noratelimit, no limits listed."""
    fake = fake_client(respond_in_turn(BOT))
    info = fake.client.rate_limit_info()
    assert ("ExampleBot", 4242, False, True, True, ()) == (
        info.user,
        info.user_id,
        info.anonymous,
        info.has_apihighlimits,
        info.exempt,
        info.limits,
    )
    assert {"bot", "user"} <= info.groups


def test_rate_limit_info_refreshes_the_apihighlimits_answer() -> None:
    """After a (new) answer with apihighlimits, batching uses 500 without asking."""
    fake = fake_client(respond_in_turn(userinfo(["read"]), BOT))
    assert not fake.client.has_apihighlimits()
    fake.client.rate_limit_info()  # e.g. after logging in as the bot
    assert fake.client.has_apihighlimits()
    assert 2 == len(fake.adapter.sent)


def test_formatversion_1_answers_are_read_too() -> None:
    """anon: "" and string numbers (formatversion=1) are understood."""
    body: dict[str, Any] = {
        "query": {
            "userinfo": {
                "id": 0,
                "name": "192.0.2.7",
                "anon": "",
                "rights": ["read"],
                "ratelimits": {"edit": {"ip": {"hits": "8", "seconds": "60"}}},
            }
        }
    }
    info = RateLimitInfo.from_api(body)
    assert (True, (RateLimit(action="edit", group="ip", hits=8, seconds=60),)) == (
        info.anonymous,
        info.limits,
    )


def test_empty_ratelimits_list_and_junk_entries_are_skipped() -> None:
    """An empty list (PHP []) or unreadable limits give no RateLimit, not a crash."""
    for ratelimits in ([], {"edit": "x"}, {"edit": {"ip": {"hits": "many"}}}):
        body = {"query": {"userinfo": {"id": 1, "name": "U", "ratelimits": ratelimits}}}
        assert () == RateLimitInfo.from_api(body).limits


@pytest.mark.parametrize(
    "body", [{}, {"query": {}}, {"query": {"userinfo": ["not", "an", "object"]}}]
)
def test_an_answer_without_userinfo_is_invalid(body: dict[str, Any]) -> None:
    """No query.userinfo block: InvalidResponseError."""
    fake = fake_client(respond_in_turn(body))
    with pytest.raises(InvalidResponseError):
        fake.client.rate_limit_info()


def test_rate_limit_info_is_frozen() -> None:
    """RateLimitInfo cannot be changed after the fact."""
    info = RateLimitInfo.from_api(ANON)
    with pytest.raises(AttributeError):
        info.user = "someone else"  # type: ignore[misc]
