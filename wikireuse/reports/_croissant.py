"""The usage report as Croissant 1.0 JSON-LD with its Responsible-AI fields (pure).

The Responsible-AI properties are those of the Croissant RAI vocabulary
(``http://mlcommons.org/croissant/RAI/``): ``rai:dataCollection``,
``rai:dataCollectionTimeFrame``, ``rai:dataPreprocessingProtocol``,
``rai:personalSensitiveInformation`` and ``rai:dataReleaseMaintenancePlan``.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from wikireuse.chunks import SCHEMA as CHUNK_SCHEMA
from wikireuse.chunks import Chunk, ExportManifest
from wikireuse.core._time import format_timestamp
from wikireuse.exceptions import ConfigurationError
from wikireuse.reports._files import JSONL, PARQUET, ExportedFile
from wikireuse.structured.model import SCHEMA as ARTICLE_SCHEMA
from wikireuse.structured.model import StructuredArticle

if TYPE_CHECKING:
    from wikireuse.reports._model import UsageReport

__all__ = ["CROISSANT_CONTEXT", "croissant"]

CROISSANT_CONTEXT: Final = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
"""The JSON-LD ``@context`` of Croissant 1.0, with the ``rai`` prefix."""

_CONFORMS_TO: Final = "http://mlcommons.org/croissant/1.0"
_RECORDS: Final = {CHUNK_SCHEMA: Chunk, ARTICLE_SCHEMA: StructuredArticle}
_SCALARS: Final = {
    str: "sc:Text",
    int: "sc:Integer",
    bool: "sc:Boolean",
    float: "sc:Float",
}
_SHARDS: Final = "shards"
# Text fields holding ISO 8601 times (readers such as pandas take them as times).
_DATETIMES: Final = frozenset({"timestamp"})


def _data_type(annotation: Any) -> tuple[str, bool] | None:
    """The Croissant type of a record field and whether it repeats, if plain."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        return _data_type(rest[0]) if len(rest) == 1 else None
    if origin is Literal:
        return "sc:Text", False
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _data_type(args[0])
        return (inner[0], True) if inner is not None and not inner[1] else None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "sc:Text", False
    scalar = _SCALARS.get(annotation) if isinstance(annotation, type) else None
    return (scalar, False) if scalar is not None else None


def _fields(record_schema: str) -> list[dict[str, Any]]:
    """The RecordSet fields of every plain field of the records' class."""
    cls = _RECORDS[record_schema]
    hints = typing.get_type_hints(cls)
    fields = []
    for field in attrs.fields(cls):
        found = _data_type(hints[field.name])
        if found is None:
            continue  # nested values (sections, infoboxes) stay in the files
        data_type, repeated = found
        if field.name in _DATETIMES:
            data_type = "sc:DateTime"
        item: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"records/{field.name}",
            "name": field.name,
            "dataType": data_type,
            "source": {"fileSet": {"@id": _SHARDS}, "extract": {"column": field.name}},
        }
        if repeated:
            item["repeated"] = True
        fields.append(item)
    return fields


def _files(
    files: ExportManifest | Iterable[ExportedFile],
) -> tuple[list[ExportedFile], str]:
    if isinstance(files, ExportManifest):
        fmt = JSONL if files.format == "jsonl" else PARQUET
        found = [
            ExportedFile(
                path=f.path,
                sha256=f.sha256,
                encoding_format=fmt,
                bytes=f.bytes,
                records=f.records,
            )
            for f in files.files
        ]
        return found, files.record_schema or CHUNK_SCHEMA
    found = list(files)
    for item in found:
        if not isinstance(item, ExportedFile):
            raise ConfigurationError(
                message="to_croissant() takes an ExportManifest or ExportedFiles, "
                f"got {type(item).__name__}"
            )
    return found, CHUNK_SCHEMA


def _license(spdx: str) -> str:
    return (
        spdx if spdx.startswith("LicenseRef-") else f"https://spdx.org/licenses/{spdx}"
    )


