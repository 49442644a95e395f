"""Fetch articles with their authors, keep them in a snapshot store, export it.

Run: ``python examples/fetch_and_snapshot.py --user-agent "MyTool/1.0
(you@your.domain)" --store snapshots.db [TITLE...]`` (add ``--api-url
https://wiki.example.net/w/api.php`` for a wiki outside Wikimedia; the default
is English Wikipedia).

Each article's text and revision id come from the same response, and its
licence is the one that applied to that revision. The authors are the page's
registered contributors plus a count of anonymous ones: what a print
attribution needs. The store keeps every revision, immutably, with its
provenance; the manifest (JSON Lines, one revision a line) is written next to
it, and its snapshot id names exactly that set of revisions.
"""

from __future__ import annotations

import argparse

import wikireuse

TITLES = ("Ada Lovelace", "Analytical Engine", "Punched card")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("titles", nargs="*", default=TITLES, metavar="TITLE")
    parser.add_argument("--api-url", help="a MediaWiki's api.php")
    parser.add_argument("--user-agent", required=True, help="your tool and contact")
    parser.add_argument("--store", required=True, help="the snapshot database")
    args = parser.parse_args()

    target = {"api_url": args.api_url} if args.api_url else {"wiki": "en.wikipedia.org"}
    with (
        wikireuse.Store(args.store) as store,
        # Given the store, the client keeps every article it fetches in it.
        wikireuse.Client(args.user_agent, store=store, **target) as client,
    ):
        for outcome in client.articles(args.titles, contributors=True):
            article = outcome.article
            if article is None:
                print(f"{outcome.requested}: {outcome.status.value}")
                continue
            print(article.title)
            print(f"  revision:  {article.revid} of {article.timestamp:%Y-%m-%d}")
            print(f"  licence:   {article.license.spdx} <{article.license.url}>")
            print(f"  permalink: {article.permalink}")
            if article.contributors is not None:
                authors = ", ".join(article.contributors.names) or "none registered"
                print(f"  authors:   {authors}", end="")
                print(f" (+{article.contributors.anonymous} anonymous)")
        manifest = store.manifest(f"{args.store}.manifest.jsonl")
    print(f"manifest:  {manifest.path} ({manifest.count} revisions)")
    print(f"snapshot:  {manifest.snapshot_id}")


if __name__ == "__main__":
    main()
