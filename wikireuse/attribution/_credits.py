"""The engine behind :class:`wikireuse.credits.Credits`.

Attributing and grouping the items, rendering the credits page (HTML,
Markdown, text), the REUSE outputs and reading store manifests. Everything is
linear in the number of items (one sort for the groups), so a page for ten
thousand items costs about ten thousand single attributions.
"""

from __future__ import annotations

import html
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final, TypeAlias
from urllib.parse import urlsplit

import attrs

from wikireuse.attribution import Attribution, AuthorMode, LicenseNotice
from wikireuse.attribution._render import (
    balance_bidi,
    clean_foreign,
    defuse_tags,
    md_escape,
    md_link,
    md_paragraph,
    resolve_catalogue,
)
from wikireuse.core._json import load
from wikireuse.core._words import counted
from wikireuse.exceptions import ConfigurationError, RecordError, WikiReuseError
from wikireuse.licenses import UNKNOWN_ID
from wikireuse.records._html import safe_url

if TYPE_CHECKING:
    from wikireuse.attribution import Work
    from wikireuse.attribution.credits import Credits
    from wikireuse.attribution.messages import Catalogue
    from wikireuse.licenses import Verdict
    from wikireuse.records.articles import Article
    from wikireuse.records.entities import Entity
    from wikireuse.records.media import MediaFile

__all__ = [
    "CreditEntry",
    "CreditGroup",
    "CreditInput",
    "CreditItem",
    "build_entries",
    "build_groups",
    "expression_of",
    "license_sidecars",
    "read_manifest",
    "render_html",
    "render_markdown",
    "render_text",
    "reuse_license_files",
    "reuse_toml",
]

CreditItem: TypeAlias = "Article | MediaFile | Entity | Work | Attribution"
"""What can be credited: anything :func:`~wikireuse.attribute` takes, or a
ready :class:`~wikireuse.attribution.Attribution`."""

CreditInput: TypeAlias = "CreditItem | tuple[str | os.PathLike[str], CreditItem]"
"""An item, or a ``(path, item)`` pair naming the reused file's place in your
repository (a relative path with ``/`` separators)."""


@attrs.frozen(kw_only=True)
class CreditEntry:
    """One credited item.

    Attributes:
        attribution: Its attribution, in the language of the credits.
        path: Where the reused file lives in your repository (normalised,
            ``/``-separated, relative), or ``None``.
    """

    attribution: Attribution
    path: str | None = None


@attrs.frozen(kw_only=True)
class CreditGroup:
    """The items under one licence.

    Attributes:
        license: The licence they share.
        entries: The items, sorted by title.
    """

    license: LicenseNotice
    entries: tuple[CreditEntry, ...]

    @property
    def attributions(self) -> tuple[Attribution, ...]:
        """The attributions of :attr:`entries`, in the same order."""
        return tuple(entry.attribution for entry in self.entries)


# Licences first (they carry conditions), then what needs no credit, then what
# needs checking.
_KIND_ORDER: Final = {"license": 0, "waiver": 1, "public-domain": 2, "unknown": 3}

# A placeholder that no message contains: a message is formatted with it, then
# split around it, so a link can be put where the placeholder stood after the
# text around it is escaped.
_SLOT: Final = "\x00wikireuse-slot\x00"


# -- messages ---------------------------------------------------------------------


class _Messages:
    """The catalogue's messages in one language."""

    def __init__(self, catalogue: Catalogue | None, lang: str) -> None:
        self.catalogue = resolve_catalogue(catalogue)
        self.catalogue.check_language(lang)
        self.lang = lang

    def __call__(self, key: str, **params: str | int) -> str:
        return self.catalogue.message(self.lang, key, **params)

    def around(
        self, key: str, slot: str, **params: str | int
    ) -> tuple[str, str | None]:
        """The message split where parameter *slot* goes (``None``: no slot)."""
        text = self(key, **{slot: _SLOT}, **params)
        before, found, after = text.partition(_SLOT)
        return (before, after) if found else (text, None)

    def warning(self, code: str) -> str:
        """The localised meaning of a warning code, else the code itself."""
        key = f"warning-{code}"
        if key not in self.catalogue.messages.get(self.lang, {}):
            return code  # a code from a hand-made Attribution
        return self(key)


# -- entries and groups -------------------------------------------------------------


