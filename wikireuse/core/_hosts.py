"""Which hosts are Wikimedia's: one pure check for every layer.

The transport asks it for the User-Agent policy, the records for a wiki's
address, the attribution code for site names and licences, the command line
for URLs; it lives in the foundations so that none of them reaches into
another layer for it.
"""

from __future__ import annotations

__all__ = ["is_wikimedia_host"]

# Registrable domains run by the Wikimedia Foundation; any subdomain counts.
_WIKIMEDIA_DOMAINS = frozenset(
    {
        "wikipedia.org",
        "wikimedia.org",
        "wikidata.org",
        "wiktionary.org",
        "wikibooks.org",
        "wikinews.org",
        "wikiquote.org",
        "wikisource.org",
        "wikiversity.org",
        "wikivoyage.org",
        "wikifunctions.org",
        "mediawiki.org",
    }
)


def is_wikimedia_host(host: str) -> bool:
    """Tell whether *host* is a Wikimedia wiki (or another Wikimedia host).

    Args:
        host: A bare host name, e.g. ``"en.wikipedia.org"``.

    Returns:
        ``True`` for the Wikimedia domains and their subdomains.

    >>> is_wikimedia_host("en.wikipedia.org"), is_wikimedia_host("wikipedia.org.evil")
    (True, False)
    """
    name = host.lower().rstrip(".")
    return any(name == d or name.endswith("." + d) for d in _WIKIMEDIA_DOMAINS)
