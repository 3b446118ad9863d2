"""The command line: parse flags, call the library, print. The only place that exits."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
from importlib import resources
from pathlib import Path

from fabula import __version__
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
    read.add_argument("--out", metavar="DIR", default="out", help="folder for outputs not given a path (default: out)")
    read.add_argument("--quiet", action="store_true", help="print nothing but errors")
    read.add_argument("--profile", action="store_true", help="print the time each stage took")
    read.add_argument("--workers", type=int, default=1, help="processes for the spaCy parse (default: 1)")
    read.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    read.set_defaults(run=_run_read)

    evaluate = commands.add_parser("eval", help="score fabula on annotated data")
    evaluate.add_argument("dataset", choices=["pdnc", "litbank"], help="the annotation format")
    evaluate.add_argument("path", help="a folder laid out like the dataset")
    evaluate.add_argument("--errors", action="store_true", help="list the misses with context")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--only", metavar="NAME", action="append", help="evaluate only these books (folder names)")
    evaluate.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    evaluate.set_defaults(run=_run_eval)
    return parser


def _run_read(args: argparse.Namespace) -> int:
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
    json_path = Path(args.json) if args.json else Path(args.out) / f"{stem}.json"

    interactive = sys.stderr.isatty() and not args.quiet
    if interactive:
        from rich.console import Console

        with Console(stderr=True).status("reading") as status:
            analysis = read(path, n_process=args.workers, progress=lambda stage: status.update(f"fabula: {stage}"))
    else:
        analysis = read(path, n_process=args.workers)

    _write_atomically(json_path, json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1))
    if not args.quiet:
        print_summary(analysis, outputs={"json": json_path}, profile=args.profile)
    return 0


def _run_eval(args: argparse.Namespace) -> int:
    from fabula.evaluate import run_evaluation

    return run_evaluation(args.dataset, Path(args.path), errors=args.errors, as_json=args.json, only=args.only)


def _write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file, so no half-written file is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
