"""Wikitext → :class:`StructuredArticle` with mwparserfromhell: one parse, one walk."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any, Final

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.parser import ParserError
from mwparserfromhell.wikicode import Wikicode

from wikireuse.exceptions import ConfigurationError
from wikireuse.records.articles import LangLink
from wikireuse.structured._common import (
    collapse,
    cs1_name,
    csl_from_params,
    identifiers_from_params,
    is_infobox,
    link_title,
    template_name,
    values_from_text,
)
from wikireuse.structured._expand import (
    NO_TEXT,
    Expander,
    ExpanderRegistry,
    TemplateCall,
)
from wikireuse.structured.model import (
    BlockKind,
    Category,
    Infobox,
    Link,
    ListBlock,
    Paragraph,
    Param,
    Reference,
    Section,
    Table,
)

__all__ = ["WikitextResult", "plain_wikitext", "read_wikitext"]

_MAX_DEPTH: Final = 40
_QUOTES: Final = re.compile(r"'{2,}")
_MARKUP: Final = re.compile(r"[\[{<'&]")
_LIST_MARKS: Final = re.compile(r"^[ \t]*[*#:;]+", re.MULTILINE)


def _code_text(code: Wikicode) -> str:
    """``str(code)``, without mwparserfromhell's join for the usual one-text case.

    Template names, parameter names, link targets and tag names are most
    often a single text node: reading its value directly saves the walk a
    good part of its own time (the parse is most of the rest).
    """
    nodes = code.nodes
    if len(nodes) == 1:
        (node,) = nodes  # unpacked: SmartList's own indexing is Python code
        if type(node) is Text:
            value: str = node.value
            return value
    return str(code)


def _value_text(text: str) -> str:
    """An inline value as plain text: no list marks, quotes or extra spaces."""
    # The substitutions only where their characters are (most values have none).
    if "*" in text or "#" in text or ":" in text or ";" in text:
        text = _LIST_MARKS.sub("", text)
    if "''" in text:
        text = _QUOTES.sub("", text)
    return collapse(text)


_CATEGORY: Final = (
    "category:",
    "kategorie:",
    "catégorie:",
    "категория:",
    "تصنيف:",
    "categoría:",
    "categoria:",
    "kategori:",
    "رده:",
    "分类:",
    "分類:",
)
_FILES: Final = (
    "file:",
    "image:",
    "media:",
    "datei:",
    "bild:",
    "fichier:",
    "файл:",
    "изображение:",
    "ملف:",
    "صورة:",
    "archivo:",
    "imagen:",
    "ficheiro:",
    "imagem:",
    "bestand:",
)
_LANGLINK: Final = re.compile(r"^([a-z]{2,3}(?:-[a-z]+)*):(.+)$")
_SKIP_TAGS: Final = frozenset(
    (
        "references",
        "gallery",
        "templatestyles",
        "score",
        "timeline",
        "graph",
        "mapframe",
        "maplink",
        "indicator",
        "syntaxhighlight",
        "source",
        "imagemap",
        "inputbox",
        "categorytree",
    )
)
_NOTE_TEMPLATES: Final = {
    "efn": "lower-alpha",
    "efn-ua": "upper-alpha",
    "efn-lr": "lower-roman",
    "refn": "",
    "sfn": "",
    "sfnp": "",
}


def _anchor(heading: str) -> str:
    return heading.replace(" ", "_")


class _Reader:
    """One walk over the top-level nodes; state for the blocks being built."""

    def __init__(self, expanders: ExpanderRegistry) -> None:
        self.expanders = expanders
        self.links: list[Link] = []
        self.cites: list[str] = []
        self.unexpanded: Counter[str] = Counter()
        self.templates: dict[str, None] = {}
        self.categories: list[Category] = []
        self.langlinks: list[LangLink] = []
        self.infoboxes: list[Infobox] = []
        self.refs: dict[str, dict[str, Any]] = {}
        self.named_refs: dict[tuple[str, str], str] = {}
        self.ref_count = 0
        self.plain_params: dict[int, tuple[dict[str, str], dict[str, str]]] = {}
        self.kinds: dict[str, tuple[Expander | None, bool]] = {}
        self.citation_names: dict[str, str | None] = {}
        self.description = ""
        self.warnings: list[str] = []
        self.too_deep = False
        # blocks of the section being read
        self.sections: list[Section] = []
        self.section: dict[str, Any] = {"id": 0, "level": 0, "heading": "", "path": ()}
        self.paragraphs: list[Paragraph] = []
        self.lists: list[ListBlock] = []
        self.tables: list[Table] = []
        self.order: list[BlockKind] = []
        self.para: list[tuple[str, list[Link], list[str]]] = []
        self.items: list[Paragraph] = []
        self.ordered = False
        self.line: list[str] = []

    # -- inline text ----------------------------------------------------------

    def plain(self, code: Wikicode | str, depth: int = 0) -> str:
        if isinstance(code, str):
            return code
        if depth > _MAX_DEPTH:
            self.too_deep = True
            return ""
        nodes = code.nodes
        if len(nodes) == 1:
            (node,) = nodes
            if type(node) is Text:  # most parameter values: plain text
                value: str = node.value
                return value
        node_text = self.node_text
        depth += 1
        return "".join([node_text(node, depth, top=False) for node in nodes])

    def node_text(self, node: Any, depth: int, *, top: bool) -> str:
        if isinstance(node, Text):
            return node.value
        if isinstance(node, Wikilink):
            return self.wikilink(node, depth, top=top)
        if isinstance(node, Template):
            return self.template(node, depth)
        if isinstance(node, Tag):
            return self.tag(node, depth)
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, ExternalLink):
            if node.title is not None:
                text = self.plain(node.title, depth)
                url = str(node.url)
                self.links.append(
                    Link(title=link_title(url), text=collapse(text), url=url)
                )
                return text
            return str(node.url) if not node.brackets else ""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, Heading):
            return self.plain(node.title, depth)
        if isinstance(node, Argument):
            return self.plain(node.default, depth) if node.default is not None else ""
        return str(node)

    def wikilink(self, node: Wikilink, depth: int, *, top: bool) -> str:
        target = _code_text(node.title).strip()
        lower = target.lower()
        if lower.startswith(_CATEGORY):
            name = target.split(":", 1)[1].strip()
            sortkey = str(node.text).strip() if node.text is not None else ""
            self.categories.append(
                Category(title=name.replace("_", " "), sortkey=sortkey)
            )
            return ""
        if lower.startswith(_FILES):
            return ""
        if top and not target.startswith(":"):
            match = _LANGLINK.match(target)
            if match is not None:
                self.langlinks.append(
                    LangLink(lang=match.group(1), title=match.group(2).strip())
                )
                return ""
        target = target.lstrip(":")
        text = self.plain(node.text, depth) if node.text is not None else target
        title = (
            template_name(target.split("#", 1)[0]) if not target.startswith("#") else ""
        )
        self.links.append(Link(title=title, text=collapse(_QUOTES.sub("", text))))
        return text

    def template(self, node: Template, depth: int) -> str:
        name = template_name(_code_text(node.name))
        first: list[str] = []
        if ":" in name and (name.startswith("#") or name.split(":", 1)[0].isalpha()):
            # a parser function or magic word: {{formatnum:1234}}, {{#if:…}}
            name, rest = name.split(":", 1)
            name = name.lower()
            first = [self.plain(node.name, depth).split(":", 1)[-1] if rest else ""]
        if not name:
            return ""
        if not first:
            self.templates.setdefault(name, None)
        key = name.lower()
        if key in _NOTE_TEMPLATES:
            return self.note(node, key, depth)
        known = self.kinds.get(name)
        if known is None:
            # A page calls the same few templates (cite web, convert) again
            # and again: look each name up once per walk.
            known = self.kinds[name] = (
                self.expanders.find(name),
                cs1_name(name) is not None,
            )
        func, citation = known
        if func is None:
            self.unexpanded[name] += 1
            return ""
        if func is NO_TEXT:
            return ""
        args: list[str] = first
        named: dict[str, str] = {}
        raw: dict[str, str] = {}  # a citation's, for its CSL-JSON
        for param in node.params:
            value = self.plain(param.value, depth)
            if "''" in value:
                value = _QUOTES.sub("", value)
            if param.showkey:
                pname = _code_text(param.name).strip()
                named[pname] = value
                if citation:
                    raw[pname] = _code_text(param.value).strip()
            else:
                args.append(value)
        if raw:
            # kept for the reference's CSL-JSON: no second walk of the values
            self.plain_params[id(node)] = (named, raw)
        return func(TemplateCall(name=name, args=tuple(args), named=named))

    def note(self, node: Template, key: str, depth: int) -> str:
        if key.startswith("sfn"):
            # sfn makes a short reference to a full citation elsewhere.
            body = " ".join(str(p.value).strip() for p in node.params if not p.showkey)
            self.cites.append(self.new_ref("", "", None, text=body))
            return ""
        group = _NOTE_TEMPLATES[key]
        content = None
        name = ""
        for param in node.params:
            pname = _code_text(param.name).strip()
            if pname == "1":
                content = param.value
            elif pname == "name":
                name = str(param.value).strip()
            elif pname == "group":
                group = str(param.value).strip()
        self.cites.append(self.ref_id(group, name, content, depth))
        return ""

    def tag(self, node: Tag, depth: int) -> str:
        tag = _code_text(node.tag).lower()
        if tag == "ref":
            # One pass over the attributes (the last of a name counts, as
            # Tag.get has it), not Tag.has/get's comparisons per name.
            found = {"group": "", "name": ""}
            for attribute in node.attributes:
                key = _code_text(attribute.name)
                if key in found:
                    found[key] = str(attribute.value).strip()
            group, name = found["group"], found["name"]
            content = None if node.self_closing else node.contents
            self.cites.append(self.ref_id(group, name, content, depth))
            return ""
        if tag in ("li", "dt", "dd") and node.wiki_markup:
            return str(node.wiki_markup)  # a list mark: end_line() reads it
        if tag in ("br", "hr"):
            return " "
        if tag in _SKIP_TAGS or node.wiki_markup == "{|":
            if tag == "references" and node.contents is not None:
                self.plain(node.contents, depth)  # list-defined references
            return ""
        if tag in ("nowiki", "pre", "math", "chem", "ce", "code"):
            return str(node.contents)
        return self.plain(node.contents, depth)

    # -- references -----------------------------------------------------------

    def ref_id(
        self, group: str, name: str, content: Wikicode | None, depth: int
    ) -> str:
        key = (group, name)
        if name and key in self.named_refs:
            ref_id = self.named_refs[key]
            if content is not None and not self.refs[ref_id]["text"]:
                self.fill_ref(ref_id, content, depth)
            return ref_id
        return self.new_ref(group, name, content, depth=depth)

    def new_ref(
        self,
        group: str,
        name: str,
        content: Wikicode | None,
        *,
        depth: int = 0,
        text: str = "",
    ) -> str:
        self.ref_count += 1
        safe = name.replace(" ", "_")
        ref_id = (
            f"cite_note-{safe}-{self.ref_count}"
            if name
            else f"cite_note-{self.ref_count}"
        )
        self.refs[ref_id] = {
            "group": group,
            "name": name,
            "text": text,
            "links": (),
            "template": "",
            "params": {},
        }
        if name:
            self.named_refs[(group, name)] = ref_id
        if content is not None:
            self.fill_ref(ref_id, content, depth)
        return ref_id

    def fill_ref(self, ref_id: str, content: Wikicode, depth: int) -> None:
        outer_links, outer_cites = self.links, self.cites
        self.links, self.cites = [], []
        try:
            text = self.plain(content, depth)
            entry = self.refs[ref_id]
            entry["text"] = collapse(_QUOTES.sub("", text))
            entry["links"] = tuple(self.links)
            for node in content.nodes:
                if not isinstance(node, Template):
                    continue
                written = _code_text(node.name)
                if written not in self.citation_names:  # once per name and walk
                    self.citation_names[written] = (
                        template_name(written) if cs1_name(written) else None
                    )
                citation = self.citation_names[written]
                if citation is not None:
                    entry["template"] = citation
                    done, raw = self.plain_params.get(id(node), ({}, {}))
                    entry["params"] = raw or {
                        str(p.name).strip(): str(p.value).strip() for p in node.params
                    }
                    # Which parameter a raw value is, for the plain text of
                    # the few values the CSL-JSON reads (made when asked).
                    entry["plain"] = (
                        {
                            value: name
                            for name, value in entry["params"].items()
                            if name in done
                        },
                        done,
                    )
                    break
        finally:
            self.links, self.cites = outer_links, outer_cites

    # -- blocks ---------------------------------------------------------------

    def end_line(self) -> None:
        text = "".join(self.line)
        self.line = []
        stripped = text.strip()
        if not stripped:
            self.end_paragraph()
            self.end_list()
            return
        first = stripped[0]
        if first in "*#":
            self.end_paragraph()
            if self.items and self.ordered != (first == "#"):
                self.end_list()
            self.ordered = first == "#"
            item = self.finish_text(stripped.lstrip("*#:; "))
            if item.text:
                self.items.append(item)
            return
        self.end_list()
        if stripped.startswith("----"):
            return
        self.para.append((stripped.lstrip(":;").strip(), self.links, self.cites))
        self.links, self.cites = [], []

    def finish_text(self, text: str) -> Paragraph:
        para = Paragraph(
            text=collapse(_QUOTES.sub("", text)),
            links=tuple(self.links),
            cites=tuple(dict.fromkeys(self.cites)),
        )
        self.links, self.cites = [], []
        return para

    def end_paragraph(self) -> None:
        if not self.para:
            return
        text = collapse(_QUOTES.sub("", " ".join(t for t, _, _ in self.para)))
        links = tuple(link for _, ls, _ in self.para for link in ls)
        cites = tuple(dict.fromkeys(c for _, _, cs in self.para for c in cs))
        self.para = []
        if text:
            self.paragraphs.append(Paragraph(text=text, links=links, cites=cites))
            self.order.append("paragraph")

    def end_list(self) -> None:
        if self.items:
            self.lists.append(ListBlock(ordered=self.ordered, items=tuple(self.items)))
            self.order.append("list")
        self.items = []

    def end_section(self) -> None:
        self.end_line()
        self.end_paragraph()
        self.end_list()
        s = self.section
        self.sections.append(
            Section(
                id=s["id"],
                level=s["level"],
                heading=s["heading"],
                anchor=_anchor(s["heading"]) if s["heading"] else "",
                path=s["path"],
                paragraphs=tuple(self.paragraphs),
                lists=tuple(self.lists),
                tables=tuple(self.tables),
                order=tuple(self.order),
            )
        )
        self.paragraphs, self.lists, self.tables, self.order = [], [], [], []

    def table(self, node: Tag) -> None:
        self.end_line()
        self.end_paragraph()
        self.end_list()
        attrs = str(node.get("class").value) if node.has("class") else ""
        if "infobox" in attrs or "navbox" in attrs or "metadata" in attrs:
            return
        rows: list[list[str]] = []
        header: tuple[str, ...] = ()
        caption = ""
        current: list[str] = []
        outer_links = self.links
        for cell in _cells(node):
            kind, value = cell
            if kind == "row":
                if current:
                    rows.append(current)
                current = []
                continue
            self.links = []
            text = collapse(_QUOTES.sub("", self.plain(value)))
            if kind == "caption":
                caption = text
            else:
                current.append(text)
                if kind == "th" and not rows and len(current) == len(header) + 1:
                    header = (*header, text)
        self.links = outer_links
        if current:
            rows.append(current)
        if header and rows and tuple(rows[0]) == header:
            rows = rows[1:]
        else:
            header = ()
        self.tables.append(
            Table(caption=caption, header=header, rows=tuple(tuple(r) for r in rows))
        )
        self.order.append("table")

    def infobox(self, node: Template, name: str) -> None:
        params: list[Param] = []
        for param in node.params:
            outer = self.links
            self.links = []
            wikitext = _code_text(param.value).strip()
            text = _value_text(self.plain(param.value))
            params.append(
                Param(
                    name=_code_text(param.name).strip(),
                    wikitext=wikitext,
                    text=text,
                    links=tuple(self.links),
                    values=values_from_text(text),
                )
            )
            self.links = outer
        self.cites = []
        self.infoboxes.append(
            Infobox(template=name, params=tuple(params), source="wikitext")
        )

    def read(self, code: Wikicode) -> None:
        path: list[tuple[int, str]] = []
        index = 0
        for node in code.nodes:
            if isinstance(node, Text):
                value = node.value
                if "\n" not in value:
                    self.line.append(value)
                    continue
                pieces = value.split("\n")
                for piece in pieces[:-1]:
                    self.line.append(piece)
                    self.end_line()
                self.line.append(pieces[-1])
            elif isinstance(node, Heading):
                self.end_section()
                index += 1
                heading = collapse(_QUOTES.sub("", self.plain(node.title)))
                self.links, self.cites = [], []
                level = node.level
                while path and path[-1][0] >= level:
                    path.pop()
                path.append((level, heading))
                self.section = {
                    "id": index,
                    "level": level,
                    "heading": heading,
                    "path": tuple(h for _, h in path),
                }
            elif isinstance(node, Template):
                name = template_name(_code_text(node.name))
                if is_infobox(name):
                    self.templates.setdefault(name, None)
                    self.infobox(node, name)
                elif name.lower() == "short description":
                    self.templates.setdefault(name, None)
                    self.description = (
                        collapse(str(node.get(1).value)) if node.has(1) else ""
                    )
                else:
                    self.line.append(self.template(node, 1))
            elif isinstance(node, Tag) and node.wiki_markup == "{|":
                self.table(node)
            else:
                self.line.append(self.node_text(node, 1, top=True))
        self.end_section()


def _cells(table: Tag) -> Iterable[tuple[str, Any]]:
    for node in table.contents.nodes:
        if not isinstance(node, Tag):
            continue
        tag = _code_text(node.tag).lower()
        if tag == "tr":
            yield ("row", None)
            if node.contents is not None:
                for cell in node.contents.nodes:
                    if isinstance(cell, Tag):
                        kind = _code_text(cell.tag).lower()
                        if kind in ("td", "th"):
                            yield (kind, cell.contents)
        elif tag in ("td", "th"):
            markup = str(node).lstrip()
            if markup.startswith("|+"):
                yield ("caption", node.contents)
            else:
                yield (tag, node.contents)


class WikitextResult:
    """What the wikitext walk found (assembled into the article by the caller)."""

    def __init__(self, reader: _Reader) -> None:
        self.sections = tuple(reader.sections)
        self.infoboxes = tuple(reader.infoboxes)
        self.references = tuple(
            _reference(ref_id, entry, reader.expanders)
            for ref_id, entry in reader.refs.items()
        )
        self.categories = tuple(reader.categories)
        self.templates = tuple(reader.templates)
        self.langlinks = tuple(reader.langlinks)
        self.description = reader.description
        warnings = [
            f"template {{{{{name}}}}} not expanded ({count}×)"
            for name, count in reader.unexpanded.items()
        ]
        if reader.too_deep:
            warnings.append(
                f"templates or tags nested deeper than {_MAX_DEPTH} levels were cut"
            )
        self.warnings = tuple(warnings)


def plain_wikitext(
    text: str, expanders: ExpanderRegistry
) -> tuple[str, tuple[Link, ...]]:
    """A wikitext fragment (an infobox or citation value) as plain text and links."""
    if _MARKUP.search(text) is None:
        return _value_text(text), ()
    if _NEEDS_PARSER.search(text) is None:
        simple = _simple_links(text)
        if simple is not None:
            return simple
    reader = _Reader(expanders)
    try:
        code = mwparserfromhell.parse(text, skip_style_tags=True)
    except (ParserError, RecursionError):
        return _value_text(text), ()
    return _value_text(reader.plain(code)), tuple(reader.links)


_NEEDS_PARSER: Final = re.compile(r"[{<&]")
_SIMPLE_LINK: Final = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")


def _simple_links(text: str) -> tuple[str, tuple[Link, ...]] | None:
    """Quotes and plain wiki links only: read without a parse, as the walker would.

    ``None`` when the fragment holds anything else (files, categories,
    external links), which the parser must read.
    """
    links: list[Link] = []

    def one(match: re.Match[str]) -> str:
        target, shown = match.group(1).strip(), match.group(2)
        lower = target.lower()
        if lower.startswith(_CATEGORY + _FILES):
            raise _NotSimple
        target = target.lstrip(":")
        display = shown if shown is not None else target
        title = (
            template_name(target.split("#", 1)[0]) if not target.startswith("#") else ""
        )
        links.append(Link(title=title, text=collapse(_QUOTES.sub("", display))))
        return display

    try:
        plain = _SIMPLE_LINK.sub(one, text)
    except _NotSimple:
        return None
    if "[" in plain:
        return None
    return _value_text(plain), tuple(links)


class _NotSimple(Exception):
    """A fragment the regular-expression reader leaves to the parser."""


def _reference(
    ref_id: str, entry: dict[str, Any], expanders: ExpanderRegistry
) -> Reference:
    params: dict[str, str] = entry["params"]
    template: str = entry["template"]
    names, done = entry.get("plain", ({}, {}))

    def plain(value: str) -> str:
        name = names.get(value.strip())
        if name is not None:
            return _value_text(done[name])  # read in the walk already
        return plain_wikitext(value, expanders)[0]

    return Reference(
        id=ref_id,
        group=entry["group"],
        name=entry["name"],
        anchor=ref_id,
        text=entry["text"],
        links=entry["links"],
        template=template,
        params=params,
        csl=csl_from_params(template, params, plain) if template else {},
        identifiers=identifiers_from_params(params, plain) if template else {},
    )


def read_wikitext(text: str, expanders: ExpanderRegistry) -> WikitextResult:
    """Walk *text* once.

    Raises:
        ConfigurationError: When mwparserfromhell cannot parse it at all.
    """
    try:
        code = mwparserfromhell.parse(text, skip_style_tags=True)
    except (ParserError, RecursionError) as exc:
        raise ConfigurationError(
            message=f"wikitext could not be parsed: {exc}"
        ) from exc
    reader = _Reader(expanders)
    reader.read(code)
    return WikitextResult(reader)
