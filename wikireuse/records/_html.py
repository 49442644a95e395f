"""Reading the small HTML fragments of a file's ``extmetadata``.

Commons renders the author, source, credit line and description of a file as
HTML (``Artist``, ``Credit``, ``Attribution``, ``ImageDescription``, ...):
links to user pages (protocol-relative ``//host/...``, site-relative
``/wiki/...``, red links to ``index.php?...&action=edit&redlink=1``), hidden
microformat data in ``display:none`` elements, ``(talk)`` links after a
signature and ``{{Creator}}`` vcards. :func:`read_html` turns such a fragment
into clean text and a list of absolute links. It is parsed with lxml's
HTML parser (libxml2, which tokenises as browsers do), so whatever a browser
would read as markup is markup here too and never reaches the text:

* ``<script>``, ``<style>``, elements styled ``display:none`` or
  ``visibility:hidden`` and elements with the ``hidden`` attribute are
  dropped with everything inside them;
* a vcard's ``id="creator"`` element, when present, is all that is read (the
  rest of a ``{{Creator}}`` box is biographical data, not the name);
* links to talk pages are dropped, with the empty brackets they leave;
* entities are decoded; whitespace is collapsed to one space, and to one
  line break where block elements (``p``, ``br``, ``li``, ``tr``, ...) were;
* link targets are made absolute on the wiki the fragment came from (the
  file's repository: not always Commons) and only ``http``/``https`` links
  with a host and without a user name or password are kept, so
  ``javascript:``, ``data:`` and ``vbscript:`` never get through, nor
  ``https://trusted.org@evil.example/`` look-alikes.

>>> page = LinkBase.from_page_url("https://commons.wikimedia.org/wiki/File:X.jpg")
>>> found = read_html('<a href="//commons.wikimedia.org/wiki/User:Rama">Rama</a>'
...                   ' &amp; Musée Bolo', page)
>>> found.text
'Rama & Musée Bolo'
>>> found.links
(('Rama', 'https://commons.wikimedia.org/wiki/User:Rama'),)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Final
from urllib.parse import (
    SplitResult,
    parse_qsl,
    quote,
    unquote,
    urljoin,
    urlsplit,
    urlunsplit,
)

import attrs
from lxml import etree

from wikireuse.core._json import SURROGATES
from wikireuse.records.titles import url_path

__all__ = ["HtmlReading", "LinkBase", "read_html", "safe_url"]

# Elements whose content is never text of the credit: scripts, styles,
# embedded documents, the document head, and the raw-text elements whose
# content the parser keeps as characters ("<xmp><b>" is the text "<b>").
_DROP: Final = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "head",
        "title",
        "textarea",
        "xmp",
        "plaintext",
        "noembed",
        "noframes",
        "select",
    }
)
# Block elements that end a line of text, and those that only separate words.
_LINE: Final = frozenset(
    {
        "p",
        "br",
        "div",
        "li",
        "tr",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
    }
)
_WORD: Final = frozenset({"td", "th", "dd", "dt", "caption"})

# Inline styles that hide an element from a reader of the page.
_HIDDEN_STYLE: Final = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.IGNORECASE
)
# Browsers strip C0 controls and spaces around a URL and ignore tab and
# newline anywhere in it: "java\nscript:" is "javascript:" to them.
_URL_EDGE: Final = "".join(chr(c) for c in range(0x21))
_URL_JUNK: Final = re.compile(r"[\x00-\x1f\x7f]")
_PATH_RELATIVE: Final = re.compile(r"^\.\.?/")
_SPACES: Final = re.compile(r"[^\S\n]+")
_BREAKS: Final = re.compile(r"\s*\n\s*")
_EMPTY_BRACKETS: Final = re.compile(r"\s*\(\s*\)")
# Namespace prefixes of talk pages: English "... talk", German
# "... Diskussion", French "Discussion ...", and the generic "Talk".
_TALK_NS: Final = re.compile(
    r"^(?:.*[ _]talk|talk|.*[ _]diskussion|diskussion|discussion[ _].*)$",
    re.IGNORECASE,
)
# Characters left as they are when a URL is re-quoted (everything else that
# is not ASCII-safe, e.g. spaces, quotes, angle brackets, is %-escaped).
_URL_SAFE: Final = "/:?#[]@!$&()*+,;=%~-._"


@attrs.frozen(kw_only=True)
class LinkBase:
    """Where the relative links of a fragment point: the wiki it came from.

    Attributes:
        scheme: ``https`` (or ``http`` for a local test wiki), used for
            protocol-relative ``//host/...`` links.
        netloc: Host (and port) of the wiki.
        article_prefix: URL that a page title is appended to, e.g.
            ``https://commons.wikimedia.org/wiki/``.
    """

    scheme: str
    netloc: str
    article_prefix: str

    @classmethod
    def from_page_url(cls, url: str) -> LinkBase:
        """The base of the wiki whose page is at *url* (e.g. a ``descriptionurl``).

        The article prefix is *url* up to its last ``/`` or ``=`` (file names
        contain neither), which covers ``/wiki/$1`` and ``index.php?title=$1``
        layouts alike.

        >>> LinkBase.from_page_url("http://127.0.0.1:8080/wiki/File:A.png")
        LinkBase(scheme='http', netloc='127.0.0.1:8080', article_prefix='http://127.0.0.1:8080/wiki/')
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower() if parts.scheme in {"http", "https"} else "https"
        cut = max(url.rfind("/"), url.rfind("="))
        prefix = url[: cut + 1]
        if not parts.netloc or cut < len(f"{parts.scheme}://{parts.netloc}"):
            prefix = f"{scheme}://{parts.netloc}/wiki/"
        return cls(scheme=scheme, netloc=parts.netloc, article_prefix=prefix)

    @property
    def origin(self) -> str:
        """``scheme://netloc``."""
        return f"{self.scheme}://{self.netloc}"


