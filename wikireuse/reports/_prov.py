"""The usage report as W3C PROV-JSON (pure).

One entity per stored revision (its id is the revision's permanent link),
one activity per audited run, one agent per wiki and one for wikireuse;
``wasGeneratedBy`` ties a revision to the run that stored it,
``wasAttributedTo`` to its wiki, ``wasAssociatedWith`` each run to
wikireuse; ``used`` names what a run read (an ingest's source, the revision
a redaction masked) and ``wasGeneratedBy`` what a chunk build or an export
made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from wikireuse.core._time import format_timestamp
from wikireuse.core._version import version

if TYPE_CHECKING:
    from wikireuse.reports._model import AuditedRun, UsageReport

__all__ = ["prov"]

_WR: Final = "urn:wikireuse:"


def _index_url(api_url: str) -> str:
    """The wiki's ``index.php?oldid=`` link prefix, from its Action API URL."""
    base = api_url[: -len("api.php")] if api_url.endswith("api.php") else api_url
    return f"{base.rstrip('/')}/index.php?oldid="


def _typed(value: str) -> dict[str, str]:
    return {"$": value, "type": "prov:QUALIFIED_NAME"}


def _time(value: Any) -> str:
    return format_timestamp(value)


def prov(report: UsageReport) -> dict[str, Any]:
    """*report* as a PROV-JSON document (a dict; ``json.dumps`` it).

    Load it with the ``prov`` package:
    ``prov.model.ProvDocument.deserialize(content=text, format="json")``.
    """
    prefixes = {"wr": _WR}
    wiki_prefix: dict[str, str] = {}
    agents: dict[str, dict[str, Any]] = {
        "wr:wikireuse": {
            "prov:type": _typed("prov:SoftwareAgent"),
            "prov:label": f"wikireuse {version()}",
        }
    }
    for n, wiki in enumerate(report.wikis):
        prefix = f"w{n}"
        prefixes[prefix] = _index_url(wiki.wiki)
        wiki_prefix[wiki.wiki] = prefix
        agents[f"wr:wiki-{n}"] = {
            "prov:type": _typed("prov:Organization"),
            "prov:label": wiki.site_name or wiki.wiki,
            "wr:api": wiki.wiki,
        }
    doc: dict[str, Any] = {
        "prefix": prefixes,
        "entity": {},
        "activity": {},
        "agent": agents,
        "wasGeneratedBy": {},
        "used": {},
        "wasAttributedTo": {},
        "wasAssociatedWith": {},
    }
    agent_of = {w.wiki: f"wr:wiki-{n}" for n, w in enumerate(report.wikis)}
    for run in report.runs:
        _activity(doc, run, wiki_prefix)
    runs = {run.id for run in report.runs}
    for rev in report.revisions:
        entity = f"{wiki_prefix[rev.wiki]}:{rev.revid}"
        doc["entity"][entity] = {
            "prov:type": _typed("wr:Revision"),
            "prov:label": f"{rev.title} (revision {rev.revid})",
            "wr:pageid": rev.pageid,
            "wr:license": rev.license,
            "wr:contentHash": rev.content_hash,
        }
        local = entity.replace(":", "-")  # relation ids are names of their own
        doc["wasAttributedTo"][f"wr:attr-{local}"] = {
            "prov:entity": entity,
            "prov:agent": agent_of[rev.wiki],
        }
        if rev.generated_by in runs:
            doc["wasGeneratedBy"][f"wr:gen-{local}"] = {
                "prov:entity": entity,
                "prov:activity": f"wr:run-{rev.generated_by}",
                "prov:time": _time(rev.fetched_at),
            }
    return {key: value for key, value in doc.items() if value}


def _activity(
    doc: dict[str, Any], run: AuditedRun, wiki_prefix: dict[str, str]
) -> None:
    activity = f"wr:run-{run.id}"
    doc["activity"][activity] = {
        "prov:startTime": _time(run.started),
        "prov:endTime": _time(run.ended),
        "prov:type": _typed(f"wr:{run.action}"),
        "prov:label": run.summary,
        "wr:entries": run.entries,
        **({"wr:requests": run.requests} if run.requests is not None else {}),
    }
    doc["wasAssociatedWith"][f"wr:assoc-{run.id}"] = {
        "prov:activity": activity,
        "prov:agent": "wr:wikireuse",
    }
    if run.action == "ingest":
        source = f"wr:source-{run.id}"
        doc["entity"][source] = {
            "prov:type": _typed("wr:Source"),
            "prov:label": str(run.detail["source"]),
        }
        doc["used"][f"wr:use-{run.id}"] = {
            "prov:activity": activity,
            "prov:entity": source,
            "prov:time": _time(run.started),
        }
    elif run.action == "redact" and run.wiki in wiki_prefix:
        # The masked revision is an entity of the report when it is covered.
        doc["used"][f"wr:use-{run.id}"] = {
            "prov:activity": activity,
            "prov:entity": f"{wiki_prefix[run.wiki]}:{run.detail['revid']}",
            "prov:time": _time(run.started),
        }
    elif run.action in ("chunk", "export", "embed"):
        made = f"wr:{run.action}-{run.id}"
        doc["entity"][made] = {
            "prov:type": _typed(f"wr:{run.action.capitalize()}Output"),
            "prov:label": run.summary,
        }
        doc["wasGeneratedBy"][f"wr:gen-{run.action}-{run.id}"] = {
            "prov:entity": made,
            "prov:activity": activity,
            "prov:time": _time(run.ended),
        }
