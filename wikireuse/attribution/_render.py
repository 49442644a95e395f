"""Rendering an :class:`~wikireuse.attribution.Attribution` as text, HTML, ...

The credit is first built as a short list of nodes (fixed text from the
message catalogue, *foreign* text from the attribution, links) by filling the
language's sentence patterns; each format then writes the nodes with its own
escaping. Foreign strings (titles, names, site names, notes, licence names)
are never trusted: HTML escapes every string, Markdown escapes its and HTML's
metacharacters, wikitext puts them in ``<nowiki>``; a URL becomes a link only
if it is an absolute ``http``/``https`` URL (:func:`wikireuse.records._html.safe_url`),
otherwise its text stays plain.

The English sentence shapes::

    “<title>” by <author>, from <site>, is licensed under <licence>.
    “<title>” by <author>, from <site>, is marked with CC0 1.0.
    “<title>” by <author>, from <site>, is marked as public domain.
    “<title>” by <author>, from <site>, is under an unknown licence.
    Changes: <note>; <note> by <name>. <copyright notice> Retrieved <date>.

where <author> is the credit line, else the names (plus "N anonymous
contributors" in list mode, "N others" for counted but unnamed authors),
else "its authors" linked to the page history, else "an unknown author"
(omitted when the metadata does not miss one: CC0 data without authors).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from string import Formatter
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import nh3

from wikireuse.attribution.messages import DEFAULT_CATALOGUE, Catalogue
from wikireuse.core._json import SURROGATES, canonical, escape_surrogates, html_safe
from wikireuse.core._time import format_timestamp
from wikireuse.exceptions import ConfigurationError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.records._html import safe_url

if TYPE_CHECKING:
    from wikireuse.attribution._byline import Byline
    from wikireuse.attribution._notice import LicenseNotice
    from wikireuse.attribution._records import Attribution

__all__ = [
    "ATTRIBUTION_SCHEMA",
    "FORMATS",
    "STYLES",
    "balance_bidi",
    "clean_foreign",
    "defuse_tags",
    "md_escape",
    "md_link",
    "md_paragraph",
    "render",
    "resolve_catalogue",
    "sanitise_html",
    "to_dict",
]

ATTRIBUTION_SCHEMA: Final = "wikireuse.attribution/1"
"""The ``schema`` value of :meth:`Attribution.to_dict`."""

FORMATS: Final = ("text", "html", "markdown", "wikitext", "json")
STYLES: Final = ("credit", "reuse-notice", "copy-summary")


@attrs.frozen
class _Text:
    """A run of text; *foreign* when it comes from the attribution's data."""

    text: str
    foreign: bool = False


@attrs.frozen
class _Link:
    """A link to a URL that passed :func:`safe_url`."""

    children: tuple[_Text, ...]
    url: str
    license: bool = False


_Node: TypeAlias = "_Text | _Link"
_Nodes: TypeAlias = "tuple[_Node, ...]"

# C0/C1 controls and line/paragraph separators: a credit is one line, and a
# line break inside a name must not start a Markdown block or a wiki list.
_CONTROLS: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


# Explicit bidi embeddings, overrides and isolates, and what closes them. One
# left open in a name would run on to the end of the line and reverse or
# reorder the rest of the credit (the licence notice) as displayed.
_EMBEDDINGS: Final = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES: Final = frozenset("\u2066\u2067\u2068")
_PDF: Final = "\u202c"
_PDI: Final = "\u2069"
_BIDI: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")


def balance_bidi(text: str) -> str:
    r"""*text* with every bidi embedding, override and isolate it opens closed.

    Closers that close nothing opened in *text* are dropped, so a foreign
    string can neither leak its direction into the text after it nor end one
    the text around it opened.

    >>> balance_bidi("\u202eevil") == "\u202eevil\u202c"
    True
    >>> balance_bidi("a\u2069b\u202c")
    'ab'
    """
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    stack: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            stack.append(ch)
        elif ch == _PDF:
            if not stack or stack[-1] not in _EMBEDDINGS:
                continue  # closes nothing of this string's
            stack.pop()
        elif ch == _PDI:
            if not any(opener in _ISOLATES for opener in stack):
                continue
            # A PDI also closes the embeddings opened inside its isolate.
            while stack.pop() not in _ISOLATES:
                pass
        out.append(ch)
    out.extend(_PDF if opener in _EMBEDDINGS else _PDI for opener in reversed(stack))
    return "".join(out)