# Pure and called for every link of every credit rendered; the same licence,
# history and user-page URLs come back again and again in bulk rendering.
@functools.lru_cache(maxsize=16384)
def safe_url(href: str, base: LinkBase | None) -> str | None:
    r"""*href* as an absolute ``http(s)`` URL on *base*, or ``None`` if it is not one.

    >>> base = LinkBase.from_page_url("https://de.wikipedia.org/wiki/Datei:A.jpg")
    >>> safe_url("/w/index.php?title=Benutzer:X&action=edit&redlink=1", base)
    'https://de.wikipedia.org/wiki/Benutzer:X'
    >>> safe_url("JaVaScRiPt:alert(1)", base) is None
    True
    >>> safe_url("https://example.org/\ud800", base) is None
    True
    """
    cleaned = _URL_JUNK.sub("", href.strip(_URL_EDGE).replace("\\", "/"))
    if not cleaned or cleaned.startswith("#"):
        return None
    if cleaned.startswith("//"):
        cleaned = ("https:" if base is None else f"{base.scheme}:") + cleaned
    elif cleaned.startswith("/"):
        if base is None:
            return None
        cleaned = base.origin + cleaned
    elif _PATH_RELATIVE.match(cleaned):
        # "./User:X" or "../wiki/User:X": relative to the wiki's page path.
        # (A bare "User:X" is a URL of scheme "user:" to a browser, and goes.)
        if base is None:
            return None
        cleaned = urljoin(base.article_prefix, cleaned)
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
        has_credentials = parts.username is not None or parts.password is not None
    except ValueError:  # e.g. an invalid IPv6 literal or port
        return None
    if parts.scheme.lower() not in {"http", "https"} or not host or has_credentials:
        return None
    parts = parts._replace(scheme=parts.scheme.lower())
    url = urlunsplit(parts)
    if base is not None and parts.netloc.lower() == base.netloc.lower():
        url = _article_form(parts, base) or url
    try:
        return quote(url, safe=_URL_SAFE)
    except UnicodeError:  # a lone surrogate: UTF-8 cannot carry it, so no URL
        return None


def _article_form(parts: SplitResult, base: LinkBase) -> str | None:
    """A red link ``index.php?title=T&action=edit&redlink=1`` as the page URL of T.

    The edit form is no place to send a reader of a credit line; the page
    (or, for a user without one, its "no such page" view) is.
    """
    query = dict(parse_qsl(parts.query))
    title = query.get("title")
    if title and query.get("redlink") == "1" and parts.path.endswith("index.php"):
        return base.article_prefix + url_path(title)
    return None