def _path(value: object) -> str:
    """A repository path: relative, ``/``-separated, without ``.`` or ``..``."""
    if isinstance(value, PurePath):
        if value.anchor:  # "/x", or "C:\\x" from a PureWindowsPath
            raise ConfigurationError(
                message=f"the path {str(value)!r} is absolute: give it relative "
                "to the repository root"
            )
        raw = value.as_posix()
    elif isinstance(value, str):
        raw = value
    elif isinstance(value, os.PathLike):
        fspath = os.fspath(value)
        if not isinstance(fspath, str):
            raise ConfigurationError(message=f"a path must be text, not {fspath!r}")
        raw = fspath
    else:
        raise ConfigurationError(
            message=f"a path must be a str or os.PathLike, not {type(value).__name__}"
        )
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in raw):
        raise ConfigurationError(message=f"a path with control characters: {raw!r}")
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in raw):
        raise ConfigurationError(
            message=f"the path {raw!r} is not valid UTF-8 (REUSE files are UTF-8)"
        )
    if raw.startswith("/"):
        raise ConfigurationError(
            message=f"the path {raw!r} is absolute: give it relative to the "
            "repository root"
        )
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ConfigurationError(message=f"the path {raw!r} leaves its folder (..)")
    if not parts:
        raise ConfigurationError(message=f"the path {raw!r} names no file")
    return "/".join(parts)


def build_entries(
    items: Sequence[CreditInput],
    *,
    lang: str,
    accessed: date | datetime | None,
    authors: AuthorMode,
    catalogue: Catalogue | None,
) -> tuple[CreditEntry, ...]:
    """Attribute every item; check the language and the paths."""
    from wikireuse.attribution import attribute

    _Messages(catalogue, lang)  # an unknown language fails here, not later
    entries: list[CreditEntry] = []
    seen: dict[str, int] = {}
    for index, given in enumerate(items):
        path: str | None = None
        item: object = given
        if isinstance(given, tuple):
            if len(given) != 2:
                raise ConfigurationError(
                    message=f"item {index}: a pair must be (path, item), got a "
                    f"tuple of {len(given)}"
                )
            path, item = _path(given[0]), given[1]
            if path in seen:
                raise ConfigurationError(
                    message=f"items {seen[path]} and {index} have the same path "
                    f"{path!r}"
                )
            seen[path] = index
        if isinstance(item, Attribution):
            credit = item if item.lang == lang else attrs.evolve(item, lang=lang)
        else:
            credit = attribute(
                item,  # type: ignore[arg-type]  # attribute() names a bad type
                accessed=accessed,
                lang=lang,
                authors=authors,
                catalogue=catalogue,
            )
        entries.append(CreditEntry(attribution=credit, path=path))
    return tuple(entries)


def _item_key(pair: tuple[int, CreditEntry]) -> tuple[int, str, str, str, int]:
    index, entry = pair
    credit = entry.attribution
    notice = credit.license
    return (
        _KIND_ORDER.get(notice.kind, len(_KIND_ORDER)),
        _license_id(notice),  # every unknown licence in one group
        credit.title.casefold(),
        credit.title + "\x00" + credit.source_url,
        index,
    )


def build_groups(entries: Sequence[CreditEntry]) -> tuple[CreditGroup, ...]:
    """Entries grouped by licence kind and id, each group sorted by title."""
    ordered = sorted(enumerate(entries), key=_item_key)
    groups = []
    for _, members in itertools.groupby(ordered, key=lambda pair: _item_key(pair)[:2]):
        chosen = tuple(entry for _, entry in members)
        groups.append(
            CreditGroup(license=chosen[0].attribution.license, entries=chosen)
        )
    return tuple(groups)


def _license_id(notice: LicenseNotice) -> str:
    return UNKNOWN_ID if notice.is_unknown else notice.id


def expression_of(credit: Attribution) -> str:
    """The item's licence as an SPDX expression (alternatives joined by OR)."""
    ids = {_license_id(credit.license)}
    ids.update(_license_id(n) for n in credit.alternatives)
    if len(ids) == 1:
        return next(iter(ids))
    return " OR ".join(sorted(ids))


# -- shared by the renderers --------------------------------------------------------


def _label(credit: Attribution) -> str:
    return credit.title or credit.source_url or credit.site_name


_PD_PREFIX: Final = "LicenseRef-wikireuse-"


