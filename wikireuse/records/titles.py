"""MediaWiki page titles, normalised the way the wiki does it, without asking it.

A title typed by a person (``"ada_lovelace "``, ``"user:alice"``) names the
same page as the wiki's normal form (``"Ada lovelace"``, ``"User:Alice"``).
:func:`normalise` computes that normal form offline, following MediaWiki's
title parser step by step:

1. character references are decoded (``&amp;`` → ``&``, ``&#65;`` → ``A``)
   and the text is put in Unicode NFC;
2. left-to-right / right-to-left marks and embeddings (U+200E, U+200F,
   U+202A-U+202E) are removed;
3. runs of spaces, underscores and Unicode spaces (no-break space, ideographic
   space, line/paragraph separators, ...) become one space; spaces at either
   end are dropped; one leading ``:`` (an explicit main namespace) is dropped;
4. a namespace prefix (``user:``, ``User talk:``, aliases such as ``Image:``)
   is recognised case-insensitively and written in its canonical form;
   a ``#fragment`` is split off;
5. the title is rejected (:class:`~wikireuse.exceptions.InvalidTitleError`)
   for characters a title cannot contain (``# < > [ ] { } |``, control
   characters, U+FFFD), percent-escapes (``%20``), unknown character
   references, relative paths (``./``, ``../``), ``~~~``, more than 255 bytes
   (512 for ``Special:``), a namespace alone, a leading ``:`` after the
   namespace, or a talk page of a namespace (``Talk:User:X``);
6. the first letter is upper-cased, unless the namespace (or *case*) is
   ``"case-sensitive"``.

>>> normalise("  ada_lovelace ")
'Ada lovelace'
>>> normalise("user_talk:bob")
'User talk:Bob'
>>> to_dbkey("talk: main page"), from_dbkey("Talk:Main_page")
('Talk:Main_page', 'Talk:Main page')
>>> title_from_url("https://en.wikipedia.org/wiki/Ada_Lovelace").title
'Ada Lovelace'

Limits, stated so nobody relies on them: special page names are not
resolved to their canonical names (``Special:recentchanges`` stays as is,
the wiki says ``Special:RecentChanges``); the first letter is upper-cased by
Unicode's rules as Python implements them (``ß`` → ``SS``, as a stock
MediaWiki on PHP 8 does), not by per-language rules (Turkish dotted i) nor by
a wiki's ``$wgOverrideUcfirstCharacters`` (pass *uppercase* for that);
named character references are those of HTML5; interwiki prefixes are only
known when passed in; IPv6 user names are not rewritten. Everything here is
pure: no request is ever made.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html.entities
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Final, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

import attrs

from wikireuse.exceptions import ConfigurationError, InvalidTitleError
from wikireuse.records._payload import integer

__all__ = [
    "DEFAULT_NAMESPACES",
    "Case",
    "Namespaces",
    "PageRef",
    "ParsedTitle",
    "from_dbkey",
    "normalise",
    "parse_title",
    "title_from_url",
    "to_dbkey",
    "url_path",
]

Case = Literal["first-letter", "case-sensitive"]
"""How a namespace treats the first letter of titles."""

_CASES: Final = ("first-letter", "case-sensitive")

# MediaWikiTitleCodec: bidi marks are dropped, Unicode spaces collapse to "_".
_BIDI_RE: Final = re.compile("[\u200e\u200f\u202a-\u202e]+")
_SPACE_RE: Final = re.compile(
    "[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)
# $wgLegalTitleChars, inverted: what may not appear, plus escapes and entities.
_ILLEGAL_RE: Final = re.compile(
    r"[^ %!\"$&'()*,\-./0-9:;=?@A-Z\\^_`a-z~+\u0080-\U0010ffff]"
    r"|%[0-9A-Fa-f]{2}"
    r"|&[A-Za-z0-9\u0080-\U0010ffff]+;"
)
_CHARREF_RE: Final = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z0-9]+));")
_PREFIX_RE: Final = re.compile(r"^(.+?)_*:_*(.*)$", re.DOTALL)
_MAX_BYTES: Final = 255
_MAX_SPECIAL_BYTES: Final = 512
_NS_SPECIAL: Final = -1
_NS_TALK: Final = 1


def _namespace_id(entry: Mapping[str, Any], where: str) -> int:
    """The ``id`` of a siteinfo namespace entry, checked."""
    return integer(entry, "id", where=where) or 0


def _key(name: str) -> str:
    """How MediaWiki compares namespace names: spaces as ``_``, lower case."""
    return _SPACE_RE.sub("_", name.strip()).lower()


@attrs.frozen(kw_only=True)
class Namespaces:
    """A wiki's namespaces: names, aliases and first-letter case.

    Attributes:
        names: ``(id, local name)`` pairs; the name of 0 is ``""``.
        aliases: Other names that select a namespace, ``(name, id)`` pairs
            (canonical English names, ``Image`` for ``File``, ...).
        case_sensitive: Ids of namespaces whose titles keep their first
            letter as typed (``$wgCapitalLinks = false`` makes them all so).

    >>> ns = Namespaces.from_siteinfo({"query": {
    ...     "namespaces": {"0": {"id": 0, "name": "", "case": "first-letter"},
    ...                    "4": {"id": 4, "name": "Wikipedia", "canonical": "Project",
    ...                          "case": "first-letter"}},
    ...     "namespacealiases": [{"id": 4, "alias": "WP"}]}})
    >>> normalise("wp:about", namespaces=ns)
    'Wikipedia:About'

    .. versionadded:: 0.1.0
    """

    names: tuple[tuple[int, str], ...]
    aliases: tuple[tuple[str, int], ...] = ()
    case_sensitive: frozenset[int] = frozenset()

    def index(self, name: str) -> int | None:
        """The id of the namespace called *name* (any case), or ``None``."""
        wanted = _key(name)
        for ns, local in self.names:
            if ns != 0 and _key(local) == wanted:
                return ns
        for alias, ns in self.aliases:
            if _key(alias) == wanted:
                return ns
        return None

    def name(self, ns: int) -> str:
        """The local name of namespace *ns*.

        Raises:
            ConfigurationError: When the map has no such namespace.
        """
        for number, local in self.names:
            if number == ns:
                return local
        raise ConfigurationError(message=f"no namespace {ns} in this namespace map")

    def case(self, ns: int) -> Case:
        """``"case-sensitive"`` or ``"first-letter"`` for namespace *ns*."""
        return "case-sensitive" if ns in self.case_sensitive else "first-letter"

    @classmethod
    def from_siteinfo(cls, data: Mapping[str, Any]) -> Namespaces:
        """Read ``meta=siteinfo&siprop=namespaces|namespacealiases`` (either format).

        Canonical (English) names are added as aliases, as the wiki accepts
        them too.

        Raises:
            ConfigurationError: When *data* has no ``query.namespaces``.
        """
        query = data.get("query") if isinstance(data, Mapping) else None
        raw = query.get("namespaces") if isinstance(query, Mapping) else None
        if isinstance(raw, Mapping):
            raw = list(raw.values())
        if not isinstance(raw, list):
            raise ConfigurationError(
                message="expected a meta=siteinfo response with siprop=namespaces"
            )
        names: list[tuple[int, str]] = []
        aliases: list[tuple[str, int]] = []
        sensitive: set[int] = set()
        for entry in raw:
            if not isinstance(entry, Mapping) or "id" not in entry:
                continue
            ns = _namespace_id(entry, "query.namespaces[]")
            local = entry.get("name", entry.get("*", ""))
            names.append((ns, str(local)))
            canonical = entry.get("canonical")
            if isinstance(canonical, str) and canonical and canonical != local:
                aliases.append((canonical, ns))
            if entry.get("case") == "case-sensitive":
                sensitive.add(ns)
        assert isinstance(query, Mapping)  # noqa: S101  # checked above
        extra = query.get("namespacealiases")
        if isinstance(extra, list):
            for entry in extra:
                if isinstance(entry, Mapping) and "id" in entry:
                    alias = entry.get("alias", entry.get("*", ""))
                    ns = _namespace_id(entry, "query.namespacealiases[]")
                    aliases.append((str(alias), ns))
        return cls(
            names=tuple(names),
            aliases=tuple(aliases),
            case_sensitive=frozenset(sensitive),
        )


DEFAULT_NAMESPACES: Final = Namespaces(
    names=(
        (-2, "Media"),
        (-1, "Special"),
        (0, ""),
        (1, "Talk"),
        (2, "User"),
        (3, "User talk"),
        (4, "Project"),
        (5, "Project talk"),
        (6, "File"),
        (7, "File talk"),
        (8, "MediaWiki"),
        (9, "MediaWiki talk"),
        (10, "Template"),
        (11, "Template talk"),
        (12, "Help"),
        (13, "Help talk"),
        (14, "Category"),
        (15, "Category talk"),
    ),
    aliases=(("Image", 6), ("Image talk", 7)),
)
"""MediaWiki's canonical English namespaces (``Project`` stands for the
wiki's own name, which only the wiki knows: use :meth:`Namespaces.from_siteinfo`)."""