def croissant(
    report: UsageReport, files: ExportManifest | Iterable[ExportedFile]
) -> dict[str, Any]:
    """*report* as Croissant 1.0 JSON-LD describing the exported *files*.

    The distribution lists every file as a ``cr:FileObject`` (SHA-256,
    size, encoding format) and the record shards (JSON Lines or Parquet,
    of one format) as the ``cr:FileSet`` the ``records`` RecordSet reads:
    one field per plain field of the record schema (chunks, or structured
    articles); nested values stay in the files. ``contentUrl`` values are
    relative to the Croissant file: save it in the export directory.

    Args:
        report: The usage report.
        files: An :class:`~wikireuse.chunks.export.ExportManifest` (its
            shards) or :class:`~wikireuse.reports.ExportedFile` values
            (chunk records; :func:`~wikireuse.reports.exported_files`).

    Raises:
        ConfigurationError: No record shard among *files*, shards of two
            formats, or an unknown record schema.
    """
    found, record_schema = _files(files)
    if record_schema not in _RECORDS:
        raise ConfigurationError(message=f"unknown record schema {record_schema!r}")
    shards = [f for f in found if f.encoding_format in (JSONL, PARQUET)]
    formats = {f.encoding_format for f in shards}
    if len(formats) != 1:
        raise ConfigurationError(
            message="Croissant needs record shards of one format (JSON Lines or "
            f"Parquet); got {sorted(formats) or 'none'} in "
            f"{[f.path for f in found]}"
        )
    distribution: list[dict[str, Any]] = [
        {
            "@type": "cr:FileObject",
            "@id": f.path,
            "name": f.path,
            "contentUrl": f.path,
            "encodingFormat": f.encoding_format,
            "sha256": f.sha256,
            "contentSize": f"{f.bytes} B",
        }
        for f in found
    ]
    distribution.append(
        {
            "@type": "cr:FileSet",
            "@id": _SHARDS,
            "name": _SHARDS,
            "description": "The record shards.",
            "encodingFormat": formats.pop(),
            "includes": [f.path for f in shards],
        }
    )
    record_set: dict[str, Any] = {
        "@type": "cr:RecordSet",
        "@id": "records",
        "name": "records",
        "description": f"One {record_schema} record per line or row.",
        "field": _fields(record_schema),
    }
    if any(f["name"] == "id" for f in record_set["field"]):
        record_set["key"] = {"@id": "records/id"}
    names = [w.site_name or w.wiki for w in report.wikis]
    wikis = ", ".join(names) or "no wiki"
    frame = report.collection_timeframe
    doc: dict[str, Any] = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": _CONFORMS_TO,
        "name": f"wikireuse export of {wikis}",
        "description": (
            f"{sum(f.records or 0 for f in shards)} {record_schema} records from "
            f"{report.counts['revisions']} revisions of {report.counts['pages']} "
            f"pages of {wikis}, made with wikireuse."
        ),
        "url": report.wikis[0].wiki if report.wikis else "",
        "license": [_license(spdx) for spdx in report.licenses],
        "creator": [
            {"@type": "sc:Organization", "name": w.site_name or w.wiki, "url": w.wiki}
            for w in report.wikis
        ],
        "citeAs": (
            f"Content from {wikis}; each record's attribution field gives its "
            "credit line, permalink and licence."
        ),
        "datePublished": format_timestamp(report.generated_at),
        "version": "1.0.0",
        "distribution": distribution,
        "recordSet": [record_set],
        "rai:dataCollection": _collection(report),
        "rai:dataPreprocessingProtocol": _preprocessing(report),
        "rai:personalSensitiveInformation": _personal(report),
        "rai:dataReleaseMaintenancePlan": _maintenance(report),
    }
    if frame is not None:
        doc["rai:dataCollectionTimeFrame"] = [format_timestamp(t) for t in frame]
    return doc


def _collection(report: UsageReport) -> str:
    counts = report.counts
    parts = [
        f"{counts['revisions']} revisions of {counts['pages']} pages from "
        f"{counts['wikis']} wikis, kept in a wikireuse snapshot store with their "
        "provenance (the request or dump file, SHA-256 of the text, licence)."
    ]
    for run in report.runs_of("ingest"):
        parts.append(
            f"Ingest {run.id} ({format_timestamp(run.ended)}): {run.detail['source']}, "
            f"{run.detail['added']} revisions added."
        )
    fetches = report.runs_of("fetch")
    if fetches:
        requests = sum(r.requests or 0 for r in fetches)
        parts.append(
            f"{len(fetches)} fetch runs over the MediaWiki Action API "
            f"({counts['fetches']} revisions put, {requests} requests recorded)."
        )
    for run in report.runs_of("sync"):
        parts.append(
            f"Sync {run.id} of {run.wiki} ({format_timestamp(run.ended)}): "
            f"{run.detail['path']} method, {run.requests} requests sent."
        )
    return " ".join(parts)


def _preprocessing(report: UsageReport) -> list[str]:
    steps = [
        "structure: each page's newest stored revision parsed into sections, "
        "infoboxes and references (wikireuse.structure).",
        "minimise: "
        + (
            "; ".join(f"{line} ({n} chunks)" for line, n in report.minimisation.items())
            + "."
            if report.minimisation
            else "no minimisation recorded in the stored chunks."
        ),
    ]
    for run in report.runs_of("chunk"):
        settings = ", ".join(
            f"{k}={v}" for k, v in sorted(run.detail["settings"].items())
        )
        steps.append(
            f"chunk (run {run.id}, {format_timestamp(run.ended)}): {settings}; "
            f"{run.detail['chunks']} chunks of {run.detail['revisions']} revisions."
        )
    for run in report.runs_of("export"):
        steps.append(
            f"export (run {run.id}, {format_timestamp(run.ended)}): {run.summary}."
        )
    return steps


def _personal(report: UsageReport) -> list[str]:
    statuses = ", ".join(f"{k} {v}" for k, v in report.person_status.items())
    return [
        f"Person status of each page's newest revision (as of "
        f"{report.today.isoformat()}, wikireuse.privacy.classify_person): {statuses}.",
        "Minimisation applied: "
        + (
            "; ".join(
                f"{line} in {n} chunks" for line, n in report.minimisation.items()
            )
            + "."
            if report.minimisation
            else "none recorded."
        ),
        f"Redactions: {sum(n for _, _, n in report.redactions)} revisions masked "
        "because the wiki hid their text, author or comment; masked content is "
        "in no record.",
    ]


def _maintenance(report: UsageReport) -> str:
    syncs = report.runs_of("sync")
    methods = sorted({str(r.detail["path"]) for r in syncs})
    last = format_timestamp(max(r.ended for r in syncs)) if syncs else "never"
    return (
        "The store is brought up to date with wikireuse sync (the wiki's recent "
        f"changes since its cursor; {len(syncs)} syncs so far, methods "
        f"{', '.join(methods) or 'none'}, last {last}); revisions the wiki hides "
        f"are masked in the store ({len(report.runs_of('redact'))} so far) and "
        "their chunks leave the index and every later export. Export again after "
        "each sync."
    )
