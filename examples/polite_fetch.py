"""Fetch pages politely from a wiki, and watch the client pace itself.

Run: ``python examples/polite_fetch.py "MyTool/1.0 (you@your.domain)" TITLE...``
(add ``--api-url https://wiki.example.net/w/api.php`` for a wiki outside
Wikimedia; the default is English Wikipedia).

The client batches the titles 50 a request, follows continuation, records
redirects and normalisation, sends ``maxlag=5``, and pauses or backs off on
its own when the wiki asks it to; every such wait is reported through
``on_event``.
"""

from __future__ import annotations

import argparse

import wikireuse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("user_agent", help="your tool's name and your contact")
    parser.add_argument("titles", nargs="+")
    parser.add_argument("--api-url")
    args = parser.parse_args()

    target = {"api_url": args.api_url} if args.api_url else {"wiki": "en.wikipedia.org"}
    with wikireuse.Client(
        args.user_agent,
        **target,
        on_event=lambda e: print(f"  waiting {e.wait:.1f} s: {e.reason}"),
    ) as client:
        info = client.site_info()
        print(f"{info.sitename}: content under {info.rights_text} ({info.rights_url})")
        result = client.query_pages(
            {"prop": "info", "inprop": "url", "redirects": "1"}, titles=args.titles
        )
        for old, new in (*result.normalized, *result.redirects):
            print(f"  {old} -> {new}")
        for page in result.pages:
            state = "missing" if page.get("missing") else f"rev {page.get('lastrevid')}"
            print(f"{page['title']}: {state} {page.get('fullurl', '')}")
        print(client.stats)


if __name__ == "__main__":
    main()
