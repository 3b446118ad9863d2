"""Many stories at once: local processes or a Dask cluster; resumable; per-story JSON and Parquet tables.

``run_corpus`` reads every story under a folder, writes ``stories/<path>.json`` for each in the
output folder, skips a story whose JSON was made by this fabula version from the same input bytes,
lists failures in ``errors.jsonl`` without stopping, and writes the corpus tables (``stories``,
``characters``, ``quotes``, ``scenes``, ``relations``, ``ratings``) as Parquet files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from fabula._files import write_atomically
from fabula.errors import FabulaError, InputError

SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub"})
TABLES = ("stories", "characters", "quotes", "scenes", "relations", "ratings")


@dataclass
class Outcome:
    """What became of one story: done, skipped (already done) or failed, and its table rows."""

    story: str
    status: str
    error: str | None = None
    seconds: float = 0.0
    rows: dict[str, list[dict]] = field(default_factory=dict)


@dataclass
class CorpusResult:
    outcomes: list[Outcome]
    seconds: float

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


def find_stories(in_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Every story file under ``in_dir`` (by suffix), in path order, leaving out hidden files and ``out_dir``."""
    if not in_dir.is_dir():
        raise InputError(f"{in_dir}: not a folder; give the folder that holds the stories")
    skip = out_dir.resolve() if out_dir else None
    found = []
    for path in sorted(in_dir.rglob("*")):
        relative = path.relative_to(in_dir)
        if any(part.startswith(".") for part in relative.parts) or path.suffix.lower() not in SUFFIXES:
            continue
        if skip and (skip == path.resolve() or skip in path.resolve().parents):
            continue
        if path.is_file():
            found.append(path)
    return found


def run_corpus(in_dir: Path, out_dir: Path, *, workers: int = 1, dask: str | None = None,
               max_megabytes: float | None = None, stories: list[Path] | None = None,
               progress: Callable[[Outcome], None] | None = None) -> CorpusResult:
    """Read every story under ``in_dir`` (or the ``stories`` already found there) into ``out_dir``;
    one failure never stops the others."""
    started = time.perf_counter()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    stories = find_stories(in_dir, out_dir) if stories is None else stories
    if not stories:
        raise InputError(f"{in_dir}: no stories found (.txt, .md, .html, .epub); check the folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(str(path), str(in_dir), str(out_dir), max_megabytes) for path in stories]
    outcomes = []
    for outcome in _run(jobs, workers, dask):
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    outcomes.sort(key=lambda o: o.story)
    _write_tables(out_dir, outcomes)
    _write_errors(out_dir, outcomes)
    return CorpusResult(outcomes=outcomes, seconds=time.perf_counter() - started)


def _run(jobs: list[tuple], workers: int, dask: str | None) -> Iterable[Outcome]:
    """The outcomes of every job, as they finish: here, in local processes, or on a Dask cluster."""
    if dask:
        yield from _run_on_dask(jobs, workers, dask)
    elif workers <= 1:
        for job in jobs:
            yield read_one(*job)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(read_one, *job) for job in jobs]):
                yield future.result()


def _run_on_dask(jobs: list[tuple], workers: int, address: str) -> Iterable[Outcome]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed as dask_completed
    except ImportError:
        raise InputError("--dask needs Dask; pip install 'fabula[dask]'") from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None) if address == "local" else None
    try:
        with Client(cluster or address) as client:
            futures = [client.submit(read_one, *job, pure=False) for job in jobs]
            for future in dask_completed(futures):
                yield future.result()
    except OSError as error:
        raise InputError(f"{address}: cannot reach the Dask scheduler ({error}); check the address") from None
    finally:
        if cluster is not None:
            cluster.close()


def read_one(path: str, in_dir: str, out_dir: str, max_megabytes: float | None = None) -> Outcome:
    """Analyse one story (or reuse its JSON when done before) and give its table rows; never raises."""
    from fabula import __version__
    from fabula.pipeline import read

    name = Path(path).relative_to(in_dir).as_posix()
    target = Path(out_dir) / "stories" / f"{name}.json"
    started = time.perf_counter()
    try:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        previous = _load(target)
        if previous and previous.get("generator", {}).get("version") == __version__ \
                and previous["source"]["sha256"] == digest:
            return Outcome(name, "skipped", rows=table_rows(name, previous))
        analysis = read(path, **({"max_megabytes": max_megabytes} if max_megabytes else {}))
        data = analysis.to_dict()
        data["source"]["path"] = name  # the same on every machine of a cluster
        write_atomically(target, json.dumps(data, ensure_ascii=False))
        return Outcome(name, "done", seconds=time.perf_counter() - started, rows=table_rows(name, data))
    except FabulaError as error:
        return Outcome(name, "failed", error=str(error), seconds=time.perf_counter() - started)
    except Exception as error:  # one story's fault must not stop the corpus
        return Outcome(name, "failed", error=f"internal fault ({type(error).__name__}: {error}); please report it",
                       seconds=time.perf_counter() - started)


