"""The example story's fabula/1 JSON, compared with a reviewed copy.

The copy in tests/data/example.fabula.json was read by a person: its cast,
scenes and speakers agree with tests/data/seed_speakers.tsv. When a change
alters the output on purpose, regenerate it and review the diff before
committing:

    FABULA_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import fabula

GOLDEN = Path(__file__).parent / "data" / "example.fabula.json"


def _example_dict() -> dict:
    path = resources.files("fabula") / "data" / "first-steps-to-recovery.txt"
    data = fabula.read(path).to_dict()
    data["source"]["path"] = "first-steps-to-recovery.txt"  # where the package sits is not output
    return data


def test_golden_example_story_json_matches_the_reviewed_copy() -> None:
    data = _example_dict()
    if os.environ.get("FABULA_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for key in golden:
        assert data[key] == golden[key], f"fabula/1 '{key}' changed: review it, then regenerate the copy"
    assert set(data) == set(golden)