def _link_title(url: str, base: LinkBase | None) -> str:
    """The wiki page title a link points to, when it is a page on a wiki."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "title" in query:
        return query["title"]
    if base is not None and url.startswith(base.article_prefix):
        return unquote(url[len(base.article_prefix) :].split("?")[0])
    if "/wiki/" in parts.path:
        return unquote(parts.path.split("/wiki/", 1)[1])
    return ""


def _is_talk_link(url: str, base: LinkBase | None) -> bool:
    title = _link_title(url, base)
    namespace = title.split(":", 1)[0] if ":" in title else ""
    return bool(namespace) and _TALK_NS.match(namespace) is not None


@attrs.frozen(kw_only=True)
class HtmlReading:
    """What :func:`read_html` found in a fragment.

    Attributes:
        text: The visible text, entities decoded, whitespace collapsed.
        links: ``(text, url)`` of each kept link, in order.
        classes: Every CSS class seen on a visible element (e.g.
            ``int-own-work``).
    """

    text: str
    links: tuple[tuple[str, str], ...]
    classes: frozenset[str]


class _Reader:
    """Collects visible text and links; see :func:`read_html`.

    An lxml parser *target*: libxml2 tokenises the fragment as HTML5 does
    and reports balanced start and end events (stray end tags dropped,
    unclosed elements closed), so nothing that is markup ever arrives here
    as text.
    """

    def __init__(self, base: LinkBase | None) -> None:
        self.base = base
        self.stack: list[str] = []
        self.hidden_at: int | None = None  # stack depth where hiding began
        self.creator_at: int | None = None  # stack depth of id="creator"
        self.all_text: list[str] = []
        self.creator_text: list[str] = []
        self.all_links: list[tuple[str, str]] = []
        self.creator_links: list[tuple[str, str]] = []
        self.classes: set[str] = set()
        self.link_url: str | None = None
        self.link_text: list[str] = []
        self.link_depth: int | None = None
        self.link_in_creator = False
        self.talk_depth: int | None = None  # inside a dropped talk link
        self.dropped_talk = False

    # -- output ----------------------------------------------------------

    def _emit(self, text: str) -> None:
        if self.hidden_at is not None or self.talk_depth is not None:
            return
        self.all_text.append(text)
        if self._in_creator():
            self.creator_text.append(text)
        if self.link_url is not None:
            self.link_text.append(text)

    def _in_creator(self) -> bool:
        # -1 marks a creator element that was seen and closed: only the
        # first one counts.
        return self.creator_at is not None and self.creator_at >= 0

    def _close_link(self) -> None:
        if self.link_url is not None:
            text = _collapse("".join(self.link_text)).replace("\n", " ")
            link = (text, self.link_url)
            self.all_links.append(link)
            if self.link_in_creator:
                self.creator_links.append(link)
        self.link_url = None
        self.link_text = []
        self.link_depth = None

    def _separate(self, tag: str) -> None:
        if tag in _LINE:
            self._emit("\n")
        elif tag in _WORD:
            self._emit(" ")

    # -- parser target events ----------------------------------------------

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        tag = tag.lower()
        values = {name.lower(): value for name, value in attrib.items()}
        depth = len(self.stack)
        self.stack.append(tag)
        self._separate(tag)
        if self.hidden_at is not None or self.talk_depth is not None:
            return
        if (
            tag in _DROP
            or "hidden" in values
            or _HIDDEN_STYLE.search(values.get("style", ""))
        ):
            self.hidden_at = depth
            return
        self.classes.update(values.get("class", "").split())
        if values.get("id") == "creator" and self.creator_at is None:
            self.creator_at = depth
        if tag == "a":
            self._close_link()
            url = safe_url(values.get("href", ""), self.base)
            if url is not None and _is_talk_link(url, self.base):
                self.talk_depth = depth
                self.dropped_talk = True
                return
            if url is not None:
                self.link_url = url
                self.link_depth = depth
                self.link_in_creator = self._in_creator()

    def end(self, tag: str) -> None:
        self._separate(tag.lower())
        if not self.stack:  # libxml2 balances its events; this is a guard
            return
        self.stack.pop()
        depth = len(self.stack)
        if self.link_depth is not None and depth <= self.link_depth:
            self._close_link()
        if self.talk_depth is not None and depth <= self.talk_depth:
            self.talk_depth = None
        if self.hidden_at is not None and depth <= self.hidden_at:
            self.hidden_at = None
        if self.creator_at is not None and depth <= self.creator_at:
            self.creator_at = -1

    def data(self, data: str) -> None:
        self._emit(data)

    def close(self) -> None:
        self._close_link()

    def reading(self) -> HtmlReading:
        """What was read, once the parser is closed."""
        if self.creator_text and "".join(self.creator_text).strip():
            text, links = self.creator_text, self.creator_links
        else:
            text, links = self.all_text, self.all_links
        joined = "".join(text)
        if self.dropped_talk:
            # "Name (talk)" without its talk link leaves "Name ()".
            joined = _EMPTY_BRACKETS.sub("", joined)
        return HtmlReading(
            text=_collapse(joined),
            links=tuple(links),
            classes=frozenset(self.classes),
        )


def _collapse(text: str) -> str:
    """Runs of spaces to one space; whitespace holding line breaks to one break."""
    text = _SPACES.sub(" ", text.replace("\r", "\n").replace("\xa0", " "))
    return _BREAKS.sub("\n", text).strip()


def read_html(fragment: str, base: LinkBase | None = None) -> HtmlReading:
    r"""Clean text, absolute links and CSS classes of an HTML *fragment*.

    Args:
        fragment: The HTML, as the wiki rendered it.
        base: The wiki the fragment came from, to make relative links
            absolute; without it only absolute and protocol-relative links
            are kept.

    >>> read_html('<p>unbekannt\n</p>').text
    'unbekannt'
    >>> read_html('1891<div style="display: none;">date QS:P,+1891</div>').text
    '1891'
    """
    # libxml2 reads UTF-8: a lone surrogate (valid in JSON's "\\ud800", not
    # in UTF-8) becomes U+FFFD, as the parser does with a NUL.
    fragment = SURROGATES.sub("\ufffd", fragment)
    reader = _Reader(base)
    parser = etree.HTMLParser(
        # lxml-stubs type a target as one that builds elements; lxml takes
        # any object with these event methods.
        target=reader,  # type: ignore[arg-type]
        recover=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    parser.feed(fragment)
    parser.close()
    return reader.reading()