def clean_foreign(text: str) -> str:
    """*text* safe to print on one line: controls, bidi and surrogates fixed."""
    # A lone surrogate (valid in JSON's "\ud800", not in UTF-8) would make
    # the credit impossible to write to a file or a socket.
    text = SURROGATES.sub("\ufffd", _CONTROLS.sub(" ", text))
    return balance_bidi(text)


def _foreign(text: str) -> _Text:
    return _Text(clean_foreign(text), foreign=True)


def _plain(nodes: Iterable[_Node]) -> tuple[_Text, ...]:
    """*nodes* with links flattened to their text (links never nest)."""
    out: list[_Text] = []
    for node in nodes:
        if isinstance(node, _Link):
            out.extend(node.children)
        else:
            out.append(node)
    return tuple(out)


def _link(nodes: _Nodes, url: str | None, *, license: bool = False) -> _Nodes:
    """*nodes* linked to *url*, or left plain when *url* is not a safe http(s) URL."""
    checked = safe_url(url, None) if url else None
    if checked is None:
        return nodes
    return (_Link(children=_plain(nodes), url=checked, license=license),)


class _Builder:
    """Fills the patterns of one language into nodes."""

    def __init__(self, catalogue: Catalogue, lang: str) -> None:
        catalogue.check_language(lang)
        self.catalogue = catalogue
        self.lang = lang

    def fill(self, key: str, *, count: int | None = None, **params: _Nodes) -> _Nodes:
        """The pattern *key* with its placeholders replaced by *params*.

        *count* picks the plural form and fills ``{count}``.
        """
        pattern = self.catalogue.pattern(self.lang, key, count=count)
        if count is not None:
            params["count"] = self.number(count)
        out: list[_Node] = []
        for literal, field, _spec, _conversion in Formatter().parse(pattern):
            if literal:
                out.append(_Text(literal))
            if field is not None:
                out.extend(params[field])
        return tuple(out)

    def number(self, count: int) -> _Nodes:
        return (_Text(self.catalogue.format_number(self.lang, count)),)

    def join(self, items: Sequence[_Nodes], key: str = "list-and") -> _Nodes:
        """*items* as "A, B and C" (*key*: ``list-and`` or ``list-or``)."""
        if len(items) == 1:
            return items[0]
        separator = self.fill("list-separator")
        head: list[_Node] = list(items[0])
        for item in items[1:-1]:
            head.extend(separator)
            head.extend(item)
        return self.fill(key, list=tuple(head), last=items[-1])


def _byline(byline: Byline) -> _Nodes:
    out: list[_Node] = []
    for segment in byline.segments:
        if segment.text:
            out.extend(_link((_foreign(segment.text),), segment.url))
    return tuple(out)


def _title(b: _Builder, a: Attribution) -> _Nodes:
    if a.title.strip():
        quoted = b.fill("quoted", text=(_foreign(a.title),))
    else:
        quoted = b.fill("this-work")
    return _link(quoted, a.source_url)


def _author(b: _Builder, a: Attribution) -> _Nodes | None:
    """The author element, or ``None`` when it is left out."""
    items = [_byline(author) for author in a.authors if author.text.strip()]
    if a.author_mode == "list" and a.anonymous_authors > 0:
        items.append(b.fill("anonymous-contributors", count=a.anonymous_authors))
    if items and a.more_authors > 0:
        items.append(b.fill("more-authors", count=a.more_authors))
    if items:
        return b.join(items)
    if a.history_url:
        # Also in list mode when the list is empty (every contributor hidden):
        # the history still credits the authors; "unknown author" would not.
        return _link(b.fill("history-authors"), a.history_url)
    if a.required or "no-author" in a.warnings:
        return b.fill("unknown-author")
    return None


def _license_name(notice: LicenseNotice) -> str:
    for name in (notice.short_name, notice.name, notice.id):
        if name.strip() and name != UNKNOWN_ID:
            return name
    return ""


