"""The words of attributions and credits pages, in several languages.

Every fixed word wikireuse prints in an attribution ("by", "is licensed
under", "marked as public domain", "Retrieved ...", the quotation marks) or
on a credits page comes from a :class:`Catalogue`. :data:`DEFAULT_CATALOGUE`
ships English (``en``), German (``de``), French (``fr``) and Spanish
(``es``); each language has whole sentences with ``{placeholders}``, so word
order, quotation marks and agreement are the language's own and nothing is
ever printed half in one language and half in another.

>>> DEFAULT_CATALOGUE.languages
('de', 'en', 'es', 'fr')
>>> DEFAULT_CATALOGUE.message("de", "retrieved", date="27. November 2026")
'Abgerufen am 27. November 2026.'
>>> DEFAULT_CATALOGUE.message("en", "anonymous-contributors", count=1)
'1 anonymous contributor'
>>> from datetime import date
>>> DEFAULT_CATALOGUE.format_date("fr", date(2026, 11, 1))
'1er novembre 2026'

Another language is added with :meth:`Catalogue.with_language`, which checks
that it has every key English has, with the same placeholders; single
messages of a language are replaced with :meth:`Catalogue.with_messages`:

>>> custom = DEFAULT_CATALOGUE.with_messages("en", {"history-authors": "its editors"})
>>> custom.message("en", "history-authors")
'its editors'

**Plural forms.** A counted message has one key per plural category,
``<key>.one`` and ``<key>.other`` (and, for languages that need them,
``.zero``, ``.two``, ``.few``, ``.many``); :meth:`Catalogue.message` picks
the form with the language's plural rule from the ``count`` parameter.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Final, TypeAlias

import attrs

from wikireuse.exceptions import ConfigurationError

__all__ = [
    "DEFAULT_CATALOGUE",
    "MESSAGE_KEYS",
    "PLURAL_CATEGORIES",
    "Catalogue",
    "PluralRule",
    "plural_one_other",
]

PluralRule: TypeAlias = Callable[[int], str]
"""Maps a count to its plural category (one of :data:`PLURAL_CATEGORIES`)."""

PLURAL_CATEGORIES: Final = ("zero", "one", "two", "few", "many", "other")
"""The CLDR plural categories a counted message may have forms for."""

_LANG: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Counts a plural rule is tried on when a language is added: every category
# it answers must have a form (0 to 1000 covers the pattern of every CLDR
# cardinal rule that matters for whole numbers of items).
_PROBE: Final = range(1001)


def plural_one_other(count: int) -> str:
    """The plural rule of English, German and Spanish: ``one`` for 1 only.

    >>> plural_one_other(1), plural_one_other(0), plural_one_other(2)
    ('one', 'other', 'other')
    """
    return "one" if count == 1 else "other"


def _plural_french(count: int) -> str:
    """French: 0 and 1 take the singular ("0 élément")."""
    return "one" if count in (0, 1) else "other"


_EN: Final[dict[str, str]] = {
    # -- the credit sentence ---------------------------------------------
    # {title} is the quoted title (or "This work"), linked to the source.
    "quoted": "“{text}”",
    "this-work": "This work",
    "work": "{title} by {author}",
    "work-credit-line": "{title}, credit: {credit}",
    "work-no-author": "{title}",
    "credit": "{work}, from {site}, {license}.",
    "credit-no-site": "{work} {license}.",
    "license-licensed": "is licensed under {license}",
    "license-waiver": "is marked with {license}",
    "license-public-domain": "is marked as {license}",
    "public-domain": "public domain",
    "license-unknown": "is under an unknown licence",
    "license-unrecognised": "is under an unrecognised licence: {license}",
    "license-also": "It is also available under {licenses}.",
    "history-authors": "its authors",
    "unknown-author": "an unknown author",
    "anonymous-contributors.one": "{count} anonymous contributor",
    "anonymous-contributors.other": "{count} anonymous contributors",
    "more-authors.one": "{count} other",
    "more-authors.other": "{count} others",
    "list-separator": ", ",
    "list-and": "{list} and {last}",
    "list-or": "{list} or {last}",
    # -- changes, copyright, retrieval -------------------------------------
    "modified": "modified",
    "modified-by": "{change} by {name}",
    "changes": "Changes: {changes}.",
    "changes-separator": "; ",
    "retrieved": "Retrieved {date}.",
    # -- other styles (Attribution.render(style=...)), articles only ------
    # The Wikipedia:Reusing Wikipedia content "example notice"; {license}
    # is reuse-notice-cc-by-sa or the licence's full name.
    "reuse-notice": "This article uses material from the {site} article {title}, "
    "which is released under the {license}.",
    "reuse-notice-title": '"{text}"',
    "reuse-notice-cc-by-sa": "Creative Commons Attribution-Share-Alike License "
    "{version}",
    # The edit summary for a copy within one wiki (Wikipedia:Copying within
    # Wikipedia); {title} is a wikilink in wikitext, else linked text.
    "copy-summary": "Copied content from {title}; see that page's history for "
    "attribution",
    # -- dates and numbers -------------------------------------------------
    "date": "{month} {day}, {year}",
    "date-first-day": "1",
    "month-1": "January",
    "month-2": "February",
    "month-3": "March",
    "month-4": "April",
    "month-5": "May",
    "month-6": "June",
    "month-7": "July",
    "month-8": "August",
    "month-9": "September",
    "month-10": "October",
    "month-11": "November",
    "month-12": "December",
    "number-group-separator": ",",
    "number-group-minimum": "1",
    # -- credits pages -------------------------------------------------------
    "credits-title": "Credits",
    "credits-intro.one": "This work reuses {count} item made by others, "
    "credited below.",
    "credits-intro.other": "This work reuses {count} items made by others, "
    "credited below.",
    "credits-group-license": "Licensed under {license}",
    "credits-group-waiver": "Marked with {license}",
    "credits-group-public-domain": "Public domain",
    "credits-group-unknown": "Licence unknown",
    "credits-check-title": "Licence check",
    "credits-use-verbatim": "as an unchanged copy",
    "credits-use-collect": "as part of a collection",
    "credits-use-adapt": "in an adaptation",
    "credits-status-compatible": "Every item can be reused {use} under {target}.",
    "credits-status-conditional": "Every item can be reused {use} under {target} "
    "on the conditions below.",
    "credits-status-incompatible": "Some items cannot be reused {use} under {target}.",
    "credits-status-unknown": "Whether every item can be reused {use} under "
    "{target} could not be determined.",
    "credits-obligations": "What you must do",
    "credits-warnings": "Check these items",
    # one per code of wikireuse.attribution.WARNINGS (credits pages)
    "warning-no-author": "no author named",
    "warning-no-source": "no source named",
    "warning-no-license": "no licence named",
    "warning-unknown-license": "licence not recognised",
    "warning-non-free": "not under a free licence",
    "warning-multiple-authors": "more authors than are named",
    "warning-restrictions": "other restrictions apply",
    "warning-no-title": "no title, which the licence asks for",
    "warning-gfdl": "also offered under the GFDL: check its terms",
}

_DE: Final[dict[str, str]] = {
    "quoted": "„{text}“",
    "this-work": "Dieses Werk",
    "work": "{title} von {author}",
    "work-credit-line": "{title}, Nachweis: {credit}",
    "work-no-author": "{title}",
    "credit": "{work}, veröffentlicht auf {site}, {license}.",
    "credit-no-site": "{work} {license}.",
    "license-licensed": "steht unter der Lizenz {license}",
    "license-waiver": "ist mit {license} gekennzeichnet",
    "license-public-domain": "ist als {license} gekennzeichnet",
    "public-domain": "gemeinfrei",
    "license-unknown": "steht unter einer unbekannten Lizenz",
    "license-unrecognised": "steht unter einer nicht erkannten Lizenz: {license}",
    "license-also": "Alternativ auch unter {licenses} verfügbar.",
    "history-authors": "den Autorinnen und Autoren",
    "unknown-author": "einem unbekannten Urheber",
    "anonymous-contributors.one": "{count} anonymen Beitragenden",
    "anonymous-contributors.other": "{count} anonymen Beitragenden",
    "more-authors.one": "{count} weiteren",
    "more-authors.other": "{count} weiteren",
    "list-separator": ", ",
    "list-and": "{list} und {last}",
    "list-or": "{list} oder {last}",
    "modified": "bearbeitet",
    "modified-by": "{change} von {name}",
    "changes": "Änderungen: {changes}.",
    "changes-separator": "; ",
    "retrieved": "Abgerufen am {date}.",
    "reuse-notice": "Dieser Artikel verwendet Material aus dem Artikel {title} "
    "aus {site}, der unter der Lizenz {license} veröffentlicht ist.",
    "reuse-notice-title": "„{text}“",
    "reuse-notice-cc-by-sa": "Creative Commons Namensnennung – Weitergabe unter "
    "gleichen Bedingungen {version}",
    "copy-summary": "Inhalt aus {title} übernommen; die Autoren stehen in der "
    "Versionsgeschichte jener Seite",
    "date": "{day}. {month} {year}",
    "date-first-day": "1",
    "month-1": "Januar",
    "month-2": "Februar",
    "month-3": "März",
    "month-4": "April",
    "month-5": "Mai",
    "month-6": "Juni",
    "month-7": "Juli",
    "month-8": "August",
    "month-9": "September",
    "month-10": "Oktober",
    "month-11": "November",
    "month-12": "Dezember",
    "number-group-separator": ".",
    "number-group-minimum": "1",
    "credits-title": "Quellen und Lizenzen",
    "credits-intro.one": "Dieses Werk verwendet {count} Inhalt anderer "
    "Urheber, der unten nachgewiesen ist.",
    "credits-intro.other": "Dieses Werk verwendet {count} Inhalte anderer "
    "Urheber, die unten nachgewiesen sind.",
    "credits-group-license": "Lizenz: {license}",
    "credits-group-waiver": "Gekennzeichnet mit {license}",
    "credits-group-public-domain": "Gemeinfrei",
    "credits-group-unknown": "Lizenz unbekannt",
    "credits-check-title": "Lizenzprüfung",
    "credits-use-verbatim": "als unveränderte Kopie",
    "credits-use-collect": "als Teil einer Sammlung",
    "credits-use-adapt": "in einer Bearbeitung",
    "credits-status-compatible": "Alle Inhalte dürfen {use} unter {target} "
    "weiterverwendet werden.",
    "credits-status-conditional": "Alle Inhalte dürfen {use} unter {target} "
    "weiterverwendet werden, wenn die folgenden Bedingungen erfüllt sind.",
    "credits-status-incompatible": "Einige Inhalte dürfen nicht {use} unter "
    "{target} weiterverwendet werden.",
    "credits-status-unknown": "Ob alle Inhalte {use} unter {target} "
    "weiterverwendet werden dürfen, ließ sich nicht feststellen.",
    "credits-obligations": "Das müssen Sie tun",
    "credits-warnings": "Bitte diese Inhalte prüfen",
    # one per code of wikireuse.attribution.WARNINGS (credits pages)
    "warning-no-author": "kein Urheber angegeben",
    "warning-no-source": "keine Quelle angegeben",
    "warning-no-license": "keine Lizenz angegeben",
    "warning-unknown-license": "Lizenz nicht erkannt",
    "warning-non-free": "nicht unter einer freien Lizenz",
    "warning-multiple-authors": "mehr Urheber als angegeben",
    "warning-restrictions": "weitere Einschränkungen",
    "warning-no-title": "kein Titel, obwohl die Lizenz einen verlangt",
    "warning-gfdl": "auch unter der GFDL angeboten: deren Bedingungen prüfen",
}

# French typography: no-break spaces inside « » and before the colon. The
# credit is a credit line (no verb), so no participle has to agree with the
# gender of a title.
_FR: Final[dict[str, str]] = {
    "quoted": "«\u00a0{text}\u00a0»",
    "this-work": "Cette œuvre",
    "work": "{title} par {author}",
    "work-credit-line": "{title}, crédit\u00a0: {credit}",
    "work-no-author": "{title}",
    "credit": "{work}, source\u00a0: {site}, {license}.",
    "credit-no-site": "{work}, {license}.",
    "license-licensed": "licence {license}",
    "license-waiver": "transfert dans le domaine public\u00a0: {license}",
    "license-public-domain": "{license}",
    "public-domain": "domaine public",
    "license-unknown": "licence inconnue",
    "license-unrecognised": "licence non reconnue\u00a0: {license}",
    "license-also": "Également disponible sous {licenses}.",
    "history-authors": "ses auteurs",
    "unknown-author": "un auteur inconnu",
    "anonymous-contributors.one": "{count} contributeur anonyme",
    "anonymous-contributors.other": "{count} contributeurs anonymes",
    "more-authors.one": "{count} autre",
    "more-authors.other": "{count} autres",
    "list-separator": ", ",
    "list-and": "{list} et {last}",
    "list-or": "{list} ou {last}",
    "modified": "version modifiée",
    "modified-by": "{change} par {name}",
    "changes": "Modifications\u00a0: {changes}.",
    "changes-separator": "\u00a0; ",
    "retrieved": "Consulté le {date}.",
    "reuse-notice": "Cet article utilise du contenu de l’article {title} de {site}, "
    "publié sous la licence {license}.",
    "reuse-notice-title": "«\u00a0{text}\u00a0»",
    "reuse-notice-cc-by-sa": "Creative Commons Attribution – Partage dans les "
    "mêmes conditions {version}",
    "copy-summary": "Contenu copié depuis {title}\u00a0; voir l’historique de "
    "cette page pour ses auteurs",
    "date": "{day} {month} {year}",
    "date-first-day": "1er",
    "month-1": "janvier",
    "month-2": "février",
    "month-3": "mars",
    "month-4": "avril",
    "month-5": "mai",
    "month-6": "juin",
    "month-7": "juillet",
    "month-8": "août",
    "month-9": "septembre",
    "month-10": "octobre",
    "month-11": "novembre",
    "month-12": "décembre",
    "number-group-separator": "\u202f",
    "number-group-minimum": "1",
    "credits-title": "Crédits",
    "credits-intro.one": "Cette œuvre réutilise {count} élément créé par "
    "d’autres, crédité ci-dessous.",
    "credits-intro.other": "Cette œuvre réutilise {count} éléments créés par "
    "d’autres, crédités ci-dessous.",
    "credits-group-license": "Sous licence {license}",
    "credits-group-waiver": "Transfert dans le domaine public\u00a0: {license}",
    "credits-group-public-domain": "Domaine public",
    "credits-group-unknown": "Licence inconnue",
    "credits-check-title": "Vérification des licences",
    "credits-use-verbatim": "sous forme de copie inchangée",
    "credits-use-collect": "dans une collection",
    "credits-use-adapt": "dans une adaptation",
    "credits-status-compatible": "Tous les éléments peuvent être réutilisés "
    "{use} sous {target}.",
    "credits-status-conditional": "Tous les éléments peuvent être réutilisés "
    "{use} sous {target}, aux conditions indiquées ci-dessous.",
    "credits-status-incompatible": "Certains éléments ne peuvent pas être "
    "réutilisés {use} sous {target}.",
    "credits-status-unknown": "Impossible de déterminer si tous les éléments "
    "peuvent être réutilisés {use} sous {target}.",
    "credits-obligations": "Ce que vous devez faire",
    "credits-warnings": "Éléments à vérifier",
    # one per code of wikireuse.attribution.WARNINGS (credits pages)
    "warning-no-author": "aucun auteur indiqué",
    "warning-no-source": "aucune source indiquée",
    "warning-no-license": "aucune licence indiquée",
    "warning-unknown-license": "licence non reconnue",
    "warning-non-free": "pas sous licence libre",
    "warning-multiple-authors": "plus d’auteurs que ceux indiqués",
    "warning-restrictions": "d’autres restrictions s’appliquent",
    "warning-no-title": "pas de titre, alors que la licence en demande un",
    "warning-gfdl": "également proposé sous GFDL\u00a0: vérifiez ses conditions",
}

_ES: Final[dict[str, str]] = {
    "quoted": "«{text}»",
    "this-work": "Esta obra",
    "work": "{title} por {author}",
    "work-credit-line": "{title}, crédito: {credit}",
    "work-no-author": "{title}",
    "credit": "{work}, en {site}, {license}.",
    "credit-no-site": "{work} {license}.",
    "license-licensed": "está bajo la licencia {license}",
    "license-waiver": "se ha dedicado al dominio público mediante {license}",
    "license-public-domain": "figura como de {license}",
    "public-domain": "dominio público",
    "license-unknown": "tiene una licencia desconocida",
    "license-unrecognised": "tiene una licencia no reconocida: {license}",
    "license-also": "También disponible bajo {licenses}.",
    "history-authors": "sus autores",
    "unknown-author": "un autor desconocido",
    "anonymous-contributors.one": "{count} colaborador anónimo",
    "anonymous-contributors.other": "{count} colaboradores anónimos",
    "more-authors.one": "{count} más",
    "more-authors.other": "{count} más",
    "list-separator": ", ",
    "list-and": "{list} y {last}",
    "list-or": "{list} o {last}",
    "modified": "versión modificada",
    "modified-by": "{change} por {name}",
    "changes": "Cambios: {changes}.",
    "changes-separator": "; ",
    "retrieved": "Consultado el {date}.",
    "reuse-notice": "Este artículo utiliza material del artículo {title} de "
    "{site}, publicado bajo la licencia {license}.",
    "reuse-notice-title": "«{text}»",
    "reuse-notice-cc-by-sa": "Creative Commons Atribución-CompartirIgual {version}",
    "copy-summary": "Contenido copiado de {title}; véase el historial de esa "
    "página para la atribución",
    "date": "{day} de {month} de {year}",
    "date-first-day": "1",
    "month-1": "enero",
    "month-2": "febrero",
    "month-3": "marzo",
    "month-4": "abril",
    "month-5": "mayo",
    "month-6": "junio",
    "month-7": "julio",
    "month-8": "agosto",
    "month-9": "septiembre",
    "month-10": "octubre",
    "month-11": "noviembre",
    "month-12": "diciembre",
    "number-group-separator": ".",
    "number-group-minimum": "2",
    "credits-title": "Créditos",
    "credits-intro.one": "Esta obra reutiliza {count} elemento creado por "
    "otras personas, acreditado a continuación.",
    "credits-intro.other": "Esta obra reutiliza {count} elementos creados por "
    "otras personas, acreditados a continuación.",
    "credits-group-license": "Bajo la licencia {license}",
    "credits-group-waiver": "Dedicado al dominio público mediante {license}",
    "credits-group-public-domain": "Dominio público",
    "credits-group-unknown": "Licencia desconocida",
    "credits-check-title": "Comprobación de licencias",
    "credits-use-verbatim": "como copia sin cambios",
    "credits-use-collect": "como parte de una colección",
    "credits-use-adapt": "en una adaptación",
    "credits-status-compatible": "Todos los elementos pueden reutilizarse {use} "
    "bajo {target}.",
    "credits-status-conditional": "Todos los elementos pueden reutilizarse {use} "
    "bajo {target} si se cumplen las condiciones indicadas a continuación.",
    "credits-status-incompatible": "Algunos elementos no pueden reutilizarse "
    "{use} bajo {target}.",
    "credits-status-unknown": "No se ha podido determinar si todos los "
    "elementos pueden reutilizarse {use} bajo {target}.",
    "credits-obligations": "Qué debe hacer",
    "credits-warnings": "Elementos que conviene revisar",
    # one per code of wikireuse.attribution.WARNINGS (credits pages)
    "warning-no-author": "no se indica ningún autor",
    "warning-no-source": "no se indica ninguna fuente",
    "warning-no-license": "no se indica ninguna licencia",
    "warning-unknown-license": "licencia no reconocida",
    "warning-non-free": "no tiene una licencia libre",
    "warning-multiple-authors": "tiene más autores de los indicados",
    "warning-restrictions": "se aplican otras restricciones",
    "warning-no-title": "no tiene título, aunque la licencia lo pide",
    "warning-gfdl": "también se ofrece bajo la GFDL: compruebe sus condiciones",
}

MESSAGE_KEYS: Final = tuple(sorted(_EN))
"""Every key a language must have (English's keys; counted messages appear
as ``<key>.one`` and ``<key>.other``)."""


def _split(key: str) -> tuple[str, str | None]:
    """``"a.one"`` → ``("a", "one")``; ``"a"`` → ``("a", None)``."""
    base, dot, form = key.rpartition(".")
    if dot and form in PLURAL_CATEGORIES:
        return base, form
    return key, None


# Counted messages: base key → the placeholders every form must have.
_PLURAL_BASES: Final = frozenset(
    base for base, form in map(_split, _EN) if form is not None
)


def _placeholders(key: str, pattern: str) -> frozenset[str]:
    """The ``{name}`` fields of *pattern*.

    Raises:
        ConfigurationError: Unbalanced braces, or a field that is not a plain
            name (``{0}``, ``{a.b}``, ``{a[0]}``, ``{a!r}``, ``{a:>3}``).
    """
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise ConfigurationError(
            message=f"message {key!r} is not a valid pattern: {exc}"
        ) from exc
    names = set()
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise ConfigurationError(
                message=f"message {key!r}: placeholder {{{field}}} must be a "
                "plain {name}, without index, attribute, conversion or format"
            )
        names.add(field)
    return frozenset(names)


_EN_FIELDS: Final = {key: _placeholders(key, value) for key, value in _EN.items()}


def _check_language(
    lang: str, messages: Mapping[str, str], rule: PluralRule
) -> MappingProxyType[str, str]:
    """*messages* as a read-only mapping once it passes every check.

    Raises:
        ConfigurationError: A bad language code, a missing or unknown key, a
            value that is not text, a placeholder set unlike English's, a
            plural category the rule gives without a form, or a bad number
            setting.
    """
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise ConfigurationError(
            message=f"language code {lang!r} is not a BCP 47 code such as 'de' "
            "or 'pt-BR'"
        )
    checked: dict[str, str] = {}
    extra_forms: list[str] = []
    for key, value in messages.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ConfigurationError(
                message=f"{lang}: message keys and values must be text, "
                f"got {key!r}: {value!r}"
            )
        base, form = _split(key)
        if key in _EN_FIELDS:
            expected = _EN_FIELDS[key]
        elif form is not None and base in _PLURAL_BASES:
            expected = _EN_FIELDS[f"{base}.other"]
            extra_forms.append(key)
        else:
            raise ConfigurationError(
                message=f"{lang}: unknown message key {key!r} (English has no such key)"
            )
        found = _placeholders(key, value)
        if found != expected:
            raise ConfigurationError(
                message=f"{lang}: message {key!r} has placeholders "
                f"{sorted(found)}, English has {sorted(expected)}"
            )
        checked[key] = value
    missing = sorted(set(_EN) - set(checked))
    if missing:
        raise ConfigurationError(message=f"{lang}: missing message keys {missing}")
    minimum = checked["number-group-minimum"]
    if minimum not in {"1", "2", "3", "4"}:
        raise ConfigurationError(
            message=f"{lang}: number-group-minimum must be 1 to 4, got {minimum!r}"
        )
    for base in _PLURAL_BASES:
        for count in _PROBE:
            category = rule(count)
            if f"{base}.{category}" not in checked:
                raise ConfigurationError(
                    message=f"{lang}: the plural rule gives {category!r} for "
                    f"{count}, but {base!r} has no {base}.{category} form"
                )
    return MappingProxyType(checked)


def _freeze_messages(
    value: Mapping[str, Mapping[str, str]],
) -> MappingProxyType[str, MappingProxyType[str, str]]:
    return MappingProxyType(
        {lang: MappingProxyType(dict(m)) for lang, m in value.items()}
    )


def _freeze_rules(value: Mapping[str, PluralRule]) -> MappingProxyType[str, PluralRule]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Catalogue:
    """Messages per language, each checked against English.

    Build one from :data:`DEFAULT_CATALOGUE` with :meth:`with_language` or
    :meth:`with_messages` rather than from scratch: the constructor checks
    every language (all of English's keys, the same placeholders, a form for
    every plural category the language's rule gives) and raises
    :class:`~wikireuse.ConfigurationError` otherwise.

    Attributes:
        messages: Language code → message key → pattern with ``{name}``
            placeholders.
        plural_rules: Language code → :data:`PluralRule`; a language without
            one uses :func:`plural_one_other`.
    """

    messages: Mapping[str, Mapping[str, str]] = attrs.field(
        converter=_freeze_messages, hash=False
    )
    plural_rules: Mapping[str, PluralRule] = attrs.field(
        factory=dict, converter=_freeze_rules, hash=False
    )

    def __attrs_post_init__(self) -> None:
        for lang, messages in self.messages.items():
            _check_language(lang, messages, self._rule(lang))
        for lang in self.plural_rules:
            if lang not in self.messages:
                raise ConfigurationError(
                    message=f"plural rule for {lang!r}, which has no messages"
                )

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes, sorted."""
        return tuple(sorted(self.messages))

    def _rule(self, lang: str) -> PluralRule:
        return self.plural_rules.get(lang, plural_one_other)

    def check_language(self, lang: object) -> None:
        """Do nothing if the catalogue has *lang*.

        Raises:
            ConfigurationError: It does not (no silent fallback to English).

        >>> DEFAULT_CATALOGUE.check_language("xx")
        Traceback (most recent call last):
        ...
        wikireuse.exceptions.ConfigurationError: no messages for language 'xx'; ...
        """
        if not isinstance(lang, str) or lang not in self.messages:
            raise ConfigurationError(
                message=f"no messages for language {lang!r}; the catalogue has "
                f"{', '.join(self.languages)} (add one with "
                "Catalogue.with_language)"
            )

    def pattern(self, lang: str, key: str, *, count: int | None = None) -> str:
        """The pattern of *key* in *lang*, placeholders unfilled.

        For a counted message (``<key>.one``, ``<key>.other``, ...) pass the
        bare key and *count*; the language's plural rule picks the form.

        >>> DEFAULT_CATALOGUE.pattern("fr", "more-authors", count=0)
        '{count} autre'

        Raises:
            ConfigurationError: An unknown language or key, or a counted
                message without *count*.
        """
        self.check_language(lang)
        messages = self.messages[lang]
        if key in _PLURAL_BASES:
            if count is None:
                raise ConfigurationError(
                    message=f"message {key!r} is counted: pass count="
                )
            return messages[f"{key}.{self._rule(lang)(count)}"]
        if key not in messages:
            raise ConfigurationError(message=f"unknown message key {key!r}")
        return messages[key]

    def message(self, lang: str, key: str, **params: str | int) -> str:
        """The message *key* in *lang* with its placeholders filled.

        A ``count`` parameter picks the plural form of a counted message and
        is printed with the language's digit grouping.

        >>> DEFAULT_CATALOGUE.message("es", "credits-intro", count=1200)[:36]
        'Esta obra reutiliza 1200 elementos c'
        >>> DEFAULT_CATALOGUE.message("de", "credits-group-license", license="CC0")
        'Lizenz: CC0'

        Raises:
            ConfigurationError: An unknown language or key, or a placeholder
                without a value.
        """
        count = params.get("count")
        if count is not None and not isinstance(count, int):
            raise ConfigurationError(message=f"count must be an int, got {count!r}")
        pattern = self.pattern(lang, key, count=count)
        values = {name: str(value) for name, value in params.items()}
        if count is not None:
            values["count"] = self.format_number(lang, count)
        missing = sorted(_placeholders(key, pattern) - set(values))
        if missing:
            raise ConfigurationError(
                message=f"message {key!r} needs the parameters {missing}"
            )
        return pattern.format_map(values)

    def format_number(self, lang: str, number: int) -> str:
        """*number* with the digit grouping of *lang*.

        >>> [DEFAULT_CATALOGUE.format_number(lang, 12345) for lang in ("en", "de")]
        ['12,345', '12.345']
        >>> DEFAULT_CATALOGUE.format_number("es", 1234)
        '1234'
        """
        self.check_language(lang)
        messages = self.messages[lang]
        digits = str(abs(number))
        sign = "-" if number < 0 else ""
        # Grouping starts only when the number has at least this many digits
        # above the first group (Spanish writes 1234 but 12.345).
        minimum = int(messages["number-group-minimum"])
        if len(digits) < 3 + minimum:
            return sign + digits
        groups = []
        while digits:
            groups.append(digits[-3:])
            digits = digits[:-3]
        return sign + messages["number-group-separator"].join(reversed(groups))

    def format_date(self, lang: str, value: date) -> str:
        """*value* (a date or datetime: its calendar date) written out in *lang*.

        >>> from datetime import date
        >>> d = date(2026, 11, 27)
        >>> for lang in ("en", "de", "fr", "es"):
        ...     print(DEFAULT_CATALOGUE.format_date(lang, d))
        November 27, 2026
        27. November 2026
        27 novembre 2026
        27 de noviembre de 2026

        Raises:
            ConfigurationError: An unknown language, or *value* is not a date.
        """
        if not isinstance(value, date):
            raise ConfigurationError(message=f"not a date: {value!r}")
        self.check_language(lang)
        messages = self.messages[lang]
        day = messages["date-first-day"] if value.day == 1 else str(value.day)
        return messages["date"].format_map(
            {
                "day": day,
                "month": messages[f"month-{value.month}"],
                "year": str(value.year),
            }
        )

    def with_language(
        self,
        lang: str,
        messages: Mapping[str, str],
        *,
        plural: PluralRule | None = None,
    ) -> Catalogue:
        """A new catalogue with *lang* added (or replaced) by *messages*.

        Args:
            lang: BCP 47 language code (``"pt-BR"``).
            messages: Every key of :data:`MESSAGE_KEYS`, with the same
                placeholders as English.
            plural: The language's plural rule (default: :func:`plural_one_other`,
                or the rule *lang* already has).

        Raises:
            ConfigurationError: A missing or unknown key, placeholders unlike
                English's, a category of *plural* without a form.

        >>> pirate = dict(DEFAULT_CATALOGUE.messages["en"], modified="plundered")
        >>> DEFAULT_CATALOGUE.with_language("en-x-pirate", pirate).languages
        ('de', 'en', 'en-x-pirate', 'es', 'fr')
        >>> DEFAULT_CATALOGUE.with_language("xx", {"modified": "?"})
        Traceback (most recent call last):
        ...
        wikireuse.exceptions.ConfigurationError: xx: missing message keys [...]
        """
        rules = dict(self.plural_rules)
        if plural is not None:
            rules[lang] = plural
        return Catalogue(
            messages={**self.messages, lang: dict(messages)}, plural_rules=rules
        )

    def with_messages(self, lang: str, messages: Mapping[str, str]) -> Catalogue:
        """A new catalogue where some messages of *lang* are replaced.

        >>> c = DEFAULT_CATALOGUE.with_messages("de", {"modified": "verändert"})
        >>> c.message("de", "modified"), DEFAULT_CATALOGUE.message("de", "modified")
        ('verändert', 'bearbeitet')

        Raises:
            ConfigurationError: *lang* is not in the catalogue, or a key or
                its placeholders are not English's.
        """
        self.check_language(lang)
        return self.with_language(lang, {**self.messages[lang], **messages})


DEFAULT_CATALOGUE: Final = Catalogue(
    messages={"en": _EN, "de": _DE, "fr": _FR, "es": _ES},
    plural_rules={
        "en": plural_one_other,
        "de": plural_one_other,
        "fr": _plural_french,
        "es": plural_one_other,
    },
)
"""The built-in catalogue: English, German, French and Spanish."""
