r"""Structured articles: sections, infoboxes and references as canonical JSON.

A pure package: it reads a body (Parsoid HTML with lxml, wikitext with
mwparserfromhell, or a Wikimedia Enterprise record) and never talks to a
wiki or a store.

>>> from wikireuse.structured import structure
>>> doc = structure("Intro.\n== History ==\nFounded in {{start date|1930|5|1}}.")
>>> [(s.heading, s.paragraphs[0].text) for s in doc.sections]
[('', 'Intro.'), ('History', 'Founded in May 1, 1930.')]

.. versionadded:: 0.1.0
"""

from wikireuse.structured._enterprise import from_enterprise
from wikireuse.structured._expand import (
    EXPANDERS,
    Expander,
    ExpanderRegistry,
    TemplateCall,
)
from wikireuse.structured._structure import MAX_BYTES, detect_format, structure

# Duplicates note: this import list and __all__ name the same model types
# as the readers' import lists; names, not logic.
from wikireuse.structured.model import (
    SCHEMA,
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
    StructuredArticle,
    Table,
    Value,
    schema,
)

__all__ = [
    "EXPANDERS",
    "MAX_BYTES",
    "SCHEMA",
    "Category",
    "Expander",
    "ExpanderRegistry",
    "Image",
    "Infobox",
    "Link",
    "ListBlock",
    "Paragraph",
    "Param",
    "Reference",
    "Row",
    "Section",
    "StructuredArticle",
    "Table",
    "TemplateCall",
    "Value",
    "detect_format",
    "from_enterprise",
    "schema",
    "structure",
]
