"""wikireuse.parallel: the shard pipeline on dask, equal to the serial run."""

from __future__ import annotations

import bz2
import gzip
import json
import os
import pickle
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

import wikireuse
from tests.conftest import skip_or_fail
from tests.support.dumps import DumpPage, write_dump
from wikireuse import (
    ConfigurationError,
    DumpError,
    MainGuardError,
    ParallelError,
    WikiReuseError,
)
from wikireuse.chunks import Chunk, ExportManifest, chunk
from wikireuse.dumps import read_xml_dump, split_xml_dump
from wikireuse.parallel import (
    ShardJob,
    bootstrapping_child,
    export_chunks,
    export_shard,
)
from wikireuse.parallel._run import shard_bag
from wikireuse.privacy import DEFAULT_POLICY, classify_person, minimise
from wikireuse.records.articles import Article
from wikireuse.store import Store
from wikireuse.structured import StructuredArticle, structure

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "data" / "sample-wiki.xml.bz2"
TODAY = date(2026, 1, 10)
JOB = ShardJob(max_chars=400, overlap=40, rights="CC BY-SA 4.0", today=TODAY)


def pipeline(article: Article) -> StructuredArticle:
    """What a shard job does before chunking, by default: classify, minimise."""
    person = classify_person(article, today=TODAY)
    return minimise(structure(article, person=person), DEFAULT_POLICY)


@pytest.fixture(scope="module")
def dask_installed() -> None:
    """dask.bag and distributed (the dask extra, in dev)."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        skip_or_fail("dask and distributed (the dask extra) are not installed")


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    """The sample dump cut into 4 shards."""
    return split_xml_dump(SAMPLE, tmp_path_factory.mktemp("shards"), shards=4)


@pytest.fixture(scope="module")
def serial(shards: tuple[Path, ...], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The serial run's output directory."""
    out = tmp_path_factory.mktemp("serial") / "out"
    export_chunks(shards, out, JOB, scheduler="serial")
    return out


def xml_of(path: Path) -> bytes:
    """The decompressed bytes of a .bz2 dump."""
    with bz2.open(path) as file:
        return file.read()


def tree(directory: Path) -> dict[str, bytes]:
    """Every file under *directory*, by relative path, with its bytes."""
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def chunks_in(directory: Path) -> list[Chunk]:
    """The chunks of an export directory, in manifest order."""
    manifest = ExportManifest.read(directory)
    return [
        Chunk.from_dict(json.loads(line))
        for f in manifest.files
        for line in (directory / f.path).read_text(encoding="utf-8").splitlines()
    ]


# --- splitting one dump into shards -------------------------------------------------


def test_split_shards_carry_the_siteinfo_and_all_pages_in_order(
    shards: tuple[Path, ...],
) -> None:
    original = list(read_xml_dump(SAMPLE, namespaces=None))
    parts = [list(read_xml_dump(p, namespaces=None)) for p in shards]

    assert [8, 7, 7, 7] == [len(p) for p in parts]
    assert [(a.wiki, a.title, a.revid, a.wikitext, a.license) for a in original] == [
        (a.wiki, a.title, a.revid, a.wikitext, a.license) for p in parts for a in p
    ]
    for path in shards:
        head = xml_of(path)[:2000].decode()
        assert "<sitename>Valdmark Wiki</sitename>" in head
        assert '<namespace key="14" case="first-letter">Category</namespace>' in head
    # each article's provenance names its shard, not the whole dump
    assert parts[1][0].provenance.params[0] == ("file", shards[1].name)