def _license(b: _Builder, a: Attribution) -> tuple[_Nodes, _Nodes]:
    """The licence phrase, and a sentence for alternatives it cannot hold."""
    notice = a.license
    also: _Nodes = ()
    alternatives = [
        _link((_foreign(_license_name(alt)),), alt.url, license=True)
        for alt in a.alternatives
        if _license_name(alt)
    ]
    if notice.kind == "public-domain":
        name = _link(b.fill("public-domain"), notice.url, license=True)
        phrase = b.fill("license-public-domain", license=name)
    elif notice.kind == "unknown":
        label = _license_name(notice)
        if label:
            name = _link((_foreign(label),), notice.url, license=True)
            phrase = b.fill("license-unrecognised", license=name)
        else:
            phrase = b.fill("license-unknown")
    elif not (_license_name(notice) or notice.url):
        phrase = b.fill("license-unknown")
    else:
        label = _license_name(notice) or notice.url
        name = _link((_foreign(label),), notice.url, license=True)
        if notice.kind == "license":
            # Dual licensing: "licensed under CC BY-SA 4.0 or GFDL".
            name = b.join([name, *alternatives], "list-or")
            alternatives = []
            phrase = b.fill("license-licensed", license=name)
        else:
            phrase = b.fill("license-waiver", license=name)
    if alternatives:
        also = b.fill("license-also", licenses=b.join(alternatives))
    return phrase, also


def _changes(b: _Builder, a: Attribution) -> _Nodes:
    notes = list(a.modifications)
    if not notes and a.modified_by.strip():
        notes = [""]
    if not notes:
        return ()
    items = [
        (_foreign(note),) if note.strip() else b.fill("modified") for note in notes
    ]
    if a.modified_by.strip():
        items[-1] = b.fill(
            "modified-by", change=items[-1], name=(_foreign(a.modified_by),)
        )
    separator = b.fill("changes-separator")
    joined: list[_Node] = list(items[0])
    for item in items[1:]:
        joined.extend(separator)
        joined.extend(item)
    return b.fill("changes", changes=tuple(joined))


def _nodes(a: Attribution, catalogue: Catalogue) -> _Nodes:
    """The whole credit: sentence, changes, copyright notice, retrieval date."""
    b = _Builder(catalogue, a.lang)
    title = _title(b, a)
    author = _author(b, a)
    if a.credit_line is not None and a.credit_line.text.strip():
        # The licensor's own credit line replaces the byline, verbatim: it
        # often starts with "Photograph by", so it is labelled, not put
        # after a "by" of ours.
        work = b.fill("work-credit-line", title=title, credit=_byline(a.credit_line))
    elif author is None:
        work = b.fill("work-no-author", title=title)
    else:
        work = b.fill("work", title=title, author=author)
    license, also = _license(b, a)
    if a.site_name.strip():
        sentence = b.fill(
            "credit", work=work, site=(_foreign(a.site_name),), license=license
        )
    else:
        sentence = b.fill("credit-no-site", work=work, license=license)
    parts = [sentence, also, _changes(b, a)]
    if a.copyright_notice.strip():
        parts.append((_foreign(a.copyright_notice.strip()),))
    if a.accessed is not None:
        when = (_Text(catalogue.format_date(a.lang, a.accessed)),)
        parts.append(b.fill("retrieved", date=when))
    out: list[_Node] = []
    for part in parts:
        if not part:
            continue
        if out:
            out.append(_Text(" "))
        out.extend(part)
    return tuple(out)


# -- other styles ----------------------------------------------------------------


def _article(a: Attribution, style: str) -> str:
    """The article's title, checked: the other styles exist for articles only."""
    if a.kind != "article":
        raise ConfigurationError(
            message=f"the {style!r} style is for articles (wiki pages), not "
            f"for a {a.kind} attribution: use style='credit'"
        )
    if not a.title.strip():
        raise ConfigurationError(message=f"the {style!r} style needs the page title")
    return a.title


