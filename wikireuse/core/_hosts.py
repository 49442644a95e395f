"""Which hosts are Wikimedia's: one pure check for every layer.

The transport asks it for the User-Agent policy, the records for a wiki's
address, the attribution code for site names and licences, the command line
for URLs; it lives in the foundations so that none of them reaches into
another layer for it.
"""

from __future__ import annotations

from typing import Final

__all__ = ["default_rights", "is_wikimedia_host"]

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


# Wikimedia projects whose text is CC BY-SA 4.0 today (Wikidata is CC0 and
# Wikinews CC BY: their dumps get an unknown licence unless rights= says).
_BY_SA_PROJECTS: Final = (
    "wikipedia.org",
    "wiktionary.org",
    "wikibooks.org",
    "wikiquote.org",
    "wikisource.org",
    "wikiversity.org",
    "wikivoyage.org",
    "wikimedia.org",
    "mediawiki.org",
)
_BY_SA_4: Final = "https://creativecommons.org/licenses/by-sa/4.0/"


def default_rights(host: str) -> str:
    """The declared text licence of a Wikimedia project by host, else ``""``.

    What a Wikimedia wiki's ``rightsinfo`` says today, for readers that have
    only a host (an Enterprise record, a dump without ``<siteinfo>`` rights).

    >>> default_rights("de.wikipedia.org"), default_rights("www.wikidata.org")
    ('https://creativecommons.org/licenses/by-sa/4.0/', '')
    """
    name = host.lower().rstrip(".")
    if any(name == d or name.endswith("." + d) for d in _BY_SA_PROJECTS):
        return _BY_SA_4
    return ""