def _group_heading(
    messages: _Messages, notice: LicenseNotice
) -> tuple[str, str | None, str]:
    """A group heading as (text before the licence, licence name, text after).

    Licences and waivers are named in the message. Public-domain statuses
    have one message ("Public domain"); the status (``PD-US``, ``PD-old-70``,
    ``CC-PDM-1.0``: codes, the same in every language) follows it, so two
    groups never have the same heading. Unknown licences are one group with no
    name.
    """
    if notice.kind == "unknown":
        return messages("credits-group-unknown"), None, ""
    if notice.kind == "public-domain":
        code = notice.id.removeprefix(_PD_PREFIX)
        return messages("credits-group-public-domain") + " (", code, ")"
    key = "credits-group-waiver" if notice.kind == "waiver" else "credits-group-license"
    before, after = messages.around(key, "license")
    if after is None:
        return before + " (", notice.short_name, ")"
    return before, notice.short_name, after


def _status_text(messages: _Messages, verdict: Verdict) -> str:
    return messages(
        f"credits-status-{verdict.status.value}",
        target=verdict.target,
        use=messages(f"credits-use-{verdict.use.value}"),
    )


def _obligation_text(text: str, license_id: str) -> str:
    return f"{text} ({license_id})" if license_id else text


# -- HTML ---------------------------------------------------------------------------

_STYLE: Final = (
    "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;"
    "max-width:60rem;padding:0 1rem}"
    ".license-check{border:1px solid #888;padding:0 1rem}"
    ".status-compatible .status{color:#185c1f}"
    ".status-incompatible .status{color:#a40000}"
    ".status-conditional .status,.status-unknown .status{color:#7a5200}"
)
# No script may run on the page whatever ends up in it; styles only inline.
_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"


def _esc(text: str) -> str:
    return html.escape(clean_foreign(text), quote=True)


def _html_link(text: str, url: str, *, rel: str = "") -> str:
    safe = safe_url(url, None)
    if safe is None:
        return _esc(text)
    rel_attr = f' rel="{rel}"' if rel else ""
    return f'<a{rel_attr} href="{_esc(safe)}">{_esc(text)}</a>'


def _html_heading(messages: _Messages, notice: LicenseNotice) -> str:
    before, name, after = _group_heading(messages, notice)
    if name is None:
        return _esc(before + after)
    return _esc(before) + _html_link(name, notice.url, rel="license") + _esc(after)


