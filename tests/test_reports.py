"""Usage reports (#17 items 3 and 4): counts equal the audit log in every form.

One store is built on a settable clock, a day a step: the sample dump
ingested (1 January 2026), chunked (2nd), two syncs through the sync test
double (3rd), two redactions (4th), two chunk exports and a manifest (5th).
The expected figures are counted here straight from ``store.audit()`` and
``store.iter_manifest()``; mlcroissant validates the Croissant file and
reads its records back, and the prov package loads the PROV document.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.test_sync import StandIn, page, run
from wikireuse.cli import main
from wikireuse.dumps import read_xml_dump
from wikireuse.exceptions import ConfigurationError, StoreError
from wikireuse.privacy import classify_person
from wikireuse.reports import (
    UsageReport,
    describe_files,
    exported_files,
    usage_report,
)
from wikireuse.store import Store

SAMPLE = Path(__file__).parent.parent / "examples" / "data" / "sample-wiki.xml.bz2"
BY_SA_4 = "https://creativecommons.org/licenses/by-sa/4.0/"
TODAY = date(2026, 1, 10)
ACTIONS = {
    "fetch": "fetches",
    "ingest": "ingests",
    "sync": "syncs",
    "redact": "redactions",
    "delete": "deletions",
    "move": "moves",
    "chunk": "chunk_builds",
    "embed": "embeddings",
    "export": "exports",
}


class Clock:
    """A wall clock the test sets, day by day."""

    def __init__(self) -> None:
        self.now = 0.0

    def day(self, day: int, hour: int = 9) -> None:
        self.now = datetime(2026, 1, day, hour, tzinfo=timezone.utc).timestamp()

    def __call__(self) -> float:
        self.now += 1.0  # every reading a second later
        return self.now


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """The store of the module docstring, and its folder."""
    folder = tmp_path_factory.mktemp("report")
    clock = Clock()
    with Store(folder / "store.db", wall_clock=clock) as store:
        clock.day(1)
        store.ingest(read_xml_dump(SAMPLE, rights=BY_SA_4), source="sample dump")
        clock.day(2)
        store.build_chunks(max_chars=500)
        clock.day(3)
        wiki = StandIn()
        wiki.edit(page(1, 10))
        wiki.edit(page(2, 20))
        run(wiki, store, ["Page 1", "Page 2"])
        wiki.edit(page(2, 21))
        run(wiki, store, ["Page 1", "Page 2"])
        clock.day(4)
        store.redact(
            wiki=wiki._target(None).api_url,
            revid=20,
            hidden=["text"],
            reason="revision deleted on the wiki",
        )
        sample = store.pages()[0]
        store.redact(
            wiki=sample.wiki,
            revid=sample.latest_revid,
            hidden=["user"],
            reason="username hidden",
        )
        clock.day(5)
        store.export_chunks(folder / "jsonl", format="jsonl", shard_size=40)
        store.export_chunks(folder / "parquet", format="parquet", shard_size=40)
        store.manifest(folder / "manifest.jsonl")
        yield store, folder


def expected_counts(
    store: Store, since: datetime | None = None, until: datetime | None = None
) -> dict[str, int]:
    """The report's counts, counted here from the audit log itself."""
    entries = [
        e
        for e in store.audit()
        if (since is None or e.at >= since) and (until is None or e.at < until)
    ]
    actions = Counter(e.action for e in entries)
    fetch_runs = sum(
        1
        for i, e in enumerate(entries)
        if e.action == "fetch"
        and not (
            i and entries[i - 1].action == "fetch" and entries[i - 1].wiki == e.wiki
        )
    )
    return {
        "audit_entries": len(entries),
        "fetch_runs": fetch_runs,
        "runs": len(entries) - actions["fetch"] + fetch_runs,
        **{name: actions[action] for action, name in ACTIONS.items()},
    }


@pytest.fixture(scope="module")
def report(built: tuple[Store, Path]) -> UsageReport:
    return usage_report(built[0], today=TODAY, wall_clock=lambda: 1.8e9)


