"""Score fabula on annotated fiction: ``fabula eval pdnc|litbank DIR``.

``evaluate`` runs the pipeline on every annotated book and scores it; the
command line prints the scores (``fabula.evaluate.report``). The scoring
itself lives in pure functions (``fabula.evaluate.scoring``) that take the
annotations and an ``Analysis``, so they can be tested without spaCy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from fabula.errors import InputError
from fabula.evaluate import litbank, pdnc
from fabula.evaluate.gold import GoldBook, GoldCharacter, GoldQuote
from fabula.evaluate.scoring import BookScore, map_characters, score_book
from fabula.model import Analysis

DATASETS: dict[str, tuple[Callable, Callable[[Path], GoldBook]]] = {
    "pdnc": (pdnc.find_novels, pdnc.load_novel),
    "litbank": (litbank.find_books, litbank.load_book),
}
"""For each annotation layout: how to find its books under a folder, how to read one."""

Status = Callable[[str, str | None], None]
"""Told the book being read and, when known, the pipeline stage it is at."""

__all__ = [
    "BookScore", "GoldBook", "GoldCharacter", "GoldQuote", "Status", "evaluate", "load_books",
    "map_characters", "score_book",
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
        return read(book.path, progress=(lambda stage, _: status(book.name, stage)) if status else None)
    return analyse(book.text)