def test_split_by_pages_per_shard_from_plain_and_gzip(tmp_path: Path) -> None:
    xml = xml_of(SAMPLE)
    (tmp_path / "plain.xml").write_bytes(xml)
    (tmp_path / "zipped.xml.gz").write_bytes(gzip.compress(xml))

    plain = split_xml_dump(tmp_path / "plain.xml", tmp_path / "a", pages_per_shard=10)
    zipped = split_xml_dump(
        tmp_path / "zipped.xml.gz", tmp_path / "b", pages_per_shard=10
    )

    assert ["plain-00000.xml.bz2", "plain-00001.xml.bz2", "plain-00002.xml.bz2"] == [
        p.name for p in plain
    ]
    assert [10, 10, 9] == [len(list(read_xml_dump(p))) for p in plain]
    assert [xml_of(p) for p in plain] == [xml_of(p) for p in zipped]


def test_split_into_more_shards_than_pages(tmp_path: Path) -> None:
    dump = tmp_path / "two.xml"
    write_dump(dump, [DumpPage("A", 1, 11, "2024-01-01T00:00:00Z", "Alpha.")] * 2)

    parts = split_xml_dump(dump, tmp_path / "out", shards=5)

    assert 2 == len(parts)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({}, "exactly one"),
        ({"shards": 2, "pages_per_shard": 2}, "exactly one"),
        ({"shards": 0}, "positive"),
        ({"pages_per_shard": True}, "positive"),
    ],
)
def test_split_refuses_bad_counts(
    tmp_path: Path, kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConfigurationError, match=words):
        split_xml_dump(SAMPLE, tmp_path, **kwargs)


@pytest.mark.parametrize(
    ("cut", "words"),
    [
        (lambda xml: xml[: xml.index(b"</page>", 5000)], "truncated"),
        (lambda xml: xml[: xml.rindex(b"</mediawiki>")], "truncated"),
        (lambda xml: xml.replace(b"export-0.11/", b"export-X/", 1), "namespace"),
        (lambda xml: b"<html>" + b" " * 70_000, "no <mediawiki> root"),
        (
            lambda xml: xml.replace(b"</page>\n  <page>", b"</page>junk<page>", 1),
            "junk",
        ),
    ],
)
def test_split_refuses_bad_dumps_and_leaves_no_shards(
    tmp_path: Path, cut: Any, words: str
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(cut(xml_of(SAMPLE)))

    with pytest.raises(DumpError, match=words) as caught:
        split_xml_dump(bad, tmp_path / "out", pages_per_shard=3)

    assert "bad.xml" in str(caught.value)
    assert [] == list((tmp_path / "out").iterdir())


# --- one shard ------------------------------------------------------------------------


def test_export_shard_is_the_pipeline_over_one_dump(tmp_path: Path) -> None:
    result = export_shard(SAMPLE, tmp_path / "out", JOB)
    expected = [
        c
        for article in read_xml_dump(SAMPLE, rights="CC BY-SA 4.0")
        for c in chunk(pipeline(article), max_chars=400, overlap=40)
    ]

    assert expected == chunks_in(tmp_path / "out")
    assert 29 == result.articles
    assert len(expected) == result.manifest.records
    assert ExportManifest.read(tmp_path / "out") == result.manifest


def test_a_shard_export_equals_the_store_built_chunks(tmp_path: Path) -> None:
    """One privacy step: a dump chunked in a store or as a shard gives one output."""
    for policy in (DEFAULT_POLICY, None):
        out = tmp_path / f"shard-{policy is None}"
        export_shard(SAMPLE, out, attrs.evolve(JOB, policy=policy))
        with Store(tmp_path / f"{policy is None}.db") as store:
            store.ingest(read_xml_dump(SAMPLE, rights="CC BY-SA 4.0"), source="s")
            store.build_chunks(max_chars=400, overlap=40, policy=policy, today=TODAY)
            stored = sorted(store.iter_chunks(), key=lambda c: c.id)
        exported = sorted(chunks_in(out), key=lambda c: c.id)
        assert stored == exported
        minimised = {c.title for c in exported if c.minimisation}
        assert minimised == (
            set()
            if policy is None
            else {"Ilse Farrow", "Maren Olvik", "Per Osgood", "Tobias Renquist"}
        )
    unclassified = attrs.evolve(JOB, classify=False, policy=None)
    export_shard(SAMPLE, tmp_path / "raw", unclassified)
    assert all(c.person_status is None for c in chunks_in(tmp_path / "raw"))


def test_export_shard_names_the_page_that_fails(tmp_path: Path) -> None:
    dump = tmp_path / "big.xml"
    huge = "Word " * (5 * 2**20 // 5)  # over structure()'s 4 MiB wikitext limit
    write_dump(
        dump,
        [
            DumpPage("Small", 1, 11, "2024-01-01T00:00:00Z", "Fine."),
            DumpPage("Huge", 2, 12, "2024-01-01T00:00:00Z", huge),
        ],
    )

    with pytest.raises(ParallelError, match="page 'Huge' \\(revision 12\\)") as caught:
        export_shard(dump, tmp_path / "out", JOB)

    assert str(dump) == caught.value.shard
    assert isinstance(caught.value.__cause__, ConfigurationError)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"format": "csv"}, "format"),
        ({"records_per_file": 0}, "records_per_file"),
        ({"max_chars": 5}, "max_chars"),
        ({"lang": "xx-unknown"}, "xx-unknown"),
        ({"classify": False}, "needs classify=True"),
        ({"policy": "default"}, "MinimisationPolicy"),
        ({"today": "2026-01-10"}, r"datetime\.date"),
    ],
)
def test_shard_job_refuses_bad_settings_at_once(
    kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConfigurationError, match=words):
        ShardJob(**kwargs)


