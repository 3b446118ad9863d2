"""Score fabula on annotated fiction: ``fabula eval pdnc|litbank DIR``.

``evaluate`` runs the pipeline on every annotated book and scores it;
``run_evaluation`` (what the command line calls) prints the scores. The scoring
itself lives in pure functions (``fabula.evaluate.scoring``) that take the
annotations and an ``Analysis``, so they can be tested without spaCy.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from rich.console import Console

from fabula.errors import InputError
from fabula.evaluate import litbank, pdnc
from fabula.evaluate.gold import GoldBook, GoldCharacter, GoldQuote
from fabula.evaluate.report import print_errors, print_table, report_dict
from fabula.evaluate.scoring import BookScore, combine, map_characters, score_book
from fabula.model import Analysis

DATASETS: dict[str, tuple[Callable, Callable[[Path], GoldBook]]] = {
    "pdnc": (pdnc.find_novels, pdnc.load_novel),
    "litbank": (litbank.find_books, litbank.load_book),
}
"""For each annotation layout: how to find its books under a folder, how to read one."""

Status = Callable[[str, str | None], None]
"""Told the book being read and, when known, the pipeline stage it is at."""

__all__ = [
    "BookScore", "GoldBook", "GoldCharacter", "GoldQuote", "evaluate", "load_books",
    "map_characters", "run_evaluation", "score_book",
]


def load_books(dataset: str, path: Path, only: Sequence[str] | None = None) -> list[GoldBook]:
    """Every annotated book of ``dataset`` layout under ``path`` (all read before any is scored)."""
    if dataset not in DATASETS:
        raise InputError(f"{dataset}: unknown dataset; use one of {', '.join(DATASETS)}")
    find, load = DATASETS[dataset]
    return [load(source) for source in find(Path(path), only)]


def evaluate(books: Sequence[GoldBook], status: Status | None = None) -> list[BookScore]:
    """Run the pipeline on each book and score it."""
    scores = []
    for book in books:
        started = time.perf_counter()
        analysis = _analyse(book, status)
        scores.append(score_book(book, analysis, seconds=time.perf_counter() - started))
    return scores


def _analyse(book: GoldBook, status: Status | None) -> Analysis:
    """The pipeline's reading of a book: its file when the offsets point into one, else its text."""
    from fabula.pipeline import analyse, read

    if status:
        status(book.name, None)
    if book.path is not None:
        return read(book.path, progress=(lambda stage: status(book.name, stage)) if status else None)
    return analyse(book.text)


def run_evaluation(
    dataset: str,
    path: Path,
    *,
    errors: bool = False,
    as_json: bool = False,
    only: Sequence[str] | None = None,
) -> int:
    """Score fabula on the books under ``path`` and print the figures (or JSON); returns 0."""
    books = load_books(dataset, path, only)
    with _progress(len(books)) as advance:
        scores = evaluate(books, status=advance)
    overall = combine(scores)
    if as_json:
        report = report_dict(dataset, str(path), scores, overall, errors)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    print_table(dataset, scores, overall, console)
    if errors:
        print_errors(scores, console)
    return 0


def _progress(total: int) -> AbstractContextManager[Status | None]:
    """A progress bar over the books on a terminal's stderr; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    return _Bar(total)


class _Bar:
    """A rich progress bar that moves on by one each time a new book starts."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._progress.add_task("fabula eval", total=total)
        self._book: str | None = None

    def __enter__(self) -> Status:
        self._progress.start()
        return self

    def __call__(self, book: str, stage: str | None) -> None:
        if self._book is not None and book != self._book:
            self._progress.advance(self._task)
        self._book = book
        self._progress.update(self._task, description=f"{book}: {stage}" if stage else book)

    def __exit__(self, *_) -> None:
        self._progress.stop()