def _reuse_notice(a: Attribution, catalogue: Catalogue) -> _Nodes:
    """The Wikipedia:Reusing Wikipedia content example notice.

    CC BY-SA licences with a version get the notice's own wording ("Creative
    Commons Attribution-Share-Alike License 4.0"); any other known licence
    its full name; an unknown licence cannot be claimed, so it is refused.
    """
    title = _article(a, "reuse-notice")
    b = _Builder(catalogue, a.lang)
    notice = a.license
    if notice.is_unknown or not (notice.name.strip() or _license_name(notice)):
        raise ConfigurationError(
            message="the 'reuse-notice' style names the licence, and this "
            "article's licence is unknown"
        )
    if not a.site_name.strip():
        raise ConfigurationError(
            message="the 'reuse-notice' style names the site, and this "
            "attribution has no site_name"
        )
    version = notice.version or ""
    if notice.id.startswith("CC-BY-SA-") and _VERSION.fullmatch(version):
        # Checked to be digits and dots, so it is plain text in every format.
        label = b.fill("reuse-notice-cc-by-sa", version=(_Text(version),))
    else:
        label = (_foreign(notice.name.strip() or _license_name(notice)),)
    return b.fill(
        "reuse-notice",
        site=(_foreign(a.site_name),),
        title=_link(
            b.fill("reuse-notice-title", text=(_foreign(title),)), a.source_url
        ),
        license=_link(label, notice.url, license=True),
    )


_VERSION: Final = re.compile(r"\d+(?:\.\d+)*")

# What a page title cannot contain (MediaWiki's legal title characters, and
# its ban on "~~~", HTML entities and a leading colon): in an edit summary
# they would end or redirect the wikilink, and a summary has no <nowiki>, so
# such a title is refused rather than escaped.
_WIKILINK_ILLEGAL: Final = re.compile(
    r"[\[\]{}|<>#\x00-\x1f\x7f-\x9f\u2028\u2029\ufffd\ud800-\udfff]"
    r"|~~~|&#?\w+;|^\s*:"
)


def _copy_summary(a: Attribution, catalogue: Catalogue, *, wikilink: bool) -> _Nodes:
    """The edit summary for a copy within one wiki (Wikipedia:Copying within ...).

    With *wikilink*, the title is ``[[Title]]`` (``[[:Title]]`` when it has a
    colon, so a File: or Category: page is linked, not embedded); otherwise it
    is linked to the permalink.
    """
    title = _article(a, "copy-summary")
    b = _Builder(catalogue, a.lang)
    if not wikilink:
        return b.fill("copy-summary", title=_link((_foreign(title),), a.source_url))
    if _WIKILINK_ILLEGAL.search(title):
        raise ConfigurationError(
            message=f"{title!r} is not a valid page title (it has a character "
            "a wikilink cannot hold), so no copy summary can link it"
        )
    target = clean_foreign(title)
    if ":" in target:
        target = ":" + target
    return b.fill("copy-summary", title=(_Text(f"[[{target}]]"),))


# -- writers -------------------------------------------------------------------


# "<" then a letter, "/", "!" or "?" opens a tag, end tag, comment or
# declaration in HTML; before anything else it is text.
_TAG_OPEN: Final = re.compile(r"<(?=[A-Za-z/!?])")
# FULLWIDTH LESS-THAN SIGN: reads as "<" and opens nothing.
_INERT_LT: Final = "\uff1c"


def defuse_tags(text: str) -> str:
    """Plain *text* that opens no tag if an application shows it as HTML.

    Plain text has no escapes, so a "<" that would open a tag becomes the
    fullwidth "＜"; any other "<" ("a < b") stays.

    >>> defuse_tags("<script>alert(1)</script> and a < b")
    '＜script>alert(1)＜/script> and a < b'
    """
    return _TAG_OPEN.sub(_INERT_LT, text)


def _write_text(nodes: _Nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, _Link):
            out.append("".join(child.text for child in node.children))
            out.append(f" ({node.url})")
        else:
            out.append(node.text)
    return defuse_tags("".join(out))


# Escaping as the HTML standard serialises text and attribute values (and so
# as nh3 writes them back): the sanitiser pass leaves valid output unchanged.
_HTML_TEXT: Final = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\xa0": "&nbsp;"}
)
_HTML_ATTR: Final = str.maketrans(
    {"&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;", "\xa0": "&nbsp;"}
)


def _html_text(text: str) -> str:
    """*text* escaped for an HTML text node."""
    return text.translate(_HTML_TEXT)


def _html_attr(text: str) -> str:
    """*text* escaped for a double-quoted HTML attribute value."""
    return text.translate(_HTML_ATTR)


