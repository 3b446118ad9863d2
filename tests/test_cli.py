"""The command line: `fabula read` and `fabula eval`, their outputs, summaries and one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fabula.cli import main

STORY = (
    "Title: Night Drive\n"
    "Author: Jane Doe\n"
    "Rating: Teen And Up Audiences\n"
    "\n"
    "Tara pulled the car over when she heard Willow crying.\n\n"
    '"Are you going to be alright?" Tara asked.\n\n'
    '"I don\'t know," Willow said.'
)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "night-drive.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


# --------------------------------------------------------------------------- read


def test_cli_read_without_a_story_reads_the_bundled_example(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["read", "--out", str(out)]) == 0
    written = out / "first-steps-to-recovery.json"
    report = out / "first-steps-to-recovery.html"
    assert [p.name for p in _files(out)] == [f"first-steps-to-recovery.{k}"
                                             for k in ("gexf", "graphml", "html", "json", "script.txt")]
    assert (out / "first-steps-to-recovery.script.txt").read_text(encoding="utf-8").startswith(
        "First Steps to Recovery by Willow Watcher\n\nVOICES\n")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["schema"] == "fabula/1"
    assert data["metadata"]["title"] == "First Steps to Recovery"
    assert "First Steps to Recovery" in capsys.readouterr().out


def test_cli_read_file_writes_json_where_asked(story: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "results" / "drive.json"
    assert main(["read", str(story), "--json", str(target), "--out", str(tmp_path / "rest"), "--quiet"]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema"] == "fabula/1"
    assert data["source"]["path"] == str(story)
    assert data["metadata"]["author"] == "Jane Doe"
    assert [q["text"] for q in data["quotes"]] == ["Are you going to be alright?", "I don't know,"]
    assert _files(target.parent) == [target]  # no temporary file left beside it


def test_cli_read_writes_the_report_where_asked_readable_by_others(story: Path, tmp_path: Path, capsys) -> None:
    report = tmp_path / "pages" / "drive.html"
    assert main(["read", str(story), "--out", str(tmp_path / "out"), "--html", str(report)]) == 0
    assert "Night Drive" in report.read_text(encoding="utf-8")
    assert str(report) in capsys.readouterr().out.replace("\n", "")
    umask = os.umask(0)
    os.umask(umask)
    assert report.stat().st_mode & 0o777 == 0o666 & ~umask
    assert _files(tmp_path / "pages") == [report]


@pytest.mark.parametrize(
    "name, content",
    [
        ("missing.txt", None),
        ("empty.txt", b""),
        ("blank.txt", b"  \n\n \n"),
        ("binary.txt", b"\x00\x01PK\x00\x00" * 50),
    ],
    ids=["missing", "empty", "blank", "binary"],
)
def test_cli_read_bad_input_is_one_error_line_exit_2_and_no_output(
    tmp_path: Path, capsys, name: str, content: bytes | None
) -> None:
    path = tmp_path / "in" / name
    path.parent.mkdir()
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    target = tmp_path / "result.json"
    assert main(["read", str(path), "--json", str(target), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    line = _one_error_line(captured.err)
    assert name in line
    assert captured.out == ""
    assert not target.exists() and not out.exists()
    assert [p.name for p in _files(tmp_path)] == ([name] if content is not None else [])


def test_cli_summary_names_title_author_rating_and_characters(story: Path, tmp_path: Path, capsys) -> None:
    assert main(["read", str(story), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    for expected in ("Night Drive", "Jane Doe", "Teen And Up Audiences", "Tara", "Willow"):
        assert expected in out
    assert str(tmp_path / "out" / "night-drive.json") in out.replace("\n", "")


def test_cli_summary_prints_rich_markup_in_the_story_literally(tmp_path: Path, capsys) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(
        "Title: The [bold]x[/bold] Night [/]\n"
        "Author: Jo [red]March[/red]\n"
        "Rating: T\n"
        "\n"
        'Amy looked at [/] the sky. "Are you coming, [b]Jo?" Beth asked.\n\n'
        '"Soon," Amy said.',
        encoding="utf-8",
    )
    assert main(["read", str(path), "--json", str(tmp_path / "m.json"), "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "The [bold]x[/bold] Night [/]" in captured.out
    assert "Jo [red]March[/red]" in captured.out
    assert "Amy looked at [/] the sky" in captured.out
    assert captured.err == ""


def test_cli_quiet_prints_nothing(story: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "drive.json"
    assert main(["read", str(story), "--json", str(target), "--out", str(tmp_path), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert target.exists()


def test_cli_profile_prints_the_stage_names(story: Path, tmp_path: Path, capsys) -> None:
    assert main(["read", str(story), "--json", str(tmp_path / "drive.json"), "--out", str(tmp_path), "--profile"]) == 0
    out = capsys.readouterr().out
    for stage in ("ingest", "parse", "quotes", "characters", "scenes", "speakers"):
        assert stage in out


def test_cli_without_a_command_shows_help_and_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "read" in capsys.readouterr().out


# --------------------------------------------------------------------------- eval


@pytest.mark.parametrize("dataset", ["pdnc", "litbank"])
def test_cli_eval_on_a_folder_without_novels_exits_2_with_an_error_line(
    tmp_path: Path, capsys, dataset: str
) -> None:
    (tmp_path / "notes.txt").write_text("nothing to see here", encoding="utf-8")
    assert main(["eval", dataset, str(tmp_path)]) == 2
    captured = capsys.readouterr()
    _one_error_line(captured.err)
    assert captured.out == ""


def test_cli_eval_on_a_missing_folder_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["eval", "pdnc", str(tmp_path / "nowhere")]) == 2
    _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("argv", [["--debug", "read"], ["read", "--debug"]])
def test_an_internal_fault_shows_its_traceback_with_debug_before_or_after_the_command(
        argv, tmp_path: Path, monkeypatch, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text('Ann sat down. "Hi," said Ann.\n', encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a fault planted by the test")

    monkeypatch.setattr("fabula.pipeline.read", broken)
    assert main([*argv, str(story), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "a fault planted by the test" in err
    assert err.rstrip().splitlines()[-1].startswith("error: internal fault (RuntimeError")