# --- many shards ----------------------------------------------------------------------


def test_serial_run_equals_the_pipeline_over_the_whole_dump(serial: Path) -> None:
    whole = [
        c
        for article in read_xml_dump(SAMPLE, rights="CC BY-SA 4.0")
        for c in chunk(pipeline(article), max_chars=400, overlap=40)
    ]
    manifest = ExportManifest.read(serial)

    assert whole == chunks_in(serial)
    assert [f"shard-0000{i}/part-00000.jsonl" for i in range(4)] == [
        f.path for f in manifest.files
    ]
    assert len(whole) == manifest.records
    assert ("CC-BY-SA-4.0",) == manifest.licenses
    assert sorted({(c.wiki, c.revid, c.title) for c in whole}) == list(
        manifest.revisions
    )


def test_each_shard_is_its_own_partition(
    dask_installed: None, shards: tuple[Path, ...]
) -> None:
    tasks = [(str(s), f"out-{i}") for i, s in enumerate(shards)]

    bag = shard_bag(tasks, JOB, func=lambda task, job: task)

    assert len(shards) == bag.npartitions
    assert [[t] for t in tasks] == [
        part.compute(scheduler="sync") for part in bag.to_delayed()
    ]


def _wait_for_two_workers(task: tuple[str, str], job: ShardJob) -> int:
    """A task that returns only once two processes have each started one."""
    marks = Path(task[1])
    (marks / f"{os.getpid()}-{Path(task[0]).name}").touch()
    deadline = time.monotonic() + 120  # a deadlock guard, not a timing check
    while len({p.name.split("-")[0] for p in marks.iterdir()}) < 2:
        if time.monotonic() > deadline:
            raise AssertionError("the shards were not spread over two workers")
        time.sleep(0.05)
    return os.getpid()


def test_processes_scheduler_gives_each_shard_to_a_free_worker(
    dask_installed: None, tmp_path: Path
) -> None:
    """Two shards on two workers run at the same time (not batched to one)."""
    from wikireuse.parallel import _run

    tasks = [("a", str(tmp_path)), ("b", str(tmp_path))]
    bag = shard_bag(tasks, JOB, func=_wait_for_two_workers)

    pids = bag.compute(scheduler="processes", num_workers=2, **_run.PROCESS_OPTIONS)

    assert 2 == len(set(pids))