# Exactly the elements, attributes and URL schemes an attribution's HTML has
# (one cleaner, built once: nh3 converts its settings on construction).
_CLEANER: Final = nh3.Cleaner(
    tags={"span", "a"},
    attributes={"span": {"class", "lang"}, "a": {"href", "rel"}},
    url_schemes={"http", "https"},
    link_rel=None,
    strip_comments=True,
)


def sanitise_html(markup: str) -> str:
    """*markup* through nh3 with the allow-list of what an attribution emits.

    Defence in depth: the writer escapes every foreign string and links only
    checked http(s) URLs, so this pass changes nothing in its output; were a
    bug to let markup through, no other element, no event handler and no
    other URL scheme would survive.

    >>> sanitise_html('<a href="javascript:x" onclick="y">t</a><script>z</script>')
    '<a>t</a>'
    """
    return _CLEANER.clean(markup)


def _html_markup(nodes: _Nodes, lang: str) -> str:
    """The attribution's HTML, built from escaped parts only."""
    out = [f'<span class="wikireuse-attribution" lang="{_html_attr(lang)}">']
    for node in nodes:
        if isinstance(node, _Link):
            rel = ' rel="license"' if node.license else ""
            inner = "".join(_html_text(child.text) for child in node.children)
            out.append(f'<a href="{_html_attr(node.url)}"{rel}>{inner}</a>')
        else:
            out.append(_html_text(node.text))
    out.append("</span>")
    return "".join(out)


def _write_html(nodes: _Nodes, lang: str) -> str:
    return sanitise_html(_html_markup(nodes, lang))


# Markdown: characters with inline meaning get a backslash; <, > and & become
# entities (a backslash before "<" is not honoured by every Markdown flavour,
# an entity is). "$" is escaped for the dollar-math extensions.
_MD_ESCAPE: Final = re.compile(r"[\\`*_\[\](){}#!|~$]")
_MD_ENTITY: Final = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# What would start a block (heading, list, quote, ...) at the start of a line.
_MD_BLOCK_START: Final = re.compile(r"(?:[#>+=-]|\d+[.)])")
# In a <...> link destination: "<", ">", spaces and line breaks are not
# allowed (safe_url already percent-encodes them); an entity-like "&x;"
# would be decoded by CommonMark.
_MD_URL_ENTITY: Final = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_escape(text: str) -> str:
    """*text* with Markdown and HTML metacharacters escaped (inline only)."""
    text = _MD_ESCAPE.sub(lambda m: "\\" + m.group(0), text)
    return re.sub(r"[<>&]", lambda m: _MD_ENTITY[m.group(0)], text)


def md_link(text: str, url: str) -> str:
    """``[text](<url>)`` with *text* already escaped and *url* already safe."""
    url = _MD_URL_ENTITY.sub("%26", url)
    url = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{text}](<{url}>)"


def md_paragraph(text: str) -> str:
    """Escaped Markdown that cannot start a block ("1. Title", "# Title")."""
    match = _MD_BLOCK_START.match(text)
    if match:
        end = match.end()
        text = text[: end - 1] + "\\" + text[end - 1 :]
    return text


def _write_markdown(nodes: _Nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, _Link):
            inner = "".join(md_escape(child.text) for child in node.children)
            out.append(md_link(inner, node.url))
        else:
            out.append(md_escape(node.text))
    return md_paragraph("".join(out).strip())


# Fixed text that is plain in wikitext: letters, digits, spaces and sentence
# punctuation (the straight double quote has no meaning in running wikitext;
# the reuse notice quotes with it). Anything else ("[", "{", "<", "'", "~",
# "&", ...) goes into <nowiki> like foreign text.
_WIKI_PLAIN: Final = re.compile(r"(?:[^\W_]|[ \u00a0\u202f,.;:!?()\"“”„‘’«»‹›/%·–—-])*")
# What starts a list, an indent, a table or a rule at the start of a line.
_WIKI_LINE_START: Final = re.compile(r"[*#:; {|]|----")


def _nowiki(text: str) -> str:
    if not text:
        return ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<nowiki>{escaped}</nowiki>"


def _wiki_text(node: _Text) -> str:
    if not node.foreign and _WIKI_PLAIN.fullmatch(node.text):
        return node.text
    return _nowiki(node.text)