@attrs.frozen(kw_only=True)
class ParsedTitle:
    """A title split as MediaWiki splits it.

    Attributes:
        namespace: Namespace id (0 for articles).
        prefix: The namespace's name (``""`` for 0).
        text: The title without the namespace, normalised (spaces, not
            underscores).
        fragment: What followed ``#``, if anything.
        interwiki: The interwiki prefix, when the title points to another
            wiki (only recognised for prefixes passed in).

    .. versionadded:: 0.1.0
    """

    namespace: int
    prefix: str
    text: str
    fragment: str = ""
    interwiki: str = ""

    @property
    def full(self) -> str:
        """The whole title: ``"Prefix:Text"`` (``"Text"`` in namespace 0)."""
        title = f"{self.prefix}:{self.text}" if self.prefix else self.text
        return f"{self.interwiki}:{title}" if self.interwiki else title

    @property
    def dbkey(self) -> str:
        """:attr:`full` with underscores, as in URLs and the database."""
        return self.full.replace(" ", "_")


def _invalid(title: str, reason: str) -> InvalidTitleError:
    return InvalidTitleError(
        message=f"invalid title {title[:100]!r}: {reason}",
        code="invalidtitle",
        title=title,
        reason=reason,
    )


def _decode_charrefs(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            return html.entities.html5.get(name + ";", match.group(0))
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code == 0:
            return "\ufffd"
        return chr(code)

    return _CHARREF_RE.sub(one, text)


def _ucfirst(text: str, uppercase: Mapping[str, str] | None) -> str:
    if not text:
        return text
    first = text[0]
    upper = uppercase[first] if uppercase and first in uppercase else first.upper()
    return upper + text[1:]


def parse_title(
    title: str,
    *,
    namespaces: Namespaces | None = None,
    case: Case | None = None,
    interwikis: Collection[str] = (),
    uppercase: Mapping[str, str] | None = None,
) -> ParsedTitle:
    """Split and normalise *title* the way MediaWiki does.

    Args:
        title: The title as typed.
        namespaces: The wiki's namespaces (default: MediaWiki's English
            canonical ones).
        case: Force ``"first-letter"`` or ``"case-sensitive"`` for every
            namespace (default: each namespace's own setting).
        interwikis: Interwiki prefixes the wiki knows (``"en"``, ``"mw"``).
        uppercase: Overrides of the first-letter upper-casing, character to
            character (a wiki's ``$wgOverrideUcfirstCharacters``).

    Raises:
        InvalidTitleError: When no page can have this title.
        ConfigurationError: When *title* is not a string or *case* unknown.
    """
    if not isinstance(title, str):
        raise ConfigurationError(message=f"a title must be a string, got {title!r}")
    if case is not None and case not in _CASES:
        raise ConfigurationError(message=f"case must be one of {_CASES}, got {case!r}")
    spaces = namespaces if namespaces is not None else DEFAULT_NAMESPACES
    text = unicodedata.normalize("NFC", _decode_charrefs(title))
    text = _BIDI_RE.sub("", text)
    key = _SPACE_RE.sub("_", text).strip("_")
    if "\ufffd" in key or any("\ud800" <= c <= "\udfff" for c in key):
        raise _invalid(title, "it contains an invalid UTF-8 sequence")
    if not key:
        raise _invalid(title, "it is empty")
    if key.startswith(":"):
        key = key[1:].strip("_")
    namespace = 0
    interwiki = ""
    match = _PREFIX_RE.match(key)
    if match is not None:
        found = spaces.index(match.group(1))
        iw_known = {_key(p) for p in interwikis}
        if found is not None:
            namespace, key = found, match.group(2)
            inner = _PREFIX_RE.match(key)
            if (
                namespace == _NS_TALK
                and inner is not None
                and (
                    spaces.index(inner.group(1)) is not None
                    or _key(inner.group(1)) in iw_known
                )
            ):
                raise _invalid(title, "it is a talk page that cannot exist")
        elif _key(match.group(1)) in iw_known:
            interwiki, key = _key(match.group(1)), match.group(2)
    fragment = ""
    if "#" in key:
        key, _, rest = key.partition("#")
        fragment = rest.replace("_", " ")
        key = key.rstrip("_")
    bad = _ILLEGAL_RE.search(key)
    if bad is not None:
        raise _invalid(title, f"it contains invalid characters: {bad.group(0)!r}")
    if (
        key in {".", ".."}
        or key.startswith(("./", "../"))
        or "/./" in key
        or "/../" in key
        or key.endswith(("/.", "/.."))
    ):
        raise _invalid(title, "it is a relative path (./, ../)")
    if "~~~" in key:
        raise _invalid(title, "it contains ~~~ (a signature)")
    limit = _MAX_SPECIAL_BYTES if namespace == _NS_SPECIAL else _MAX_BYTES
    if not interwiki and len(key.encode("utf-8")) > limit:
        raise _invalid(title, f"it is longer than {limit} bytes")
    mode = case if case is not None else spaces.case(namespace)
    if not interwiki and mode == "first-letter":
        key = _ucfirst(key, uppercase)
    if not key and not interwiki:
        raise _invalid(
            title,
            "it is empty or only a namespace"
            if namespace or not fragment
            else "it is only a #fragment",
        )
    if key.startswith(":"):
        raise _invalid(title, "it has a colon at the start of the title")
    prefix = "" if interwiki else spaces.name(namespace)
    return ParsedTitle(
        namespace=namespace,
        prefix=prefix,
        text=key.replace("_", " "),
        fragment=fragment,
        interwiki=interwiki,
    )


def normalise(
    title: str,
    *,
    namespaces: Namespaces | None = None,
    case: Case | None = None,
    interwikis: Collection[str] = (),
    uppercase: Mapping[str, str] | None = None,
) -> str:
    r"""The wiki's normal form of *title* (without any ``#fragment``).

    Arguments are those of :func:`parse_title`.

    Raises:
        InvalidTitleError: When no page can have this title.

    >>> normalise("\u200eAda\u00a0\u00a0lovelace#Life")
    'Ada lovelace'
    >>> normalise("iPhone", case="case-sensitive")
    'iPhone'
    """
    return parse_title(
        title,
        namespaces=namespaces,
        case=case,
        interwikis=interwikis,
        uppercase=uppercase,
    ).full


def to_dbkey(
    title: str,
    *,
    namespaces: Namespaces | None = None,
    case: Case | None = None,
) -> str:
    """*title* normalised, with underscores for spaces (URL and database form).

    Raises:
        InvalidTitleError: When no page can have this title.

    >>> to_dbkey("user talk:ada lovelace")
    'User_talk:Ada_lovelace'
    """
    return normalise(title, namespaces=namespaces, case=case).replace(" ", "_")


# The characters MediaWiki leaves unescaped in page URLs (wfUrlencode), so
# that the links wikireuse writes are the ones the wiki itself writes.
_URL_PATH_SAFE: Final = ";@$!*(),/~:"


def url_path(title: str) -> str:
    """*title* as it stands in a page URL: underscores, escaped as MediaWiki does.

    It does not normalise; pass a title the wiki gave.

    >>> url_path("Ada Lovelace (1815–1852)")
    'Ada_Lovelace_(1815%E2%80%931852)'
    >>> url_path("Rock 'n' Roll?")
    'Rock_%27n%27_Roll%3F'

    Raises:
        InvalidTitleError: *title* holds a lone surrogate, which no title
            (and no URL) can carry.
    """
    try:
        return quote(title.replace(" ", "_"), safe=_URL_PATH_SAFE)
    except UnicodeEncodeError as exc:
        raise _invalid(title, "it holds a lone surrogate, which is not text") from exc


def from_dbkey(dbkey: str) -> str:
    """A database key back as a display title (underscores become spaces).

    It does not normalise: ``from_dbkey(to_dbkey(t)) == normalise(t)``.

    Raises:
        ConfigurationError: When *dbkey* is not a string.

    >>> from_dbkey("Ada_Lovelace")
    'Ada Lovelace'
    """
    if not isinstance(dbkey, str):
        raise ConfigurationError(message=f"a dbkey must be a string, got {dbkey!r}")
    return dbkey.replace("_", " ")


@attrs.frozen(kw_only=True)
class PageRef:
    """What a wiki URL points at: a title, a page id, and maybe a revision.

    Attributes:
        title: The title (display form, not normalised beyond underscores →
            spaces), or ``None`` for a ``?curid=`` URL.
        pageid: The page id from ``curid=``.
        revid: The revision from ``oldid=`` (a permalink).
        fragment: The URL's ``#fragment``, decoded.

    .. versionadded:: 0.1.0
    """

    title: str | None = None
    pageid: int | None = None
    revid: int | None = None
    fragment: str = ""


def _positive(values: Iterable[str], what: str, url: str) -> int | None:
    for value in values:
        if value.isdigit() and int(value) > 0:
            return int(value)
        raise ConfigurationError(message=f"{what}={value!r} in {url!r} is not an id")
    return None


def title_from_url(url: str, *, articlepath: str = "/wiki/$1") -> PageRef:
    """Read the page a wiki URL names.

    Understands the article path (``/wiki/Title``, or *articlepath*),
    ``index.php?title=Title`` (with ``oldid=`` for a permalink),
    ``index.php/Title`` and ``index.php?curid=123``. Percent-escapes are
    decoded; in a query string ``+`` is a space.

    Raises:
        ConfigurationError: When *url* names no page in one of those forms.

    >>> title_from_url("https://w.test/w/index.php?title=Ada_Lovelace&oldid=42")
    PageRef(title='Ada Lovelace', pageid=None, revid=42, fragment='')
    >>> title_from_url("https://w.test/w/index.php?curid=7").pageid
    7
    """
    if not isinstance(url, str):
        raise ConfigurationError(message=f"a URL must be a string, got {url!r}")
    parts = urlsplit(url.strip())
    query = parse_qs(parts.query, keep_blank_values=True)
    fragment = unquote(parts.fragment).replace("_", " ")
    revid = _positive(query.get("oldid", ()), "oldid", url)
    if query.get("title"):
        return PageRef(
            title=from_dbkey(query["title"][0]), revid=revid, fragment=fragment
        )
    if query.get("curid"):
        pageid = _positive(query["curid"], "curid", url)
        return PageRef(pageid=pageid, revid=revid, fragment=fragment)
    path = parts.path
    before, dollar, after = articlepath.partition("$1")
    if dollar and path.startswith(before) and path.endswith(after) and path != before:
        raw = path[len(before) : len(path) - len(after) if after else None]
        if raw:
            return PageRef(
                title=from_dbkey(unquote(raw)), revid=revid, fragment=fragment
            )
    marker = "index.php/"
    if marker in path:
        raw = path.split(marker, 1)[1]
        if raw:
            return PageRef(
                title=from_dbkey(unquote(raw)), revid=revid, fragment=fragment
            )
    if revid is not None:
        return PageRef(revid=revid, fragment=fragment)
    raise ConfigurationError(message=f"{url!r} does not name a wiki page")
