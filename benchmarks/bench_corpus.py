"""Corpus throughput: `fabula corpus` with 1 and with N local workers on the same folder of stories.

The stories are the PDNC dev novels cut into fan-fiction-sized pieces (5,000 words by default),
written to a temporary folder. Usage:

    .venv/bin/python benchmarks/bench_corpus.py [--stories 40] [--words 5000] [--workers 2]

A benchmark, not a test: it asserts nothing and prints stories per second and the speed-up.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from fabula.corpus import run_corpus

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pdnc-dev"


def _stories(folder: Path, count: int, words: int) -> None:
    novels = sorted(p / "novel_text.txt" for p in DEFAULT_DATA.iterdir() if (p / "novel_text.txt").is_file())
    made = 0
    for novel in novels:
        paragraphs, size = [], 0
        for paragraph in novel.read_text(encoding="utf-8").split("\n\n"):
            paragraphs.append(paragraph)
            size += len(paragraph.split())
            if size >= words:
                (folder / f"{novel.parent.name}-{made:03d}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
                made, paragraphs, size = made + 1, [], 0
                if made == count:
                    return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        stories = Path(scratch) / "in"
        stories.mkdir()
        _stories(stories, args.stories, args.words)
        rates = {}
        for workers in (1, args.workers):
            started = time.perf_counter()
            result = run_corpus(stories, Path(scratch) / f"out-{workers}", workers=workers)
            seconds = time.perf_counter() - started
            rates[workers] = result.count("done") / seconds
            print(f"{workers} worker(s): {result.count('done')} stories of {args.words:,} words in {seconds:.1f} s, "
                  f"{rates[workers]:.2f} stories/s, {result.count('failed')} failed")
        print(f"speed-up with {args.workers} workers: {rates[args.workers] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