def _write_wikitext(nodes: _Nodes) -> str:
    out = []
    for node in nodes:
        if isinstance(node, _Link):
            inner = "".join(_wiki_text(child) for child in node.children)
            # "[" and "]" end the link; "~~~" is a signature when saved.
            url = node.url.replace("[", "%5B").replace("]", "%5D")
            url = url.replace("~", "%7E")
            out.append(f"[{url} {inner}]")
        else:
            out.append(_wiki_text(node))
    text = "".join(out)
    if _WIKI_LINE_START.match(text):
        text = "<nowiki/>" + text
    return text


# -- the dict form ---------------------------------------------------------------


def _byline_dict(byline: Byline) -> dict[str, Any]:
    return {
        "text": byline.text,
        "segments": [{"text": s.text, "url": s.url} for s in byline.segments],
    }


def _license_dict(notice: LicenseNotice) -> dict[str, Any]:
    return {
        "id": notice.id,
        "name": notice.name,
        "short_name": notice.short_name,
        "url": notice.url,
        "kind": notice.kind,
        "version": notice.version,
    }


def _author_text(a: Attribution) -> str:
    if a.credit_line is not None and a.credit_line.text.strip():
        return a.credit_line.text
    return ", ".join(author.text for author in a.authors if author.text.strip())


def to_dict(attribution: Attribution) -> dict[str, Any]:
    """JSON-safe values with stable names (schema ``wikireuse.attribution/1``).

    The keys:

    * ``schema``, ``kind``, ``lang``;
    * the TASL elements: ``title``, ``author`` (the credit line, else the
      named authors joined with ", "; ``""`` when none is named: see
      ``author_mode``/``history_url``), ``source_url``, ``license``
      (``id``, ``name``, ``short_name``, ``url``, ``kind``, ``version``),
      ``modifications`` (``""`` = modified, no description), ``warnings``;
    * ``essential``, shaped like the Wikimedia Attribution API's block:
      ``title``, ``link`` (the source URL), ``license`` (``title``: the full
      licence name, ``url``) and ``credit`` (the author text, or ``None``);
    * everything else in the record: ``page_url``, ``site_name``,
      ``authors`` and ``credit_line``/``source_credit`` (each ``text`` and
      ``segments`` of ``text``/``url``), ``author_mode``, ``history_url``,
      ``anonymous_authors``, ``more_authors``, ``alternatives`` (licences),
      ``copyright_notice``, ``modified_by``, ``revid``, ``timestamp``
      (``YYYY-MM-DDTHH:MM:SSZ``), ``accessed`` (``YYYY-MM-DD``),
      ``required``, ``restrictions``, ``reusable``.

    >>> from wikireuse.attribution import Attribution, LicenseNotice
    >>> a = Attribution(kind="work", title="Napkin doodle",
    ...     source_url="https://example.org/doodle",
    ...     license=LicenseNotice(id="CC-BY-4.0", name="CC BY 4.0",
    ...         short_name="CC BY 4.0", kind="license",
    ...         url="https://creativecommons.org/licenses/by/4.0/"))
    >>> to_dict(a)["essential"]["license"]["url"]
    'https://creativecommons.org/licenses/by/4.0/'
    """
    a = attribution
    author = _author_text(a)
    return {
        "schema": ATTRIBUTION_SCHEMA,
        "kind": a.kind,
        "lang": a.lang,
        "title": a.title,
        "author": author,
        "source_url": a.source_url,
        "license": _license_dict(a.license),
        "modifications": list(a.modifications),
        "warnings": list(a.warnings),
        "essential": {
            "title": a.title,
            "link": a.source_url,
            "license": {"title": a.license.name, "url": a.license.url},
            "credit": author or None,
        },
        "page_url": a.page_url,
        "site_name": a.site_name,
        "authors": [_byline_dict(b) for b in a.authors],
        "author_mode": a.author_mode,
        "history_url": a.history_url,
        "anonymous_authors": a.anonymous_authors,
        "more_authors": a.more_authors,
        "credit_line": None if a.credit_line is None else _byline_dict(a.credit_line),
        "source_credit": (
            None if a.source_credit is None else _byline_dict(a.source_credit)
        ),
        "alternatives": [_license_dict(n) for n in a.alternatives],
        "copyright_notice": a.copyright_notice,
        "modified_by": a.modified_by,
        "revid": a.revid,
        "timestamp": None if a.timestamp is None else format_timestamp(a.timestamp),
        "accessed": None if a.accessed is None else a.accessed.isoformat(),
        "required": a.required,
        "restrictions": list(a.restrictions),
        "reusable": a.reusable,
    }


