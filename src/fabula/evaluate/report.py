"""Show scores: a table on the terminal, the errors with their context, or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fabula.evaluate.gold import QUOTE_TYPES
from fabula.evaluate.scoring import BookScore, QuoteError, Ratio

ERRORS_SHOWN = 30
"""Errors listed per book on the terminal (JSON lists them all)."""

COLUMNS = ("quotes", "recall", "precision", "speaker", *QUOTE_TYPES, "addressees", "characters", "seconds")


def percent(ratio: Ratio) -> str:
    """``71.3%``, or ``–`` when there was nothing to count."""
    return "–" if ratio.value is None else f"{100 * ratio.value:.1f}%"


def _cells(score: BookScore) -> list[str]:
    return [
        str(score.quotes), percent(score.recall), percent(score.precision), percent(score.speaker),
        *(percent(score.types[t]) for t in QUOTE_TYPES),
        percent(score.addressees), percent(score.characters), f"{score.seconds:.1f}",
    ]


def print_table(dataset: str, books: Sequence[BookScore], overall: BookScore, console: Console) -> None:
    """One row per book and an overall row (every count summed over the books)."""
    table = Table(title=f"fabula on {dataset}", title_justify="left")
    table.add_column("book")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    for score in books:
        table.add_row(escape(score.name), *_cells(score))
    table.add_section()
    table.add_row("overall", *_cells(overall), style="bold")
    console.print(table)
    console.print(
        f"characters: {overall.characters.hit} of {overall.characters.total} annotated characters with "
        f"5+ quotes found as exactly one character; {overall.split} split over several. "
        f"{overall.unmapped} quotes went to a character whose names match no annotated one."
    )


def print_errors(books: Sequence[BookScore], console: Console, limit: int = ERRORS_SHOWN) -> None:
    """The first ``limit`` missed or misattributed quotes of each book, with what came before."""
    for score in books:
        if not score.errors:
            continue
        shown = score.errors[:limit]
        console.print(f"\n[bold]{escape(score.name)}[/bold]: {len(shown)} of {len(score.errors)} errors")
        for error in shown:
            console.print(_error_line(error))


def _error_line(error: QuoteError) -> str:
    """Two lines: what went wrong, then the context and the quote."""
    predicted = error.predicted_speaker or "nobody"
    if error.predicted_as and error.predicted_as != error.predicted_speaker:
        predicted += f" (= {error.predicted_as})"
    kind = f" · {error.type}" if error.type else ""
    head = f"{error.quote}{kind} · {error.problem} · gold: {error.gold_speaker or '?'}"
    if error.problem == "wrong speaker":
        head += f" · fabula: {predicted}"
    text = " ".join(error.text.split())
    text = text if len(text) <= 200 else text[:200] + "…"
    return f"{escape(head)}\n    [dim]…{escape(error.context)}[/dim][bold]{escape(text)}[/bold]"


def _ratio_dict(ratio: Ratio) -> dict:
    return {"value": ratio.value, "hit": ratio.hit, "total": ratio.total}


def score_dict(score: BookScore, errors: bool) -> dict:
    """One book's (or the overall) figures as plain JSON types."""
    data = {
        "name": score.name,
        "quotes": score.quotes,
        "recall": _ratio_dict(score.recall),
        "precision": _ratio_dict(score.precision),
        "speaker": _ratio_dict(score.speaker),
        "types": {t: _ratio_dict(r) for t, r in score.types.items()},
        "addressees": _ratio_dict(score.addressees),
        "characters": _ratio_dict(score.characters),
        "split_characters": score.split,
        "unmapped_speaker_quotes": score.unmapped,
        "seconds": round(score.seconds, 2),
    }
    if errors:
        data["errors"] = [asdict(e) for e in score.errors]
    return data


def report_dict(
    dataset: str, path: str, books: Sequence[BookScore], overall: BookScore, errors: bool
) -> dict:
    """The whole evaluation as one JSON object (errors are listed per book only)."""
    return {
        "dataset": dataset,
        "path": path,
        "books": [score_dict(s, errors) for s in books],
        "overall": score_dict(overall, errors=False),
    }