def test_processes_run_equals_serial_run(
    dask_installed: None, shards: tuple[Path, ...], serial: Path, tmp_path: Path
) -> None:
    result = export_chunks(shards, tmp_path / "out", JOB, workers=2)
    reference = export_chunks(shards, tmp_path / "again", JOB, scheduler="serial")

    assert tree(serial) == tree(tmp_path / "out")
    assert reference.manifest == result.manifest
    assert reference.shards == result.shards
    assert [8, 7, 7, 7] == [s.articles for s in result.shards]
    assert [str(s) for s in shards] == [s.shard for s in result.shards]


def test_distributed_local_cluster_equals_serial_run(
    dask_installed: None, shards: tuple[Path, ...], serial: Path, tmp_path: Path
) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        assert 2 == len(client.scheduler_info()["workers"])
        result = export_chunks(shards, tmp_path / "client", JOB, client=client)
        by_address = export_chunks(
            shards, tmp_path / "address", JOB, client=cluster.scheduler_address
        )

    assert tree(serial) == tree(tmp_path / "client")
    assert tree(serial) == tree(tmp_path / "address")
    assert result.manifest == by_address.manifest == ExportManifest.read(serial)


def test_parquet_shards_on_processes(
    dask_installed: None, shards: tuple[Path, ...], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    job = ShardJob(format="parquet", max_chars=400, overlap=40, rights="CC BY-SA 4.0")

    result = export_chunks(shards[:2], tmp_path / "out", job, workers=2)

    rows = sum(
        pq.read_table(tmp_path / "out" / f.path).num_rows for f in result.manifest.files
    )
    assert 15 == sum(s.articles for s in result.shards)
    assert rows == result.manifest.records
    assert "parquet" == ExportManifest.read(tmp_path / "out").format


def test_a_worker_error_reaches_the_caller_typed(
    dask_installed: None, shards: tuple[Path, ...], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml.bz2"
    broken.write_bytes(bz2.compress(xml_of(shards[0])[:3000]))

    with pytest.raises(DumpError, match=r"broken\.xml\.bz2") as caught:
        export_chunks([shards[1], broken], tmp_path / "out", JOB, workers=2)

    assert "broken.xml.bz2" in caught.value.path


@pytest.mark.parametrize(
    ("shards", "kwargs", "words"),
    [
        ([], {}, "non-empty list"),
        (str(SAMPLE), {}, "non-empty list"),
        ([SAMPLE], {"scheduler": "threads"}, "scheduler"),
        ([SAMPLE], {"workers": 0}, "workers"),
        ([SAMPLE], {"client": 42}, "client"),
    ],
)
def test_export_chunks_refuses_bad_arguments(
    tmp_path: Path, shards: Any, kwargs: dict[str, Any], words: str
) -> None:
    with pytest.raises(ConfigurationError, match=words):
        export_chunks(shards, tmp_path / "out", JOB, **kwargs)


def test_an_unreachable_scheduler_is_a_parallel_error(
    dask_installed: None, tmp_path: Path
) -> None:
    import dask

    from tests.support.loopback import free_port

    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(ParallelError, match="cannot reach the dask scheduler"),
    ):
        export_chunks([SAMPLE], tmp_path / "out", JOB, client=address)


def test_export_chunks_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")

    with pytest.raises(ConfigurationError, match="not empty"):
        export_chunks([SAMPLE], tmp_path, JOB, scheduler="serial")


def test_without_dask_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)

    with pytest.raises(ConfigurationError, match=r"wikireuse\[dask\]"):
        export_chunks([SAMPLE], tmp_path / "out", JOB)


def test_manifests_of_different_kinds_do_not_merge() -> None:
    jsonl = ExportManifest(
        format="jsonl", record_schema="", files=(), records=0, licenses=(), revisions=()
    )
    parquet = ExportManifest(
        format="parquet",
        record_schema="",
        files=(),
        records=0,
        licenses=(),
        revisions=(),
    )

    with pytest.raises(ConfigurationError, match="different kinds"):
        ExportManifest.merge([("a", jsonl), ("b", parquet)])
    with pytest.raises(ConfigurationError, match="no manifests"):
        ExportManifest.merge([])