def test_counts_equal_the_audit_log_and_the_store(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    store, _ = built
    manifest = list(store.iter_manifest())
    counts = dict(report.counts)

    assert expected_counts(store) == {k: counts[k] for k in expected_counts(store)}
    assert len(manifest) == counts["revisions"] == 29 + 3
    assert len(store.pages()) == counts["pages"] == 31
    assert len({e["wiki"] for e in manifest}) == counts["wikis"] == 2
    assert Counter(e["license"] for e in manifest) == Counter(report.licenses)
    assert (2, 2, 3) == (counts["syncs"], counts["redactions"], counts["exports"])


def test_runs_carry_dates_requests_methods_and_reasons(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    store, _ = built
    audit = store.audit()
    syncs = [e.detail for e in audit if e.action == "sync"]

    assert [(s["path"], s["requests_sent"]) for s in syncs] == [
        (r.detail["path"], r.requests) for r in report.runs_of("sync")
    ]
    # each put recorded one distinct request in its provenance
    assert [2, 1] == [r.requests for r in report.runs_of("fetch")]
    assert [e.at for e in audit if e.action == "ingest"] == [
        r.started for r in report.runs_of("ingest")
    ]
    assert (
        (("text",), "revision deleted on the wiki", 1),
        (("user",), "username hidden", 1),
    ) == report.redactions
    assert report.collection_timeframe == (
        min(e.at for e in audit if e.action in ("ingest", "fetch", "sync")),
        max(e.at for e in audit if e.action in ("ingest", "fetch", "sync")),
    )


def test_person_status_of_each_pages_newest_revision(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    store, _ = built
    expected = Counter(
        classify_person(
            store.latest(wiki=p.wiki, pageid=p.pageid),  # type: ignore[arg-type]
            today=TODAY,
        ).status.value
        for p in store.pages()
    )

    assert {k: v for k, v in report.person_status.items() if v} == dict(expected)
    assert sum(report.person_status.values()) == report.counts["pages"]
    assert report.person_status["living"] > 0


def table(markdown: str, head: str) -> dict[str, str]:
    """The two-column table under the header line *head*."""
    lines = markdown.splitlines()
    start = lines.index(head) + 2
    rows = {}
    for line in lines[start:]:
        if not line.startswith("| "):
            break
        key, value = (c.strip() for c in line.strip("|").split(" | "))
        rows[key] = value
    return rows


def test_every_form_gives_the_same_counts(report: UsageReport) -> None:
    counts = {k: str(v) for k, v in report.counts.items()}
    data = json.loads(report.to_json())
    text = report.to_markdown()

    assert dict(report.counts) == data["counts"]
    assert dict(report.licenses) == data["licenses"]
    assert dict(report.person_status) == data["person_status"]
    assert counts == table(text, "| what | count |")
    assert {k: str(v) for k, v in report.licenses.items()} == table(
        text, "| licence (SPDX) | revisions |"
    )
    assert {k: str(v) for k, v in report.person_status.items()} == table(
        text, "| person status (newest revision of each page) | pages |"
    )
    # what was masked and why, never the masked content
    assert "| text | revision deleted on the wiki | 1 |" in text
    assert "page 2 revision 20" not in text + report.to_json()


# mlcroissant 1.1 still builds an rdflib ConjunctiveGraph (deprecated in
# rdflib 7) and calls reset_index(inplace=True) on Parquet frames (deprecated
# in pandas 3.1): their warnings, not ours.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")
@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_croissant_validates_and_reads_the_records_back(
    built: tuple[Store, Path], report: UsageReport, fmt: str
) -> None:
    mlcroissant = pytest.importorskip("mlcroissant")
    store, folder = built
    exported = [
        e.detail
        for e in store.audit()
        if e.action == "export" and e.detail.get("format") == fmt
    ]
    doc = report.to_croissant(exported_files(folder / fmt))
    path = folder / fmt / "croissant.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    dataset = mlcroissant.Dataset(jsonld=str(path))
    records = list(dataset.records("records"))

    assert "" == dataset.metadata.ctx.issues.report()  # 0 errors, 0 warnings
    assert exported[0]["records"] == len(records)
    ids = {r["records/id"].decode() for r in records}
    assert {c.id for c in store.iter_chunks()} == ids
    assert {f["name"] for f in doc["distribution"]} >= {"manifest.json"}
    rai = {k: v for k, v in doc.items() if k.startswith("rai:")}
    assert set(rai) == {
        "rai:dataCollection",
        "rai:dataCollectionTimeFrame",
        "rai:dataPreprocessingProtocol",
        "rai:personalSensitiveInformation",
        "rai:dataReleaseMaintenancePlan",
    }
    statuses = ", ".join(f"{k} {v}" for k, v in report.person_status.items())
    assert statuses in rai["rai:personalSensitiveInformation"][0]
    assert (
        f"{report.counts['revisions']} revisions of {report.counts['pages']} pages"
        in (rai["rai:dataCollection"])
    )
    assert any("max_chars=500" in step for step in rai["rai:dataPreprocessingProtocol"])


def test_prov_loads_with_an_entity_per_revision_and_an_activity_per_run(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    prov_model = pytest.importorskip("prov.model")
    store, _ = built
    document = prov_model.ProvDocument.deserialize(
        content=json.dumps(report.to_prov()), format="json"
    )
    revision = "urn:wikireuse:Revision"

    def of_type(kind: type) -> list[Any]:
        return list(document.get_records(kind))

    entities = [
        e
        for e in of_type(prov_model.ProvEntity)
        if revision in {str(t.uri) for t in e.get_asserted_types()}
    ]
    generated = {str(g.args[0]) for g in of_type(prov_model.ProvGeneration)}
    attributed = of_type(prov_model.ProvAttribution)

    assert (
        len(list(store.iter_manifest())) == len(entities) == report.counts["revisions"]
    )
    assert expected_counts(store)["runs"] == len(of_type(prov_model.ProvActivity))
    assert {str(e.identifier) for e in entities} <= generated  # every one's run
    assert len(entities) == len(attributed)
    assert of_type(prov_model.ProvUsage)  # the ingest's source, a masked revision
    permalink = "https://valdmark.wikireuse.invalid/w/index.php?oldid="
    assert any(str(e.identifier.uri).startswith(permalink) for e in entities)


def test_a_window_keeps_its_runs_and_what_they_stored(
    built: tuple[Store, Path],
) -> None:
    store, _ = built
    third = usage_report(
        store,
        since=date(2026, 1, 3),
        until=date(2026, 1, 3),
        today=TODAY,
        wall_clock=lambda: 1.8e9,
    )
    since = datetime(2026, 1, 3, tzinfo=timezone.utc)
    until = datetime(2026, 1, 4, tzinfo=timezone.utc)
    counts = dict(third.counts)

    assert expected_counts(store, since, until) == {
        k: counts[k] for k in expected_counts(store)
    }
    assert (3, 2, 1) == (counts["revisions"], counts["pages"], counts["wikis"])
    assert 0 == counts["ingests"]
    later = usage_report(store, since=until, today=TODAY, wall_clock=lambda: 1.8e9)
    assert 0 == later.counts["revisions"]
    assert later.counts["exports"] == 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": date(2026, 2, 1), "until": date(2026, 1, 1)}, "must be before"),
        ({"since": datetime(2026, 1, 1)}, "time zone"),
        ({"until": "2026-01-01"}, "date or datetime"),
        ({"today": datetime(2026, 1, 1, tzinfo=timezone.utc)}, "today"),
    ],
)
def test_bad_bounds_are_configuration_errors(
    built: tuple[Store, Path], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        usage_report(built[0], **kwargs)


def test_not_a_store_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="reads a wikireuse Store"):
        usage_report(tmp_path / "x.db")  # type: ignore[arg-type]


def damaged(tmp_path: Path) -> Path:
    """A store whose audit log has a sync entry without its report."""
    path = tmp_path / "damaged.db"
    with Store(path) as store:
        store.ingest(read_xml_dump(SAMPLE), source="sample")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO audit (at, action, wiki, detail) "
            "VALUES ('2026-01-01T00:00:00Z', 'sync', 'x', '{}')"
        )
    return path


def test_a_damaged_audit_log_is_a_store_error(tmp_path: Path) -> None:
    with Store(damaged(tmp_path)) as store, pytest.raises(StoreError, match="damaged"):
        usage_report(store, today=TODAY)


def test_croissant_needs_record_shards_of_one_format(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    _, folder = built
    mixed = describe_files(
        [
            *sorted((folder / "jsonl").glob("*.jsonl")),
            *sorted((folder / "parquet").glob("*.parquet")),
        ]
    )
    with pytest.raises(ConfigurationError, match="one format"):
        report.to_croissant(mixed)
    with pytest.raises(ConfigurationError, match="not an export file"):
        describe_files([folder / "store.db"])


def cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out, wall_clock=lambda: 1.8e9)
    return code, out.getvalue()


def test_cli_prints_every_format(
    built: tuple[Store, Path], report: UsageReport
) -> None:
    store, folder = built
    base = ("report", "--store", str(store.path), "--today", TODAY.isoformat())

    md = cli(*base)
    js = cli(*base, "--format", "json")
    pv = cli(*base, "--format", "prov")
    cr = cli(*base, "--format", "croissant", "--manifest", str(folder / "jsonl"))
    files = cli(
        *base,
        "--format",
        "croissant",
        "--files",
        *map(str, sorted((folder / "jsonl").glob("part-*.jsonl"))),
    )

    assert (0, 0, 0, 0, 0) == (md[0], js[0], pv[0], cr[0], files[0])
    assert report.to_markdown() == md[1]
    assert dict(report.counts) == json.loads(js[1])["counts"]
    assert report.to_prov() == json.loads(pv[1])
    assert json.loads(cr[1])["recordSet"][0]["name"] == "records"
    assert 3 == len(json.loads(files[1])["distribution"]) - 1  # shards + file set


def test_cli_usage_errors_and_failures(
    built: tuple[Store, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(built[0].path)

    assert 64 == cli("report", "--store", store, "--format", "xml")[0]
    assert 64 == cli("report", "--store", store, "--format", "croissant")[0]
    assert (
        64
        == cli(
            "report", "--store", store, "--since", "2026-02-01", "--until", "2026-01-01"
        )[0]
    )
    assert 64 == cli("report", "--store", str(tmp_path / "none.db"))[0]
    (tmp_path / "junk.db").write_text("not a store")
    assert 64 == cli("report", "--store", str(tmp_path / "junk.db"))[0]
    assert 2 == cli("report", "--store", str(damaged(tmp_path)))[0]
    assert re.search(r"damaged", capsys.readouterr().err)


def test_the_docs_show_what_the_code_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/reports.md: its Markdown and RAI blocks are this code's output."""
    text = (Path(__file__).parent.parent / "docs" / "reports.md").read_text("utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", text, re.DOTALL)
    rai = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    assert code is not None
    assert shown is not None
    assert rai is not None
    monkeypatch.chdir(tmp_path)
    # as from a clone's root (the installed wheel has no examples/ beside it)
    (tmp_path / "examples").symlink_to(SAMPLE.parents[1])
    namespace: dict[str, Any] = {}

    exec(compile(code.group(1), "docs/reports.md", "exec"), namespace)  # noqa: S102

    assert shown.group(1).rstrip() == capsys.readouterr().out.rstrip()
    croissant = namespace["croissant"]
    assert json.loads(rai.group(1)) == {
        k: v for k, v in croissant.items() if k.startswith("rai:")
    }
