"""The response cache: freshness from max-age, revalidation tier, LRU bounds."""

from __future__ import annotations

import pytest

from wikireuse.http._cache import CachedEntry, ResponseCache, freshness_lifetime
from wikireuse.testing import FakeClock


def entry(
    lifetime: float = 0.0, etag: str | None = None, last_modified: str | None = None
) -> CachedEntry:
    """A cache entry with the given freshness and validators."""
    return CachedEntry(
        url="https://w.test/x",
        status=200,
        headers=(("Content-Type", "text/plain"),),
        content=b"body",
        etag=etag,
        last_modified=last_modified,
        lifetime=lifetime,
    )


def test_fresh_entries_expire_on_the_injected_clock() -> None:
    """An entry is fresh for its lifetime on the client's clock, then not."""
    clock = FakeClock()
    cache = ResponseCache(clock=clock)
    cache.store("k", entry(lifetime=60))
    clock.advance(59)
    assert entry(lifetime=60) == cache.fresh("k")
    clock.advance(2)
    assert None is cache.fresh("k")


def test_entries_with_validators_stay_for_revalidation() -> None:
    """A stale entry with an ETag is still there to revalidate."""
    clock = FakeClock()
    cache = ResponseCache(clock=clock)
    cache.store("k", entry(lifetime=1, etag='"v1"'))
    clock.advance(10)
    assert (None, '"v1"') == (cache.fresh("k"), getattr(cache.stale("k"), "etag", None))


def test_entry_without_validators_or_lifetime_is_not_kept() -> None:
    """Nothing to serve and nothing to revalidate: not stored."""
    cache = ResponseCache(clock=FakeClock())
    cache.store("k", entry())
    assert (None, None, 0) == (cache.fresh("k"), cache.stale("k"), len(cache))


def test_replacing_an_entry_drops_old_validators() -> None:
    """A newer response without validators removes the old revalidatable copy."""
    cache = ResponseCache(clock=FakeClock())
    cache.store("k", entry(etag='"v1"'))
    cache.store("k", entry(lifetime=5))
    assert None is cache.stale("k")
    assert 5 == getattr(cache.fresh("k"), "lifetime", None)


def test_lru_bound_evicts_the_least_recent() -> None:
    """Beyond maxsize the oldest untouched entry goes."""
    cache = ResponseCache(clock=FakeClock(), maxsize=2)
    for key in ("a", "b", "c"):
        cache.store(key, entry(etag=f'"{key}"'))
    assert [None, '"b"', '"c"'] == [
        getattr(cache.stale(k), "etag", None) for k in ("a", "b", "c")
    ]


def test_clear_forgets_everything() -> None:
    """clear() empties both tiers."""
    cache = ResponseCache(clock=FakeClock())
    cache.store("k", entry(lifetime=60, etag='"v"'))
    cache.clear()
    assert (0, None, None) == (len(cache), cache.fresh("k"), cache.stale("k"))


def test_conditional_headers_carry_both_validators() -> None:
    """ETag becomes If-None-Match, Last-Modified becomes If-Modified-Since."""
    lm = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert {"If-None-Match": '"v"', "If-Modified-Since": lm} == entry(
        etag='"v"', last_modified=lm
    ).conditional_headers()
    assert {} == entry().conditional_headers()


@pytest.mark.parametrize(
    ("cache_control", "expected"),
    [
        ("private, max-age=60", 60.0),
        ("max-age=600", 300.0),
        ("s-maxage=1209600, max-age=0, must-revalidate", 0.0),
        ("no-cache, max-age=60", 0.0),
        ("no-store", 0.0),
        ("public", 0.0),
        ('max-age="30"', 30.0),
    ],
)
def test_freshness_lifetime_reads_max_age_for_a_private_cache(
    cache_control: str, expected: float
) -> None:
    """max-age (not s-maxage), capped; no-cache/no-store or none mean 0."""
    assert expected == freshness_lifetime({"Cache-Control": cache_control}, 300.0)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Cache-Control": "max-age=300", "Age": "120"}, 180.0),
        ({"Cache-Control": "max-age=300", "Age": "300"}, 0.0),
        ({"Cache-Control": "max-age=300", "Age": "5000"}, 0.0),
        ({"Cache-Control": "max-age=9999", "Age": "100"}, 600.0),
        ({"Cache-Control": "max-age=300", "Age": "soon"}, 0.0),
        ({"Cache-Control": "max-age=300", "Age": ""}, 300.0),
    ],
)
def test_age_already_spent_upstream_shortens_freshness(
    headers: dict[str, str], expected: float
) -> None:
    """An Age header counts against max-age (cap 600 s); a bad Age means stale."""
    assert expected == freshness_lifetime(headers, 600)