def render_html(
    credits: Credits,
    verdict: Verdict | None,
    *,
    title: str | None,
    standalone: bool,
) -> str:
    """The credits page as a standalone HTML5 document or an embeddable section."""
    messages = _Messages(credits.catalogue, credits.lang)
    catalogue = messages.catalogue
    heading = title if title is not None else messages("credits-title")
    top, sub, minor = ("h1", "h2", "h3") if standalone else ("h2", "h3", "h4")
    out: list[str] = []
    add = out.append
    lang = _esc(credits.lang)
    if standalone:
        add("<!DOCTYPE html>\n")
        add(f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n')
        add('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        add(f'<meta http-equiv="Content-Security-Policy" content="{_esc(_CSP)}">\n')
        add('<meta name="generator" content="wikireuse">\n')
        add(f"<title>{_esc(heading)}</title>\n<style>{_STYLE}</style>\n")
        add('</head>\n<body>\n<main class="wikireuse-credits">\n')
    else:
        add(f'<section class="wikireuse-credits" lang="{lang}">\n')
    add(f"<{top}>{_esc(heading)}</{top}>\n")
    add(f'<p class="intro">{_esc(messages("credits-intro", count=len(credits)))}</p>\n')
    if verdict is not None:
        status = verdict.status.value
        add(f'<section class="license-check status-{_esc(status)}">\n')
        add(f"<{sub}>{_esc(messages('credits-check-title'))}</{sub}>\n")
        add(f'<p class="status">{_esc(_status_text(messages, verdict))}</p>\n')
        for css, lines in (
            ("conditions", verdict.conditions),
            ("reasons", tuple(r.text for r in verdict.reasons)),
        ):
            if lines:
                # The checker's reasons exist in English only: say so, so a
                # browser or screen reader does not read them as the page's
                # language.
                add(f'<ul class="{css}" lang="en">\n')
                out.extend(f"<li>{_esc(line)}</li>\n" for line in lines)
                add("</ul>\n")
        if verdict.obligations:
            add(f"<{minor}>{_esc(messages('credits-obligations'))}</{minor}>\n")
            add('<ul class="obligations" lang="en">\n')
            out.extend(
                f'<li data-kind="{_esc(o.kind)}">'
                f"{_esc(_obligation_text(o.text, o.license_id))}</li>\n"
                for o in verdict.obligations
            )
            add("</ul>\n")
        add("</section>\n")
    for group in credits.groups():
        notice = group.license
        add(f'<section class="license-group" data-license="{_esc(notice.id)}">\n')
        add(f"<{sub}>{_html_heading(messages, notice)}</{sub}>\n")
        add('<ul class="credits">\n')
        out.extend(
            f"<li>{entry.attribution.to_html(catalogue=catalogue)}</li>\n"
            for entry in group.entries
        )
        add("</ul>\n</section>\n")
    flagged = credits.warnings
    if flagged:
        add('<section class="warnings">\n')
        add(f"<{sub}>{_esc(messages('credits-warnings'))}</{sub}>\n<ul>\n")
        for entry, codes in flagged:
            credit = entry.attribution
            labels = ", ".join(
                f'<span class="warning" data-code="{_esc(code)}">'
                f"{_esc(messages.warning(code))}</span>"
                for code in codes
            )
            add(f"<li>{_html_link(_label(credit), credit.source_url)}: {labels}</li>\n")
        add("</ul>\n</section>\n")
    add("</main>\n</body>\n</html>\n" if standalone else "</section>\n")
    return "".join(out)


# -- Markdown -----------------------------------------------------------------------

_BLANKS: Final = re.compile(r"\s+")


def _md(text: str) -> str:
    # Every string here starts a heading or a list item: it must not open
    # another block ("1. x" would nest a list).
    return md_paragraph(md_escape(_BLANKS.sub(" ", clean_foreign(text)).strip()))


def _md_link(text: str, url: str) -> str:
    safe = safe_url(url, None)
    return _md(text) if safe is None else md_link(_md(text), safe)


def _md_heading(messages: _Messages, notice: LicenseNotice) -> str:
    before, name, after = _group_heading(messages, notice)
    if name is None:
        return _md(before + after)
    # _md() strips; keep the single spaces around the link the message had.
    left = _md(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + _md(after)
    return left + _md_link(name, notice.url) + right


def _indent(text: str, prefix: str) -> str:
    lines = text.strip("\n").split("\n")
    return ("\n" + prefix).join(lines)


def render_markdown(
    credits: Credits, verdict: Verdict | None, *, title: str | None
) -> str:
    """The credits page as Markdown."""
    messages = _Messages(credits.catalogue, credits.lang)
    catalogue = messages.catalogue
    heading = title if title is not None else messages("credits-title")
    out = [f"# {_md(heading)}\n\n", _md(messages("credits-intro", count=len(credits)))]
    out.append("\n")
    if verdict is not None:
        out.append(f"\n## {_md(messages('credits-check-title'))}\n\n")
        out.append(f"**{_md(_status_text(messages, verdict))}**\n")
        lines = (*verdict.conditions, *(r.text for r in verdict.reasons))
        if lines:
            out.append("\n")
            out.extend(f"- {_md(line)}\n" for line in lines)
        if verdict.obligations:
            out.append(f"\n### {_md(messages('credits-obligations'))}\n\n")
            out.extend(
                f"- {_md(_obligation_text(o.text, o.license_id))}\n"
                for o in verdict.obligations
            )
    for group in credits.groups():
        notice = group.license
        out.append(f"\n## {_md_heading(messages, notice)}\n\n")
        out.extend(
            f"- {_indent(entry.attribution.to_markdown(catalogue=catalogue), '  ')}\n"
            for entry in group.entries
        )
    flagged = credits.warnings
    if flagged:
        out.append(f"\n## {_md(messages('credits-warnings'))}\n\n")
        for entry, codes in flagged:
            credit = entry.attribution
            labels = ", ".join(_md(messages.warning(code)) for code in codes)
            out.append(f"- {_md_link(_label(credit), credit.source_url)}: {labels}\n")
    return "".join(out)


# -- plain text ---------------------------------------------------------------------


def _oneline(text: str) -> str:
    return defuse_tags(_BLANKS.sub(" ", clean_foreign(text)).strip())


def _heading(line: str, rule: str) -> str:
    """*line* (already one clean line) underlined with *rule*."""
    return f"{line}\n{rule * max(len(line), 3)}\n"


def _text_heading(messages: _Messages, notice: LicenseNotice) -> str:
    before, name, after = _group_heading(messages, notice)
    if name is None:
        return _oneline(before + after)
    line = _oneline(before + name + after)
    safe = safe_url(notice.url, None)
    if safe:
        # After the name, outside _oneline: its "<" opens the URL, not a tag.
        # _oneline(before + name) is as long as that much of the line.
        cut = len(_oneline(before + name))
        line = f"{line[:cut]} <{safe}>{line[cut:]}"
    return line


def render_text(credits: Credits, verdict: Verdict | None, *, title: str | None) -> str:
    """The credits page as plain text."""
    messages = _Messages(credits.catalogue, credits.lang)
    catalogue = messages.catalogue
    heading = title if title is not None else messages("credits-title")
    out = [
        _heading(_oneline(heading), "="),
        "\n",
        _oneline(messages("credits-intro", count=len(credits))),
    ]
    out.append("\n")
    if verdict is not None:
        out.append(
            "\n" + _heading(_oneline(messages("credits-check-title")), "-") + "\n"
        )
        out.append(_oneline(_status_text(messages, verdict)) + "\n")
        out.extend(
            f"  * {_oneline(line)}\n"
            for line in (*verdict.conditions, *(r.text for r in verdict.reasons))
        )
        if verdict.obligations:
            out.append("\n" + _oneline(messages("credits-obligations")) + "\n")
            out.extend(
                f"  - {_oneline(_obligation_text(o.text, o.license_id))}\n"
                for o in verdict.obligations
            )
    for group in credits.groups():
        notice = group.license
        out.append("\n" + _heading(_text_heading(messages, notice), "-"))
        out.append("\n")
        out.extend(
            f"- {_indent(entry.attribution.to_text(catalogue=catalogue), '  ')}\n"
            for entry in group.entries
        )
    flagged = credits.warnings
    if flagged:
        out.append("\n" + _heading(_oneline(messages("credits-warnings")), "-") + "\n")
        for entry, codes in flagged:
            labels = ", ".join(_oneline(messages.warning(code)) for code in codes)
            out.append(f"- {_oneline(_label(entry.attribution))}: {labels}\n")
    return "".join(out)


# -- REUSE ----------------------------------------------------------------------------

_SPDX_ID: Final = re.compile(r"^[A-Za-z0-9.+-]+$")
# A tag REUSE reads anywhere in a line ("SPDX-License-Identifier:",
# "REUSE-IgnoreStart", ...): in a foreign name it is broken with a
# non-breaking hyphen, so a hostile author name cannot add a licence.
_TAG: Final = re.compile(r"(?i)\b(spdx|reuse)-")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f\s]+")
_NBHY: Final = "\u2011"
# TOML and the sidecars are UTF-8: a lone surrogate cannot be written.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_TOML_ESCAPES: Final = {
    **{i: f"\\u{i:04X}" for i in range(0x20)},
    0x7F: "\\u007F",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
    ord('"'): '\\"',
    ord("\\"): "\\\\",
}
NOASSERTION: Final = "NOASSERTION"


def _toml(text: str) -> str:
    """*text* as a TOML basic string."""
    return '"' + text.translate(_TOML_ESCAPES) + '"'


def _glob(path: str) -> str:
    r"""*path* as a REUSE.toml path pattern matching only itself (``\\``, ``\*``)."""
    return path.replace("\\", "\\\\").replace("*", "\\*")


def _clean(text: str) -> str:
    text = balance_bidi(_SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text).strip()))
    return _TAG.sub(lambda m: m.group(1) + _NBHY, text)


