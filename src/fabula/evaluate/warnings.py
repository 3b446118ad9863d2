"""Score content warnings on passages: ``fabula eval warnings FILE.jsonl``.

One passage per line, laid out like ``../shared/data/passage-warnings/dev.jsonl``:
``{"warning": "violence", "labels": [1, 0, 1], "text": "...", "work_id": "...", ...}``. A passage
carries its warning when most of its votes say 1; fabula flags it when ``rating.content`` holds that
category above level none. The score is F1 per warning and their mean (macro-F1).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fabula.errors import InputError


@dataclass
class WarningScore:
    """Counts for one warning: flagged and annotated, flagged only, annotated only, neither."""

    warning: str
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    misses: list[dict] = field(default_factory=list)

    @property
    def passages(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    @property
    def f1(self) -> float:
        found = 2 * self.true_positive
        return found / (found + self.false_positive + self.false_negative) if self.true_positive else 0.0

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        annotated = self.true_positive + self.false_negative
        return self.true_positive / annotated if annotated else 0.0


def load_passages(path: Path) -> list[dict]:
    """The passages of a JSON-lines file, each checked for a warning, votes and text."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give a .jsonl file of passages (see docs/evaluation.md)")
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            passages.append({"warning": str(row["warning"]), "labels": [int(v) for v in row["labels"]],
                             "text": str(row["text"]), "id": row.get("example_id", number)})
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}: not a passage ({error}); each line needs warning, labels and text") from None
    if not passages:
        raise InputError(f"{path}: no passages; give a .jsonl file with one passage per line")
    return passages


def score_warnings(passages: list[dict], advance: Callable[[], None] | None = None) -> list[WarningScore]:
    """Run the content stage on each passage and count hits and misses per warning."""
    from fabula.model import Cast
    from fabula.nlp import parse
    from fabula.stages.content import find_content
    from fabula.stages.ingest import ingest_text
    from fabula.stages.quotes import find_quotes

    scores: dict[str, WarningScore] = {}
    for passage in passages:
        story = ingest_text(passage["text"])
        quotes = find_quotes(story, parse(story))
        found = {s.category for s in find_content(story, quotes, Cast()).signals}
        annotated = 2 * sum(passage["labels"]) > len(passage["labels"])
        flagged = passage["warning"] in found
        score = scores.setdefault(passage["warning"], WarningScore(passage["warning"]))
        if flagged and annotated:
            score.true_positive += 1
        elif flagged:
            score.false_positive += 1
            score.misses.append({"id": passage["id"], "kind": "flagged, not annotated", "text": passage["text"]})
        elif annotated:
            score.false_negative += 1
            score.misses.append({"id": passage["id"], "kind": "annotated, not flagged", "text": passage["text"]})
        else:
            score.true_negative += 1
        if advance:
            advance()
    return sorted(scores.values(), key=lambda s: s.warning)


def macro_f1(scores: list[WarningScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0
