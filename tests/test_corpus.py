"""run_corpus and `fabula corpus`: every story of a folder, in parallel or on Dask, resumable,
failures listed and never fatal, per-story JSON and Parquet tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from fabula.cli import main
from fabula.corpus import TABLES, run_corpus

STORY = ('Title: Night Drive\nAuthor: Jane Doe\nRating: T\n\nMara looked at the sea. "It is cold," she said to Ivo.\n\n'
         '"Then come inside, Mara," Ivo said.\n')
OTHER = '# Harbour\n\nIvo waited by the boats. "Late again," he said.\n\n"Sorry," Lena said to Ivo.\n'


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "night-drive.txt").write_text(STORY, encoding="utf-8")
    (folder / "nested" / "harbour.md").write_text(OTHER, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.4 not a story")
    (folder / "notes.csv").write_text("not,a,story\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text(STORY, encoding="utf-8")
    return folder


def _tables(out: Path) -> dict[str, list[dict]]:
    return {t: pq.read_table(out / f"{t}.parquet").to_pylist() for t in TABLES}


def test_corpus_writes_json_tables_and_errors_and_one_failure_stops_nothing(stories: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run_corpus(stories, out, workers=1)
    assert {o.story: o.status for o in result.outcomes} == {
        "broken.txt": "failed", "nested/harbour.md": "done", "night-drive.txt": "done"}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["story"] for e in errors] == ["broken.txt"] and "PDF" in errors[0]["error"]
    data = json.loads((out / "stories" / "night-drive.txt.json").read_text(encoding="utf-8"))
    tables = _tables(out)
    assert [s["story"] for s in tables["stories"]] == ["nested/harbour.md", "night-drive.txt"]
    night = [q for q in tables["quotes"] if q["story"] == "night-drive.txt"]
    assert [q["text"] for q in night] == [q["text"] for q in data["quotes"]]
    assert {c["name"] for c in tables["characters"] if c["story"] == "night-drive.txt"} >= {"Mara", "Ivo"}
    assert tables["stories"][1]["title"] == "Night Drive" and tables["stories"][1]["declared_rating"] == "T"


def test_corpus_skips_what_is_done_and_rereads_a_changed_story(stories: Path, tmp_path: Path):
    out = tmp_path / "out"
    run_corpus(stories, out, workers=1)
    again = {o.story: o.status for o in run_corpus(stories, out, workers=1).outcomes}
    assert again == {"broken.txt": "failed", "nested/harbour.md": "skipped", "night-drive.txt": "skipped"}
    (stories / "night-drive.txt").write_text(STORY + '\n"Goodnight," Mara said.\n', encoding="utf-8")
    third = {o.story: o.status for o in run_corpus(stories, out, workers=1).outcomes}
    assert third["night-drive.txt"] == "done" and third["nested/harbour.md"] == "skipped"
    texts = [q["text"] for q in _tables(out)["quotes"] if q["story"] == "night-drive.txt"]
    assert texts[-1] == "Goodnight,"


def test_corpus_in_two_local_processes_equals_one(stories: Path, tmp_path: Path):
    run_corpus(stories, tmp_path / "one", workers=1)
    run_corpus(stories, tmp_path / "two", workers=2)
    assert _tables(tmp_path / "one") == _tables(tmp_path / "two")


def test_corpus_on_a_dask_local_cluster_equals_the_local_run(stories: Path, tmp_path: Path):
    pytest.importorskip("dask.distributed")
    run_corpus(stories, tmp_path / "local", workers=1)
    run_corpus(stories, tmp_path / "dask", workers=2, dask="local")
    assert _tables(tmp_path / "local") == _tables(tmp_path / "dask")
    for path in (tmp_path / "local" / "stories").rglob("*.json"):
        twin = tmp_path / "dask" / path.relative_to(tmp_path / "local")
        assert json.loads(path.read_text()) == json.loads(twin.read_text())


def test_corpus_cli_reports_failures_and_exits_0(stories: Path, tmp_path: Path, capsys):
    assert main(["corpus", str(stories), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "2 read, 0 already done, 1 failed" in captured.out
    assert captured.err.splitlines()[-1].startswith("error: 1 of 3 stories failed")


def test_corpus_of_a_missing_folder_is_one_error_line(tmp_path: Path, capsys):
    assert main(["corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert not (tmp_path / "out").exists()
