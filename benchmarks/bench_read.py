"""Time `fabula read` on long texts, stage by stage, beside the spaCy parse floor.

Each measurement runs in a fresh subprocess so that peak memory (ru_maxrss) is
that run's own: the larger of the process and, with --workers, its largest
parse worker. Usage:

    .venv/bin/python benchmarks/bench_read.py [NOVEL_DIR ...] [--workers N] [--long WORDS]

With no folder it reads the PDNC dev novels in ../shared/data/pdnc-dev. ``--long 500000`` adds a
text of that many words, the dev novels one after another, to see memory grow with length.
A benchmark, not a test: it asserts nothing and prints a table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdnc-dev"

_RUN_FABULA = """
import json, resource, sys, time
import fabula
started = time.perf_counter()
analysis = fabula.read(sys.argv[1], n_process=int(sys.argv[2]))
total = time.perf_counter() - started
words = sum(len(p.text.split()) for p in analysis.story.paragraphs)
print(json.dumps({"seconds": total, "words": words, "stages": dict(analysis.timings),
                  "peak_mb": max(resource.getrusage(who).ru_maxrss for who in
                                 (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024}))
"""

_RUN_SPACY = """
import json, resource, sys, time
from fabula.nlp import load_pipeline
from fabula.stages.ingest import ingest
story = ingest(sys.argv[1])
nlp = load_pipeline()
started = time.perf_counter()
for _ in nlp.pipe([p.text for p in story.paragraphs], n_process=int(sys.argv[2]), batch_size=64):
    pass
print(json.dumps({"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _joined(novels: list[Path], words: int) -> Path:
    """The novels' texts one after another, cut at a paragraph once ``words`` are reached."""
    import tempfile

    parts, count = [], 0
    while count < words:
        for novel in novels:
            for paragraph in (novel / "novel_text.txt").read_text(encoding="utf-8").split("\n\n"):
                parts.append(paragraph)
                count += len(paragraph.split())
                if count >= words:
                    break
            if count >= words:
                break
    path = Path(tempfile.mkdtemp()) / f"joined-{words // 1000}k-words.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def _measure(script: str, path: Path, workers: int) -> dict:
    done = subprocess.run([sys.executable, "-c", script, str(path), str(workers)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--long", type=int, default=0, metavar="WORDS", help="also read the novels joined to this length")
    args = parser.parse_args()
    novels = sorted(p for p in DEFAULT_DATA.iterdir() if (p / "novel_text.txt").is_file())
    folders = args.folders or ([] if args.long else novels)
    if args.long:
        folders.append(_joined(novels, args.long))
    print(f"{'text':28} {'words':>8} {'fabula s':>9} {'spaCy s':>8} {'ratio':>6} {'words/s':>8} {'peak MB':>8}  stages")
    for folder in folders:
        path = folder / "novel_text.txt" if folder.is_dir() else folder
        ours = _measure(_RUN_FABULA, path, args.workers)
        floor = _measure(_RUN_SPACY, path, args.workers)
        stages = " ".join(f"{k}={v:.2f}" for k, v in ours["stages"].items())
        print(f"{folder.name[:28]:28} {ours['words']:>8,} {ours['seconds']:>9.1f} {floor['seconds']:>8.1f} "
              f"{ours['seconds'] / floor['seconds']:>6.2f} {ours['words'] / ours['seconds']:>8,.0f} "
              f"{ours['peak_mb']:>8,.0f}  {stages}", flush=True)


if __name__ == "__main__":
    main()