def copyright_lines(credit: Attribution) -> tuple[str, ...]:
    """Who holds the rights, for ``SPDX-FileCopyrightText`` (never the site)."""
    if credit.credit_line is not None and credit.credit_line.text.strip():
        return (_clean(credit.credit_line.text),)
    lines = [_clean(b.text) for b in credit.authors if b.text.strip()]
    history = safe_url(credit.history_url, None)
    site = _clean(credit.site_name) or "Wiki"
    if credit.anonymous_authors:
        where = f" <{history}>" if history else ""
        anonymous = counted(credit.anonymous_authors, f"anonymous {site} contributor")
        lines.append(anonymous + where)
    if not lines and credit.kind == "article" and history:
        # The page's authors are the people its history lists: the Terms of
        # Use credit them by that link, and so does this line.
        lines.append(f"{site} contributors <{history}>")
    return tuple(lines) or (NOASSERTION,)


def _reuse_expression(entry: CreditEntry) -> str:
    expression = expression_of(entry.attribution)
    for part in expression.split(" OR "):
        if not _SPDX_ID.match(part):
            raise ConfigurationError(
                message=f"{entry.path}: the licence id {part!r} is not an SPDX "
                "id or LicenseRef"
            )
    return expression


def _annotated(entries: Iterable[CreditEntry]) -> list[CreditEntry]:
    return sorted((e for e in entries if e.path is not None), key=_by_path)


