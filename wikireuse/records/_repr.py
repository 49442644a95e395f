"""Rich displays (``_repr_html_``) of records, built from escaped parts only.

Every value is text to the browser: it is escaped where it is put, never
passed through as markup, and a link is kept only when it is an absolute
``http(s)`` URL (:func:`wikireuse.records._html.safe_url`), so a hostile title,
licence or User-Agent shows as itself in a notebook and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

__all__ = ["Row", "html_table"]

Row = tuple[str, str, str]
"""A row of :func:`html_table`: its label, its text and a link (``""``: none)."""


def html_table(kind: str, rows: Iterable[Row]) -> str:
    """A two-column table of *rows*, with the class ``wikireuse-<kind>``.

    >>> table = html_table("x", [("title", "<b>A&B</b>", "javascript:x()")])
    >>> table.removeprefix('<table class="wikireuse-x"><tr>')
    '<th>title</th><td>&lt;b&gt;A&amp;B&lt;/b&gt;</td></tr></table>'
    >>> html_table("x", [("page", "A", "https://w.example/wiki/A")])[-58:]
    '<a href="https://w.example/wiki/A">A</a></td></tr></table>'
    """
    from wikireuse.records._html import safe_url

    cells = []
    for label, text, link in rows:
        value = html.escape(text)
        href = safe_url(link, None) if link else None
        if href is not None:
            value = f'<a href="{html.escape(href, quote=True)}">{value}</a>'
        cells.append(f"<tr><th>{html.escape(label)}</th><td>{value}</td></tr>")
    return f'<table class="wikireuse-{html.escape(kind)}">{"".join(cells)}</table>'
