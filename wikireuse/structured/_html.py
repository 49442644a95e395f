"""Parsoid HTML → the parts of a :class:`StructuredArticle`, with lxml.

Parsoid HTML carries both truths: the text readers see and, in ``data-mw``,
every template's source parameters. Selectors work on the Parsoid HTML
versions 1.x and 2.x (the recorded pages are 1.7.0 and 2.8.0); anything else
is read on a best-effort basis with a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import unquote

import lxml.etree

from wikireuse.records.articles import LangLink
from wikireuse.structured._common import (
    collapse,
    cs1_name,
    csl_from_params,
    identifiers_from_params,
    is_infobox,
    link_title,
    template_name,
    title_from_href,
    values_from_text,
)
from wikireuse.structured._expand import ExpanderRegistry
from wikireuse.structured._wikitext import plain_wikitext

# Duplicates note: the model types this reader builds, as _enterprise.py
# imports them too; an import list, not logic.
from wikireuse.structured.model import (
    BlockKind,
    Category,
    Image,
    Infobox,
    Link,
    ListBlock,
    Paragraph,
    Param,
    Reference,
    Row,
    Section,
    Table,
)

__all__ = ["KNOWN_MAJOR_VERSIONS", "HtmlResult", "read_html"]

KNOWN_MAJOR_VERSIONS: Final = (1, 2)
_HEADINGS: Final = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SKIP_INLINE: Final = frozenset(("style", "script", "link", "meta", "noscript"))
_SKIP_DIV: Final = re.compile(
    r"\b(?:hatnote|navbox|shortdescription|reflist|thumb|metadata|ambox|noprint|"
    r"infobox|sistersitebox|portal|side-box|mw-references-wrap|toc|gallery|mbox-small|"
    r"navigation-not-searchable|printfooter|mw-editsection)\b"
)
_INFOBOX_CLASS: Final = re.compile(r"\binfobox\b")
_MAX_DEPTH: Final = 200


class HtmlResult:
    """What the Parsoid HTML gave (assembled into the article by the caller)."""

    def __init__(self) -> None:
        self.pageid: int | None = None
        self.revid: int | None = None
        self.timestamp: str | None = None
        self.title = ""
        self.lang = ""
        self.base = ""
        self.version = ""
        self.description = ""
        self.sections: tuple[Section, ...] = ()
        self.infoboxes: tuple[Infobox, ...] = ()
        self.references: tuple[Reference, ...] = ()
        self.categories: tuple[Category, ...] = ()
        self.templates: tuple[str, ...] = ()
        self.langlinks: tuple[LangLink, ...] = ()
        self.warnings: list[str] = []


def _data_mw(el: Any) -> dict[str, Any] | None:
    raw = el.get("data-mw")
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _parts(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    parts = data.get("parts")
    if not isinstance(parts, list):
        return []
    found = []
    for part in parts:
        if isinstance(part, dict) and isinstance(part.get("template"), dict):
            found.append(part["template"])
    return found


def _part_name(part: Mapping[str, Any]) -> str:
    target = part.get("target")
    if not isinstance(target, dict):
        return ""
    href = target.get("href")
    if isinstance(href, str) and href:
        name = title_from_href(href)
        return template_name(name.split(":", 1)[1] if ":" in name else name)
    wt = target.get("wt")
    return template_name(wt) if isinstance(wt, str) else ""


def _param_values(part: Mapping[str, Any]) -> dict[str, str]:
    params = part.get("params")
    if not isinstance(params, dict):
        return {}
    values: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, dict):
            wt = value.get("wt")
            if isinstance(wt, str):
                values[str(name).strip()] = wt.strip()
            elif isinstance(value.get("html"), str):
                values[str(name).strip()] = _html_text(value["html"])
    return values


def _text_of(el: Any) -> str:
    return collapse("".join(el.itertext()))


def _html_text(fragment: str) -> str:
    try:
        root = lxml.etree.fromstring(f"<div>{fragment}</div>", _fragment_parser())
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return collapse(fragment)
    return collapse(fragment) if root is None else _text_of(root)


def _fragment_parser() -> Any:
    return lxml.etree.HTMLParser(
        encoding="utf-8", remove_comments=True, no_network=True
    )


class _Walker:
    def __init__(self, base: str, expanders: ExpanderRegistry) -> None:
        self.base = base
        self.expanders = expanders
        self.too_deep = False

    def url(self, href: str) -> str:
        if href.startswith("./"):
            return self.base + href[2:] if self.base else href
        if href.startswith("//"):
            return "https:" + href
        return href

    def inline(
        self,
        el: Any,
        out: list[str],
        links: list[Link],
        cites: list[str],
        depth: int = 0,
    ) -> None:
        if depth > _MAX_DEPTH:
            self.too_deep = True
            return
        if el.text:
            out.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                typeof = child.get("typeof")
                if typeof and "mw:Extension/ref" in typeof.split():
                    for a in child.iter("a"):
                        href = a.get("href") or ""
                        if "#" in href:
                            cites.append(unquote(href.split("#", 1)[1]))
                        break
                elif tag in _SKIP_INLINE:
                    pass
                elif tag == "a":
                    sub: list[str] = []
                    self.inline(child, sub, links, cites, depth + 1)
                    text = "".join(sub)
                    out.append(text)
                    href = child.get("href") or ""
                    rel = child.get("rel") or ""
                    if href and "mw:referencedBy" not in rel:
                        url = self.url(href)
                        links.append(
                            Link(title=link_title(url), text=collapse(text), url=url)
                        )
                elif tag == "br":
                    out.append(" ")
                else:
                    self.inline(child, out, links, cites, depth + 1)
            if child.tail:
                out.append(child.tail)

    def paragraph(self, el: Any) -> Paragraph:
        out: list[str] = []
        links: list[Link] = []
        cites: list[str] = []
        self.inline(el, out, links, cites)
        return Paragraph(
            text=collapse("".join(out)),
            links=tuple(links),
            cites=tuple(dict.fromkeys(cites)),
        )

    def blocks(
        self,
        el: Any,
        paras: list[Paragraph],
        lists: list[ListBlock],
        tables: list[Table],
        order: list[BlockKind],
        depth: int = 0,
    ) -> None:
        if depth > _MAX_DEPTH:
            self.too_deep = True
            return
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == "section" or tag in _HEADINGS:
                continue
            cls = child.get("class") or ""
            if tag == "p":
                para = self.paragraph(child)
                if para.text:
                    paras.append(para)
                    order.append("paragraph")
            elif tag in ("ul", "ol"):
                if "references" in cls or "gallery" in cls:
                    continue
                items = [self.paragraph(li) for li in child.iter("li")]
                items = [i for i in items if i.text]
                if items:
                    lists.append(ListBlock(ordered=tag == "ol", items=tuple(items)))
                    order.append("list")
            elif tag == "table":
                if "wikitable" in cls:
                    tables.append(self.table(child))
                    order.append("table")
            elif tag == "dl":
                items = [
                    self.paragraph(d)
                    for d in child
                    if isinstance(d.tag, str) and d.tag in ("dt", "dd")
                ]
                for item in items:
                    if item.text:
                        paras.append(item)
                        order.append("paragraph")
            elif tag in (
                "div",
                "blockquote",
                "center",
                "span",
            ) and not _SKIP_DIV.search(cls):
                self.blocks(child, paras, lists, tables, order, depth + 1)

    def table(self, el: Any) -> Table:
        caption = ""
        rows: list[tuple[str, ...]] = []
        header: tuple[str, ...] = ()
        for child in el.iter("caption", "tr"):
            if child.tag == "caption":
                caption = self.paragraph(child).text
                continue
            cells = [
                c for c in child if isinstance(c.tag, str) and c.tag in ("td", "th")
            ]
            texts = tuple(self.paragraph(c).text for c in cells)
            if not rows and not header and cells and all(c.tag == "th" for c in cells):
                header = texts
            else:
                rows.append(texts)
        return Table(caption=caption, header=header, rows=tuple(rows))

    def rows(self, table: Any) -> tuple[Row, ...]:
        rows: list[Row] = []
        section = ""
        for tr in table.iter("tr"):
            if next(tr.iterancestors("table"), None) is not table:
                continue  # a row of a table nested in a cell
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if not cells:
                continue
            images = tuple(
                Image(
                    url=self.url(img.get("src") or ""),
                    width=_int(img.get("width")),
                    height=_int(img.get("height")),
                    alt=img.get("alt") or "",
                )
                for img in tr.iter("img")
            )
            first = self.paragraph(cells[0])
            if len(cells) == 1:
                if cells[0].tag == "th" and not images:
                    section = first.text
                    continue
                if first.text or images:
                    rows.append(
                        Row(
                            label="",
                            text=first.text,
                            links=first.links,
                            section=section,
                            images=images,
                        )
                    )
                continue
            value = [self.paragraph(c) for c in cells[1:]]
            rows.append(
                Row(
                    label=first.text.rstrip(":").strip(),
                    text=collapse(" ".join(v.text for v in value)),
                    links=tuple(link for v in value for link in v.links),
                    section=section,
                    images=images,
                )
            )
        return tuple(rows)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _meta(root: Any, result: HtmlResult) -> None:
    head = root.find("head")
    props: dict[str, str] = {}
    if head is not None:
        for meta in head.iter("meta"):
            key = meta.get("property") or meta.get("http-equiv")
            if key:
                props[key] = meta.get("content") or ""
        title = head.find("title")
        if title is not None and title.text:
            result.title = collapse(title.text)
        base = head.find("base")
        if base is not None and base.get("href"):
            href = base.get("href")
            result.base = "https:" + href if href.startswith("//") else href
    page = props.get("mw:pageId", "")
    result.pageid = int(page) if page.isdigit() else None
    about = root.get("about") or ""
    match = re.search(r"/revision/(\d+)$", about)
    result.revid = int(match.group(1)) if match else None
    modified = props.get("dc:modified")
    if modified:
        result.timestamp = modified.replace(".000Z", "Z")
    result.version = props.get("mw:html:version") or props.get("mw:htmlVersion", "")
    body = root.find("body")
    result.lang = (body.get("lang") if body is not None else None) or props.get(
        "content-language", ""
    )
    if not result.version:
        result.warnings.append(
            "no mw:html:version: not Parsoid HTML? read on a best-effort basis"
        )
    else:
        major = result.version.split(".", 1)[0]
        if not major.isdigit() or int(major) not in KNOWN_MAJOR_VERSIONS:
            result.warnings.append(
                f"Parsoid HTML version {result.version} is not one this reader knows "
                f"({', '.join(f'{v}.x' for v in KNOWN_MAJOR_VERSIONS)}); "
                "read on a best-effort basis"
            )


def _sections(root: Any, walker: _Walker) -> tuple[Section, ...]:
    body = root.find("body")
    if body is None:
        return ()
    found = [s for s in body.iter("section") if s.get("data-mw-section-id") is not None]
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    elements = found or [body]
    for el in elements:
        raw_id = el.get("data-mw-section-id") or "0"
        try:
            ident = int(raw_id)
        except ValueError:
            ident = len(sections)
        heading_el = next(
            (c for c in el if isinstance(c.tag, str) and c.tag in _HEADINGS), None
        )
        heading, level, anchor = "", 0, ""
        if heading_el is not None:
            heading = walker.paragraph(heading_el).text
            level = int(heading_el.tag[1])
            anchor = heading_el.get("id") or heading.replace(" ", "_")
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, heading))
        paras: list[Paragraph] = []
        lists: list[ListBlock] = []
        tables: list[Table] = []
        order: list[BlockKind] = []
        walker.blocks(el, paras, lists, tables, order)
        sections.append(
            Section(
                id=ident,
                level=level,
                heading=heading,
                anchor=anchor,
                path=tuple(h for _, h in path) if heading_el is not None else (),
                paragraphs=tuple(paras),
                lists=tuple(lists),
                tables=tuple(tables),
                order=tuple(order),
            )
        )
    return tuple(sections)


class _Index:
    """The elements the reader needs, found in one pass over the tree.

    One Python loop over every element is several times cheaper than the
    XPath ``//*[...]`` scans it replaces (8,500 elements on the Dog page).
    """

    def __init__(self, root: Any) -> None:
        self.transclusions: list[Any] = []
        self.markers: list[Any] = []
        self.infoboxes: list[Any] = []
        self.ref_lists: list[Any] = []
        self.links: list[Any] = []
        self.description: Any = None
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue
            typeof = el.get("typeof")
            if typeof:
                if "mw:Transclusion" in typeof and el.get("data-mw"):
                    self.transclusions.append(el)
                if "mw:Extension/ref" in typeof.split():
                    self.markers.append(el)
            if tag == "link":
                self.links.append(el)
                continue
            cls = el.get("class")
            if not cls:
                continue
            if tag in ("table", "div") and _INFOBOX_CLASS.search(cls):
                self.infoboxes.append(el)
            elif tag == "ol" and {"references", "mw-references"} & set(cls.split()):
                self.ref_lists.append(el)
            elif self.description is None and "shortdescription" in cls.split():
                self.description = el


def _plain(value: str, expanders: ExpanderRegistry) -> str:
    return plain_wikitext(value, expanders)[0]


def _references(
    index: _Index,
    walker: _Walker,
    transclusions: Mapping[str, list[dict[str, Any]]],
) -> tuple[Reference, ...]:
    names: dict[str, str] = {}
    for marker in index.markers:
        raw = marker.get("data-mw") or ""
        data = (_data_mw(marker) or {}) if '"name"' in raw else {}
        attrs = data.get("attrs") if isinstance(data.get("attrs"), dict) else {}
        name = attrs.get("name") if isinstance(attrs, dict) else None
        for a in marker.iter("a"):
            href = a.get("href") or ""
            if "#" in href and isinstance(name, str):
                names.setdefault(unquote(href.split("#", 1)[1]), name)
            break
    # The first citation template inside each list item, found in one pass.
    cited: dict[str, dict[str, Any]] = {}
    for el in index.transclusions:
        part = next(
            (
                p
                for p in transclusions.get(el.get("about") or "", ())
                if cs1_name(_part_name(p))
            ),
            None,
        )
        li = next(el.iterancestors("li"), None) if part is not None else None
        if li is not None and part is not None:
            cited.setdefault(li.get("id") or "", part)

    def plain(value: str) -> str:
        return _plain(value, walker.expanders)

    refs: list[Reference] = []
    for ol in index.ref_lists:
        data = _data_mw(ol) or {}
        attrs = data.get("attrs") if isinstance(data.get("attrs"), dict) else {}
        group = (
            ol.get("data-mw-group")
            or (attrs.get("group") if isinstance(attrs, dict) else "")
            or ""
        )
        for li in ol:
            if not isinstance(li.tag, str) or li.tag != "li":
                continue
            ident = li.get("id") or ""
            holder = next(
                (c for c in li if "mw-reference-text" in (c.get("class") or "")), li
            )
            para = walker.paragraph(holder)
            template, params = "", {}
            found = cited.get(ident)
            if found is not None:
                template, params = _part_name(found), _param_values(found)
            else:
                cite = next(iter(holder.iter("cite")), None)
                if cite is not None:
                    kind = (cite.get("class") or "").split()
                    if len(kind) > 1 and kind[0] == "citation":
                        template = f"cite {kind[1]}"
                        params = {"title": _cite_title(cite)}
            refs.append(
                Reference(
                    id=ident,
                    group=str(group),
                    name=names.get(ident, ""),
                    anchor=ident,
                    text=para.text,
                    links=para.links,
                    template=template,
                    params=params,
                    csl=csl_from_params(template, params, plain) if template else {},
                    identifiers=identifiers_from_params(params, plain)
                    if template
                    else {},
                )
            )
    return tuple(refs)


def _cite_title(cite: Any) -> str:
    # Without data-mw, the title of a rendered CS1 citation is its quoted
    # part or, for books, its italic part.
    text = _text_of(cite)
    match = re.search(r"[\"“]([^\"”]+)[\"”]", text)
    if match:
        return match.group(1).strip()
    italic = next(iter(cite.iter("i")), None)
    return _text_of(italic) if italic is not None else text


def _infoboxes(
    index: _Index,
    walker: _Walker,
    transclusions: Mapping[str, list[dict[str, Any]]],
) -> tuple[Infobox, ...]:
    boxes: list[Infobox] = []
    for el in index.infoboxes:
        if any(
            _INFOBOX_CLASS.search(a.get("class") or "")
            for a in el.iterancestors("table", "div")
        ):
            continue
        parts = transclusions.get(el.get("about") or "", [])
        chosen = next((p for p in parts if is_infobox(_part_name(p))), None)
        if chosen is None and parts:
            chosen = max(
                parts, key=lambda p: sum(1 for k in _param_values(p) if not k.isdigit())
            )
        params: list[Param] = []
        if chosen is not None:
            for name, wt in _param_values(chosen).items():
                text, links = plain_wikitext(wt, walker.expanders)
                params.append(
                    Param(
                        name=name,
                        wikitext=wt,
                        text=text,
                        links=links,
                        values=values_from_text(text),
                    )
                )
        boxes.append(
            Infobox(
                template=_part_name(chosen) if chosen else "",
                params=tuple(params),
                rows=walker.rows(el),
                source="parsoid",
            )
        )
    return tuple(boxes)


def read_html(html: str, expanders: ExpanderRegistry) -> HtmlResult:
    """Read Parsoid HTML. Never raises for malformed input: it warns."""
    result = HtmlResult()
    data = html.encode("utf-8", "replace")
    if not html.strip():
        result.warnings.append("the HTML body is empty")
        return result
    # lxml.etree, not lxml.html: no Python-level element class lookup per node.
    parser = _fragment_parser()
    try:
        root: Any = lxml.etree.fromstring(data, parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        result.warnings.append(
            f"the HTML could not be parsed ({exc}); nothing was read"
        )
        return result
    if root is None:
        result.warnings.append("the HTML holds no elements; nothing was read")
        return result
    if parser.error_log and any(e.level_name == "FATAL" for e in parser.error_log):
        result.warnings.append(
            "the HTML is malformed or truncated; what could be read was read"
        )
    _meta(root, result)
    walker = _Walker(result.base, expanders)
    transclusions: dict[str, list[dict[str, Any]]] = {}
    templates: dict[str, None] = {}
    index = _Index(root)
    for el in index.transclusions:
        data_mw = _data_mw(el)
        if data_mw is None:
            continue
        parts = _parts(data_mw)
        about = el.get("about")
        if about and about not in transclusions:
            transclusions[about] = parts
        for part in parts:
            name = _part_name(part)
            if name:
                templates.setdefault(name, None)
    result.templates = tuple(templates)
    result.sections = _sections(root, walker)
    result.infoboxes = _infoboxes(index, walker, transclusions)
    result.references = _references(index, walker, transclusions)
    cats: list[Category] = []
    langs: list[LangLink] = []
    for link in index.links:
        href = link.get("href") or ""
        rel = link.get("rel")
        if rel == "mw:PageProp/Category":
            title = title_from_href(href)
            sortkey = unquote(href.split("#", 1)[1]) if "#" in href else ""
            cats.append(
                Category(
                    title=title.split(":", 1)[1] if ":" in title else title,
                    sortkey=sortkey,
                )
            )
        elif rel == "mw:PageProp/Language":
            host = re.match(r"(?:https?:)?//([^./]+)\.", href)
            if host:
                langs.append(
                    LangLink(
                        lang=host.group(1),
                        title=title_from_href(href),
                        url=walker.url(href),
                    )
                )
    result.categories = tuple(dict.fromkeys(cats))
    result.langlinks = tuple(langs)
    if index.description is not None:
        result.description = _text_of(index.description)
    if walker.too_deep:
        result.warnings.append(
            f"elements nested deeper than {_MAX_DEPTH} levels were cut"
        )
    return result