def test_every_error_pickles_with_its_fields() -> None:
    """Errors cross process boundaries whole (dask pickles a worker's error)."""
    errors = [
        getattr(wikireuse, n)
        for n in wikireuse.__all__
        if n.endswith("Error") and isinstance(getattr(wikireuse, n), type)
    ]
    for cls in errors:
        required = {
            f.name: 1 if "int" in str(f.type) else "x"
            for f in attrs.fields(cls)
            if f.default is attrs.NOTHING and f.name != "message"
        }
        error = cls(message=f"a {cls.__name__}", **required)
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own bytes
        assert (type(error), repr(error)) == (type(copy), repr(copy))
    shard = ParallelError(message="m", shard="s.xml")
    assert "s.xml" == pickle.loads(pickle.dumps(shard)).shard  # noqa: S301
    assert issubclass(MainGuardError, WikiReuseError)


# --- the main guard -------------------------------------------------------------------

_SCRIPT = """\
import sys
from wikireuse.parallel import ShardJob, export_chunks

def run():
    result = export_chunks(
        [sys.argv[1]] * 2, sys.argv[2], ShardJob(rights="CC BY-SA 4.0"),
        scheduler=sys.argv[3], workers=2,
    )
    print("records", result.manifest.records)

{call}
"""


def _script(tmp_path: Path, call: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "job.py"
    script.write_text(_SCRIPT.format(call=call), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(SAMPLE), str(tmp_path / "out"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.mark.parametrize("scheduler", ["processes", "distributed"])
def test_a_script_without_the_main_guard_gets_a_clear_error(
    dask_installed: None, tmp_path: Path, scheduler: str
) -> None:
    done = _script(tmp_path, "run()", scheduler)

    assert 1 == done.returncode
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("wikireuse.exceptions.MainGuardError: ")
    assert 'if __name__ == "__main__":' in last
    assert str(tmp_path / "job.py") in last
    assert "BrokenProcessPool" not in done.stderr
    assert "bootstrapping" not in done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("scheduler", ["processes", "distributed"])
def test_the_same_script_with_the_main_guard_succeeds(
    dask_installed: None, tmp_path: Path, scheduler: str
) -> None:
    done = _script(tmp_path, 'if __name__ == "__main__":\n    run()', scheduler)

    assert 0 == done.returncode, done.stderr
    assert "records 186" == done.stdout.strip()


def test_bootstrapping_child_is_true_only_while_a_worker_imports_the_script(
    tmp_path: Path,
) -> None:
    script = tmp_path / "probe.py"
    script.write_text(
        textwrap.dedent(
            """\
            import multiprocessing, sys
            from wikireuse.parallel import bootstrapping_child

            print(__name__, bootstrapping_child(), file=sys.stderr)

            def task():
                return bootstrapping_child()

            if __name__ == "__main__":
                with multiprocessing.get_context("spawn").Pool(1) as pool:
                    print("in a task", pool.apply(task), file=sys.stderr)
            """
        ),
        encoding="utf-8",
    )

    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )

    assert ["__main__ False", "__mp_main__ True", "in a task False"] == (
        done.stderr.strip().splitlines()
    )
    assert bootstrapping_child() is False


def test_a_worker_importing_an_unguarded_script_raises_main_guard_error(
    dask_installed: None, tmp_path: Path
) -> None:
    """When the script's source cannot be read, the worker-side check still names it."""
    done = _script(
        tmp_path,
        "import wikireuse.parallel._guard as guard\n"
        "guard.unguarded_caller = lambda: None  # as if the source were unreadable\n"
        "run()",
        "processes",
    )

    assert 1 == done.returncode
    assert "MainGuardError: a dask process pool was started again by a worker" in (
        done.stderr
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("wikireuse.exceptions.ParallelError: the dask worker")