def _by_path(entry: CreditEntry) -> str:
    return entry.path or ""


def reuse_license_files(entries: Iterable[CreditEntry]) -> tuple[str, ...]:
    """``LICENSES/<id>.txt`` for each licence id of the annotated entries."""
    ids = {
        part
        for entry in _annotated(entries)
        for part in _reuse_expression(entry).split(" OR ")
    }
    return tuple(f"LICENSES/{i}.txt" for i in sorted(ids))


def _how_to_get(license_id: str) -> str:
    if license_id == UNKNOWN_ID:
        return "the licence is unknown: find it before you ship these files"
    if license_id.startswith("LicenseRef-"):
        return "not on the SPDX list: write this text yourself"
    return f"reuse download {license_id}"


def reuse_toml(entries: Iterable[CreditEntry]) -> str:
    """A REUSE.toml with one annotation per entry that has a path."""
    annotated = _annotated(entries)
    files = reuse_license_files(annotated)
    out = [
        f"# REUSE.toml annotations for {counted(len(annotated), 'reused file')}, "
        "written by wikireuse.\n",
    ]
    if files:
        out.append("# REUSE also needs these licence texts:\n")
        out.extend(
            f"#   {name}  ({_how_to_get(name[len('LICENSES/') : -len('.txt')])})\n"
            for name in files
        )
    out.append("version = 1\n")
    for entry in annotated:
        lines = copyright_lines(entry.attribution)
        holders = (
            _toml(lines[0])
            if len(lines) == 1
            else "[" + ", ".join(_toml(line) for line in lines) + "]"
        )
        out.append(
            "\n[[annotations]]\n"
            f"path = {_toml(_glob(entry.path or ''))}\n"
            'precedence = "override"\n'
            f"SPDX-FileCopyrightText = {holders}\n"
            f"SPDX-License-Identifier = {_toml(_reuse_expression(entry))}\n"
        )
    return "".join(out)


def license_sidecars(entries: Iterable[CreditEntry]) -> dict[str, str]:
    """``{path + ".license": text}`` for each entry that has a path."""
    sidecars = {}
    for entry in _annotated(entries):
        lines = [
            f"SPDX-FileCopyrightText: {c}\n" for c in copyright_lines(entry.attribution)
        ]
        lines.append(f"SPDX-License-Identifier: {_reuse_expression(entry)}\n")
        sidecars[f"{entry.path}.license"] = "".join(lines)
    return sidecars


# -- manifests ------------------------------------------------------------------------


def _lines(source: str | os.PathLike[str] | Iterable[str]) -> Iterator[str]:
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, encoding="utf-8") as stream:
                yield from stream
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(
                message=f"cannot read the manifest {os.fspath(source)!r}: {exc}"
            ) from exc
        return
    if not isinstance(source, Iterable):
        raise ConfigurationError(
            message=f"a manifest is a path or its lines, not {type(source).__name__}"
        )
    yield from source


def _field(entry: dict[str, Any], name: str, kind: type, number: int) -> Any:
    value = entry.get(name)
    if not isinstance(value, kind) or isinstance(value, bool) or value in ("", None):
        raise RecordError(
            message=f"manifest line {number}: {name!r} is missing or not a "
            f"{kind.__name__}: {value!r}"
        )
    return value


def _index_php(api: str, number: int) -> str:
    parts = urlsplit(api)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not parts.path.endswith("/api.php")
        or parts.query
    ):
        raise RecordError(
            message=f"manifest line {number}: the wiki {api!r} is not an Action API "
            "URL (http(s)://.../api.php)"
        )
    return api[: -len("api.php")] + "index.php"


def _stamp(value: object, what: str, number: int) -> datetime:
    from wikireuse.core._time import parse_timestamp

    try:
        return parse_timestamp(value, field=what)
    except WikiReuseError as exc:
        raise RecordError(message=f"manifest line {number}: {exc}") from exc


