"""minimise(): drop or coarsen what a policy names, for pages about living people."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, Literal, Protocol, runtime_checkable

import attrs

from wikireuse.exceptions import ConfigurationError
from wikireuse.records.persons import PersonStatus

# Duplicates note: the model types minimise() rebuilds, as the structured
# readers import them too; an import list, not logic.
from wikireuse.structured.model import (
    Infobox,
    ListBlock,
    Paragraph,
    Param,
    Reference,
    Row,
    Section,
    StructuredArticle,
    Table,
    Value,
)

__all__ = [
    "DEFAULT_POLICY",
    "FieldRule",
    "MinimisationPolicy",
    "Redactor",
    "minimise",
]


@runtime_checkable
class Redactor(Protocol):
    """A text → text function that removes personal data from running text.

    :func:`minimise` passes it every text a reader sees (paragraphs, list
    items, table cells, infobox values, references, the abstract); an
    adapter for Microsoft Presidio is
    :class:`wikireuse.privacy.presidio.PresidioRedactor`.
    """

    def __call__(self, text: str) -> str:
        """*text* with the personal data it found replaced."""


Action = Literal["drop", "year"]


def _key(name: str) -> str:
    """An infobox parameter name or row label as compared."""
    return " ".join(re.sub(r"[_\-]+", " ", name).casefold().split())


def _keys(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(_key(n) for n in names)


@attrs.frozen(kw_only=True)
class FieldRule:
    """What to do with one infobox field, whatever it is called.

    Attributes:
        field: The field's name in the minimisation record (``"birth date"``).
        names: Parameter names and aliases (compared without regard to
            case, ``_``, ``-`` or spaces: ``birth_date`` is ``Birth date``).
        labels: Labels of rendered rows (Parsoid HTML, Enterprise records),
            compared the same way.
        action: ``"drop"`` removes the field; ``"year"`` keeps only the
            year (a field with no year is dropped).
    """

    field: str
    names: tuple[str, ...] = attrs.field(converter=_keys)
    labels: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    action: Action = "drop"

    def __attrs_post_init__(self) -> None:
        if self.action not in ("drop", "year"):
            raise ConfigurationError(
                message=f"a field rule's action: 'drop' or 'year', not {self.action!r}"
            )


_DEFAULT_FIELDS: Final = (
    FieldRule(
        field="birth date",
        names=("birth_date", "date of birth", "birthdate", "born", "dob"),
        labels=("Born", "Date of birth"),
        action="year",
    ),
    FieldRule(
        field="residence",
        names=("residence", "residences", "address", "home", "home_town"),
        labels=("Residence", "Address"),
    ),
    FieldRule(
        field="spouse",
        names=("spouse", "spouses", "partner", "partners", "domestic_partner"),
        labels=("Spouse", "Spouse(s)", "Spouses", "Partner", "Partner(s)"),
    ),
    FieldRule(field="children", names=("children", "child"), labels=("Children",)),
    FieldRule(
        field="relatives",
        names=(
            "relatives",
            "relations",
            "family",
            "parents",
            "mother",
            "father",
            "siblings",
        ),
        labels=("Relatives", "Relations", "Parent(s)", "Parents", "Family"),
    ),
)

# Headings of personal-life sections, as whole headings (case ignored), in
# the languages of the living-people table: English, German, Swedish,
# French, Spanish.
_DEFAULT_SECTIONS: Final = (
    r"personal life",
    r"private life",
    r"personal",
    r"family",
    r"family life",
    r"(?:personal|private) life and family",
    r"family and (?:personal|private) life",
    r"relationships",
    r"privatleben",
    r"privates",
    r"familie",
    r"privatliv",
    r"familj",
    r"vie (?:privée|personnelle)",
    r"vida (?:personal|privada)",
)

_PROTECTED: Final = (PersonStatus.LIVING, PersonStatus.POSSIBLY_LIVING)
_YEAR: Final = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _patterns(value: Iterable[str | re.Pattern[str]]) -> tuple[re.Pattern[str], ...]:
    return tuple(
        p if isinstance(p, re.Pattern) else re.compile(f"^(?:{p})$", re.IGNORECASE)
        for p in value
    )


def _statuses(value: Iterable[PersonStatus]) -> tuple[PersonStatus, ...]:
    found = tuple(value)
    if not all(isinstance(s, PersonStatus) for s in found):
        raise ConfigurationError(
            message=f"a policy's statuses must be PersonStatus values, got {found!r}"
        )
    return found


@attrs.frozen(kw_only=True)
class MinimisationPolicy:
    """What :func:`minimise` drops or coarsens, and for whom: a declarative rule set.

    Attributes:
        name: The policy's name, written into the minimisation record.
        statuses: The person statuses it applies to (default ``LIVING`` and
            ``POSSIBLY_LIVING``); other articles pass unchanged.
        fields: Infobox fields to drop or coarsen
            (:data:`DEFAULT_POLICY` names the birth date, residence,
            spouse, children and relatives).
        sections: Regular expressions of whole section headings (case
            ignored) whose sections are dropped with their subsections
            (personal-life sections in English, German, Swedish, French and
            Spanish by default).
        drop_orphaned_references: Drop the references cited only in what
            was dropped (a wedding announcement cited in a personal-life
            section); references cited nowhere stay.
        redactor: A :class:`Redactor` for every remaining text, or ``None``.
    """

    name: str = "default"
    statuses: tuple[PersonStatus, ...] = attrs.field(
        default=_PROTECTED, converter=_statuses
    )
    fields: tuple[FieldRule, ...] = _DEFAULT_FIELDS
    sections: tuple[re.Pattern[str], ...] = attrs.field(
        default=_DEFAULT_SECTIONS, converter=_patterns
    )
    drop_orphaned_references: bool = True
    redactor: Redactor | None = None

    def __attrs_post_init__(self) -> None:
        if not all(isinstance(f, FieldRule) for f in self.fields):
            raise ConfigurationError(
                message=f"a policy's fields must be FieldRules, got {self.fields!r}"
            )
        if self.redactor is not None and not callable(self.redactor):
            raise ConfigurationError(
                message=f"redactor must be a text -> text callable: {self.redactor!r}"
            )

    def rule_for(self, name: str, *, label: bool = False) -> FieldRule | None:
        """The field rule for an infobox parameter *name* (or row label), if any."""
        key = _key(name)
        for rule in self.fields:
            if key in (rule.labels if label else rule.names):
                return rule
        return None

    def drops_section(self, section: Section) -> bool:
        """Whether *section* (or a section above it) has a heading the policy drops."""
        headings = section.path or ((section.heading,) if section.heading else ())
        return any(p.match(h.strip()) for h in headings for p in self.sections)


DEFAULT_POLICY: Final = MinimisationPolicy()
"""Birth dates to years; residence, spouse, children and relatives dropped;
personal-life sections dropped, with the references only they cited; for
``LIVING`` and ``POSSIBLY_LIVING`` pages."""


def minimise(
    doc: StructuredArticle, policy: MinimisationPolicy = DEFAULT_POLICY
) -> StructuredArticle:
    r"""*doc* with what *policy* names dropped or coarsened, when its status asks.

    Pure. Apply it before :func:`wikireuse.chunk` and the exports: what it
    removes never reaches a chunk. What it did is recorded, by field and
    section names (never values), in
    :attr:`~wikireuse.StructuredArticle.minimisation` (which chunks copy)
    and, when the article has a provenance, in its ``steps``. Minimising
    twice changes nothing more.

    Args:
        doc: A structured article with its
            :attr:`~wikireuse.StructuredArticle.person_status` (give
            ``structure(..., person=classify_person(...))``).
        policy: What to drop or coarsen, and for which statuses.

    Returns:
        The minimised article; *doc* itself when the policy does not apply
        to its status.

    Raises:
        ConfigurationError: *doc* was never classified (``person_status`` is
            ``None``): whether it is about a living person is unknown, and
            guessing either way would be wrong; or bad arguments.

    >>> from wikireuse.structured import structure
    >>> from wikireuse.records.persons import PersonStatus
    >>> doc = structure(
    ...     "{{Infobox person|name=Ada Example|birth_date=11 March 1952"
    ...     "|spouse=Bo Example}}\n'''Ada Example''' paints.\n"
    ...     "== Personal life ==\nShe lives by the sea.",
    ...     person=PersonStatus.LIVING)
    >>> small = minimise(doc)
    >>> [(p.name, p.text) for p in small.infoboxes[0].params]
    [('name', 'Ada Example'), ('birth_date', '1952')]
    >>> [s.heading for s in small.sections]
    ['']
    >>> for line in small.minimisation:
    ...     print(line)
    minimised under policy 'default' (person status: living)
    infobox Infobox person: 'birth_date' coarsened to the year
    infobox Infobox person: 'spouse' dropped
    section 'Personal life' dropped
    """
    if not isinstance(doc, StructuredArticle):
        raise ConfigurationError(
            message=f"minimise() reads a StructuredArticle, got {type(doc).__name__}"
        )
    if not isinstance(policy, MinimisationPolicy):
        raise ConfigurationError(
            message=f"policy must be a MinimisationPolicy, got {policy!r}"
        )
    if doc.person_status is None:
        raise ConfigurationError(
            message=f"{doc.title or 'this article'!r} has no person_status: classify "
            "it first (structure(..., person=classify_person(...)))"
        )
    if doc.person_status not in policy.statuses:
        return doc
    notes: list[str] = [
        f"minimised under policy {policy.name!r} (person status: {doc.person_status})"
    ]
    redact = policy.redactor if policy.redactor is not None else _same
    infoboxes = tuple(_infobox(box, policy, notes, redact) for box in doc.infoboxes)
    kept: list[Section] = []
    for section in doc.sections:
        if section.level > 0 and policy.drops_section(section):
            if section.heading and not any(
                p.match(section.heading.strip()) for p in policy.sections
            ):
                continue  # a subsection: its parent's line covers it
            notes.append(f"section {section.heading!r} dropped")
            continue
        kept.append(_section(section, redact))
    references = tuple(_reference(r, redact) for r in doc.references)
    if policy.drop_orphaned_references:
        references = _orphans_dropped(doc, tuple(kept), references, notes)
    if policy.redactor is not None:
        notes.append(f"texts passed through the redactor {_name(policy.redactor)}")
    record = tuple(dict.fromkeys((*doc.minimisation, *notes)))
    provenance = doc.provenance
    if provenance is not None:
        step = "minimised: " + "; ".join(notes)
        if step not in provenance.steps:
            provenance = attrs.evolve(provenance, steps=(*provenance.steps, step))
    return attrs.evolve(
        doc,
        abstract=redact(doc.abstract) if doc.abstract else "",
        description=redact(doc.description) if doc.description else "",
        sections=tuple(kept),
        infoboxes=infoboxes,
        references=references,
        minimisation=record,
        provenance=provenance,
    )


def _same(text: str) -> str:
    return text


def _name(redactor: Callable[[str], str]) -> str:
    return getattr(redactor, "__name__", type(redactor).__name__)


def _year(texts: Iterable[str], values: tuple[Value, ...]) -> str | None:
    for value in values:
        if value.kind == "date" and value.date[:4].isdigit():
            return value.date[:4]
    for text in texts:
        found = _YEAR.search(text)
        if found is not None:
            return found.group(1)
    return None


def _infobox(
    box: Infobox,
    policy: MinimisationPolicy,
    notes: list[str],
    redact: Callable[[str], str],
) -> Infobox:
    params: list[Param] = []
    for param in box.params:
        rule = policy.rule_for(param.name)
        if rule is None:
            params.append(
                attrs.evolve(
                    param, text=redact(param.text), wikitext=redact(param.wikitext)
                )
            )
            continue
        year = (
            _year((param.text, param.wikitext), param.values)
            if rule.action == "year"
            else None
        )
        if year is None:
            notes.append(f"infobox {box.template}: {param.name!r} dropped")
            continue
        notes.append(f"infobox {box.template}: {param.name!r} coarsened to the year")
        params.append(
            Param(
                name=param.name,
                wikitext=year,
                text=year,
                values=(Value(kind="date", text=year, date=year),),
            )
        )
    rows: list[Row] = []
    for row in box.rows:
        rule = policy.rule_for(row.label, label=True) if row.label else None
        if rule is None:
            rows.append(attrs.evolve(row, text=redact(row.text)))
            continue
        year = _year((row.text,), ()) if rule.action == "year" else None
        if year is None:
            notes.append(f"infobox {box.template}: row {row.label!r} dropped")
            continue
        notes.append(f"infobox {box.template}: row {row.label!r} coarsened to the year")
        rows.append(Row(label=row.label, text=year, section=row.section))
    return attrs.evolve(box, params=tuple(params), rows=tuple(rows))


def _paragraph(para: Paragraph, redact: Callable[[str], str]) -> Paragraph:
    return attrs.evolve(para, text=redact(para.text))


def _section(section: Section, redact: Callable[[str], str]) -> Section:
    if redact is _same:
        return section
    return attrs.evolve(
        section,
        paragraphs=tuple(_paragraph(p, redact) for p in section.paragraphs),
        lists=tuple(
            ListBlock(
                ordered=b.ordered, items=tuple(_paragraph(i, redact) for i in b.items)
            )
            for b in section.lists
        ),
        tables=tuple(
            Table(
                caption=redact(t.caption),
                header=tuple(redact(c) for c in t.header),
                rows=tuple(tuple(redact(c) for c in row) for row in t.rows),
            )
            for t in section.tables
        ),
    )


def _reference(ref: Reference, redact: Callable[[str], str]) -> Reference:
    return ref if redact is _same else attrs.evolve(ref, text=redact(ref.text))


def _cited(sections: Iterable[Section]) -> set[str]:
    return {
        ref
        for s in sections
        for p in (*s.paragraphs, *(i for b in s.lists for i in b.items))
        for ref in p.cites
    }


def _orphans_dropped(
    doc: StructuredArticle,
    kept: tuple[Section, ...],
    references: tuple[Reference, ...],
    notes: list[str],
) -> tuple[Reference, ...]:
    """The references less those cited only in what was dropped."""
    before = _cited(doc.sections)
    after = _cited(kept)
    orphans = before - after
    if not orphans:
        return references
    notes.append(f"{len(orphans)} reference(s) cited only in dropped sections dropped")
    return tuple(r for r in references if r.id not in orphans)