def resolve_catalogue(catalogue: object) -> Catalogue:
    """*catalogue*, or the built-in one for ``None``.

    Raises:
        ConfigurationError: *catalogue* is something else.
    """
    if catalogue is None:
        return DEFAULT_CATALOGUE
    if not isinstance(catalogue, Catalogue):
        raise ConfigurationError(
            message=f"catalogue must be a wikireuse.messages.Catalogue, got "
            f"{type(catalogue).__name__}"
        )
    return catalogue


def render(
    attribution: Attribution,
    format: str,
    *,
    catalogue: Catalogue | None = None,
    style: str = "credit",
) -> str:
    """*attribution* in *format* and *style*, with the fixed words in its language.

    *style* is ``credit`` (the TASL credit), ``reuse-notice`` or
    ``copy-summary`` (articles only; not in ``json``, which is data).

    >>> from wikireuse.attribution import Attribution, Byline, LicenseNotice
    >>> a = Attribution(kind="work", title="Napkin doodle",
    ...     source_url="https://example.org/doodle",
    ...     authors=(Byline.plain("lisaon"),),
    ...     license=LicenseNotice(id="CC-BY-4.0", name="CC BY 4.0",
    ...         short_name="CC BY 4.0", kind="license",
    ...         url="https://creativecommons.org/licenses/by/4.0/"))
    >>> print(render(a, "text"))
    “Napkin doodle” (https://example.org/doodle) by lisaon is licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
    >>> print(render(a, "markdown"))
    [“Napkin doodle”](<https://example.org/doodle>) by lisaon is licensed under ...
    >>> print(render(a, "html")[46:])
    <a href="https://example.org/doodle">“Napkin doodle”</a> by lisaon ...

    Raises:
        ConfigurationError: An unknown format or style, a style the
            attribution or format cannot have, or a language *catalogue*
            does not have.
    """
    catalogue = resolve_catalogue(catalogue)
    writer = _WRITERS.get(format) if isinstance(format, str) else None
    if writer is None:
        raise ConfigurationError(
            message=f"unknown attribution format {format!r}; choose one of "
            f"{', '.join(FORMATS)}"
        )
    if not isinstance(style, str) or style not in STYLES:
        raise ConfigurationError(
            message=f"unknown attribution style {style!r}; choose one of "
            f"{', '.join(STYLES)}"
        )
    if style == "credit":
        return writer(attribution, catalogue)
    if format == "json":
        raise ConfigurationError(
            message=f"the json format is the attribution's data; the {style!r} "
            "style is a sentence: render it as text, html, markdown or wikitext"
        )
    if style == "reuse-notice":
        nodes = _reuse_notice(attribution, catalogue)
    else:
        nodes = _copy_summary(attribution, catalogue, wikilink=format == "wikitext")
    if format == "html":
        return _write_html(nodes, attribution.lang)
    if format == "markdown":
        return _write_markdown(nodes)
    if format == "wikitext" and style == "copy-summary":
        # An edit summary knows only [[links]]: no <nowiki>, no [url text].
        return _write_text(nodes)
    if format == "wikitext":
        return _write_wikitext(nodes)
    return _write_text(nodes)


def _json(a: Attribution, catalogue: Catalogue) -> str:
    data = to_dict(a)
    data["text"] = _write_text(_nodes(a, catalogue))
    return html_safe(escape_surrogates(canonical(data)))


_WRITERS: Final[Mapping[str, Callable[[Attribution, Catalogue], str]]] = {
    "text": lambda a, c: _write_text(_nodes(a, c)),
    "html": lambda a, c: _write_html(_nodes(a, c), a.lang),
    "markdown": lambda a, c: _write_markdown(_nodes(a, c)),
    "wikitext": lambda a, c: _write_wikitext(_nodes(a, c)),
    "json": _json,
}