def _load(target: Path) -> dict | None:
    try:
        return json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def table_rows(story: str, data: dict) -> dict[str, list[dict]]:
    """The corpus table rows of one story's ``fabula/1`` dict."""
    meta, rating, feelings = data["metadata"], data["rating"], data["feelings"]
    proposed = rating.get("proposed") or {}
    moods = feelings.get("characters", {})
    return {
        "stories": [{
            "story": story, "title": meta.get("title"), "author": meta.get("author"), "language": meta.get("language"),
            "words": data["stats"]["words"], "paragraphs": data["stats"]["paragraphs"],
            "chapters": data["stats"]["chapters"], "characters": len(data["characters"]), "quotes": len(data["quotes"]),
            "scenes": len(data["scenes"]), "declared_rating": rating["declared"]["rating"],
            "ao3": proposed.get("ao3"), "ffn": proposed.get("ffn"), "mpaa": proposed.get("mpaa"),
            "archive_warnings": rating.get("archive_warnings", []), "tags": rating.get("tags", []),
            "sha256": data["source"]["sha256"], "fabula_version": data["generator"]["version"],
        }],
        "characters": [{
            "story": story, "id": c["id"], "name": c["name"], "aliases": c["aliases"], "pronouns": c["pronouns"],
            "mentions": c["mentions"], "quotes": c["quotes"], "on_page": c["on_page"], "narrator": c["narrator"],
            "valence": moods.get(c["id"], {}).get("valence"),
        } for c in data["characters"]],
        "quotes": [{
            "story": story, "id": q["id"], "start": q["start"], "end": q["end"], "text": q["text"], "kind": q["kind"],
            "speaker": q["speaker"], "addressees": q["addressees"], "confidence": q["confidence"], "cue": q["cue"],
            "valence": feelings.get("quotes", {}).get(q["id"], {}).get("valence"),
        } for q in data["quotes"]],
        "scenes": [{
            "story": story, "id": s["id"], "start": s["start"], "end": s["end"], "characters": s["characters"],
            "boundary": s["boundary"], "valence": feelings.get("scenes", {}).get(s["id"], {}).get("valence"),
        } for s in data["scenes"]],
        "relations": [{
            "story": story, "a": r["characters"][0], "b": r["characters"][1], "lines": r["lines"],
            "lines_a_to_b": r["lines_each_way"][0], "lines_b_to_a": r["lines_each_way"][1], "scenes": r["scenes"],
            "valence": r["valence"], "label": r["label"],
        } for r in data["relations"]],
        "ratings": [{
            "story": story, "category": c["category"], "level": c["level"], "confidence": c["confidence"],
            "evidence": [e["text"] for e in c["evidence"]],
        } for c in rating.get("content", [])],
    }


def _schemas():
    import pyarrow as pa

    text, number, real, strings = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
    return {
        "stories": [("story", text), ("title", text), ("author", text), ("language", text), ("words", number),
                    ("paragraphs", number), ("chapters", number), ("characters", number), ("quotes", number),
                    ("scenes", number), ("declared_rating", text), ("ao3", text), ("ffn", text), ("mpaa", text),
                    ("archive_warnings", strings), ("tags", strings), ("sha256", text), ("fabula_version", text)],
        "characters": [("story", text), ("id", text), ("name", text), ("aliases", strings), ("pronouns", text),
                       ("mentions", number), ("quotes", number), ("on_page", pa.bool_()), ("narrator", pa.bool_()),
                       ("valence", real)],
        "quotes": [("story", text), ("id", text), ("start", number), ("end", number), ("text", text), ("kind", text),
                   ("speaker", text), ("addressees", strings), ("confidence", real), ("cue", text), ("valence", real)],
        "scenes": [("story", text), ("id", text), ("start", number), ("end", number), ("characters", strings),
                   ("boundary", text), ("valence", real)],
        "relations": [("story", text), ("a", text), ("b", text), ("lines", number), ("lines_a_to_b", number),
                      ("lines_b_to_a", number), ("scenes", number), ("valence", real), ("label", text)],
        "ratings": [("story", text), ("category", text), ("level", text), ("confidence", real), ("evidence", strings)],
    }


def _write_tables(out_dir: Path, outcomes: list[Outcome]) -> None:
    """One Parquet file per table, rows in story order, written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table, columns in _schemas().items():
        rows = [row for outcome in outcomes for row in outcome.rows.get(table, [])]
        data = pa.Table.from_pylist(rows, schema=pa.schema(columns))
        handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{table}.", suffix=".tmp")
        os.close(handle)
        try:
            pq.write_table(data, temporary)
            os.replace(temporary, out_dir / f"{table}.parquet")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _write_errors(out_dir: Path, outcomes: list[Outcome]) -> None:
    lines = [json.dumps({"story": o.story, "error": o.error}, ensure_ascii=False)
             for o in outcomes if o.status == "failed"]
    write_atomically(out_dir / "errors.jsonl", "".join(line + "\n" for line in lines))