def _notice(spdx: str, cache: dict[str, LicenseNotice]) -> LicenseNotice:
    notice = cache.get(spdx)
    if notice is None:
        from wikireuse.attribution._attribute import notice_from_page_license
        from wikireuse.records.articles import PageLicense

        page_license = PageLicense(spdx=spdx, name=spdx, url="", basis="manifest")
        notice = notice_from_page_license(page_license)
        cache[spdx] = notice
    return notice


def _entry_credit(
    entry: dict[str, Any],
    number: int,
    *,
    lang: str,
    accessed: date | datetime | str | None,
    notices: dict[str, LicenseNotice],
    sites: dict[str, tuple[str, str]],
) -> Attribution:
    from wikireuse.attribution._attribute import page_credit
    from wikireuse.records.titles import url_path

    wiki = _field(entry, "wiki", str, number)
    title = _field(entry, "title", str, number)
    revid = _field(entry, "revid", int, number)
    spdx = _field(entry, "license", str, number)
    timestamp = _stamp(_field(entry, "timestamp", str, number), "timestamp", number)
    site = sites.get(wiki)
    if site is None:
        from wikireuse.attribution._attribute import site_name_for_url

        site = (_index_php(wiki, number), site_name_for_url(wiki))
        sites[wiki] = site
    index, site_name = site
    recorded = entry.get("site_name")  # older manifests have none
    if isinstance(recorded, str) and recorded.strip():
        site_name = recorded.strip()
    page = f"{index}?title={url_path(title)}"
    when: date | None
    if accessed == "fetched":
        provenance = entry.get("provenance")
        fetched = provenance.get("fetched_at") if isinstance(provenance, dict) else None
        when = _stamp(fetched, "provenance.fetched_at", number).date()
    elif isinstance(accessed, datetime):
        when = accessed.date()
    else:
        when = accessed if isinstance(accessed, date) else None
    return page_credit(
        title=title,
        page_url=page,
        site_name=site_name,
        license=_notice(spdx, notices),
        revid=revid,
        timestamp=timestamp,
        accessed=when,
        lang=lang,
    )


def read_manifest(
    source: str | os.PathLike[str] | Iterable[str],
    *,
    lang: str,
    accessed: date | datetime | str | None,
    revisions: str,
) -> tuple[Attribution, ...]:
    """Article attributions from a store manifest's JSON Lines."""
    from wikireuse.records.provenance import MANIFEST_SCHEMA

    if revisions not in ("latest", "all"):
        raise ConfigurationError(
            message=f"revisions must be 'latest' or 'all', not {revisions!r}"
        )
    if not (accessed is None or accessed == "fetched" or isinstance(accessed, date)):
        raise ConfigurationError(
            message=f"accessed must be a date, a datetime, 'fetched' or None, not "
            f"{accessed!r}"
        )
    if isinstance(accessed, datetime) and accessed.tzinfo is None:
        raise ConfigurationError(message="accessed must be a timezone-aware datetime")
    chosen: dict[tuple[object, ...], tuple[int, dict[str, Any]]] = {}
    for number, line in enumerate(_lines(source), start=1):
        if not isinstance(line, str):
            raise ConfigurationError(
                message=f"manifest line {number} is not text: {type(line).__name__}"
            )
        if not line.strip():
            continue
        try:
            entry = load(line)
        except RecordError as exc:
            raise RecordError(message=f"manifest line {number}: {exc.message}") from exc
        if not isinstance(entry, dict) or entry.get("schema") != MANIFEST_SCHEMA:
            raise RecordError(
                message=f"manifest line {number} is not a {MANIFEST_SCHEMA} entry"
            )
        revid = _field(entry, "revid", int, number)
        key: tuple[object, ...] = (
            (_field(entry, "wiki", str, number), _field(entry, "pageid", int, number))
            if revisions == "latest"
            else (number,)
        )
        known = chosen.get(key)
        if known is None or known[1]["revid"] < revid:
            chosen[key] = (number, entry)
    notices: dict[str, LicenseNotice] = {}
    sites: dict[str, tuple[str, str]] = {}
    return tuple(
        _entry_credit(
            entry, number, lang=lang, accessed=accessed, notices=notices, sites=sites
        )
        for number, entry in chosen.values()
    )
