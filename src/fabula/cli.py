"""The command line: parse flags, call the library, print. The only place that exits."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from contextlib import AbstractContextManager, nullcontext
from importlib import resources
from pathlib import Path

from fabula import __version__
from fabula._files import write_atomically
from fabula.errors import FabulaError, InputError

EXAMPLE_STORY = "first-steps-to-recovery.txt"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except FabulaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # an internal fault: say so, keep the traceback behind --debug
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(
            f"error: internal fault ({type(error).__name__}: {error}); "
            "please report it, and run with --debug for the traceback",
            file=sys.stderr,
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fabula", description="Read a story and give back the world it tells.")
    parser.add_argument("--version", action="version", version=f"fabula {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal fault")
    commands = parser.add_subparsers(dest="command")

    read = commands.add_parser("read", help="analyse one story (the bundled example if none is given)")
    read.add_argument("story", nargs="?", help="a .txt, .md, .html or .epub file")
    read.add_argument("--json", metavar="FILE", help="where to write the fabula/1 JSON")
    read.add_argument("--html", metavar="FILE", help="where to write the HTML report")
    read.add_argument("--graphml", metavar="FILE", help="where to write the relations as GraphML")
    read.add_argument("--gexf", metavar="FILE", help="where to write the relations as GEXF (Gephi)")
    read.add_argument("--script", metavar="FILE", help="where to write the script for reading it aloud (podfic)")
    read.add_argument("--out", metavar="DIR", default="out", help="folder for outputs not given a path (default: out)")
    read.add_argument("--quiet", action="store_true", help="print nothing but errors")
    read.add_argument("--profile", action="store_true", help="print the time each stage took")
    read.add_argument("--workers", type=int, default=1, help="processes for the spaCy parse (default: 1)")
    read.add_argument("--max-size", type=float, default=None, metavar="MB",
                      help="the largest file to read, in MB (default: 50)")
    read.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    read.set_defaults(run=_run_read)

    corpus = commands.add_parser("corpus", help="read every story in a folder: per-story JSON and Parquet tables")
    corpus.add_argument("in_dir", metavar="IN_DIR", help="the folder of stories (.txt, .md, .html, .epub)")
    corpus.add_argument("--out", metavar="OUT_DIR", required=True, help="where the JSON, tables and errors go")
    corpus.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes to read stories in parallel (default: one per core)")
    corpus.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster (its scheduler address, or 'local')")
    corpus.add_argument("--max-size", type=float, default=None, metavar="MB", help="the largest file to read, in MB")
    corpus.add_argument("--quiet", action="store_true", help="print nothing but errors")
    corpus.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    corpus.set_defaults(run=_run_corpus)

    evaluate = commands.add_parser("eval", help="score fabula on annotated data")
    evaluate.add_argument("dataset", choices=["pdnc", "litbank", "warnings"], help="the annotation format")
    evaluate.add_argument("path", help="a folder laid out like the dataset (warnings: a .jsonl file of passages)")
    evaluate.add_argument("--errors", action="store_true", help="list the misses with context")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--only", metavar="NAME", action="append", help="evaluate only these books (folder names)")
    evaluate.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    evaluate.set_defaults(run=_run_eval)
    return parser


def _run_read(args: argparse.Namespace) -> int:
    from fabula.export.graph import render_graph
    from fabula.export.html import render_report
    from fabula.export.script import render_script
    from fabula.export.summary import print_summary
    from fabula.pipeline import read

    if args.story:
        path = Path(args.story)
        if not path.is_file():
            raise InputError(f"{path}: no such file; give the path of a story (.txt, .md, .html, .epub)")
        stem = path.stem
    else:
        path = resources.files("fabula") / "data" / EXAMPLE_STORY
        stem = Path(EXAMPLE_STORY).stem
    targets = {kind: Path(getattr(args, kind) or Path(args.out) / f"{stem}.{kind}")
               for kind in ("json", "html", "graphml", "gexf")}
    targets["script"] = Path(args.script or Path(args.out) / f"{stem}.script.txt")

    limit = {"max_megabytes": args.max_size} if args.max_size else {}
    if sys.stderr.isatty() and not args.quiet:
        with _StoryBar(path.name) as bar:
            analysis = read(path, n_process=args.workers, progress=bar, **limit)
    else:
        analysis = read(path, n_process=args.workers, **limit)
    if not args.quiet:
        for notice in analysis.notices:
            print(f"warning: {path}: {notice}", file=sys.stderr)

    data = analysis.to_dict()
    contents = {
        "json": json.dumps(data, ensure_ascii=False, indent=1),
        "html": render_report(analysis),
        "graphml": render_graph(data, "graphml"),
        "gexf": render_graph(data, "gexf"),
        "script": render_script(analysis),
    }
    for kind, content in contents.items():
        write_atomically(targets[kind], content)
    if not args.quiet:
        print_summary(analysis, outputs=targets, profile=args.profile)
    return 0


def _run_corpus(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape

    from fabula.corpus import find_stories, run_corpus

    in_dir, out_dir = Path(args.in_dir), Path(args.out)
    stories = find_stories(in_dir, out_dir)
    with (_progress(len(stories)) if not args.quiet else nullcontext(None)) as bar:
        result = run_corpus(in_dir, out_dir, workers=args.workers, dask=args.dask, max_megabytes=args.max_size,
                            stories=stories,
                            progress=(lambda outcome: bar(outcome.story, outcome.status)) if bar else None)
    failed = [o for o in result.outcomes if o.status == "failed"]
    if not args.quiet:
        console = Console(highlight=False)
        console.print(f"{result.count('done')} read, {result.count('skipped')} already done, {len(failed)} failed "
                      f"in {result.seconds:.1f} s; tables and JSON in {escape(str(out_dir))}")
    for outcome in failed:
        print(f"error: {outcome.error}", file=sys.stderr)
    if failed:
        print(f"error: {len(failed)} of {len(result.outcomes)} stories failed; see {out_dir / 'errors.jsonl'}",
              file=sys.stderr)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from rich.console import Console

    if args.dataset == "warnings":
        return _run_eval_warnings(args)

    from fabula.evaluate import evaluate, load_books
    from fabula.evaluate.report import print_errors, print_table, report_dict
    from fabula.evaluate.scoring import combine

    books = load_books(args.dataset, Path(args.path), args.only)
    with _progress(len(books)) as advance:
        scores = evaluate(books, status=advance)
    overall = combine(scores)
    if args.json:
        report = report_dict(args.dataset, args.path, scores, overall, args.errors)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    print_table(args.dataset, scores, overall, console)
    if args.errors:
        print_errors(scores, console)
    return 0


def _run_eval_warnings(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from fabula.evaluate.warnings import load_passages, macro_f1, score_warnings

    passages = load_passages(Path(args.path))
    with _progress(len(passages)) as bar:
        scores = score_warnings(passages, advance=(lambda: bar("passages", None)) if bar else None)
    if args.json:
        report = {
            "dataset": "warnings", "path": args.path, "passages": len(passages), "macro_f1": round(macro_f1(scores), 4),
            "warnings": [
                {"warning": s.warning, "passages": s.passages, "f1": round(s.f1, 4), "precision": round(s.precision, 4),
                 "recall": round(s.recall, 4), **({"misses": s.misses} if args.errors else {})}
                for s in scores
            ],
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    table = Table(title="fabula on passage warnings", title_justify="left")
    for column in ("warning", "passages", "annotated", "flagged", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "warning" else "right")
    for s in scores:
        table.add_row(s.warning, str(s.passages), str(s.true_positive + s.false_negative),
                      str(s.true_positive + s.false_positive), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
    table.add_row("macro", str(len(passages)), "", "", "", "", f"{macro_f1(scores):.2f}", end_section=True)
    console.print(table)
    if args.errors:
        for s in scores:
            for miss in s.misses[:10]:
                console.print(f"{s.warning} #{miss['id']} {miss['kind']}: {escape(miss['text'][:200])}")
    return 0


def _progress(total: int) -> AbstractContextManager:
    """A progress bar over the books on a terminal's stderr; nothing when stderr is piped."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    return _Bar(total)


class _Bar:
    """A rich progress bar that moves on by one each time a new book starts."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._progress.add_task("fabula eval", total=total)
        self._book: str | None = None

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __call__(self, book: str, stage: str | None) -> None:
        if self._book is not None and book != self._book:
            self._progress.advance(self._task)
        self._book = book
        self._progress.update(self._task, description=f"{book}: {stage}" if stage else book)

    def __exit__(self, *_) -> None:
        self._progress.stop()


class _StoryBar:
    """A progress bar over one story's analysis, on a terminal's stderr, gone when it is done."""

    STEPS = 1000

    def __init__(self, name: str):
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._progress.add_task(f"{name}: reading", total=self.STEPS)
        self._name = name

    def __enter__(self) -> _StoryBar:
        self._progress.start()
        return self

    def __call__(self, stage: str, done: float) -> None:
        from rich.markup import escape

        description = escape(f"{self._name}: {stage}")
        self._progress.update(self._task, description=description, completed=round(done * self.STEPS))

    def __exit__(self, *_) -> None:
        self._progress.stop()


if __name__ == "__main__":
    sys.exit(main())
