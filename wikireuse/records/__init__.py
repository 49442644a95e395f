"""Records: the pure data types of wiki content, with their parsing from API payloads.

Titles (:mod:`~wikireuse.records.titles`), articles
(:mod:`~wikireuse.records.articles`), media files
(:mod:`~wikireuse.records.media`), Wikibase entities
(:mod:`~wikireuse.records.entities`), provenance
(:mod:`~wikireuse.records.provenance`), the wiki and site values
(``_values``), the page merger (``_pages``), the HTML reader (``_html``), the
typed payload readers (``_payload``) and the notebook tables (``_repr``).
No I/O: records import only the foundations and the licences (layers in
docs/architecture.md). The old paths ``wikireuse.articles`` and so on stay
as re-export modules.
"""
